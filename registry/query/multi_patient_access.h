// Who may run ITI-51 Multi-Patient Stored Query. A query across patients
// discloses many patients' metadata at once, so the registry answers it
// only to consumers named in its configuration
// (registry.multi_patient_query_consumers), as allow-list entries of
// verified evidence ("ip:", "cert-cn:", "cert-subject:", "org:";
// wire/security/requester.h). An address alone is weak evidence
// (spoofable on a shared network): deployments should list certificate
// identities once the endpoint requires mutual TLS.
//
// Plain values and a pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "wire/security/requester.h"

namespace xds::registry {

struct MultiPatientAccess {
  std::vector<std::string> allowed_consumers;  // entries as above; empty: nobody
};

inline bool MayRunMultiPatientQuery(const security::Requester& caller, const MultiPatientAccess& access) {
  return security::Listed(caller, access.allowed_consumers);
}

}  // namespace xds::registry

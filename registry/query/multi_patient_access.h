// Who may run ITI-51 Multi-Patient Stored Query. A query across patients
// discloses many patients' metadata at once, so the registry answers it
// only to consumers named in its configuration
// (registry.multi_patient_query_consumers).
//
// The decision is one function of the caller's identity so that the rule
// can grow without touching the transaction: today a consumer proves
// either its network address (plain HTTP) or, when the registry endpoint
// runs with mutual TLS, the certificate it showed (wire/http verifies it
// before the request is read). Allow-list entries:
//   "ip:<address>"          the client's IP address as the server sees it
//   "cert-cn:<name>"        the common name of a verified client certificate
//   "cert-subject:<DN>"     its full subject DN (RFC 2253)
// A certificate entry never matches a caller without a verified
// certificate. An address alone is weak evidence (spoofable on a shared
// network): deployments should list certificate identities once the
// endpoint requires mutual TLS.
//
// Plain values and a pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace xds::registry {

// What the transport proved about the caller of one request.
struct CallerIdentity {
  std::string address;              // IP address of the TCP peer
  bool has_certificate = false;     // a client certificate was verified
  std::string certificate_subject;  // its subject DN
  std::string certificate_cn;       // its common name
};

struct MultiPatientAccess {
  std::vector<std::string> allowed_consumers;  // entries as above; empty: nobody
};

bool MayRunMultiPatientQuery(const CallerIdentity& caller, const MultiPatientAccess& access);

// "ip:127.0.0.1", "cert-cn:portal" ...: how the caller is named in logs
// and error messages.
std::string DescribeCaller(const CallerIdentity& caller);

}  // namespace xds::registry

// RegistryLink: what the repository asks of the Document Registry:
// ITI-42 Register Document Set-b for each ITI-41 it accepts, and ITI-18
// GetDocuments to learn, after a crash or a registry that did not answer,
// whether a held-back submission was registered after all.
//
// The transports are borrowed (the composition root owns them): HTTP to a
// registry on another host, or in-process. So is the optional auditor: with
// one, each ITI-42 that went out is audited as its source (110106 Export,
// wire/audit/export_audit.h) once the registry answered or failed to.
// Thread-safe as they are.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "wire/audit/transaction_auditor.h"
#include "wire/base/status.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/soap_transport.h"

namespace xds::repository {

class RegistryLink {
 public:
  RegistryLink(soap::SoapTransport& register_transport, soap::SoapTransport& query_transport,
               const audit::TransactionAuditor* auditor = nullptr)
      : register_(register_transport), query_(query_transport), auditor_(auditor) {}

  // The registry's answer. A SOAP fault or an unreadable reply becomes a
  // Failure with XDSRegistryError (the registry did not register). Errors:
  // Unavailable when the request could not be sent, OutcomeUnknown when it
  // went out and no answer came back.
  Result<ihe::RegistryResponse> Register(const ihe::SubmitObjectsRequest& metadata);

  // Which of `unique_ids` the registry holds as DocumentEntries.
  Result<std::set<std::string>> Registered(const std::vector<std::string>& unique_ids);

  std::string Describe() const { return register_.Describe(); }

 private:
  soap::SoapTransport& register_;
  soap::SoapTransport& query_;
  const audit::TransactionAuditor* auditor_;

  Result<ihe::RegistryResponse> Exchange(const ihe::SubmitObjectsRequest& metadata);
};

}  // namespace xds::repository

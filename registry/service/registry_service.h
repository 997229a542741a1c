// RegistryService: the Document Registry's SOAP face. Binds ITI-42
// (Register Document Set-b), ITI-18 (Registry Stored Query), and the
// metadata lifecycle: ITI-57 (Update Document Set), ITI-62 (Remove
// Metadata), ITI-92 (Restricted Update Document Set) and ITI-51
// (Multi-Patient Stored Query) to a SoapEndpoint; the transactions
// themselves live in registry/submit, registry/query, registry/update and
// registry/remove. ITI-42/18 handlers are in registry_service.cc, the
// lifecycle ones in lifecycle_handlers.cc.
//
// Thread-safe: holds only immutable options and the thread-safe store.
#pragma once

#include "registry/access/access_policy.h"
#include "registry/query/multi_patient_access.h"
#include "registry/query/stored_query.h"
#include "registry/store/registry_store.h"
#include "registry/submit/register_document_set.h"
#include "wire/config/config.h"
#include "wire/soap/soap_endpoint.h"
#include "wire/xml/schema_validator.h"

namespace xds::audit {
class TransactionAuditor;  // wire/audit/transaction_auditor.h
}

namespace xds::registry {

struct RegistryOptions {
  RegisterOptions register_options;
  QueryOptions query_options;
  // ITI-51 is answered only to these consumers (multi_patient_access.h).
  MultiPatientAccess multi_patient_access;
  // Sealing between structures, consent and sharing rules ([access];
  // registry/access/access_policy.h), applied to every stored query.
  AccessOptions access;

  // Reads the [registry] and [access] keys of the configuration file.
  static Result<RegistryOptions> FromConfig(const Config& config);
};

class RegistryService {
 public:
  // `schemas` (optional, borrowed, must outlive the service): request
  // bodies that do not match schemas/xml are refused before any metadata
  // rule runs, with XDSRegistryMetadataError (ITI-42) or XDSRegistryError
  // (ITI-18) naming the first structural error.
  RegistryService(RegistryStore& store, RegistryOptions options, const xml::SchemaSet* schemas = nullptr)
      : store_(store), options_(std::move(options)), schemas_(schemas) {}

  // Registers the ITI-42 and ITI-18 actions on `endpoint`.
  void Bind(soap::SoapEndpoint& endpoint);
  // The node's audit trail, for what only the service knows: the objects
  // the access policy withheld from a query. Borrowed; null: none.
  void set_auditor(const audit::TransactionAuditor* auditor) { auditor_ = auditor; }
  const RegistryOptions& options() const { return options_; }

  Result<soap::SoapReply> Register(const soap::SoapRequest& request);
  Result<soap::SoapReply> StoredQuery(const soap::SoapRequest& request);
  Result<soap::SoapReply> UpdateDocumentSet(const soap::SoapRequest& request, bool restricted);
  Result<soap::SoapReply> RemoveMetadata(const soap::SoapRequest& request);
  Result<soap::SoapReply> MultiPatientQuery(const soap::SoapRequest& request);

 private:
  // The first structural error of `body`, or OK (also when no schemas).
  Status CheckSchema(const xml::XmlElement& body) const;
  // Runs a stored query (ITI-18 or ITI-51) under the access policy and
  // audits what the policy withheld.
  // With sealing on, why the requester may not register, update or remove
  // what `claim` describes (AccessCheck::SubmissionRefusals), as
  // XDSRegistryError entries; empty: it may.
  ihe::RegistryErrors PolicyRefusals(const soap::SoapRequest& request, const access::SubmissionClaim& claim) const;
  QueryOutcome RunUnderPolicy(const soap::SoapRequest& request, const ihe::AdhocQueryRequest& query,
                              bool multi_patient) const;

  RegistryStore& store_;
  const RegistryOptions options_;
  const xml::SchemaSet* schemas_;
  const audit::TransactionAuditor* auditor_ = nullptr;
};

}  // namespace xds::registry

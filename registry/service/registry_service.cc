#include "registry/service/registry_service.h"

#include <spdlog/spdlog.h>

#include "wire/access/submission_claim.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/base/ids.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {

Result<RegistryOptions> RegistryOptions::FromConfig(const Config& config) {
  RegistryOptions o;
  auto access = AccessOptions::FromConfig(config);
  if (!access.ok()) return access.status();
  o.access = std::move(*access);
  o.register_options.validation.allowed_mime_types = config.Strings("registry.allowed_mime_types");
  o.query_options.max_leaf_class_results =
      static_cast<size_t>(config.Int("registry.max_query_results", 1000));
  o.query_options.unknown_patient_is_error = config.Bool("registry.unknown_patient_is_error", false);
  o.multi_patient_access.allowed_consumers = config.Strings("registry.multi_patient_query_consumers");
  return o;
}

void RegistryService::Bind(soap::SoapEndpoint& endpoint) {
  endpoint.On(std::string(vocab::kActionRegister),
              [this](const soap::SoapRequest& r) { return Register(r); });
  endpoint.On(std::string(vocab::kActionStoredQuery),
              [this](const soap::SoapRequest& r) { return StoredQuery(r); });
  endpoint.On(std::string(vocab::kActionUpdateDocumentSet),
              [this](const soap::SoapRequest& r) { return UpdateDocumentSet(r, /*restricted=*/false); });
  endpoint.On(std::string(vocab::kActionRestrictedUpdateDocumentSet),
              [this](const soap::SoapRequest& r) { return UpdateDocumentSet(r, /*restricted=*/true); });
  endpoint.On(std::string(vocab::kActionDeleteDocumentSet),
              [this](const soap::SoapRequest& r) { return RemoveMetadata(r); });
  endpoint.On(std::string(vocab::kActionMultiPatientQuery),
              [this](const soap::SoapRequest& r) { return MultiPatientQuery(r); });
}

Status RegistryService::CheckSchema(const xml::XmlElement& body) const {
  return schemas_ != nullptr ? schemas_->Validate(body) : Status::Ok();
}

Result<soap::SoapReply> RegistryService::Register(const soap::SoapRequest& request) {
  ihe::RegistryErrors errors;
  Status structure = CheckSchema(request.envelope.body);
  auto submission = structure.ok() ? ihe::ReadSubmitObjectsRequest(request.envelope.body)
                                   : Result<ihe::SubmitObjectsRequest>(structure);
  if (!submission.ok()) {
    // Well-formed SOAP whose body is not a usable submission: a metadata
    // error in the response, not a fault (ITI TF-3 4.2.4).
    errors.push_back(ihe::RegistryError::Error(
        submission.status().code() == Status::Code::kNotFound ? ihe::ErrorCode::kUnresolvedReference
                                                              : ihe::ErrorCode::kRegistryMetadataError,
        submission.status().message()));
  } else {
    // The claim is read only when sealing asks for it (the ITI-42 hot path).
    if (options_.access.sealing) errors = PolicyRefusals(request, access::SubmissionClaimOf(*submission));
    if (errors.empty()) errors = RegisterDocumentSet(store_, std::move(*submission), options_.register_options);
  }
  spdlog::info("ITI-42 message_id={} outcome={} errors={}", request.envelope.message_id,
               ihe::HasError(errors) ? "failure" : "success", errors.size());
  xml::XmlWriter w;
  ihe::WriteRegistryResponse(w, errors);
  return soap::SoapReply{std::string(vocab::kActionRegisterResponse), w.Take()};
}

Result<soap::SoapReply> RegistryService::StoredQuery(const soap::SoapRequest& request) {
  QueryOutcome outcome;
  Status structure = CheckSchema(request.envelope.body);
  auto query = structure.ok() ? ihe::ReadAdhocQueryRequest(request.envelope.body)
                              : Result<ihe::AdhocQueryRequest>(structure);
  if (!query.ok()) {
    outcome.errors.push_back(
        ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError, query.status().message()));
  } else {
    // LeafClass objects come back as the stored XML, copied into the
    // response as they are (object_loader.h).
    outcome = RunUnderPolicy(request, *query, /*multi_patient=*/false);
  }
  spdlog::info("ITI-18 message_id={} query={} results={} errors={}", request.envelope.message_id,
               query.ok() ? query->query_id : std::string("?"),
               outcome.object_xml.size() + outcome.object_refs.size(), outcome.errors.size());
  xml::XmlWriter w;
  ihe::WriteAdhocQueryResponseXml(w, outcome.object_xml, outcome.object_refs, outcome.errors);
  return soap::SoapReply{std::string(vocab::kActionStoredQueryResponse), w.Take()};
}

ihe::RegistryErrors RegistryService::PolicyRefusals(const soap::SoapRequest& request,
                                                    const access::SubmissionClaim& claim) const {
  ihe::RegistryErrors errors;
  if (!options_.access.sealing) return errors;
  std::vector<std::string> refusals;
  Status s = store_.ReadOnly([&](ReadTxn& txn) {
    AccessCheck check(options_.access, request.requester, txn, NowDtm());
    auto found = check.SubmissionRefusals(claim);
    if (!found.ok()) return found.status();
    refusals = std::move(*found);
    return Status::Ok();
  });
  if (!s.ok()) {
    errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError,
                                               "the registry could not apply its access policy: " + s.message()));
    return errors;
  }
  for (const auto& r : refusals)
    errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError,
                                               "refused by the region's access policy: " + r));
  if (!refusals.empty())
    spdlog::warn("{} from {} refused by the access policy: {}", request.envelope.action,
                 security::Describe(request.requester), refusals.front());
  return errors;
}

QueryOutcome RegistryService::RunUnderPolicy(const soap::SoapRequest& request, const ihe::AdhocQueryRequest& query,
                                             bool multi_patient) const {
  // LeafClass objects come back as the stored XML, copied into the
  // response as they are (object_loader.h).
  QueryOptions query_options = options_.query_options;
  query_options.leaf_class_as_xml = true;
  QueryAccess access{options_.access, request.requester};
  QueryOutcome outcome = multi_patient ? RunMultiPatientStoredQuery(store_, query, query_options, &access)
                                       : RunStoredQuery(store_, query, query_options, &access);
  if (!outcome.withheld.empty()) {
    spdlog::info("{} message_id={}: access policy withheld {} object(s)", multi_patient ? "ITI-51" : "ITI-18",
                 request.envelope.message_id, outcome.withheld.size());
    if (auditor_) {
      // The denial is audited apart from the query record (which shows a
      // normal answer, as the requester saw it): minor failure, the query,
      // and which objects were withheld.
      audit::TransactionFacts facts;
      facts.transaction = audit::Transaction::kIti18;
      facts.side = audit::Side::kDestination;
      facts.outcome = audit::Outcome::kMinorFailure;
      facts.outcome_description = "access policy withheld " + std::to_string(outcome.withheld.size()) +
                                  " object(s): " + outcome.withheld.front() +
                                  (outcome.withheld.size() > 1 ? " ..." : "");
      facts.source = audit::TransactionAuditor::SourceOf(request.http, request.envelope.reply_to);
      facts.destination = auditor_->Self(request.http.path);
      facts.query_id = query.query_id;
      auditor_->Record(facts);
    }
  }
  return outcome;
}

}  // namespace xds::registry

// RegistryService handlers of the metadata lifecycle: ITI-57 Update
// Document Set, ITI-92 Restricted Update Document Set, ITI-62 Remove
// Metadata, and ITI-51 Multi-Patient Stored Query (see
// registry_service.h). Like ITI-42, a body that is not a usable request is
// answered with a RegistryErrorList, not a fault.
#include <spdlog/spdlog.h>

#include "registry/remove/remove_metadata.h"
#include "registry/service/registry_service.h"
#include "registry/update/update_document_set.h"
#include "wire/access/submission_claim.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

soap::SoapReply RegistryResponseReply(std::string_view action, const ihe::RegistryErrors& errors) {
  xml::XmlWriter w;
  ihe::WriteRegistryResponse(w, errors);
  return soap::SoapReply{std::string(action), w.Take()};
}

}  // namespace

Result<soap::SoapReply> RegistryService::UpdateDocumentSet(const soap::SoapRequest& request, bool restricted) {
  ihe::RegistryErrors errors;
  Status structure = CheckSchema(request.envelope.body);
  auto submission = structure.ok() ? ihe::ReadSubmitObjectsRequest(request.envelope.body)
                                   : Result<ihe::SubmitObjectsRequest>(structure);
  if (!submission.ok()) {
    errors.push_back(ihe::RegistryError::Error(submission.status().code() == Status::Code::kNotFound
                                                   ? ihe::ErrorCode::kUnresolvedReference
                                                   : ihe::ErrorCode::kRegistryMetadataError,
                                               submission.status().message()));
  } else {
    UpdateOptions options;
    options.validation = options_.register_options.validation;
    options.restricted = restricted;
    if (options_.access.sealing) errors = PolicyRefusals(request, access::SubmissionClaimOf(*submission));
    if (errors.empty()) errors = registry::UpdateDocumentSet(store_, std::move(*submission), options);
  }
  spdlog::info("{} message_id={} outcome={} errors={}", restricted ? "ITI-92" : "ITI-57",
               request.envelope.message_id, ihe::HasError(errors) ? "failure" : "success", errors.size());
  return RegistryResponseReply(restricted ? vocab::kActionRestrictedUpdateDocumentSetResponse
                                          : vocab::kActionUpdateDocumentSetResponse,
                               errors);
}

Result<soap::SoapReply> RegistryService::RemoveMetadata(const soap::SoapRequest& request) {
  ihe::RegistryErrors errors;
  Status structure = CheckSchema(request.envelope.body);
  auto removal = structure.ok() ? ReadRemoveObjectsRequest(request.envelope.body)
                                : Result<RemoveObjectsRequest>(structure);
  if (!removal.ok())
    errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError, removal.status().message()));
  else {
    // Under sealing a structure removes only its own metadata.
    access::SubmissionClaim claim;
    claim.registered_objects = removal->object_refs;
    errors = PolicyRefusals(request, claim);
    if (errors.empty()) errors = registry::RemoveMetadata(store_, *removal);
  }
  spdlog::info("ITI-62 message_id={} objects={} outcome={} errors={}", request.envelope.message_id,
               removal.ok() ? removal->object_refs.size() : 0, ihe::HasError(errors) ? "failure" : "success",
               errors.size());
  return RegistryResponseReply(vocab::kActionDeleteDocumentSetResponse, errors);
}

Result<soap::SoapReply> RegistryService::MultiPatientQuery(const soap::SoapRequest& request) {
  QueryOutcome outcome;
  const security::Requester& caller = request.requester;
  Status structure = CheckSchema(request.envelope.body);
  auto query = structure.ok() ? ihe::ReadAdhocQueryRequest(request.envelope.body)
                              : Result<ihe::AdhocQueryRequest>(structure);
  if (!MayRunMultiPatientQuery(caller, options_.multi_patient_access)) {
    // Checked before the request is run: an unauthorised consumer learns
    // nothing, not even whether its query was well formed.
    outcome.errors.push_back(ihe::RegistryError::Error(
        ihe::ErrorCode::kRegistryError, "Multi-Patient Stored Query (ITI-51) refused: consumer " +
                                            security::Describe(caller) +
                                            " is not in registry.multi_patient_query_consumers"));
  } else if (!query.ok()) {
    outcome.errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError, query.status().message()));
  } else {
    outcome = RunUnderPolicy(request, *query, /*multi_patient=*/true);
  }
  spdlog::info("ITI-51 message_id={} caller={} query={} results={} errors={}", request.envelope.message_id,
               security::Describe(caller), query.ok() ? query->query_id : std::string("?"),
               outcome.object_xml.size() + outcome.object_refs.size(), outcome.errors.size());
  xml::XmlWriter w;
  ihe::WriteAdhocQueryResponseXml(w, outcome.object_xml, outcome.object_refs, outcome.errors);
  return soap::SoapReply{std::string(vocab::kActionMultiPatientQueryResponse), w.Take()};
}

}  // namespace xds::registry

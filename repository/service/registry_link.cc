#include "repository/service/registry_link.h"

#include "wire/audit/export_audit.h"
#include "wire/ihe/query_values.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_writer.h"
#include "wire/ihe/stored_queries.h"

namespace xds::repository {
namespace {

ihe::RegistryResponse RegistryFailure(std::string reason) {
  ihe::RegistryResponse r;
  r.status = std::string(vocab::kResponseFailure);
  r.errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRegistryError, std::move(reason)));
  return r;
}

}  // namespace

Result<ihe::RegistryResponse> RegistryLink::Register(const ihe::SubmitObjectsRequest& metadata) {
  Result<ihe::RegistryResponse> answer = Exchange(metadata);
  if (auditor_ != nullptr)
    audit::RecordExport(*auditor_, audit::Transaction::kIti42, metadata, register_.Describe(), answer);
  return answer;
}

Result<ihe::RegistryResponse> RegistryLink::Exchange(const ihe::SubmitObjectsRequest& metadata) {
  xml::XmlWriter w;
  ihe::WriteSubmitObjectsRequest(w, metadata);
  auto reply = register_.Call(std::string(vocab::kActionRegister), w.Take());
  if (!reply.ok()) {
    // A reply that is not SOAP at all: the registry answered, and did not
    // register anything it could not answer for.
    if (reply.status().code() == Status::Code::kInvalidArgument)
      return RegistryFailure("the registry's reply is unreadable: " + reply.status().message());
    return reply.status();
  }
  if (reply->is_fault) return RegistryFailure("the registry answered with a SOAP fault: " + reply->fault.reason);
  auto response = ihe::ReadRegistryResponse(reply->body);
  if (!response.ok()) return RegistryFailure("the registry's reply is unreadable: " + response.status().message());
  return *response;
}

Result<std::set<std::string>> RegistryLink::Registered(const std::vector<std::string>& unique_ids) {
  std::set<std::string> found;
  if (unique_ids.empty()) return found;
  ihe::AdhocQueryRequest query;
  query.query_id = ihe::query_id::kGetDocuments;
  query.return_type = "LeafClass";
  query.parameters.push_back({"$XDSDocumentEntryUniqueId", {ihe::QuotedQueryList(unique_ids)}});
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, query);
  auto reply = query_.Call(std::string(vocab::kActionStoredQuery), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::Unavailable("the registry answered GetDocuments with a fault: " + reply->fault.reason);
  auto response = ihe::ReadAdhocQueryResponse(reply->body);
  if (!response.ok()) return response.status();
  if (ihe::HasError(response->errors))
    return Status::Unavailable("the registry answered GetDocuments with " + response->errors.front().error_code + ": " +
                               response->errors.front().code_context);
  for (const ihe::RegistryObject& o : response->objects) found.insert(ihe::UniqueIdOf(o));
  return found;
}

}  // namespace xds::repository

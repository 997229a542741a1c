#include "tests/support/registry_calls.h"

#include "wire/ihe/query_values.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/stored_queries.h"

namespace xds::testing {

Result<ihe::RegistryResponse> Register(soap::SoapClient& client, const std::string& xml) {
  auto reply = client.Call(std::string(vocab::kActionRegister), xml);
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("SOAP fault: " + reply->fault.reason);
  return ihe::ReadRegistryResponse(reply->body);
}

Result<ihe::RegistryResponse> Register(soap::SoapClient& client, const SubmissionBuilder& builder) {
  return Register(client, builder.BuildXml());
}

namespace {

Result<ihe::RegistryResponse> Send(soap::SoapClient& client, std::string_view action, const std::string& xml) {
  auto reply = client.Call(std::string(action), xml);
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("SOAP fault: " + reply->fault.reason);
  return ihe::ReadRegistryResponse(reply->body);
}

}  // namespace

Result<ihe::RegistryResponse> Update(soap::SoapClient& client, const SubmissionBuilder& builder, bool restricted) {
  return Send(client, restricted ? vocab::kActionRestrictedUpdateDocumentSet : vocab::kActionUpdateDocumentSet,
              builder.BuildXml());
}

Result<ihe::RegistryResponse> Remove(soap::SoapClient& client, const std::vector<std::string>& entry_uuids) {
  xml::XmlWriter w;
  w.Open("lcm:RemoveObjectsRequest")
      .Attr("xmlns:lcm", "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0")
      .Attr("xmlns:rim", "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0")
      .Open("rim:ObjectRefList");
  for (const auto& id : entry_uuids) w.Open("rim:ObjectRef").Attr("id", id).Close();
  w.Close().Close();
  return Send(client, vocab::kActionDeleteDocumentSet, w.Take());
}

Result<ihe::AdhocQueryResponse> MultiPatientQuery(soap::SoapClient& client, const ihe::AdhocQueryRequest& request) {
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, request);
  auto reply = client.Call(std::string(vocab::kActionMultiPatientQuery), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("SOAP fault: " + reply->fault.reason);
  return ihe::ReadAdhocQueryResponse(reply->body);
}

ihe::AdhocQueryRequest StoredQuery(const std::string& query_id,
                                   const std::vector<std::pair<std::string, std::string>>& params,
                                   const std::string& return_type) {
  ihe::AdhocQueryRequest r;
  r.query_id = query_id;
  r.return_type = return_type;
  for (const auto& [name, value] : params) r.parameters.push_back({name, {value}});
  return r;
}

Result<ihe::AdhocQueryResponse> Query(soap::SoapClient& client, const ihe::AdhocQueryRequest& request) {
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, request);
  auto reply = client.Call(std::string(vocab::kActionStoredQuery), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("SOAP fault: " + reply->fault.reason);
  return ihe::ReadAdhocQueryResponse(reply->body);
}

ihe::AdhocQueryRequest FindDocuments(const std::string& patient_id,
                                     std::vector<std::pair<std::string, std::string>> extra,
                                     const std::string& return_type) {
  std::vector<std::pair<std::string, std::string>> params = {{"$XDSDocumentEntryPatientId", Quoted(patient_id)}};
  bool has_status = false;
  for (const auto& [name, value] : extra) has_status |= name == "$XDSDocumentEntryStatus";
  if (!has_status) params.push_back({"$XDSDocumentEntryStatus", "('" + std::string(vocab::kApproved) + "')"});
  params.insert(params.end(), extra.begin(), extra.end());
  return StoredQuery(ihe::query_id::kFindDocuments, params, return_type);
}

std::string Quoted(const std::string& value) { return ihe::QuotedQueryValue(value); }

std::vector<std::string> ErrorCodes(const ihe::RegistryErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.error_code);
  return out;
}

}  // namespace xds::testing

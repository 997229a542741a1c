#include "tests/support/repository_calls.h"

#include <algorithm>
#include <memory>

#include "tests/support/registry_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/xml/xml_writer.h"

namespace xds::testing {

void OmitRepositoryAttributes(SubmissionBuilder& builder, const std::string& entry_id) {
  auto& slots = builder.Object(entry_id).slots;
  slots.erase(std::remove_if(slots.begin(), slots.end(),
                             [](const ihe::Slot& s) { return s.name == "hash" || s.name == "size" || s.name == "repositoryUniqueId"; }),
              slots.end());
}

ProvideRequest BuildProvide(const ihe::SubmitObjectsRequest& metadata, const std::vector<DocumentBytes>& documents) {
  ProvideRequest out;
  std::vector<ihe::ProvidedDocument> provided;
  for (const DocumentBytes& d : documents) {
    ihe::ProvidedDocument p;
    p.id = d.entry_id;
    if (d.as_inline) {
      p.is_inline = true;
      p.inline_bytes = d.bytes;
    } else {
      p.content_id = d.entry_id + "@test.xds";
      auto bytes = std::make_shared<std::string>(d.bytes);
      out.attachments.push_back({p.content_id, "application/octet-stream", bytes->size(),
                                 [bytes](const http::ChunkSink& sink) { return sink(*bytes); }});
    }
    provided.push_back(std::move(p));
  }
  xml::XmlWriter w;
  ihe::WriteProvideAndRegisterRequest(w, metadata, provided);
  out.body_xml = w.Take();
  return out;
}

Result<ihe::RegistryResponse> Provide(soap::SoapClient& client, const SubmissionBuilder& builder,
                                      const std::vector<DocumentBytes>& documents) {
  ProvideRequest request = BuildProvide(builder.Build(), documents);
  auto reply = client.Call(std::string(vocab::kActionProvideAndRegister), request.body_xml, request.attachments);
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("fault: " + reply->fault.reason);
  return ihe::ReadRegistryResponse(reply->body);
}

Result<std::vector<std::string>> ProvideDocuments(
    soap::SoapClient& client, const std::vector<std::tuple<std::string, std::string, std::string>>& documents) {
  SubmissionBuilder b(kPatientA);
  std::vector<DocumentBytes> bytes;
  std::vector<std::string> unique_ids;
  for (const auto& [id, content, mime] : documents) {
    DocumentOptions o;
    o.mime_type = mime;
    b.AddDocument(id, o);
    OmitRepositoryAttributes(b, id);
    bytes.push_back({id, content});
    unique_ids.push_back(ihe::UniqueIdOf(b.Object(id)));
  }
  auto r = Provide(client, b, bytes);
  if (!r.ok()) return r.status();
  if (!r->success())
    return Status::InvalidArgument("submission refused: " + (r->errors.empty() ? std::string("no error listed")
                                                                                 : r->errors.front().error_code));
  return unique_ids;
}

Result<Retrieved> Retrieve(soap::SoapClient& client, const std::vector<ihe::DocumentRequest>& requests) {
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetRequest(w, requests);
  auto reply = client.Call(std::string(vocab::kActionRetrieve), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("fault: " + reply->fault.reason);
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  if (!response.ok()) return response.status();
  Retrieved out;
  for (const ihe::DocumentResponse& d : response->documents) {
    auto part = reply->attachments.find(d.content_id);
    if (part == reply->attachments.end())
      return Status::InvalidArgument("DocumentResponse " + d.document_unique_id + " names a missing part");
    auto bytes = part->second.Read(uint64_t{1} << 32);
    if (!bytes.ok()) return bytes.status();
    out.bytes[d.document_unique_id] = std::move(*bytes);
  }
  out.response = std::move(*response);
  return out;
}

Result<ihe::RegistryResponse> RemoveDocuments(soap::SoapClient& client,
                                              const std::vector<ihe::DocumentRequest>& requests) {
  xml::XmlWriter w;
  ihe::WriteRemoveDocumentsRequest(w, requests);
  auto reply = client.Call(std::string(vocab::kActionRemoveDocuments), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::InvalidArgument("fault: " + reply->fault.reason);
  return ihe::ReadRegistryResponse(reply->body);
}

}  // namespace xds::testing

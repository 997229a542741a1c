#include "conformance/validator/validation_service.h"

#include <map>
#include <set>

#include "wire/base/digest.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_writer.h"

namespace xds::conformance {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;

soap::SoapReply Answer(std::string_view action, const ihe::RegistryErrors& errors) {
  xml::XmlWriter w;
  ihe::WriteRegistryResponse(w, errors);
  return soap::SoapReply{std::string(action), w.Take()};
}

// The repository's checks of ITI TF-2b 3.41.4.1.3: documents and entries
// pair up; metadata hash and size, when given, are those of the bytes.
void CheckDocuments(const ihe::ProvideAndRegisterRequest& request,
                    const std::map<std::string, mime::ReceivedPart>& attachments, ihe::RegistryErrors& errors) {
  std::map<std::string, const ihe::ProvidedDocument*> documents;
  for (const auto& d : request.documents) documents[d.id] = &d;
  std::set<std::string> entries;
  for (const auto& o : request.metadata.objects) {
    if (ihe::XdsTypeOf(o) != ihe::XdsObjectType::kDocumentEntry) continue;
    entries.insert(o.id);
    auto d = documents.find(o.id);
    if (d == documents.end()) {
      errors.push_back(RegistryError::Error(ErrorCode::kMissingDocument,
                                            "DocumentEntry " + o.id + " has no xdsb:Document"));
      continue;
    }
    std::string sha1;
    uint64_t size = 0;
    if (d->second->is_inline) {
      sha1 = Sha1::HexOf(d->second->inline_bytes);
      size = d->second->inline_bytes.size();
    } else {
      auto part = attachments.find(d->second->content_id);
      if (part == attachments.end()) {
        errors.push_back(RegistryError::Error(ErrorCode::kMissingDocument,
                                              "DocumentEntry " + o.id + ": no MIME part with Content-ID <" +
                                                  d->second->content_id + ">"));
        continue;
      }
      sha1 = part->second.sha1_hex();
      size = part->second.size();
    }
    std::string hash = o.SlotValue("hash");
    if (!hash.empty() && hash != sha1)
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            "DocumentEntry " + o.id + " hash " + hash + " differs from the document's " +
                                                sha1));
    std::string declared = o.SlotValue("size");
    if (!declared.empty() && declared != std::to_string(size))
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            "DocumentEntry " + o.id + " size " + declared +
                                                " differs from the document's " + std::to_string(size)));
  }
  for (const auto& d : request.documents)
    if (!entries.count(d.id))
      errors.push_back(RegistryError::Error(ErrorCode::kMissingDocumentMetadata,
                                            "xdsb:Document " + d.id + " has no DocumentEntry"));
}

}  // namespace

ValidationService::ValidationService(ValidationPeerOptions options) : options_(std::move(options)) {
  soap::SoapEndpointOptions endpoint_options;
  endpoint_options.attachments.max_memory_bytes = 256u << 20;  // a test peer: documents stay in memory
  endpoint_ = std::make_unique<soap::SoapEndpoint>("validator", endpoint_options);
  endpoint_->On(std::string(vocab::kActionRegister), [this](const soap::SoapRequest& r) -> Result<soap::SoapReply> {
    return Answer(vocab::kActionRegisterResponse, ValidateRegister(r.envelope.body));
  });
  endpoint_->On(std::string(vocab::kActionProvideAndRegister),
                [this](const soap::SoapRequest& r) -> Result<soap::SoapReply> {
                  return Answer(vocab::kActionProvideAndRegisterResponse, ValidateProvide(r));
                });
}

void ValidationService::Mount(http::HttpServer& server, const std::string& path) { endpoint_->Mount(server, path); }

ihe::RegistryErrors ValidationService::ValidateRegister(const xml::XmlElement& body) const {
  if (options_.schemas) {
    if (Status s = options_.schemas->Validate(body); !s.ok())
      return {RegistryError::Error(ErrorCode::kRegistryMetadataError, s.message())};
  }
  auto submission = ihe::ReadSubmitObjectsRequest(body);
  if (!submission.ok())
    return {RegistryError::Error(ErrorCode::kRegistryMetadataError, submission.status().message())};
  registry::ValidationOptions o = options_.validation;
  o.repository_fields_required = true;  // an ITI-42 comes from a repository
  return registry::ValidateSubmission(*submission, o);
}

ihe::RegistryErrors ValidationService::ValidateProvide(const soap::SoapRequest& request) const {
  if (options_.schemas) {
    if (Status s = options_.schemas->Validate(request.envelope.body); !s.ok())
      return {RegistryError::Error(ErrorCode::kRepositoryMetadataError, s.message())};
  }
  auto provided = ihe::ReadProvideAndRegisterRequest(request.envelope.body);
  if (!provided.ok())
    return {RegistryError::Error(ErrorCode::kRepositoryMetadataError, provided.status().message())};
  ihe::RegistryErrors errors;
  CheckDocuments(*provided, request.attachments, errors);
  registry::ValidationOptions o = options_.validation;
  o.repository_fields_required = false;  // a Document Source leaves them to the repository
  for (auto& e : registry::ValidateSubmission(provided->metadata, o)) errors.push_back(std::move(e));
  return errors;
}

}  // namespace xds::conformance

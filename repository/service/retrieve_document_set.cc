#include "repository/service/retrieve_document_set.h"

#include <spdlog/spdlog.h>

#include "repository/service/request_target.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/vocabulary.h"
#include "wire/mime/mtom_writer.h"
#include "wire/xml/xml_writer.h"

namespace xds::repository {

using ihe::ErrorCode;
using ihe::RegistryError;

Result<soap::SoapReply> RetrieveDocumentSet::Handle(const soap::SoapRequest& request) {
  auto requests = ihe::ReadRetrieveDocumentSetRequest(request.envelope.body);
  if (!requests.ok()) return requests.status();  // not an ITI-43 request: a Sender fault

  std::vector<ihe::DocumentResponse> documents;
  std::vector<soap::OutgoingPart> parts;
  ihe::RegistryErrors errors;
  for (const ihe::DocumentRequest& r : *requests) {
    if (!AddressedHere(r, repository_unique_id_, home_community_id_, errors)) continue;
    auto found = store_.OpenAvailable(r.document_unique_id);
    if (!found.ok()) {
      spdlog::error("repository: cannot read document {}: {}", r.document_unique_id, found.status().ToString());
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryError,
                                            "document " + r.document_unique_id + " cannot be read",
                                            r.document_unique_id));
      continue;
    }
    if (!*found) {
      errors.push_back(RegistryError::Error(ErrorCode::kDocumentUniqueIdError,
                                            "document " + r.document_unique_id + " is not in this repository",
                                            r.document_unique_id));
      continue;
    }
    std::string content_id = mime::MtomWriter::NewContentId();
    std::shared_ptr<FileSource> file = (*found)->file;
    documents.push_back({r.home_community_id, r.repository_unique_id, r.document_unique_id,
                         (*found)->entry.mime_type, content_id});
    parts.push_back({content_id, (*found)->entry.mime_type, file->size(),
                     [file](const http::ChunkSink& sink) { return file->WriteTo(sink); }});
  }
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetResponse(w, documents, errors);
  return soap::SoapReply(std::string(vocab::kActionRetrieveResponse), w.Take(), std::move(parts));
}

}  // namespace xds::repository

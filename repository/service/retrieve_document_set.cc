#include "repository/service/retrieve_document_set.h"

#include <spdlog/spdlog.h>

#include <set>

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
  // One question to the policy for every document addressed here; the
  // errors of the others are reported below, in request order.
  std::set<std::string> allowed;
  access::AccessQuestion question;
  ihe::RegistryErrors not_here;
  for (const ihe::DocumentRequest& r : *requests)
    if (AddressedHere(r, repository_unique_id_, home_community_id_, not_here))
      question.document_unique_ids.push_back(r.document_unique_id);
  if (access_ && !question.document_unique_ids.empty()) {
    question.requester = request.requester;
    auto answer = access_->Decide(question);
    if (!answer.ok())
      spdlog::error("repository: no access decision for ITI-43 ({}); refusing every document",
                    answer.status().ToString());
    else
      allowed.insert(answer->document_unique_ids.begin(), answer->document_unique_ids.end());
  }
  for (const ihe::DocumentRequest& r : *requests) {
    if (!AddressedHere(r, repository_unique_id_, home_community_id_, errors)) continue;
    if (access_ && !allowed.count(r.document_unique_id)) {
      // Worded as for an unknown document: a refusal must not confirm
      // that the document exists.
      errors.push_back(RegistryError::Error(ErrorCode::kDocumentUniqueIdError,
                                            "document " + r.document_unique_id + " is not in this repository",
                                            r.document_unique_id));
      continue;
    }
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

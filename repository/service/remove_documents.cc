#include "repository/service/remove_documents.h"

#include <spdlog/spdlog.h>

#include <set>
#include <vector>

#include "repository/service/request_target.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/xml/xml_writer.h"

namespace xds::repository {

using ihe::ErrorCode;
using ihe::RegistryError;

bool RemoveDocuments::MayRemove(const soap::SoapRequest&) const { return policy_.accept; }

Result<soap::SoapReply> RemoveDocuments::Handle(const soap::SoapRequest& request) {
  auto requests = ihe::ReadRemoveDocumentsRequest(request.envelope.body);
  if (!requests.ok()) return requests.status();  // not an ITI-86 request: a Sender fault

  ihe::RegistryErrors errors;
  auto reply = [&](bool removed_some) {
    xml::XmlWriter w;
    ihe::WriteRegistryResponse(w, errors, removed_some);
    return soap::SoapReply(std::string(vocab::kActionRemoveDocumentsResponse), w.Take());
  };
  if (!MayRemove(request)) {
    errors.push_back(RegistryError::Error(ErrorCode::kRemoveDocumentsError,
                                          "this repository does not remove documents on request "
                                          "(repository.remove_documents is off)"));
    return reply(false);
  }

  // Step 1: the documents this repository holds and may consider.
  std::vector<std::string> candidates;
  std::set<std::string> seen;
  for (const ihe::DocumentRequest& r : *requests) {
    if (!AddressedHere(r, repository_unique_id_, home_community_id_, errors)) continue;
    if (!seen.insert(r.document_unique_id).second) continue;  // named twice: removed once
    auto found = store_.index().Find(r.document_unique_id);
    if (!found.ok()) {
      spdlog::error("repository: cannot look up {}: {}", r.document_unique_id, found.status().ToString());
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryError,
                                            "document " + r.document_unique_id + " cannot be looked up",
                                            r.document_unique_id));
      continue;
    }
    if (!*found) {
      errors.push_back(RegistryError::Error(ErrorCode::kDocumentUniqueIdError,
                                            "document " + r.document_unique_id + " is not in this repository",
                                            r.document_unique_id));
      continue;
    }
    if (!(*found)->available) {
      errors.push_back(RegistryError::Error(ErrorCode::kDocumentUniqueIdError,
                                            "document " + r.document_unique_id +
                                                " is held back until the registry confirms its registration; "
                                                "it cannot be removed yet",
                                            r.document_unique_id));
      continue;
    }
    candidates.push_back(r.document_unique_id);
  }

  // Step 2, per document: keep what the registry still indexes. One
  // GetDocuments each, as documents of several patients in one query would
  // be answered XDSResultNotSinglePatient.
  bool removed_some = false;
  for (const std::string& id : candidates) {
    if (!policy_.remove_registered) {
      auto registered = registry_.Registered({id});
      if (!registered.ok()) {
        errors.push_back(RegistryError::Error(ErrorCode::kRegistryNotAvailable,
                                              "the registry (" + registry_.Describe() +
                                                  ") cannot tell whether document " + id +
                                                  " is still registered: " + registered.status().message(),
                                              id));
        continue;
      }
      if (!registered->empty()) {
        errors.push_back(RegistryError::Error(ErrorCode::kRemoveDocumentsError,
                                              "document " + id +
                                                  " is still registered in the registry; remove its metadata "
                                                  "(ITI-62) first",
                                              id));
        continue;
      }
    }
    // Step 3: the row (fsynced), then the file.
    auto removed = store_.Remove(id);
    if (!removed.ok()) {
      spdlog::error("repository: cannot remove {}: {}", id, removed.status().ToString());
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryError, "document " + id + " cannot be removed", id));
      continue;
    }
    if (!*removed) {  // removed by a concurrent request since step 1
      errors.push_back(RegistryError::Error(ErrorCode::kDocumentUniqueIdError,
                                            "document " + id + " is not in this repository", id));
      continue;
    }
    spdlog::info("repository: removed document {} (ITI-86)", id);
    removed_some = true;
  }
  return reply(removed_some);
}

}  // namespace xds::repository

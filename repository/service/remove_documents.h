// RemoveDocuments: ITI-86 Remove Documents (Remove Metadata and Documents,
// RMD). A Document Administrator asks the repository to delete stored
// documents, usually right after removing their metadata from the registry
// with ITI-62. Each requested document is handled on its own: the answer is
// Success, PartialSuccess (some removed, the others named in the error
// list) or Failure.
//
// A document is removed only when all of these hold, else it stays and its
// error says why:
//   - the request names this repository and community
//     (XDSUnknownRepositoryId, XDSUnknownCommunity; request_target.h);
//   - the repository holds it and it is available, not held back waiting
//     for the registry (XDSDocumentUniqueIdError);
//   - its metadata is no longer registered, asked of the registry by ITI-18
//     GetDocuments (XDSRemoveDocumentsError; XDSRegistryNotAvailable when
//     the registry cannot tell) — unless the policy allows removing
//     registered documents, which leaves dangling DocumentEntries and is
//     meant for clean-ups the administrator completes in the registry.
// Who may ask: today the policy's on/off switch for the whole repository.
// When mutual TLS gives requests a client identity, the check belongs in
// MayRemove, per caller.
//
// Thread-safe.
#pragma once

#include <string>

#include "repository/service/registry_link.h"
#include "repository/store/document_store.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::repository {

struct RemoveDocumentsPolicy {
  bool accept = false;             // repository.remove_documents
  bool remove_registered = false;  // repository.remove_registered_documents
};

class RemoveDocuments {
 public:
  RemoveDocuments(DocumentStore& store, RegistryLink& registry, std::string repository_unique_id,
                  std::string home_community_id, RemoveDocumentsPolicy policy)
      : store_(store),
        registry_(registry),
        repository_unique_id_(std::move(repository_unique_id)),
        home_community_id_(std::move(home_community_id)),
        policy_(policy) {}

  Result<soap::SoapReply> Handle(const soap::SoapRequest& request);

 private:
  bool MayRemove(const soap::SoapRequest& request) const;

  DocumentStore& store_;
  RegistryLink& registry_;
  std::string repository_unique_id_;
  std::string home_community_id_;
  RemoveDocumentsPolicy policy_;
};

}  // namespace xds::repository

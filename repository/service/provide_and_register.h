// ProvideAndRegister: ITI-41 Provide and Register Document Set-b
// (ITI TF-2b 3.41) as the Document Repository performs it:
//  1. pair each DocumentEntry with its xdsb:Document (XDSMissingDocument,
//     XDSMissingDocumentMetadata), read from an MTOM part or inline base64;
//  2. check the received bytes against any hash and size the source sent
//     (XDSRepositoryMetadataError, ITI TF-2b 3.41.4.1.3), then set hash,
//     size and repositoryUniqueId on each entry (3.41.4.1.3.2);
//  3. with an access decision point (sealing between structures), ask the
//     registry whether the requester may register this submission under
//     the names it carries (access_messages.h SubmissionClaim);
//  4. keep the bytes durably as pending, send ITI-42 to the registry, and
//     publish the documents only when the registry accepted them; otherwise
//     remove them, so that a refused submission leaves no trace.
// Every metadata error found is reported, not only the first.
//
// Thread-safe: holds only its collaborators, which are.
#pragma once

#include <string>

#include "repository/service/registry_link.h"
#include "wire/access/access_decision.h"
#include "repository/store/document_store.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::repository {

class ProvideAndRegister {
 public:
  // `access` (optional, borrowed): the policy decision point; null: open mode.
  ProvideAndRegister(DocumentStore& store, RegistryLink& registry, std::string repository_unique_id,
                     const access::AccessDecisionPoint* access = nullptr)
      : store_(store), registry_(registry), repository_unique_id_(std::move(repository_unique_id)), access_(access) {}

  Result<soap::SoapReply> Handle(const soap::SoapRequest& request);

 private:
  DocumentStore& store_;
  RegistryLink& registry_;
  const std::string repository_unique_id_;
  const access::AccessDecisionPoint* access_;
};

}  // namespace xds::repository

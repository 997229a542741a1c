// RetrieveDocumentSet: ITI-43 Retrieve Document Set (ITI TF-2b 3.43) as the
// Document Repository answers it. Each DocumentRequest naming this
// repository and an available document gets a DocumentResponse whose bytes
// stream from disk into the MTOM reply; the others get XDSUnknownRepositoryId
// or XDSDocumentUniqueIdError, with PartialSuccess or Failure overall.
// Pending documents (not yet confirmed by the registry) are not available.
//
// With an access decision point (sealing between structures, issue 7), the
// registry is asked once per request which of the requested documents the
// requester may have; a denied document is answered exactly as an unknown
// one (XDSDocumentUniqueIdError), so the refusal discloses nothing, and the
// ITI-43 audit record shows the failure. No decision (registry unreachable)
// means no document: the repository fails closed.
//
// Thread-safe.
#pragma once

#include <string>

#include "repository/store/document_store.h"
#include "wire/access/access_decision.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::repository {

class RetrieveDocumentSet {
 public:
  // `home_community_id` may be empty (a repository outside any XCA
  // community); a request naming another community is then not refused.
  // `access` (optional, borrowed): the policy decision point; null: every
  // available document is handed out (open mode).
  RetrieveDocumentSet(DocumentStore& store, std::string repository_unique_id, std::string home_community_id,
                      const access::AccessDecisionPoint* access = nullptr)
      : store_(store),
        repository_unique_id_(std::move(repository_unique_id)),
        home_community_id_(std::move(home_community_id)),
        access_(access) {}

  Result<soap::SoapReply> Handle(const soap::SoapRequest& request);

 private:
  DocumentStore& store_;
  const std::string repository_unique_id_;
  const std::string home_community_id_;
  const access::AccessDecisionPoint* access_;
};

}  // namespace xds::repository

// RepositoryService: the Document Repository's SOAP face. Binds ITI-41
// (Provide and Register Document Set-b), ITI-43 (Retrieve Document Set) and
// ITI-86 (Remove Documents) to a SoapEndpoint; the transactions live in
// provide_and_register.h, retrieve_document_set.h and remove_documents.h.
//
// Thread-safe.
#pragma once

#include <string>

#include "repository/service/provide_and_register.h"
#include "repository/service/remove_documents.h"
#include "repository/service/retrieve_document_set.h"
#include "wire/access/access_decision.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::repository {

struct RepositoryOptions {
  std::string repository_unique_id;  // OID, required
  std::string home_community_id;     // optional
  RemoveDocumentsPolicy remove;      // ITI-86
  // Asked before any document leaves (ITI-43) when the region seals
  // structures from each other; null: open mode. Borrowed.
  const access::AccessDecisionPoint* access = nullptr;
};

class RepositoryService {
 public:
  RepositoryService(DocumentStore& store, RegistryLink& registry, const RepositoryOptions& options)
      : provide_(store, registry, options.repository_unique_id, options.access),
        retrieve_(store, options.repository_unique_id, options.home_community_id, options.access),
        remove_(store, registry, options.repository_unique_id, options.home_community_id, options.remove) {}

  void Bind(soap::SoapEndpoint& endpoint);

 private:
  ProvideAndRegister provide_;
  RetrieveDocumentSet retrieve_;
  RemoveDocuments remove_;
};

}  // namespace xds::repository

// RepositoryService: the Document Repository's SOAP face. Binds ITI-41
// (Provide and Register Document Set-b) and ITI-43 (Retrieve Document Set)
// to a SoapEndpoint; the transactions live in provide_and_register.h and
// retrieve_document_set.h.
//
// Thread-safe.
#pragma once

#include <string>

#include "repository/service/provide_and_register.h"
#include "repository/service/retrieve_document_set.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::repository {

struct RepositoryOptions {
  std::string repository_unique_id;  // OID, required
  std::string home_community_id;     // optional
};

class RepositoryService {
 public:
  RepositoryService(DocumentStore& store, RegistryLink& registry, const RepositoryOptions& options)
      : provide_(store, registry, options.repository_unique_id),
        retrieve_(store, options.repository_unique_id, options.home_community_id) {}

  void Bind(soap::SoapEndpoint& endpoint);

 private:
  ProvideAndRegister provide_;
  RetrieveDocumentSet retrieve_;
};

}  // namespace xds::repository

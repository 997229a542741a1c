// RepositoryActor: a running Document Repository — its document store, its
// link to the Document Registry, its SOAP endpoint mounted on an HTTP
// server, and a background resolver for held-back submissions — built from
// the [repository] section of the configuration:
//
//   root                      folder of the store (documents, index, spool)
//   repository_unique_id      this repository's OID (required)
//   home_community_id         optional urn:oid: of its community
//   path                      SOAP endpoint for ITI-41 and ITI-43
//   registry_url              the registry's ITI-42 endpoint; empty: the
//                             registry running in this process
//   registry_query_url        its ITI-18 endpoint (default: registry_url)
//   registry_timeout_seconds  how long to wait for the registry's answer
//   resolve_interval_seconds  how often held-back submissions are resolved
//   max_document_bytes        largest document accepted
//   remove_documents          accept ITI-86 Remove Documents (default off)
//   remove_registered_documents  ITI-86 may remove documents whose
//                             metadata is still registered (default off)
//
// Executables (repository/main.cc alone, apps/xds_node.cc with the other
// actors) create one and keep it alive; destruction stops the resolver.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "repository/service/pending_resolver.h"
#include "repository/service/registry_link.h"
#include "repository/service/repository_service.h"
#include "repository/store/document_store.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/soap/soap_endpoint.h"
#include "wire/soap/soap_transport.h"

namespace xds::repository {

class RepositoryActor {
 public:
  // `local_registry` (optional, borrowed, must outlive the actor): the
  // transport into a registry of this process, used when
  // repository.registry_url is empty.
  // `access` (optional, borrowed, must outlive the actor): asked before
  // any document is retrieved (sealing between structures); null: open.
  static Result<std::unique_ptr<RepositoryActor>> Start(const Config& config, http::HttpServer& server,
                                                        soap::SoapTransport* local_registry = nullptr,
                                                        const access::AccessDecisionPoint* access = nullptr);
  ~RepositoryActor();

  const std::string& soap_path() const { return soap_path_; }
  const std::string& repository_unique_id() const { return options_.repository_unique_id; }
  DocumentStore& store() { return *store_; }
  // Resolves held-back submissions now (also done periodically).
  Result<ResolveReport> ResolveNow();

 private:
  RepositoryActor() = default;
  void ResolveLoop(std::chrono::seconds interval, std::chrono::seconds grace);

  RepositoryOptions options_;
  std::unique_ptr<DocumentStore> store_;
  std::unique_ptr<soap::SoapTransport> register_transport_;  // when remote
  std::unique_ptr<soap::SoapTransport> query_transport_;     // when remote
  std::unique_ptr<RegistryLink> registry_;
  std::unique_ptr<RepositoryService> service_;
  std::unique_ptr<soap::SoapEndpoint> endpoint_;
  std::string soap_path_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread resolver_;
};

}  // namespace xds::repository

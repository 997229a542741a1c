// RegistryActor: a running Document Registry — its store, its SOAP endpoint
// mounted on an HTTP server, and its MLLP listener for the patient identity
// feed — built from the [registry] section of the configuration.
//
// Executables (registry/main.cc alone, apps/xds_node.cc with the other
// actors) create one and keep it alive; destruction stops the listener.
#pragma once

#include <memory>
#include <string>

#include "registry/access/access_service.h"
#include "registry/patient/identity_feed.h"
#include "registry/patient/mllp_server.h"
#include "registry/service/registry_service.h"
#include "registry/store/registry_store.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::registry {

class RegistryActor {
 public:
  // Opens the database (registry.database), mounts the SOAP endpoint at
  // registry.path on `server` (not yet started) and starts the MLLP
  // listener on registry.mllp_host:registry.mllp_port. Request bodies are
  // checked against schemas/xml/messages.xsd (registry.schema_dir) unless
  // registry.validate_schema is false.
  static Result<std::unique_ptr<RegistryActor>> Start(const Config& config, http::HttpServer& server);
  ~RegistryActor();

  RegistryStore& store() { return *store_; }
  const std::string& soap_path() const { return soap_path_; }
  // The SOAP endpoint, for in-process callers (a repository of this process).
  const soap::SoapEndpoint& endpoint() const { return *endpoint_; }
  int mllp_port() const;
  // What the repository and the imaging source of this process ask before
  // they hand out a document or an image (access_service.h).
  const access::AccessDecisionPoint& access_decisions() const { return *access_; }

 private:
  RegistryActor() = default;
  std::unique_ptr<xml::SchemaSet> schemas_;
  std::unique_ptr<RegistryStore> store_;
  std::unique_ptr<RegistryService> service_;
  std::unique_ptr<AccessService> access_;
  std::unique_ptr<soap::SoapEndpoint> endpoint_;
  std::unique_ptr<IdentityFeed> feed_;
  std::unique_ptr<MllpServer> mllp_;
  std::string soap_path_;
};

}  // namespace xds::registry

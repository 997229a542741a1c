#include "tests/security/xua_test_node.h"

#include <stdexcept>

#include "tests/support/registry_server.h"
#include "wire/config/config.h"

namespace xds::testing {

XuaRegistryNode::XuaRegistryNode(const std::string& xua_toml, bool with_repository) {
  std::string repository_toml = "[repository]\nroot = \"" + dir_.File("repository") +
                                "\"\nrepository_unique_id = \"1.3.6.1.4.1.21367.2017.3.140\"\n"
                                "path = \"/xds/repository\"\n";
  auto config = Config::Parse("[registry]\ndatabase = \"" + dir_.File("registry.db") +
                              "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" + XDS_SCHEMA_DIR +
                              "\"\n" + (with_repository ? repository_toml : "") + xua_toml);
  if (!config.ok()) throw std::runtime_error(config.status().ToString());
  auto verifier = security::XuaVerifierFromConfig(*config);
  if (!verifier.ok()) throw std::runtime_error(verifier.status().ToString());
  verifier_ = std::move(*verifier);
  auditor_ = std::make_unique<audit::TransactionAuditor>(sink_, audit::AuditSource{"xds-registry@test", ""},
                                                         "http://127.0.0.1");
  http::HttpServerOptions options;
  options.thread_count = 4;
  server_ = std::make_unique<http::HttpServer>(options);
  // As apps/node_main.cc: before the actor mounts its endpoint.
  server_->set_auditor(auditor_.get());
  server_->set_xua_verifier(verifier_.get());
  auto actor = registry::RegistryActor::Start(*config, *server_);
  if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
  actor_ = std::move(*actor);
  if (!actor_->store().AddOrUpdatePatient({kPatientA, "TEST", "Patient", "19700101", "F"}).ok())
    throw std::runtime_error("cannot add the test patient");
  if (with_repository) {
    local_registry_ = std::make_unique<soap::LocalSoapTransport>(actor_->endpoint(), actor_->soap_path());
    auto repository = repository::RepositoryActor::Start(*config, *server_, local_registry_.get());
    if (!repository.ok()) throw std::runtime_error(repository.status().ToString());
    repository_ = std::move(*repository);
  }
  auto port = server_->Start("127.0.0.1", 0);
  if (!port.ok()) throw std::runtime_error(port.status().ToString());
  port_ = *port;
}

XuaRegistryNode::~XuaRegistryNode() {
  server_->Stop();
  repository_.reset();  // before the registry it calls in-process
  actor_.reset();
}

}  // namespace xds::testing

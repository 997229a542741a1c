#include "tests/support/registry_server.h"

#include <stdexcept>

namespace xds::testing {

RegistryServer::RegistryServer(const std::string& extra_toml) {
  database_ = dir_.File("registry.db");
  std::string toml = "[registry]\ndatabase = \"" + database_ +
                     "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" + XDS_SCHEMA_DIR +
                     "\"\n" + extra_toml + "\n";
  auto config = Config::Parse(toml);
  if (!config.ok()) throw std::runtime_error(config.status().ToString());
  server_ = std::make_unique<http::HttpServer>();
  auto actor = registry::RegistryActor::Start(*config, *server_);
  if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
  actor_ = std::move(*actor);
  auto port = server_->Start("127.0.0.1", 0);
  if (!port.ok()) throw std::runtime_error(port.status().ToString());
  port_ = *port;
  for (const char* p : {kPatientA, kPatientB})
    if (!actor_->store().AddOrUpdatePatient({p, "TEST", "Patient", "19700101", "F"}).ok())
      throw std::runtime_error("cannot add test patients");
}

RegistryServer::~RegistryServer() {
  server_->Stop();
  actor_.reset();
}

std::string RegistryServer::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/xds/registry";
}

}  // namespace xds::testing

// RegistryServer: a real Document Registry for tests — HTTP server on an
// ephemeral loopback port, SQLite database in a temp dir, MLLP listener on
// an ephemeral port — built through RegistryActor exactly as xds-node does.
#pragma once

#include <memory>
#include <string>

#include "registry/registry_actor.h"
#include "tests/support/temp_dir.h"
#include "wire/http/http_server.h"

namespace xds::testing {

inline constexpr char kPatientA[] = "PAT-A^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
inline constexpr char kPatientB[] = "PAT-B^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";

class RegistryServer {
 public:
  // `extra_toml` is appended to the [registry] section.
  explicit RegistryServer(const std::string& extra_toml = "");
  ~RegistryServer();

  std::string url() const;  // SOAP endpoint
  int mllp_port() const { return actor_->mllp_port(); }
  registry::RegistryStore& store() { return actor_->store(); }
  const std::string& database_path() const { return database_; }

 private:
  TempDir dir_;
  std::string database_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<registry::RegistryActor> actor_;
  int port_ = 0;
};

}  // namespace xds::testing

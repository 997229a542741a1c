// RepositoryServer: a real Document Repository for tests, on an ephemeral
// loopback port, with its store in a temp dir, built through
// RepositoryActor exactly as xds-node does. Its registry is chosen per test:
//   kInProcess  a real registry in the same process and HTTP server,
//               called in-process (the all-in-one deployment);
//   kRemote     a real registry on its own HTTP server, called over HTTP;
//   kDown       a URL where nothing listens;
//   kSilent     a server that takes ITI-42 requests and never answers in
//               time (its ITI-18 queries go to the real remote registry);
//   kLate       the same, but it forwards each ITI-42 to the real registry
//               (which registers it) before failing to answer in time.
// The test patients kPatientA and kPatientB are known to the registry.
#pragma once

#include <memory>
#include <string>

#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/support/registry_server.h"
#include "tests/support/temp_dir.h"
#include "wire/http/http_server.h"
#include "wire/soap/soap_transport.h"

namespace xds::testing {

enum class RegistryMode { kInProcess, kRemote, kDown, kSilent, kLate };

class RepositoryServer {
 public:
  // `repository_settings`: more TOML lines for the [repository] section.
  explicit RepositoryServer(RegistryMode mode = RegistryMode::kInProcess,
                            const std::string& repository_unique_id = "1.3.6.1.4.1.21367.2017.3.101",
                            RegistryServer* shared_registry = nullptr, std::string repository_settings = {});
  ~RepositoryServer();

  std::string url() const;           // the repository's SOAP endpoint
  std::string registry_url() const;  // where ITI-18 queries of the test go
  const std::string& repository_unique_id() const { return repository_unique_id_; }
  const std::string& root() const { return root_; }
  repository::RepositoryActor& actor() { return *repository_; }

  // Stops the repository and starts it again over the same store.
  void Restart();
  // Files under documents/ and incoming/ (a submission that failed must
  // leave none behind).
  size_t DocumentFileCount() const;
  size_t SpoolFileCount() const;

  static constexpr int kRegistryTimeoutSeconds = 2;

 private:
  void StartRepository();

  RegistryMode mode_;
  std::string repository_unique_id_;
  std::string repository_settings_;
  TempDir dir_;
  std::string root_;
  std::unique_ptr<RegistryServer> own_registry_;
  RegistryServer* remote_registry_ = nullptr;
  std::unique_ptr<http::HttpServer> fake_registry_server_;  // kSilent, kLate
  int fake_registry_port_ = 0;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<registry::RegistryActor> local_registry_;
  std::unique_ptr<soap::LocalSoapTransport> local_transport_;
  std::unique_ptr<repository::RepositoryActor> repository_;
  int port_ = 0;
};

}  // namespace xds::testing

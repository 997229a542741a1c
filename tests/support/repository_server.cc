#include "tests/support/repository_server.h"

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "wire/config/config.h"
#include "wire/http/http_client.h"

namespace xds::testing {
namespace {

std::string LoopbackUrl(int port, const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(port) + path;
}

// A port where nothing listens: bound, then released.
int ClosedPort() {
  http::HttpServer probe;
  auto port = probe.Start("127.0.0.1", 0);
  if (!port.ok()) throw std::runtime_error(port.status().ToString());
  probe.Stop();
  return *port;
}

size_t CountFiles(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file()) ++n;
  return n;
}

}  // namespace

RepositoryServer::RepositoryServer(RegistryMode mode, const std::string& repository_unique_id,
                                   RegistryServer* shared_registry, std::string repository_settings)
    : mode_(mode),
      repository_unique_id_(repository_unique_id),
      repository_settings_(std::move(repository_settings)),
      root_(dir_.File("repository")) {
  if (mode_ != RegistryMode::kInProcess && mode_ != RegistryMode::kDown) {
    if (!shared_registry) own_registry_ = std::make_unique<RegistryServer>();
    remote_registry_ = shared_registry ? shared_registry : own_registry_.get();
  }
  if (mode_ == RegistryMode::kSilent || mode_ == RegistryMode::kLate) {
    fake_registry_server_ = std::make_unique<http::HttpServer>();
    bool forward = mode_ == RegistryMode::kLate;
    std::string real = remote_registry_->url();
    fake_registry_server_->Post("/xds/registry", [forward, real](const http::HttpRequest& request) {
      if (forward) {
        auto url = http::SplitUrl(real);
        http::HttpClient client(url->base);
        (void)client.Post(url->path, request.content_type, request.body);
      }
      std::this_thread::sleep_for(std::chrono::seconds(kRegistryTimeoutSeconds + 1));
      http::HttpResponse r;
      r.status = 503;
      return r;
    });
    auto port = fake_registry_server_->Start("127.0.0.1", 0);
    if (!port.ok()) throw std::runtime_error(port.status().ToString());
    fake_registry_port_ = *port;
  }
  StartRepository();
}

RepositoryServer::~RepositoryServer() {
  if (server_) server_->Stop();
  repository_.reset();
  local_transport_.reset();
  local_registry_.reset();
  if (fake_registry_server_) fake_registry_server_->Stop();
}

void RepositoryServer::StartRepository() {
  std::string toml = "[repository]\nroot = \"" + root_ + "\"\nrepository_unique_id = \"" + repository_unique_id_ +
                     "\"\npath = \"/xds/repository\"\nregistry_timeout_seconds = " +
                     std::to_string(kRegistryTimeoutSeconds) + "\nresolve_interval_seconds = 3600\n" +
                     repository_settings_ + "\n";
  switch (mode_) {
    case RegistryMode::kInProcess:
      toml += "[registry]\ndatabase = \"" + dir_.File("registry.db") +
              "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" XDS_SCHEMA_DIR "\"\n";
      break;
    case RegistryMode::kRemote:
      toml += "registry_url = \"" + remote_registry_->url() + "\"\n";
      break;
    case RegistryMode::kDown:
      toml += "registry_url = \"" + LoopbackUrl(ClosedPort(), "/xds/registry") + "\"\n";
      break;
    case RegistryMode::kSilent:
    case RegistryMode::kLate:
      toml += "registry_url = \"" + LoopbackUrl(fake_registry_port_, "/xds/registry") +
              "\"\nregistry_query_url = \"" + remote_registry_->url() + "\"\n";
      break;
  }
  auto config = Config::Parse(toml);
  if (!config.ok()) throw std::runtime_error(config.status().ToString());
  server_ = std::make_unique<http::HttpServer>();
  if (mode_ == RegistryMode::kInProcess) {
    auto registry = registry::RegistryActor::Start(*config, *server_);
    if (!registry.ok()) throw std::runtime_error(registry.status().ToString());
    local_registry_ = std::move(*registry);
    for (const char* p : {kPatientA, kPatientB})
      if (!local_registry_->store().AddOrUpdatePatient({p, "TEST", "Patient", "19700101", "F"}).ok())
        throw std::runtime_error("cannot add test patients");
    local_transport_ =
        std::make_unique<soap::LocalSoapTransport>(local_registry_->endpoint(), local_registry_->soap_path());
  }
  auto repository = repository::RepositoryActor::Start(*config, *server_, local_transport_.get());
  if (!repository.ok()) throw std::runtime_error(repository.status().ToString());
  repository_ = std::move(*repository);
  auto port = server_->Start("127.0.0.1", 0);
  if (!port.ok()) throw std::runtime_error(port.status().ToString());
  port_ = *port;
}

void RepositoryServer::Restart() {
  server_->Stop();
  repository_.reset();
  local_transport_.reset();
  local_registry_.reset();
  server_.reset();
  StartRepository();
}

std::string RepositoryServer::url() const { return LoopbackUrl(port_, "/xds/repository"); }

std::string RepositoryServer::registry_url() const {
  return remote_registry_ ? remote_registry_->url() : LoopbackUrl(port_, "/xds/registry");
}

size_t RepositoryServer::DocumentFileCount() const { return CountFiles(root_ + "/documents"); }
size_t RepositoryServer::SpoolFileCount() const { return CountFiles(root_ + "/incoming"); }

}  // namespace xds::testing

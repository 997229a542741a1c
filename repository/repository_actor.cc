#include "repository/repository_actor.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "repository/service/pending_resolver.h"
#include "wire/base/ids.h"
#include "wire/config/tls_config.h"

namespace xds::repository {
namespace {

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<RepositoryActor>> RepositoryActor::Start(const Config& config, http::HttpServer& server,
                                                                 soap::SoapTransport* local_registry,
                                                                 const access::AccessDecisionPoint* access) {
  std::unique_ptr<RepositoryActor> actor(new RepositoryActor());
  actor->options_.access = access;
  actor->options_.repository_unique_id = config.String("repository.repository_unique_id");
  actor->options_.home_community_id = config.String("repository.home_community_id");
  actor->options_.remove.accept = config.Bool("repository.remove_documents", false);
  actor->options_.remove.remove_registered = config.Bool("repository.remove_registered_documents", false);
  if (!IsOid(actor->options_.repository_unique_id))
    return Status::InvalidArgument("repository.repository_unique_id must be an OID, not '" +
                                   actor->options_.repository_unique_id + "'");

  auto store = DocumentStore::Open(config.String("repository.root", "data/repository"));
  if (!store.ok()) return store.status();
  actor->store_ = std::move(*store);

  int timeout = static_cast<int>(config.Int("repository.registry_timeout_seconds", 30));
  std::string registry_url = config.String("repository.registry_url");
  soap::SoapTransport* register_transport = local_registry;
  soap::SoapTransport* query_transport = local_registry;
  if (!registry_url.empty()) {
    soap::SoapClientOptions client;
    client.http.read_timeout_seconds = timeout;
    // ATNA ITI-19: an https:// registry gets mutual TLS ([tls] or [repository.registry_tls]).
    auto tls = ClientTlsFromConfig(config, "repository.registry_tls");
    if (!tls.ok()) return tls.status();
    client.http.tls = *tls;
    actor->register_transport_ = std::make_unique<soap::HttpSoapTransport>(registry_url, client);
    actor->query_transport_ = std::make_unique<soap::HttpSoapTransport>(
        config.String("repository.registry_query_url", registry_url), client);
    register_transport = actor->register_transport_.get();
    query_transport = actor->query_transport_.get();
  } else if (!local_registry) {
    return Status::InvalidArgument("repository.registry_url is required when no registry runs in this process");
  }
  // ITI-20: ITI-42 audited as its source, by the node's auditor (the server's).
  actor->registry_ = std::make_unique<RegistryLink>(*register_transport, *query_transport, server.auditor());
  actor->service_ = std::make_unique<RepositoryService>(*actor->store_, *actor->registry_, actor->options_);

  soap::SoapEndpointOptions endpoint_options;
  endpoint_options.attachments.directory = actor->store_->spool_directory();
  // Every spooled document is fsynced before the answer: have the disk
  // write it while the rest still arrives, not all of it after.
  endpoint_options.attachments.write_behind_bytes = 8 << 20;
  endpoint_options.attachments.max_part_bytes =
      static_cast<uint64_t>(config.Int("repository.max_document_bytes", int64_t{16} << 30));
  actor->endpoint_ = std::make_unique<soap::SoapEndpoint>("repository", endpoint_options);
  actor->service_->Bind(*actor->endpoint_);
  actor->soap_path_ = config.String("repository.path", "/xds/repository");
  actor->endpoint_->Mount(server, actor->soap_path_);

  auto interval = std::chrono::seconds(std::max<int64_t>(1, config.Int("repository.resolve_interval_seconds", 60)));
  // A submission younger than this may still be waiting for its answer.
  auto grace = std::chrono::seconds(timeout + 5);
  RepositoryActor* self = actor.get();
  actor->resolver_ = std::thread([self, interval, grace] { self->ResolveLoop(interval, grace); });
  return actor;
}

RepositoryActor::~RepositoryActor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (resolver_.joinable()) resolver_.join();
}

Result<ResolveReport> RepositoryActor::ResolveNow() {
  return ResolvePending(*store_, *registry_, NowSeconds() + 1);
}

void RepositoryActor::ResolveLoop(std::chrono::seconds interval, std::chrono::seconds grace) {
  // At start nothing is in flight: whatever is pending was left by an
  // earlier run and can be resolved at once.
  int64_t before = NowSeconds() + 1;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto report = ResolvePending(*store_, *registry_, before);
    if (!report.ok()) spdlog::error("repository: resolving held-back submissions failed: {}", report.status().ToString());
    lock.lock();
    wake_.wait_for(lock, interval, [this] { return stopping_; });
    before = NowSeconds() - grace.count();
  }
}

}  // namespace xds::repository

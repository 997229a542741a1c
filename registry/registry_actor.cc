#include "registry/registry_actor.h"

#include <filesystem>

#include "registry/store/sqlite_registry_store.h"

namespace xds::registry {

Result<std::unique_ptr<RegistryActor>> RegistryActor::Start(const Config& config,
                                                            http::HttpServer& server) {
  std::unique_ptr<RegistryActor> actor(new RegistryActor());
  std::string database = config.String("registry.database", "data/registry.db");
  std::filesystem::path parent = std::filesystem::path(database).parent_path();
  std::error_code ec;
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string durability = config.String("registry.durability", "power-loss");
  if (durability != "power-loss" && durability != "process-crash")
    return Status::InvalidArgument("registry.durability must be \"power-loss\" or \"process-crash\"");
  auto store = SqliteRegistryStore::Open(
      database, durability == "power-loss" ? Durability::kPowerLoss : Durability::kProcessCrash);
  if (!store.ok()) return store.status();
  actor->store_ = std::move(*store);

  if (config.Bool("registry.validate_schema", true)) {
    std::string dir = config.String("registry.schema_dir", "schemas/xml");
    auto schemas = xml::SchemaSet::LoadFile(dir + "/messages.xsd");
    if (!schemas.ok())
      return Status::InvalidArgument("registry.schema_dir: " + schemas.status().message());
    actor->schemas_ = std::make_unique<xml::SchemaSet>(std::move(*schemas));
  }
  auto options = RegistryOptions::FromConfig(config);
  if (!options.ok()) return options.status();
  actor->service_ = std::make_unique<RegistryService>(*actor->store_, std::move(*options), actor->schemas_.get());
  actor->service_->set_auditor(server.auditor());
  // The policy decision point and the sharing rules (registry/access).
  actor->access_ = std::make_unique<AccessService>(*actor->store_, actor->service_->options().access);
  actor->access_->Mount(server);
  actor->endpoint_ = std::make_unique<soap::SoapEndpoint>("registry");
  actor->service_->Bind(*actor->endpoint_);
  actor->soap_path_ = config.String("registry.path", "/xds/registry");
  soap::SoapEndpoint* endpoint = actor->endpoint_.get();
  endpoint->Mount(server, actor->soap_path_);

  IdentityFeedOptions feed_options;
  feed_options.accepted_assigning_authorities = config.Strings("registry.accepted_assigning_authorities");
  actor->feed_ = std::make_unique<IdentityFeed>(*actor->store_, feed_options);
  // ITI-20: MLLP is not the HttpServer; the feed gets the server's auditor.
  actor->feed_->set_auditor(server.auditor());
  MllpServerOptions mllp_options;
  mllp_options.host = config.String("registry.mllp_host", "127.0.0.1");
  mllp_options.port = static_cast<uint16_t>(config.Int("registry.mllp_port", 2575));
  IdentityFeed* feed = actor->feed_.get();
  actor->mllp_ = std::make_unique<MllpServer>(
      mllp_options,
      MllpServer::PeerHandler([feed](std::string_view message, const std::string& peer) {
        return feed->Handle(message, peer);
      }));
  XDS_RETURN_IF_ERROR(actor->mllp_->Start());
  return actor;
}

RegistryActor::~RegistryActor() {
  if (mllp_) mllp_->Stop();
}

int RegistryActor::mllp_port() const { return mllp_->port(); }

}  // namespace xds::registry

#include "wire/access/access_decision.h"

#include "wire/config/tls_config.h"

namespace xds::access {

RemoteDecisionPoint::RemoteDecisionPoint(std::string registry_base_url, std::optional<http::TlsSettings> tls)
    : base_url_(std::move(registry_base_url)) {
  options_.tls = std::move(tls);
  options_.read_timeout_seconds = 15;
}

Result<AccessAnswer> RemoteDecisionPoint::Decide(const AccessQuestion& question) const {
  // One client per call: HttpClient is not thread-safe and decisions come
  // from many request threads at once.
  http::HttpClient client(base_url_, options_);
  auto response = client.Post(kDecidePath, "application/json", ToJson(question));
  if (!response.ok()) return response.status();
  if (response->status != 200)
    return Status::Unavailable("the registry answered the access question with HTTP " +
                               std::to_string(response->status) + ": " + response->body.substr(0, 200));
  return AccessAnswerFromJson(response->body);
}

Result<std::unique_ptr<RemoteDecisionPoint>> RemoteDecisionPointFromConfig(const Config& config) {
  std::string url = config.String("access.decision_url");
  if (url.empty()) return std::unique_ptr<RemoteDecisionPoint>();
  auto parts = http::SplitUrl(url);
  if (!parts.ok()) return Status::InvalidArgument("access.decision_url: " + parts.status().message());
  auto tls = ClientTlsFromConfig(config, "access.decision_tls");
  if (!tls.ok()) return tls.status();
  return std::make_unique<RemoteDecisionPoint>(parts->base, *tls);
}

}  // namespace xds::access

// AccessDecisionPoint: what a policy enforcement point (the repository
// before it answers ITI-43, the imaging source before RAD-69 and WADO)
// asks before it hands out a document or an image. The registry decides
// (registry/access/access_policy.h) because it holds the metadata, the
// patients' consents and the sharing rules.
//
// In one process the repository and the imaging source hold the registry's
// own decider; on separate hosts they hold a RemoteDecisionPoint, which
// puts the question to the registry's /access/decide route over (mutual)
// TLS. The composition root (apps/node_main.cc) chooses.
//
// An error means "no decision": the enforcement point then refuses, as it
// would refuse a denied document (fail closed).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "wire/access/access_messages.h"
#include "wire/config/config.h"
#include "wire/http/http_client.h"

namespace xds::access {

class AccessDecisionPoint {
 public:
  virtual ~AccessDecisionPoint() = default;
  virtual Result<AccessAnswer> Decide(const AccessQuestion& question) const = 0;
};

// The registry's route that answers AccessQuestions (JSON, POST).
inline constexpr const char* kDecidePath = "/access/decide";

class RemoteDecisionPoint final : public AccessDecisionPoint {
 public:
  // `registry_base_url`: "https://registry:8443"; `tls`: this node's
  // certificate and trust for that link.
  RemoteDecisionPoint(std::string registry_base_url, std::optional<http::TlsSettings> tls);
  Result<AccessAnswer> Decide(const AccessQuestion& question) const override;

 private:
  std::string base_url_;
  http::HttpClientOptions options_;
};

// The decision point of a node whose registry runs elsewhere:
//   [access]
//   decision_url = "https://registry.region:8443"
//   [access.decision_tls]   (optional; else [tls]) this link's certificate and trust
// nullptr when decision_url is not set (open mode).
Result<std::unique_ptr<RemoteDecisionPoint>> RemoteDecisionPointFromConfig(const Config& config);

}  // namespace xds::access

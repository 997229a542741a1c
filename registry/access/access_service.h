// AccessService: the registry as the region's policy decision point and
// the keeper of its sharing rules, over HTTP(S) with JSON bodies
// (wire/access/access_messages.h):
//
//   POST /access/decide         an enforcement point (repository, imaging
//                               source; listed in access.enforcement_points)
//                               asks which documents / studies a requester
//                               may retrieve
//   GET  /access/sharing-rules  the rules in force
//   POST /access/sharing-rules  records a new version of a rule
//   GET  /access/sharing-rules/history?id=<rule id>
//
// Rules are managed by the region's administrators (access.administrators),
// and by each structure for its own documents (its requesters, as
// structure_directory.h recognises them): a structure keeps control over
// what it produced, and can neither see nor touch another's rules.
//
// Callers are recognised only by what TLS (and XUA) verified
// (security::Requester); anyone else gets 403. The same decisions serve
// in-process enforcement points through Decide() (an AccessDecisionPoint).
//
// Thread-safe: immutable options over the thread-safe store.
#pragma once

#include <string>

#include "registry/access/access_policy.h"
#include "registry/store/registry_store.h"
#include "wire/access/access_decision.h"
#include "wire/http/http_server.h"

namespace xds::registry {

class AccessService final : public access::AccessDecisionPoint {
 public:
  AccessService(RegistryStore& store, const AccessOptions& options) : store_(store), options_(options) {}

  // Adds the routes above to `server` (not yet started).
  void Mount(http::HttpServer& server) const;

  Result<access::AccessAnswer> Decide(const access::AccessQuestion& question) const override;
  // Validates and records `rule` on behalf of `administrator`.
  Result<access::SharingRule> RecordRule(const access::SharingRule& rule, const std::string& administrator) const;

 private:
  http::HttpResponse HandleDecide(const http::HttpRequest& request) const;
  http::HttpResponse HandleListRules(const http::HttpRequest& request) const;
  http::HttpResponse HandleRecordRule(const http::HttpRequest& request) const;
  http::HttpResponse HandleRuleHistory(const http::HttpRequest& request) const;

  RegistryStore& store_;
  const AccessOptions& options_;
};

}  // namespace xds::registry

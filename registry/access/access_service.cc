#include "registry/access/access_service.h"

#include <spdlog/spdlog.h>

#include "wire/base/ids.h"
#include "wire/http/json_response.h"

namespace xds::registry {
namespace {

constexpr const char* kNotManager =
    "neither an administrator of this registry (access.administrators) nor a structure of the region";

}  // namespace

void AccessService::Mount(http::HttpServer& server) const {
  server.Post(access::kDecidePath, [this](const http::HttpRequest& r) { return HandleDecide(r); }, 1 << 20);
  server.Get("/access/sharing-rules", [this](const http::HttpRequest& r) { return HandleListRules(r); });
  server.Post("/access/sharing-rules", [this](const http::HttpRequest& r) { return HandleRecordRule(r); }, 1 << 20);
  server.Get("/access/sharing-rules/history", [this](const http::HttpRequest& r) { return HandleRuleHistory(r); });
}

Result<access::AccessAnswer> AccessService::Decide(const access::AccessQuestion& question) const {
  access::AccessAnswer answer;
  Status s = store_.ReadOnly([&](ReadTxn& txn) {
    answer = access::AccessAnswer();
    AccessCheck check(options_, question.requester, txn, NowDtm());
    auto documents = check.VisibleDocuments(question.document_unique_ids);
    if (!documents.ok()) return documents.status();
    auto studies = check.VisibleStudies(question.study_instance_uids);
    if (!studies.ok()) return studies.status();
    answer.document_unique_ids = std::move(*documents);
    answer.study_instance_uids = std::move(*studies);
    if (question.submission) {
      auto refusals = check.SubmissionRefusals(*question.submission);
      if (!refusals.ok()) return refusals.status();
      answer.submission_refusals = std::move(*refusals);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return answer;
}

Result<access::SharingRule> AccessService::RecordRule(const access::SharingRule& rule,
                                                      const std::string& administrator) const {
  XDS_RETURN_IF_ERROR(ValidateSharingRule(rule, options_.structures));
  access::SharingRule stored;
  Status s = store_.ReadWrite([&](WriteTxn& txn) {
    auto recorded = RecordSharingRule(txn, rule, administrator, NowDtm());
    if (!recorded.ok()) return recorded.status();
    stored = std::move(*recorded);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  spdlog::info("sharing rule {} version {} recorded by {} (owner {}, {} grantee(s){})", stored.id, stored.version,
               administrator, stored.owner, stored.grantees.size(), stored.revoked ? ", revoked" : "");
  return stored;
}

http::HttpResponse AccessService::HandleDecide(const http::HttpRequest& request) const {
  const security::Requester caller = security::RequesterOf(request);
  if (!security::Listed(caller, options_.enforcement_points)) {
    spdlog::warn("access question refused: {} is not in access.enforcement_points", security::Describe(caller));
    return http::JsonError(403, "not an enforcement point of this registry");
  }
  auto question = access::AccessQuestionFromJson(request.body);
  if (!question.ok()) return http::JsonError(400, question.status().message());
  auto answer = Decide(*question);
  if (!answer.ok()) return http::JsonError(503, answer.status().message());
  return http::JsonResponse(200, access::ToJson(*answer));
}

// Administrators manage every rule; a structure manages its own (it keeps
// control over what it produced). Returns the owner the caller may act
// for, "*" for an administrator, or empty.
std::string ManagedOwner(const security::Requester& caller, const AccessOptions& options) {
  if (security::Listed(caller, options.administrators)) return "*";
  return options.structures.OfRequester(caller).value_or("");
}

http::HttpResponse AccessService::HandleListRules(const http::HttpRequest& request) const {
  const std::string owner = ManagedOwner(security::RequesterOf(request), options_);
  if (owner.empty()) return http::JsonError(403, kNotManager);
  std::vector<access::SharingRule> rules;
  Status s = store_.ReadOnly([&](ReadTxn& txn) {
    auto loaded = LoadSharingRules(txn);
    if (!loaded.ok()) return loaded.status();
    for (auto& r : *loaded)
      if (owner == "*" || r.owner == owner) rules.push_back(std::move(r));
    return Status::Ok();
  });
  if (!s.ok()) return http::JsonError(503, s.message());
  return http::JsonResponse(200, access::ToJson(rules));
}

http::HttpResponse AccessService::HandleRuleHistory(const http::HttpRequest& request) const {
  const std::string owner = ManagedOwner(security::RequesterOf(request), options_);
  if (owner.empty()) return http::JsonError(403, kNotManager);
  auto id = request.query.find("id");
  if (id == request.query.end() || id->second.empty()) return http::JsonError(400, "give the rule id: ?id=<rule id>");
  std::vector<access::SharingRule> versions;
  Status s = store_.ReadOnly([&](ReadTxn& txn) {
    auto loaded = SharingRuleHistory(txn, id->second);
    if (!loaded.ok()) return loaded.status();
    versions = std::move(*loaded);
    return Status::Ok();
  });
  if (!s.ok()) return http::JsonError(503, s.message());
  if (versions.empty() || (owner != "*" && versions.back().owner != owner))
    return http::JsonError(404, "no sharing rule '" + id->second + "'");
  return http::JsonResponse(200, access::ToJson(versions));
}

http::HttpResponse AccessService::HandleRecordRule(const http::HttpRequest& request) const {
  const security::Requester caller = security::RequesterOf(request);
  const std::string owner = ManagedOwner(caller, options_);
  if (owner.empty()) return http::JsonError(403, kNotManager);
  auto rule = access::SharingRuleFromJson(request.body);
  if (!rule.ok()) return http::JsonError(400, rule.status().message());
  if (owner != "*" && rule->owner != owner)
    return http::JsonError(403, "structure '" + owner + "' may only manage its own sharing rules");
  auto stored = RecordRule(*rule, security::Describe(caller));
  if (!stored.ok())
    return http::JsonError(stored.status().code() == Status::Code::kInvalidArgument ? 400 : 503, stored.status().message());
  return http::JsonResponse(201, access::ToJson(*stored));
}

}  // namespace xds::registry

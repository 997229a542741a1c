#include "imaging-source/service/publish_route.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "wire/base/ids.h"
#include "wire/http/json_response.h"
#include "wire/security/requester.h"

namespace xds::imaging {
namespace {

using nlohmann::json;

// A body far larger than {"studyInstanceUid": "<64 characters>"} is not a
// publication request; refused before it is read whole.
constexpr size_t kMaxRequestBytes = 16 * 1024;

// Text from peers (the repository's errors) may not be UTF-8: replaced,
// since dump() would throw on it.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Parses `text` as a JSON object; InvalidArgument otherwise.
Result<json> ParseObject(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("the body is not a JSON object");
  return j;
}

// j[key] as a string ("" when absent); InvalidArgument for another type.
Result<std::string> StringField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::string();
  if (!it->is_string()) return Status::InvalidArgument(std::string("'") + key + "' must be a string");
  return it->get<std::string>();
}

Result<int> IntField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (!it->is_number_integer()) return Status::InvalidArgument(std::string("'") + key + "' must be an integer");
  return it->get<int>();
}

}  // namespace

PublishRoute::PublishRoute(StudyPublisher* publisher, std::vector<std::string> publishers)
    : publisher_(publisher), publishers_(publishers.empty() ? kLoopbackPublishers : std::move(publishers)) {}

void PublishRoute::Mount(http::HttpServer& server, const std::string& path) {
  server.Post(path, [this](const http::HttpRequest& r) { return Handle(r); }, kMaxRequestBytes);
}

http::HttpResponse PublishRoute::Handle(const http::HttpRequest& request) const {
  const security::Requester caller = security::RequesterOf(request);
  if (!security::Listed(caller, publishers_)) {
    spdlog::warn("publish request refused: {} is not in imaging_source.publishers", security::Describe(caller));
    return http::JsonError(403, "not allowed to publish here (imaging_source.publishers)");
  }
  auto study_uid = StudyUidFromPublishRequest(request.body);
  if (!study_uid.ok()) return http::JsonError(400, study_uid.status().message());
  if (publisher_ == nullptr)
    return http::JsonError(503, "this imaging source publishes nothing: imaging_source.repository_url is not configured");
  spdlog::info("publish request for study {} from {}", *study_uid, security::Describe(caller));
  auto outcome = publisher_->Publish(*study_uid);
  if (!outcome.ok()) {
    const int status = PublishFailureStatus(outcome.status());
    spdlog::warn("publish request for study {}: {} (HTTP {})", *study_uid, outcome.status().ToString(), status);
    return http::JsonError(status, outcome.status().message());
  }
  return http::JsonResponse(200, PublishOutcomeToJson(*outcome));
}

int PublishFailureStatus(const Status& status) {
  switch (status.code()) {
    case Status::Code::kInvalidArgument: return 422;  // the repository (or the metadata rules) refused it
    case Status::Code::kNotFound: return 404;
    // The PACS or the repository (our upstreams) unreachable or silent.
    case Status::Code::kUnavailable:
    case Status::Code::kOutcomeUnknown: return 502;
    case Status::Code::kBusy: return 503;
    default: return 500;
  }
}

std::string PublishRequestJson(const std::string& study_uid) {
  return Dump({{"studyInstanceUid", study_uid}});
}

Result<std::string> StudyUidFromPublishRequest(std::string_view body) {
  auto j = ParseObject(body);
  if (!j.ok()) return j.status();
  auto uid = StringField(*j, "studyInstanceUid");
  if (!uid.ok()) return uid.status();
  if (uid->empty()) return Status::InvalidArgument("'studyInstanceUid' is required");
  // PS3.5 9.1: a UID is a dotted OID of at most 64 characters.
  if (!IsOid(*uid)) return Status::InvalidArgument("'" + *uid + "' is not a DICOM UID");
  return *uid;
}

std::string PublishOutcomeToJson(const PublishOutcome& o) {
  return Dump({{"kind", PublishKindName(o.kind)},
               {"studyInstanceUid", o.study_instance_uid},
               {"entryUUID", o.entry_uuid},
               {"uniqueId", o.document_unique_id},
               {"replacedEntryUUID", o.replaced_entry_uuid},
               {"series", o.series},
               {"instances", o.instances}});
}

Result<PublishOutcome> PublishOutcomeFromJson(std::string_view body) {
  auto j = ParseObject(body);
  if (!j.ok()) return j.status();
  PublishOutcome o;
  auto kind = StringField(*j, "kind");
  if (!kind.ok()) return kind.status();
  bool known = false;
  for (PublishKind k : {PublishKind::kOriginal, PublishKind::kReplaced, PublishKind::kUnchanged})
    if (*kind == PublishKindName(k)) o.kind = k, known = true;
  if (!known) return Status::InvalidArgument("unknown publication kind '" + *kind + "'");
  struct {
    const char* key;
    std::string* into;
  } strings[] = {{"studyInstanceUid", &o.study_instance_uid},
                 {"entryUUID", &o.entry_uuid},
                 {"uniqueId", &o.document_unique_id},
                 {"replacedEntryUUID", &o.replaced_entry_uuid}};
  for (auto& s : strings) {
    auto value = StringField(*j, s.key);
    if (!value.ok()) return value.status();
    *s.into = std::move(*value);
  }
  for (auto [key, into] : {std::pair{"series", &o.series}, std::pair{"instances", &o.instances}}) {
    auto value = IntField(*j, key);
    if (!value.ok()) return value.status();
    *into = *value;
  }
  return o;
}

std::string PublishErrorFromJson(std::string_view body) {
  auto j = ParseObject(body);
  if (!j.ok()) return {};
  auto error = StringField(*j, "error");
  return error.ok() ? *error : std::string();
}

}  // namespace xds::imaging

#include "wire/access/access_messages.h"

#include <nlohmann/json.hpp>

namespace xds::access {
namespace {

using nlohmann::json;

json RuleJson(const SharingRule& r) {
  json j = {{"id", r.id},
            {"owner", r.owner},
            {"grantees", r.grantees},
            {"class_codes", r.class_codes},
            {"purposes_of_use", r.purposes_of_use},
            {"valid_until", r.valid_until},
            {"revoked", r.revoked}};
  if (r.version > 0) j["version"] = r.version;
  if (!r.recorded_time.empty()) j["recorded_time"] = r.recorded_time;
  if (!r.recorded_by.empty()) j["recorded_by"] = r.recorded_by;
  return j;
}

// Reads an optional string / list of strings; type errors name the field.
Status ReadString(const json& j, const char* key, std::string& out) {
  if (!j.contains(key) || j[key].is_null()) return Status::Ok();
  if (!j[key].is_string()) return Status::InvalidArgument(std::string("'") + key + "' must be a string");
  out = j[key].get<std::string>();
  return Status::Ok();
}

Status ReadStrings(const json& j, const char* key, std::vector<std::string>& out) {
  if (!j.contains(key) || j[key].is_null()) return Status::Ok();
  if (!j[key].is_array()) return Status::InvalidArgument(std::string("'") + key + "' must be a list of strings");
  for (const auto& v : j[key]) {
    if (!v.is_string()) return Status::InvalidArgument(std::string("'") + key + "' must be a list of strings");
    out.push_back(v.get<std::string>());
  }
  return Status::Ok();
}

Result<SharingRule> RuleFrom(const json& j) {
  if (!j.is_object()) return Status::InvalidArgument("a sharing rule must be a JSON object");
  SharingRule r;
  XDS_RETURN_IF_ERROR(ReadString(j, "id", r.id));
  XDS_RETURN_IF_ERROR(ReadString(j, "owner", r.owner));
  XDS_RETURN_IF_ERROR(ReadStrings(j, "grantees", r.grantees));
  XDS_RETURN_IF_ERROR(ReadStrings(j, "class_codes", r.class_codes));
  XDS_RETURN_IF_ERROR(ReadStrings(j, "purposes_of_use", r.purposes_of_use));
  XDS_RETURN_IF_ERROR(ReadString(j, "valid_until", r.valid_until));
  XDS_RETURN_IF_ERROR(ReadString(j, "recorded_time", r.recorded_time));
  XDS_RETURN_IF_ERROR(ReadString(j, "recorded_by", r.recorded_by));
  if (j.contains("version")) {
    if (!j["version"].is_number_integer()) return Status::InvalidArgument("'version' must be an integer");
    r.version = j["version"].get<int64_t>();
  }
  if (j.contains("revoked")) {
    if (!j["revoked"].is_boolean()) return Status::InvalidArgument("'revoked' must be true or false");
    r.revoked = j["revoked"].get<bool>();
  }
  return r;
}

json RequesterJson(const security::Requester& r) {
  json j = {{"address", r.address}};
  if (r.certificate) {
    j["certificate"] = {{"subject", r.certificate->subject},
                        {"common_name", r.certificate->common_name},
                        {"issuer", r.certificate->issuer},
                        {"serial", r.certificate->serial}};
  }
  if (r.assertion) {
    json purposes = json::array();
    for (const auto& p : r.assertion->purposes_of_use)
      purposes.push_back({{"code", p.code}, {"code_system", p.code_system}});
    json roles = json::array();
    for (const auto& p : r.assertion->roles) roles.push_back({{"code", p.code}, {"code_system", p.code_system}});
    j["assertion"] = {{"id", r.assertion->id},
                      {"issuer", r.assertion->issuer},
                      {"subject", r.assertion->subject},
                      {"subject_name", r.assertion->subject_name},
                      {"organization", r.assertion->organization},
                      {"organization_id", r.assertion->organization_id},
                      {"home_community_id", r.assertion->home_community_id},
                      {"roles", roles},
                      {"purposes_of_use", purposes},
                      {"patient_id", r.assertion->patient_id}};
  }
  return j;
}

Status ReadCodes(const json& j, const char* key, std::vector<security::CodedValue>& out) {
  if (!j.contains(key)) return Status::Ok();
  if (!j[key].is_array()) return Status::InvalidArgument(std::string("'") + key + "' must be a list");
  for (const auto& v : j[key]) {
    security::CodedValue c;
    XDS_RETURN_IF_ERROR(ReadString(v, "code", c.code));
    XDS_RETURN_IF_ERROR(ReadString(v, "code_system", c.code_system));
    out.push_back(std::move(c));
  }
  return Status::Ok();
}

Result<security::Requester> RequesterFrom(const json& j) {
  if (!j.is_object()) return Status::InvalidArgument("'requester' must be a JSON object");
  security::Requester r;
  XDS_RETURN_IF_ERROR(ReadString(j, "address", r.address));
  if (j.contains("certificate") && j["certificate"].is_object()) {
    const json& c = j["certificate"];
    http::PeerCertificate cert;
    XDS_RETURN_IF_ERROR(ReadString(c, "subject", cert.subject));
    XDS_RETURN_IF_ERROR(ReadString(c, "common_name", cert.common_name));
    XDS_RETURN_IF_ERROR(ReadString(c, "issuer", cert.issuer));
    XDS_RETURN_IF_ERROR(ReadString(c, "serial", cert.serial));
    r.certificate = std::move(cert);
  }
  if (j.contains("assertion") && j["assertion"].is_object()) {
    const json& a = j["assertion"];
    security::UserAssertion u;
    XDS_RETURN_IF_ERROR(ReadString(a, "id", u.id));
    XDS_RETURN_IF_ERROR(ReadString(a, "issuer", u.issuer));
    XDS_RETURN_IF_ERROR(ReadString(a, "subject", u.subject));
    XDS_RETURN_IF_ERROR(ReadString(a, "subject_name", u.subject_name));
    XDS_RETURN_IF_ERROR(ReadString(a, "organization", u.organization));
    XDS_RETURN_IF_ERROR(ReadString(a, "organization_id", u.organization_id));
    XDS_RETURN_IF_ERROR(ReadString(a, "home_community_id", u.home_community_id));
    XDS_RETURN_IF_ERROR(ReadString(a, "patient_id", u.patient_id));
    XDS_RETURN_IF_ERROR(ReadCodes(a, "roles", u.roles));
    XDS_RETURN_IF_ERROR(ReadCodes(a, "purposes_of_use", u.purposes_of_use));
    r.assertion = std::move(u);
  }
  return r;
}

template <typename T, typename F>
Result<T> Parse(std::string_view text, F&& read) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("not well-formed JSON");
  try {
    return read(j);
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("unexpected JSON: ") + e.what());
  }
}

}  // namespace

std::string ToJson(const SharingRule& rule) { return RuleJson(rule).dump(); }

std::string ToJson(const std::vector<SharingRule>& rules) {
  json j = json::array();
  for (const auto& r : rules) j.push_back(RuleJson(r));
  return j.dump();
}

std::string ToJson(const AccessQuestion& q) {
  json j = {{"requester", RequesterJson(q.requester)},
            {"document_unique_ids", q.document_unique_ids},
            {"study_instance_uids", q.study_instance_uids}};
  if (q.submission) {
    json entries = json::array();
    for (const auto& e : q.submission->document_entries)
      entries.push_back({{"id", e.id}, {"institution_ids", e.institution_ids}});
    j["submission"] = {{"source_ids", q.submission->source_ids},
                       {"document_entries", entries},
                       {"registered_objects", q.submission->registered_objects}};
  }
  return j.dump();
}

std::string ToJson(const AccessAnswer& a) {
  return json{{"document_unique_ids", a.document_unique_ids},
              {"study_instance_uids", a.study_instance_uids},
              {"submission_refusals", a.submission_refusals}}
      .dump();
}

Result<SharingRule> SharingRuleFromJson(std::string_view text) {
  return Parse<SharingRule>(text, [](const json& j) { return RuleFrom(j); });
}

Result<std::vector<SharingRule>> SharingRulesFromJson(std::string_view text) {
  return Parse<std::vector<SharingRule>>(text, [](const json& j) -> Result<std::vector<SharingRule>> {
    if (!j.is_array()) return Status::InvalidArgument("expected a JSON list of sharing rules");
    std::vector<SharingRule> out;
    for (const auto& item : j) {
      auto r = RuleFrom(item);
      if (!r.ok()) return r.status();
      out.push_back(std::move(*r));
    }
    return out;
  });
}

Result<AccessQuestion> AccessQuestionFromJson(std::string_view text) {
  return Parse<AccessQuestion>(text, [](const json& j) -> Result<AccessQuestion> {
    if (!j.is_object() || !j.contains("requester"))
      return Status::InvalidArgument("an access question needs a 'requester'");
    AccessQuestion q;
    auto r = RequesterFrom(j["requester"]);
    if (!r.ok()) return r.status();
    q.requester = std::move(*r);
    XDS_RETURN_IF_ERROR(ReadStrings(j, "document_unique_ids", q.document_unique_ids));
    XDS_RETURN_IF_ERROR(ReadStrings(j, "study_instance_uids", q.study_instance_uids));
    if (j.contains("submission") && !j["submission"].is_null()) {
      const json& s = j["submission"];
      if (!s.is_object()) return Status::InvalidArgument("'submission' must be a JSON object");
      SubmissionClaim claim;
      XDS_RETURN_IF_ERROR(ReadStrings(s, "source_ids", claim.source_ids));
      XDS_RETURN_IF_ERROR(ReadStrings(s, "registered_objects", claim.registered_objects));
      if (s.contains("document_entries")) {
        if (!s["document_entries"].is_array())
          return Status::InvalidArgument("'document_entries' must be a list of objects");
        for (const auto& e : s["document_entries"]) {
          if (!e.is_object()) return Status::InvalidArgument("'document_entries' must be a list of objects");
          SubmissionClaim::Entry entry;
          XDS_RETURN_IF_ERROR(ReadString(e, "id", entry.id));
          XDS_RETURN_IF_ERROR(ReadStrings(e, "institution_ids", entry.institution_ids));
          claim.document_entries.push_back(std::move(entry));
        }
      }
      q.submission = std::move(claim);
    }
    return q;
  });
}

Result<AccessAnswer> AccessAnswerFromJson(std::string_view text) {
  return Parse<AccessAnswer>(text, [](const json& j) -> Result<AccessAnswer> {
    if (!j.is_object()) return Status::InvalidArgument("an access answer must be a JSON object");
    AccessAnswer a;
    XDS_RETURN_IF_ERROR(ReadStrings(j, "document_unique_ids", a.document_unique_ids));
    XDS_RETURN_IF_ERROR(ReadStrings(j, "study_instance_uids", a.study_instance_uids));
    XDS_RETURN_IF_ERROR(ReadStrings(j, "submission_refusals", a.submission_refusals));
    return a;
  });
}

}  // namespace xds::access

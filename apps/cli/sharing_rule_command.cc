// `xds sharing-rule`: the administration command for the region's sharing
// rules, kept by the registry (registry/access/access_service.h, routes
// /access/sharing-rules). The caller is an administrator of the registry or
// the structure that owns the rule, as its client certificate (--cert) or
// assertion shows.
#include <cstdio>

#include "apps/cli/commands.h"
#include "wire/access/access_messages.h"
#include "wire/http/http_client.h"

namespace xds::cli {
namespace {

std::string Join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ",") + v;
  return out.empty() ? "-" : out;
}

void PrintTable(const std::vector<access::SharingRule>& rules) {
  std::printf("%-28s %4s %-16s %-24s %-28s %-12s %-10s %s\n", "RULE", "VER", "OWNER", "GRANTEES", "CLASSES",
              "PURPOSES", "UNTIL", "RECORDED");
  for (const auto& r : rules)
    std::printf("%-28s %4lld %-16s %-24s %-28s %-12s %-10s %s by %s%s\n", r.id.c_str(),
                static_cast<long long>(r.version), r.owner.c_str(), Join(r.grantees).c_str(),
                Join(r.class_codes).c_str(), Join(r.purposes_of_use).c_str(),
                r.valid_until.empty() ? "-" : r.valid_until.c_str(), r.recorded_time.c_str(), r.recorded_by.c_str(),
                r.revoked ? "  REVOKED" : "");
}

// Sends one request and maps the answer to an exit code; `body` gets the
// answer's body on success.
int Exchange(http::HttpClient& client, const std::string& base, const std::string& method, const std::string& path,
             const std::string& payload, std::string& body) {
  auto reply = method == "GET" ? client.Get(path) : client.Post(path, "application/json", payload);
  if (!reply.ok()) {
    std::fprintf(stderr, "registry at %s unreachable: %s\n", base.c_str(), reply.status().ToString().c_str());
    return kUnreachable;
  }
  if (reply->status >= 300) {
    std::fprintf(stderr, "registry refused (HTTP %d): %s\n", reply->status, reply->body.c_str());
    return kRefused;
  }
  body = reply->body;
  return kOk;
}

}  // namespace

int SharingRuleCommand(const soap::SoapClientOptions& client_options, const std::string& registry_base_url,
                       const SharingRuleOptions& options) {
  http::HttpClientOptions http_options = client_options.http;
  http::HttpClient client(registry_base_url, http_options);
  std::string body;
  if (options.action == "list" || options.action == "history") {
    std::string path = "/access/sharing-rules";
    if (options.action == "history") {
      if (options.rule.id.empty()) {
        std::fprintf(stderr, "history needs --id\n");
        return kUsage;
      }
      path += "/history?id=" + options.rule.id;
    }
    int code = Exchange(client, registry_base_url, "GET", path, {}, body);
    if (code != kOk) return code;
    if (options.json) {
      std::printf("%s\n", body.c_str());
      return kOk;
    }
    auto rules = access::SharingRulesFromJson(body);
    if (!rules.ok()) {
      std::fprintf(stderr, "unexpected answer from the registry: %s\n", rules.status().ToString().c_str());
      return kRefused;
    }
    PrintTable(*rules);
    return kOk;
  }

  access::SharingRule rule = options.rule;
  if (options.action == "revoke") {
    // A revocation is the next version of the rule, marked revoked; the
    // owner is the one recorded.
    int code = Exchange(client, registry_base_url, "GET", "/access/sharing-rules/history?id=" + rule.id, {}, body);
    if (code != kOk) return code;
    auto versions = access::SharingRulesFromJson(body);
    if (!versions.ok() || versions->empty()) {
      std::fprintf(stderr, "no sharing rule '%s'\n", rule.id.c_str());
      return kRefused;
    }
    rule = versions->back();
    rule.revoked = true;
  } else if (options.action != "add") {
    std::fprintf(stderr, "unknown action '%s' (add, revoke, list, history)\n", options.action.c_str());
    return kUsage;
  }
  int code = Exchange(client, registry_base_url, "POST", "/access/sharing-rules", access::ToJson(rule), body);
  if (code != kOk) return code;
  auto stored = access::SharingRuleFromJson(body);
  if (!stored.ok()) {
    std::fprintf(stderr, "unexpected answer from the registry: %s\n", stored.status().ToString().c_str());
    return kRefused;
  }
  if (options.json)
    std::printf("%s\n", body.c_str());
  else
    PrintTable({*stored});
  return kOk;
}

}  // namespace xds::cli

#include <nlohmann/json.hpp>

#include <cstdio>

#include "apps/cli/commands.h"
#include "wire/ihe/query_values.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_writer.h"
#include "wire/ihe/stored_queries.h"

namespace xds::cli {
namespace {

using ihe::query_id::kFindDocuments;

std::string ShortStatus(const std::string& status) {
  size_t colon = status.rfind(':');
  return colon == std::string::npos ? status : status.substr(colon + 1);
}

}  // namespace

int FindDocuments(const soap::SoapClientOptions& client_options, const std::string& registry_url,
                  const std::string& patient_id, const std::vector<std::string>& statuses, OutputFormat format) {
  ihe::AdhocQueryRequest query;
  query.query_id = kFindDocuments;
  query.parameters.push_back({"$XDSDocumentEntryPatientId", {ihe::QuotedQueryValue(patient_id)}});
  std::vector<std::string> status_urns;
  for (const std::string& s : statuses.empty() ? std::vector<std::string>{"approved"} : statuses)
    status_urns.push_back(std::string(s == "deprecated" ? vocab::kDeprecated : vocab::kApproved));
  query.parameters.push_back({"$XDSDocumentEntryStatus", {ihe::QuotedQueryList(status_urns)}});
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, query);
  soap::SoapClient client(registry_url, client_options);
  auto reply = client.Call(std::string(vocab::kActionStoredQuery), w.Take());
  if (!reply.ok()) return FailedExchange(reply, "registry", registry_url);
  if (format == OutputFormat::kRaw) std::printf("%s\n", reply->raw.c_str());
  if (int failed = FailedExchange(reply, "registry", registry_url)) return failed;
  auto response = ihe::ReadAdhocQueryResponse(reply->body);
  if (!response.ok()) {
    std::fprintf(stderr, "unreadable answer: %s\n", response.status().message().c_str());
    return kRefused;
  }
  for (const auto& e : response->errors)
    std::fprintf(stderr, "%s %s: %s\n", e.warning ? "warning" : "error", e.error_code.c_str(), e.code_context.c_str());
  if (format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : response->objects)
      out.push_back({{"entryUUID", o.id},
                     {"uniqueId", ihe::UniqueIdOf(o)},
                     {"title", o.name},
                     {"mimeType", o.mime_type},
                     {"creationTime", o.SlotValue("creationTime")},
                     {"status", ShortStatus(o.status)},
                     {"repositoryUniqueId", o.SlotValue("repositoryUniqueId")},
                     {"size", o.SlotValue("size")}});
    std::printf("%s\n", out.dump(2).c_str());
  } else if (format == OutputFormat::kTable) {
    std::printf("%-40s %-16s %-10s %-24s %-28s %s\n", "uniqueId", "creationTime", "status", "mimeType", "repository",
                "title");
    for (const auto& o : response->objects)
      std::printf("%-40s %-16s %-10s %-24s %-28s %s\n", ihe::UniqueIdOf(o).c_str(),
                  o.SlotValue("creationTime").c_str(), ShortStatus(o.status).c_str(), o.mime_type.c_str(),
                  o.SlotValue("repositoryUniqueId").c_str(), o.name.c_str());
    std::printf("%zu document(s)\n", response->objects.size());
  }
  if (ihe::HasError(response->errors)) return response->objects.empty() ? kRefused : kPartial;
  return kOk;
}

}  // namespace xds::cli

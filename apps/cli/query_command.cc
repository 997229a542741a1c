// `xds query` and `xds find`: every ITI-18 stored query by name, its
// parameters given as shortcuts (--patient, --status, --uuid, --unique-id,
// --association-type) or raw (--param '$Name=value text'), and the answer
// printed as a table, JSON, or the ebXML as received.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>

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

// ITI TF-2a 3.18.4.1.2.4: each query's id and the names its shortcuts map to.
struct StoredQuery {
  const char* name;
  const char* id;
  const char* patient;   // patient id parameter, "" when none
  const char* status;    // status parameter(s), comma-separated
  const char* uuid;      // entryUUID parameter
  const char* unique_id; // uniqueId parameter
  bool single_id;        // uuid/uniqueId single-valued
};

constexpr StoredQuery kQueries[] = {
    {"FindDocuments", ihe::query_id::kFindDocuments, "$XDSDocumentEntryPatientId",
     "$XDSDocumentEntryStatus", "", "", false},
    {"FindSubmissionSets", ihe::query_id::kFindSubmissionSets, "$XDSSubmissionSetPatientId",
     "$XDSSubmissionSetStatus", "", "", false},
    {"FindFolders", ihe::query_id::kFindFolders, "$XDSFolderPatientId", "$XDSFolderStatus", "",
     "", false},
    {"GetAll", ihe::query_id::kGetAll, "$patientId",
     "$XDSDocumentEntryStatus,$XDSSubmissionSetStatus,$XDSFolderStatus", "", "", false},
    {"GetDocuments", ihe::query_id::kGetDocuments, "", "", "$XDSDocumentEntryEntryUUID",
     "$XDSDocumentEntryUniqueId", false},
    {"GetFolders", ihe::query_id::kGetFolders, "", "", "$XDSFolderEntryUUID",
     "$XDSFolderUniqueId", false},
    {"GetAssociations", ihe::query_id::kGetAssociations, "", "", "$uuid", "", false},
    {"GetDocumentsAndAssociations", ihe::query_id::kGetDocumentsAndAssociations, "", "",
     "$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId", false},
    {"GetSubmissionSets", ihe::query_id::kGetSubmissionSets, "", "", "$uuid", "", false},
    {"GetSubmissionSetAndContents", ihe::query_id::kGetSubmissionSetAndContents, "", "",
     "$XDSSubmissionSetEntryUUID", "$XDSSubmissionSetUniqueId", true},
    {"GetFolderAndContents", ihe::query_id::kGetFolderAndContents, "", "", "$XDSFolderEntryUUID",
     "$XDSFolderUniqueId", true},
    {"GetFoldersForDocument", ihe::query_id::kGetFoldersForDocument, "", "", "$XDSDocumentEntryEntryUUID",
     "$XDSDocumentEntryUniqueId", true},
    {"GetRelatedDocuments", ihe::query_id::kGetRelatedDocuments, "", "", "$XDSDocumentEntryEntryUUID",
     "$XDSDocumentEntryUniqueId", true},
    {"FindDocumentsByReferenceId", ihe::query_id::kFindDocumentsByReferenceId, "$XDSDocumentEntryPatientId",
     "$XDSDocumentEntryStatus", "", "", false},
};

const StoredQuery* FindQuery(const std::string& name) {
  for (const auto& q : kQueries)
    if (name == q.name) return &q;
  return nullptr;
}

std::string Last(const std::string& urn) {
  size_t colon = urn.rfind(':');
  return colon == std::string::npos ? urn : urn.substr(colon + 1);
}

const char* TypeName(const ihe::RegistryObject& o) {
  switch (ihe::XdsTypeOf(o)) {
    case ihe::XdsObjectType::kDocumentEntry: return "DocumentEntry";
    case ihe::XdsObjectType::kSubmissionSet: return "SubmissionSet";
    case ihe::XdsObjectType::kFolder: return "Folder";
    case ihe::XdsObjectType::kAssociation: return "Association";
    case ihe::XdsObjectType::kUnlabelledPackage: return "RegistryPackage";
  }
  return "?";
}

nlohmann::json ToJson(const ihe::RegistryObject& o) {
  nlohmann::json j = {{"type", TypeName(o)}, {"entryUUID", o.id}, {"status", Last(o.status)}};
  if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kAssociation) {
    j["associationType"] = Last(o.association_type);
    j["sourceObject"] = o.source_object;
    j["targetObject"] = o.target_object;
    return j;
  }
  j["uniqueId"] = ihe::UniqueIdOf(o);
  j["patientId"] = ihe::PatientIdOf(o);
  j["title"] = o.name;
  if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kDocumentEntry) {
    j["mimeType"] = o.mime_type;
    for (const char* slot : {"creationTime", "repositoryUniqueId", "size", "hash", "serviceStartTime"})
      if (!o.SlotValue(slot).empty()) j[slot] = o.SlotValue(slot);
    auto codes = [&](std::string_view scheme) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& c : ihe::CodesOf(o, scheme)) list.push_back(c.code + "^^" + c.scheme);
      return list;
    };
    j["classCode"] = codes(vocab::kDeClassCode);
    j["typeCode"] = codes(vocab::kDeTypeCode);
    j["formatCode"] = codes(vocab::kDeFormatCode);
    j["eventCodeList"] = codes(vocab::kDeEventCode);
  }
  return j;
}

void PrintTable(const ihe::AdhocQueryResponse& r) {
  std::printf("%-14s %-46s %-44s %-10s %s\n", "type", "entryUUID", "uniqueId / association", "status",
              "title / mimeType / creationTime");
  for (const auto& o : r.objects) {
    std::string what, detail;
    if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kAssociation) {
      what = Last(o.association_type) + " " + o.source_object.substr(0, 17) + "..>" + o.target_object.substr(9, 8);
    } else {
      what = ihe::UniqueIdOf(o);
      detail = o.name;
      if (!o.mime_type.empty()) detail += "  " + o.mime_type + "  " + o.SlotValue("creationTime");
    }
    std::printf("%-14s %-46s %-44s %-10s %s\n", TypeName(o), o.id.c_str(), what.c_str(), Last(o.status).c_str(),
                detail.c_str());
  }
  for (const auto& ref : r.object_refs) std::printf("%-14s %s\n", "ObjectRef", ref.c_str());
  std::printf("%zu object(s)\n", r.objects.size() + r.object_refs.size());
}

}  // namespace

std::vector<std::string> StoredQueryNames() {
  std::vector<std::string> names;
  for (const auto& q : kQueries) names.push_back(q.name);
  return names;
}

int StoredQueryCommand(const soap::SoapClientOptions& client_options, const std::string& registry_url,
                       const QueryOptions& o) {
  const StoredQuery* q = FindQuery(o.query);
  if (!q) {
    std::fprintf(stderr, "unknown stored query '%s'\n", o.query.c_str());
    return kUsage;
  }
  ihe::AdhocQueryRequest query;
  query.query_id = q->id;
  query.return_type = o.object_refs ? "ObjectRef" : "LeafClass";
  if (!o.patient_id.empty()) {
    if (!*q->patient) {
      std::fprintf(stderr, "%s takes no patient id\n", q->name);
      return kUsage;
    }
    query.parameters.push_back({q->patient, {ihe::QuotedQueryValue(o.patient_id)}});
  }
  if (*q->status) {
    std::vector<std::string> urns;
    for (const std::string& s : o.statuses.empty() ? std::vector<std::string>{"approved"} : o.statuses)
      urns.push_back(std::string(s == "deprecated" ? vocab::kDeprecated : vocab::kApproved));
    std::string names = q->status;
    for (size_t start = 0; start < names.size();) {
      size_t comma = names.find(',', start);
      std::string name = names.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      query.parameters.push_back({name, {ihe::QuotedQueryList(urns)}});
      start = comma == std::string::npos ? names.size() : comma + 1;
    }
  }
  auto add_ids = [&](const char* name, const std::vector<std::string>& ids, const char* option) {
    if (ids.empty()) return true;
    if (!*name) {
      std::fprintf(stderr, "%s takes no %s\n", q->name, option);
      return false;
    }
    query.parameters.push_back({name, {q->single_id ? ihe::QuotedQueryValue(ids.front()) : ihe::QuotedQueryList(ids)}});
    return true;
  };
  if (!add_ids(q->uuid, o.uuids, "--uuid") || !add_ids(q->unique_id, o.unique_ids, "--unique-id")) return kUsage;
  if (!o.association_types.empty()) {
    std::vector<std::string> urns;
    for (const auto& t : o.association_types)
      urns.push_back(t.find(':') != std::string::npos ? t
                     : t == "HasMember"               ? std::string(vocab::kHasMember)
                                                      : "urn:ihe:iti:2007:AssociationType:" + t);
    query.parameters.push_back({"$AssociationTypes", {ihe::QuotedQueryList(urns)}});
  }
  for (const std::string& p : o.raw_params) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || p[0] != '$') {
      std::fprintf(stderr, "--param '%s' is not $Name=value\n", p.c_str());
      return kUsage;
    }
    query.parameters.push_back({p.substr(0, eq), {p.substr(eq + 1)}});
  }
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, query);
  soap::SoapClient client(registry_url, client_options);
  auto reply = client.Call(std::string(vocab::kActionStoredQuery), w.Take());
  if (int failed = FailedExchange(reply, "registry", registry_url)) return failed;
  if (o.format == OutputFormat::kRaw) std::printf("%s\n", reply->raw.c_str());
  auto response = ihe::ReadAdhocQueryResponse(reply->body);
  if (!response.ok()) {
    std::fprintf(stderr, "unreadable answer: %s\n", response.status().message().c_str());
    return kRefused;
  }
  PrintErrors(response->errors);
  if (o.format == OutputFormat::kJson) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& obj : response->objects) out.push_back(ToJson(obj));
    for (const auto& ref : response->object_refs) out.push_back({{"type", "ObjectRef"}, {"entryUUID", ref}});
    std::printf("%s\n", out.dump(2).c_str());
  } else if (o.format == OutputFormat::kTable) {
    PrintTable(*response);
  }
  if (ihe::HasError(response->errors))
    return response->objects.empty() && response->object_refs.empty() ? kRefused : kPartial;
  return kOk;
}

}  // namespace xds::cli

#include "registry/access/object_facts.h"

#include "registry/query/object_loader.h"
#include "registry/query/sql_builder.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

constexpr char kSep = kFieldSeparator;

// {in} is the entryUUID list. The holding submission set of a DocumentEntry
// or Folder is looked for across all versions of it (same lid), earliest
// first: a later version registered by an update keeps its first owner.
constexpr std::string_view kFactsSql =
    "SELECT o.entry_uuid || char(31) || o.kind || char(31) || "
    "  COALESCE((SELECT sp.patient_id FROM patient p JOIN patient sp ON sp.id = COALESCE(p.merged_into, p.id) "
    "            WHERE p.id = COALESCE(de.patient, ss.patient, f.patient)), '') || char(31) || "
    "  COALESCE((SELECT c.code || '^' || c.scheme FROM code c WHERE c.id = de.class_code), '') || char(31) || "
    "  COALESCE(ss.source_id, "
    "    (SELECT hs.source_id FROM object v "
    "       JOIN association a ON a.target_uuid = v.entry_uuid AND a.type = 1 "
    "       JOIN object ho ON ho.entry_uuid = a.source_uuid "
    "       JOIN submission_set hs ON hs.object_id = ho.id "
    "     WHERE v.entry_uuid = o.lid OR (v.lid = o.lid AND v.lid <> v.entry_uuid) "
    "     ORDER BY ho.id LIMIT 1), '') || char(31) || "
    "  COALESCE(ao.source_uuid, '') || char(31) || COALESCE(ao.target_uuid, '') "
    "FROM object o "
    "LEFT JOIN document_entry de ON de.object_id = o.id "
    "LEFT JOIN submission_set ss ON ss.object_id = o.id "
    "LEFT JOIN folder f ON f.object_id = o.id "
    "LEFT JOIN association ao ON ao.object_id = o.id "
    "WHERE o.entry_uuid IN ({in})";

}  // namespace

std::vector<std::string> SplitFields(const std::string& row, char separator) {
  std::vector<std::string> out;
  if (row.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t end = row.find(separator, start);
    out.push_back(row.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

Result<std::vector<ObjectFacts>> LoadObjectFacts(ReadTxn& txn, const std::vector<std::string>& entry_uuids) {
  std::vector<ObjectFacts> out;
  if (entry_uuids.empty()) return out;
  auto rows = SelectIn(txn, kFactsSql, entry_uuids);
  if (!rows.ok()) return rows.status();
  out.reserve(rows->size());
  for (const auto& row : *rows) {
    std::vector<std::string> f = SplitFields(row, kSep);
    if (f.size() != 7) return Status::Internal("unexpected access facts row");
    ObjectFacts facts;
    facts.entry_uuid = std::move(f[0]);
    facts.kind = static_cast<StoredKind>(std::stoi(f[1]));
    facts.patient_id = std::move(f[2]);
    facts.class_code = std::move(f[3]);
    facts.source_id = std::move(f[4]);
    facts.association_source = std::move(f[5]);
    facts.association_target = std::move(f[6]);
    out.push_back(std::move(facts));
  }
  return out;
}

Result<std::vector<std::string>> MemberDocumentEntries(ReadTxn& txn, const std::string& package_uuid) {
  return txn.SelectColumn(SqlQuery{
      "SELECT a.target_uuid FROM association a JOIN object t ON t.entry_uuid = a.target_uuid "
      "WHERE a.source_uuid = ? AND a.type = 1 AND t.kind = 1",
      {package_uuid}});
}

Result<std::vector<std::string>> AuthorInstitutionIds(ReadTxn& txn, const std::string& entry_uuid) {
  auto stored = txn.LoadObjects({entry_uuid});
  if (!stored.ok()) return stored.status();
  if (stored->empty()) return std::vector<std::string>();
  auto object = ToLeafClass(stored->front());
  if (!object.ok()) return object.status();
  return ihe::AuthorInstitutionIds(*object, vocab::kDeAuthor);
}

Result<std::vector<std::pair<std::string, std::string>>> DocumentEntriesByUniqueId(
    ReadTxn& txn, const std::vector<std::string>& unique_ids) {
  std::vector<std::pair<std::string, std::string>> out;
  if (unique_ids.empty()) return out;
  auto rows = SelectIn(txn,
                       "SELECT de.unique_id || char(31) || o.entry_uuid FROM document_entry de "
                       "JOIN object o ON o.id = de.object_id "
                       "WHERE de.unique_id IN ({in}) AND de.status = 1 AND o.latest = 1",
                       unique_ids);
  if (!rows.ok()) return rows.status();
  for (const auto& row : *rows) {
    size_t sep = row.find(kSep);
    if (sep == std::string::npos) continue;
    out.emplace_back(row.substr(0, sep), row.substr(sep + 1));
  }
  return out;
}

Result<std::vector<std::string>> ManifestsOfStudy(ReadTxn& txn, const std::string& study_instance_uid) {
  // CXi: "<uid>^^^^urn:ihe:iti:xds:2016:studyInstanceUID" (ITI TF-3
  // 4.2.3.2.28); the assigning-authority component may be filled.
  return txn.SelectColumn(SqlQuery{
      "SELECT o.entry_uuid FROM document_entry_reference_id r "
      "JOIN document_entry de ON de.object_id = r.object_id JOIN object o ON o.id = r.object_id "
      "WHERE r.reference_id >= ? AND r.reference_id < ? AND r.reference_id LIKE '%studyInstanceUID' "
      "AND de.status = 1 AND o.latest = 1",
      {study_instance_uid + "^", study_instance_uid + "_"}});
}

}  // namespace xds::registry

#include "registry/query/query_catalog.h"

#include "registry/query/sql_builder.h"
#include "wire/ihe/stored_queries.h"

namespace xds::registry {

void ResultSet::Add(const std::string& uuid) {
  if (seen_.insert(uuid).second) order_.push_back(uuid);
}

void ResultSet::AddAll(const std::vector<std::string>& uuids) {
  for (const auto& u : uuids) Add(u);
}

namespace {

// ITI TF-2: 3.18.4.1.2.4 (stored-queries.md §3). The single-patient flag
// marks the by-id queries of stored-queries.md §5.
constexpr StoredQueryDef kStoredQueries[] = {
    {ihe::query_id::kFindDocuments, "FindDocuments", RunFindDocuments, false, true},
    {ihe::query_id::kFindSubmissionSets, "FindSubmissionSets", RunFindSubmissionSets,
     false, true},
    {ihe::query_id::kFindFolders, "FindFolders", RunFindFolders, false, true},
    {ihe::query_id::kGetAll, "GetAll", RunGetAll, false},
    {ihe::query_id::kGetDocuments, "GetDocuments", RunGetDocuments, true},
    {ihe::query_id::kGetFolders, "GetFolders", RunGetFolders, true},
    {ihe::query_id::kGetAssociations, "GetAssociations", RunGetAssociations, false},
    {ihe::query_id::kGetDocumentsAndAssociations, "GetDocumentsAndAssociations",
     RunGetDocumentsAndAssociations, true},
    {ihe::query_id::kGetSubmissionSets, "GetSubmissionSets", RunGetSubmissionSets,
     true},
    {ihe::query_id::kGetSubmissionSetAndContents, "GetSubmissionSetAndContents",
     RunGetSubmissionSetAndContents, true},
    {ihe::query_id::kGetFolderAndContents, "GetFolderAndContents",
     RunGetFolderAndContents, true},
    {ihe::query_id::kGetFoldersForDocument, "GetFoldersForDocument",
     RunGetFoldersForDocument, false},
    {ihe::query_id::kGetRelatedDocuments, "GetRelatedDocuments", RunGetRelatedDocuments,
     false},
    // Reference ID option.
    {ihe::query_id::kFindDocumentsByReferenceId, "FindDocumentsByReferenceId",
     RunFindDocumentsByReferenceId, false, true},
};

}  // namespace

Status AddSelected(QueryRun& run, const SqlQuery& query) {
  auto uuids = run.txn.SelectColumn(query);
  if (!uuids.ok()) return uuids.status();
  run.result.AddAll(*uuids);
  return Status::Ok();
}

std::vector<Availability> ReadAssociationStatuses(QueryRun& run) {
  std::vector<Availability> statuses = run.params.AssociationStatuses(kAssociationStatus);
  if (run.metadata_level == 1) std::erase(statuses, Availability::kDeprecated);
  return statuses;
}

Result<std::vector<std::string>> KeepAssociationsWithStatus(ReadTxn& txn, const std::vector<std::string>& uuids,
                                                            const std::vector<Availability>& statuses) {
  if (uuids.empty() || statuses.empty()) return std::vector<std::string>();
  std::vector<SqlValue> params = {static_cast<int64_t>(StoredKind::kAssociation)};
  std::string placeholders;
  for (Availability s : statuses) {
    params.emplace_back(static_cast<int64_t>(s));
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  auto kept = SelectIn(txn,
                       "SELECT entry_uuid FROM object WHERE kind = ? AND status IN (" + placeholders +
                           ") AND entry_uuid IN ({in})",
                       uuids, params);
  if (!kept.ok()) return kept.status();
  std::unordered_set<std::string> keep(kept->begin(), kept->end());
  std::vector<std::string> out;
  for (const auto& u : uuids)
    if (keep.contains(u)) out.push_back(u);
  return out;
}

const StoredQueryDef* FindStoredQuery(std::string_view query_id) {
  // UUIDs are compared exactly (ITI TF-2 Appendix F: XML ids are case
  // sensitive; TF-3 requires lower-case UUIDs).
  for (const auto& q : kStoredQueries)
    if (q.id == query_id) return &q;
  return nullptr;
}

}  // namespace xds::registry

#include "registry/query/query_catalog.h"
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

const StoredQueryDef* FindStoredQuery(std::string_view query_id) {
  // UUIDs are compared exactly (ITI TF-2 Appendix F: XML ids are case
  // sensitive; TF-3 requires lower-case UUIDs).
  for (const auto& q : kStoredQueries)
    if (q.id == query_id) return &q;
  return nullptr;
}

}  // namespace xds::registry

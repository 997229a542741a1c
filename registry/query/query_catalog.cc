#include "registry/query/query_catalog.h"

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
    {"urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d", "FindDocuments", RunFindDocuments, false, true},
    {"urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9", "FindSubmissionSets", RunFindSubmissionSets,
     false, true},
    {"urn:uuid:958f3006-baad-4929-a4de-ff1114824431", "FindFolders", RunFindFolders, false, true},
    {"urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3", "GetAll", RunGetAll, false},
    {"urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4", "GetDocuments", RunGetDocuments, true},
    {"urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4", "GetFolders", RunGetFolders, true},
    {"urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155", "GetAssociations", RunGetAssociations, false},
    {"urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a", "GetDocumentsAndAssociations",
     RunGetDocumentsAndAssociations, true},
    {"urn:uuid:51224314-5390-4169-9b91-b1980040715a", "GetSubmissionSets", RunGetSubmissionSets,
     true},
    {"urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83", "GetSubmissionSetAndContents",
     RunGetSubmissionSetAndContents, true},
    {"urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7", "GetFolderAndContents",
     RunGetFolderAndContents, true},
    {"urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578", "GetFoldersForDocument",
     RunGetFoldersForDocument, false},
    {"urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6", "GetRelatedDocuments", RunGetRelatedDocuments,
     false},
    // Reference ID option.
    {"urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492", "FindDocumentsByReferenceId",
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

// SqliteTransaction: ReadTxn and WriteTxn on one SqliteConnection inside an
// open SQLite transaction (begun and ended by SqliteRegistryStore).
#pragma once

#include "registry/store/registry_store.h"
#include "registry/store/sqlite_connection.h"

namespace xds::registry {

class SqliteTransaction : public WriteTxn {
 public:
  explicit SqliteTransaction(SqliteConnection& db) : db_(db) {}

  Result<std::optional<PatientInfo>> FindPatient(const std::string& patient_id) override;
  Result<std::optional<ObjectInfo>> FindObject(const std::string& entry_uuid) override;
  Result<std::optional<ObjectInfo>> FindLatestVersion(const std::string& lid) override;
  Result<std::vector<DocumentEntryIdentity>> FindDocumentEntriesByUniqueId(
      const std::string& unique_id) override;
  Result<bool> UniqueIdInUse(const std::string& unique_id) override;
  Result<std::vector<std::string>> FoldersHolding(const std::string& entry_uuid) override;
  Result<std::vector<std::string>> SelectColumn(const SqlQuery& query) override;
  Result<std::vector<StoredObject>> LoadObjects(const std::vector<std::string>& entry_uuids) override;
  Result<std::optional<int64_t>> FindCode(const std::string& code, const std::string& scheme) override;

  Status InsertDocumentEntry(const DocumentEntryRow& row) override;
  Status InsertSubmissionSet(const SubmissionSetRow& row) override;
  Status InsertFolder(const FolderRow& row) override;
  Status InsertAssociation(const AssociationRow& row) override;
  Status SetAvailability(const std::string& entry_uuid, Availability status) override;
  Status SetFolderLastUpdateTime(const std::string& entry_uuid, const std::string& dtm) override;
  Status SetLatest(const std::string& entry_uuid, bool latest) override;
  Status DeleteObject(const std::string& entry_uuid) override;
  Status Execute(const SqlQuery& statement) override;
  Status UpsertPatient(const PatientRecord& patient) override;
  Status MergePatient(const std::string& surviving, const std::string& subsumed) override;
  Status UnmergePatient(const std::string& surviving, const std::string& subsumed) override;

 private:
  // The object columns of Metadata Update (schemas/sql/registry_002_*.sql).
  struct ObjectVersion {
    const std::string& lid;  // empty: the entryUUID
    int64_t version;
    bool offline;
  };
  Result<int64_t> InsertObject(const std::string& entry_uuid, StoredKind kind, const std::string& body,
                               const ObjectVersion& version);
  Result<std::optional<ObjectInfo>> ReadObjectInfo(Stmt& q);
  // Runs `sql` (two placeholders: object id, value) once per value; for the
  // narrow multi-valued tables (authors, reference ids). These are keyed by
  // (object, value) and `sql` is INSERT OR IGNORE: a value given twice on
  // one object is stored once, which is all the queries (EXISTS) look at.
  Status InsertValues(std::string_view sql, int64_t object_id, const std::vector<std::string>& values);
  Result<int64_t> InternCode(const ihe::CodedValue& code);
  Status BindCode(Stmt& stmt, int index, const std::optional<ihe::CodedValue>& code);
  // Row id of the patient (following merges to the surviving patient).
  Result<int64_t> PatientRow(const std::string& patient_id);

  SqliteConnection& db_;
};

}  // namespace xds::registry

// RegistryStore: where the Document Registry keeps XDS metadata.
//
// All access goes through transactions. ReadWrite(fn) runs fn in one write
// transaction and commits iff fn returns OK, so a submission is registered
// entirely or not at all; ReadOnly(fn) sees one consistent snapshot. The
// SQLite implementation is sqlite_registry_store.h; a PostgreSQL one for the
// two data centers implements the same interface without touching the
// transactions (registry/submit, registry/query).
//
// Implementations are safe for concurrent use from many threads. A
// transaction object is only valid inside the callback that received it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "registry/patient/patient_registry.h"
#include "wire/base/status.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

enum class StoredKind : int { kDocumentEntry = 1, kSubmissionSet = 2, kFolder = 3, kAssociation = 4 };
enum class Availability : int { kApproved = 1, kDeprecated = 2 };

// Association types as stored (association.type).
enum class AssociationKind : int {
  kOther = 0, kHasMember = 1, kRplc = 2, kXfrm = 3, kApnd = 4, kXfrmRplc = 5, kSigns = 6,
  kIsSnapshotOf = 7,
};
AssociationKind AssociationKindOf(std::string_view association_type_urn);
std::string_view AvailabilityUrn(Availability a);

// Pads a DTM with '0' to 14 digits so that string order is time order.
std::string PadDtm(std::string_view dtm);

struct PatientInfo {
  std::string patient_id;      // as asked
  std::string surviving_id;    // itself, or the patient it was merged into
  bool active = true;          // false once merged away
};

// A registered object, as the validation of a new submission needs it.
struct ObjectInfo {
  std::string entry_uuid;
  StoredKind kind = StoredKind::kDocumentEntry;
  Availability status = Availability::kApproved;
  std::string patient_id;  // current (surviving) patient id; empty for associations
  bool on_demand = false;  // DocumentEntries only
  // Associations only.
  AssociationKind association_kind = AssociationKind::kOther;
  std::string source_uuid;
  std::string target_uuid;
  // Metadata Update: the logical object this is a version of, its version
  // number, and whether it is the highest version.
  std::string lid;
  int64_t version = 1;
  bool latest = true;
};

struct DocumentEntryIdentity {
  std::string entry_uuid;
  std::string hash;
  int64_t size = -1;  // -1 when not given
};

// A registered object as queries return it: the ebRIM XML as registered
// plus what changed since (status, surviving patient id, folder time).
struct StoredObject {
  std::string entry_uuid;
  StoredKind kind = StoredKind::kDocumentEntry;
  Availability status = Availability::kApproved;
  std::string body;              // ebRIM XML of the object, without status
  std::string current_patient_id;// surviving id after merges; empty for associations
  std::string last_update_time;  // folders only
  // True when the object's patient was merged into another since it was
  // registered: the patient id in `body` is then no longer current.
  bool patient_merged = false;
};

using SqlValue = std::variant<int64_t, std::string>;
// A parameterised query over the schema in schemas/sql/; placeholders are
// '?' and bound in order. The first column of each row is returned as text.
struct SqlQuery {
  std::string sql;
  std::vector<SqlValue> params;
};

class ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  virtual Result<std::optional<PatientInfo>> FindPatient(const std::string& patient_id) = 0;
  virtual Result<std::optional<ObjectInfo>> FindObject(const std::string& entry_uuid) = 0;
  // The highest version of the logical object `lid` (Metadata Update);
  // nullopt when no object has that logicalID.
  virtual Result<std::optional<ObjectInfo>> FindLatestVersion(const std::string& lid) = 0;
  virtual Result<std::vector<DocumentEntryIdentity>> FindDocumentEntriesByUniqueId(
      const std::string& unique_id) = 0;
  // True when a SubmissionSet, Folder or DocumentEntry already uses the id.
  virtual Result<bool> UniqueIdInUse(const std::string& unique_id) = 0;
  // Approved folders that hold the DocumentEntry (FD-DE HasMember).
  virtual Result<std::vector<std::string>> FoldersHolding(const std::string& entry_uuid) = 0;
  // Stored-query building blocks.
  virtual Result<std::vector<std::string>> SelectColumn(const SqlQuery& query) = 0;
  virtual Result<std::vector<StoredObject>> LoadObjects(const std::vector<std::string>& entry_uuids) = 0;
  // Interned id of a (code, scheme) pair; nullopt when never registered.
  virtual Result<std::optional<int64_t>> FindCode(const std::string& code, const std::string& scheme) = 0;
};

struct DocumentEntryRow {
  std::string entry_uuid;
  std::string body;
  std::string lid;       // logicalID; empty: the entryUUID (a first version)
  int64_t version = 1;
  bool offline = false;  // documentAvailability Offline
  std::string patient_id;
  bool on_demand = false;
  std::string unique_id;
  std::optional<ihe::CodedValue> class_code, type_code, practice_setting_code,
      healthcare_facility_type_code, format_code;
  std::vector<ihe::CodedValue> event_codes, confidentiality_codes;
  std::string creation_time, service_start_time, service_stop_time;  // padded DTM or empty
  std::string hash;
  int64_t size = -1;
  std::string repository_unique_id;
  std::string mime_type;
  std::vector<std::string> author_persons;
  std::vector<std::string> reference_ids;
};

struct SubmissionSetRow {
  std::string entry_uuid;
  std::string body;
  std::string lid;       // logicalID; empty: the entryUUID (a first version)
  int64_t version = 1;
  std::string patient_id;
  std::string unique_id;
  std::string source_id;
  std::string submission_time;  // padded
  std::optional<ihe::CodedValue> content_type_code;
  std::vector<std::string> author_persons;
};

struct FolderRow {
  std::string entry_uuid;
  std::string body;
  std::string lid;       // logicalID; empty: the entryUUID (a first version)
  int64_t version = 1;
  std::string patient_id;
  std::string unique_id;
  std::string last_update_time;  // 14-digit DTM
  std::vector<ihe::CodedValue> codes;
};

struct AssociationRow {
  std::string entry_uuid;
  std::string body;
  std::string lid;       // logicalID; empty: the entryUUID (a first version)
  int64_t version = 1;
  AssociationKind kind = AssociationKind::kOther;
  std::string source_uuid;
  std::string target_uuid;
};

class WriteTxn : public ReadTxn {
 public:
  // Patients referenced by rows must exist (checked by the submit logic).
  virtual Status InsertDocumentEntry(const DocumentEntryRow& row) = 0;
  virtual Status InsertSubmissionSet(const SubmissionSetRow& row) = 0;
  virtual Status InsertFolder(const FolderRow& row) = 0;
  virtual Status InsertAssociation(const AssociationRow& row) = 0;
  virtual Status SetAvailability(const std::string& entry_uuid, Availability status) = 0;
  virtual Status SetFolderLastUpdateTime(const std::string& entry_uuid, const std::string& dtm) = 0;
  // Marks whether the object is the highest version of its logical object.
  virtual Status SetLatest(const std::string& entry_uuid, bool latest) = 0;
  // Removes the object and everything indexed for it (ITI-62). The caller
  // has checked that no association left in the registry refers to it.
  virtual Status DeleteObject(const std::string& entry_uuid) = 0;
  // Runs a parameterised INSERT/UPDATE over the schema (the writing
  // counterpart of SelectColumn, for tables outside the XDS metadata such
  // as sharing_rule).
  virtual Status Execute(const SqlQuery& statement) = 0;
  virtual Status UpsertPatient(const PatientRecord& patient) = 0;
  virtual Status MergePatient(const std::string& surviving, const std::string& subsumed) = 0;
  // Undoes MergePatient(surviving, subsumed): the subsumed patient and the
  // patients merged into it afterwards become their own again.
  virtual Status UnmergePatient(const std::string& surviving, const std::string& subsumed) = 0;
};

class RegistryStore : public PatientRegistry {
 public:
  // Runs fn in one write transaction; commits iff fn returns OK. Contention
  // is retried inside; a caller never sees SQLITE_BUSY.
  virtual Status ReadWrite(const std::function<Status(WriteTxn&)>& fn) = 0;
  virtual Status ReadOnly(const std::function<Status(ReadTxn&)>& fn) = 0;

  // PatientRegistry, implemented once on top of the transactions.
  Status AddOrUpdatePatient(const PatientRecord& patient) override;
  Status MergePatients(const std::string& surviving, const std::string& subsumed) override;
  Status UnmergePatients(const std::string& surviving, const std::string& subsumed) override;
  Result<bool> IsKnownPatient(const std::string& patient_id) override;
};

}  // namespace xds::registry

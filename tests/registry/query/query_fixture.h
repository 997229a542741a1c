// StoredQueryTest: a real SqliteRegistryStore on a temp file, with helpers
// that register DocumentEntries, SubmissionSets, Folders and Associations
// straight through WriteTxn (bodies written as the submit path writes
// them: ihe::WriteRegistryObject with namespaces, no status attribute), and
// helpers to build AdhocQueryRequests and read outcomes.
//
// One fixture per test; not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "registry/query/stored_query.h"
#include "tests/support/registry_calls.h"
#include "registry/store/sqlite_registry_store.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry::testing {

// Query ids (ITI TF-2: 3.18.4.1.2.4).
inline constexpr char kFindDocuments[] = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
inline constexpr char kFindSubmissionSets[] = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
inline constexpr char kFindFolders[] = "urn:uuid:958f3006-baad-4929-a4de-ff1114824431";
inline constexpr char kGetAll[] = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
inline constexpr char kGetDocuments[] = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
inline constexpr char kGetFolders[] = "urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4";
inline constexpr char kGetAssociations[] = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155";
inline constexpr char kGetDocumentsAndAssociations[] = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a";
inline constexpr char kGetSubmissionSets[] = "urn:uuid:51224314-5390-4169-9b91-b1980040715a";
inline constexpr char kGetSubmissionSetAndContents[] = "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83";
inline constexpr char kGetFolderAndContents[] = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7";
inline constexpr char kGetFoldersForDocument[] = "urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578";
inline constexpr char kGetRelatedDocuments[] = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6";
inline constexpr char kFindDocumentsByReferenceId[] = "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492";

inline constexpr char kApprovedList[] = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')";
inline constexpr char kDeprecatedList[] = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')";
inline constexpr char kBothStatusList[] =
    "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',"
    "'urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')";

inline constexpr char kPatient1[] = "P1^^^&1.2.3.4&ISO";
inline constexpr char kPatient2[] = "P2^^^&1.2.3.4&ISO";
inline constexpr char kPatient3[] = "P3^^^&1.2.3.4&ISO";  // merged into P1 by some tests

// "'value'" with embedded quotes doubled (tests/support/registry_calls.h).
using ::xds::testing::Quoted;

struct DocSpec {
  std::string uuid;  // generated when empty
  std::string patient = kPatient1;
  std::string unique_id;  // generated when empty
  bool on_demand = false;
  std::optional<ihe::CodedValue> class_code, type_code, practice_setting_code,
      healthcare_facility_type_code, format_code;
  std::vector<ihe::CodedValue> event_codes, confidentiality_codes;
  std::string creation_time, service_start_time, service_stop_time;  // raw DTM, may be empty
  std::vector<std::string> authors;
  std::vector<std::string> reference_ids;
};

struct SubmissionSetSpec {
  std::string uuid;
  std::string patient = kPatient1;
  std::string unique_id;
  std::string source_id = "1.2.3.99";
  std::string submission_time = "20240102040000";
  std::optional<ihe::CodedValue> content_type_code;
  std::vector<std::string> authors;
};

struct FolderSpec {
  std::string uuid;
  std::string patient = kPatient1;
  std::string unique_id;
  std::string last_update_time = "20240102040000";
  std::vector<ihe::CodedValue> codes;
};

// Builds an AdhocQueryRequest; each P() is one rim:Slot.
class Query {
 public:
  explicit Query(std::string query_id, std::string return_type = "ObjectRef");
  Query& P(std::string name, std::string value);
  Query& P(std::string name, std::vector<std::string> values);  // several rim:Value
  Query& Home(std::string home);
  operator const ihe::AdhocQueryRequest&() const { return request_; }  // NOLINT
  const ihe::AdhocQueryRequest& request() const { return request_; }

 private:
  ihe::AdhocQueryRequest request_;
};

class StoredQueryTest : public ::testing::Test {
 protected:
  void SetUp() override;

  RegistryStore& store() { return *store_; }

  std::string AddDocument(DocSpec spec);
  std::string AddSubmissionSet(SubmissionSetSpec spec);
  std::string AddFolder(FolderSpec spec);
  std::string AddAssociation(std::string_view type_urn, const std::string& source,
                             const std::string& target);
  void Deprecate(const std::string& uuid);
  void SetFolderLastUpdateTime(const std::string& uuid, const std::string& dtm);
  void AddPatient(const std::string& patient_id);
  void Merge(const std::string& surviving, const std::string& subsumed);

  QueryOutcome Run(const ihe::AdhocQueryRequest& request);

  // The entryUUIDs of an outcome (ObjectRef list, or LeafClass object ids).
  static std::set<std::string> Ids(const QueryOutcome& outcome);
  static std::vector<std::string> ErrorCodes(const QueryOutcome& outcome);

  static std::string NewUuid();
  static std::string NewOid();

  QueryOptions options_;

 private:
  void Write(const std::function<Status(WriteTxn&)>& fn);

  xds::testing::TempDir dir_;
  std::unique_ptr<SqliteRegistryStore> store_;
};

// A CodedValue in the test scheme "1.2.3.77" unless given.
ihe::CodedValue Code(std::string code, std::string scheme = "1.2.3.77");

}  // namespace xds::registry::testing

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
#include "wire/ihe/stored_queries.h"

namespace xds::registry::testing {

// Query ids (ITI TF-2: 3.18.4.1.2.4), written once in wire/ihe/stored_queries.h.
using namespace ihe::query_id;

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

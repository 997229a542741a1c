// The write path's shortcuts must not change what is stored or answered:
// the writer's code cache across rolled-back writes, and LeafClass answers
// built from the stored XML without parsing it.
#include <gtest/gtest.h>

#include "registry/query/object_loader.h"
#include "registry/store/sqlite_code_cache.h"
#include "registry/store/sqlite_registry_store.h"
#include "registry/submit/submission_rows.h"
#include "tests/support/submission_builder.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_document.h"

namespace xds::registry {
namespace {

TEST(CodeCacheTest, OnlyCommittedIdsOutliveTheirBatch) {
  CodeCache cache;
  cache.BeginBatch();
  cache.Learn("A", "s", 1);
  EXPECT_EQ(cache.Find("A", "s"), 1);  // visible to the write that learned it
  cache.EndWrite(/*kept=*/false);      // ROLLBACK TO its savepoint
  EXPECT_FALSE(cache.Find("A", "s").has_value());

  cache.Learn("B", "s", 2);
  cache.EndWrite(/*kept=*/true);
  EXPECT_EQ(cache.Find("B", "s"), 2);  // later writes of the batch see it
  cache.EndBatch(/*committed=*/false);  // the batch's COMMIT failed
  EXPECT_FALSE(cache.Find("B", "s").has_value());

  cache.BeginBatch();
  cache.Learn("C", "s", 3);
  cache.EndWrite(true);
  cache.EndBatch(/*committed=*/true);
  cache.BeginBatch();
  EXPECT_EQ(cache.Find("C", "s"), 3);
  EXPECT_FALSE(cache.Find("C", "t").has_value());
  EXPECT_FALSE(cache.Find("", "Cs").has_value());  // (code, scheme) pairs do not run together
}

class StoreWriteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteRegistryStore::Open(dir_.File("registry.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->AddOrUpdatePatient({kPatient, "DOE", "Jane", "19700101", "F"}).ok());
  }

  static DocumentEntryRow Entry(const std::string& uuid, const std::string& class_code) {
    DocumentEntryRow row;
    row.entry_uuid = uuid;
    row.body = "<rim:ExtrinsicObject xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\" id=\"" + uuid +
               "\" mimeType=\"text/plain\"/>";
    row.patient_id = kPatient;
    row.unique_id = "1.2.3." + uuid.substr(uuid.size() - 4);
    row.class_code = ihe::CodedValue{class_code, "1.2.3.4.5", ""};
    row.mime_type = "text/plain";
    return row;
  }

  static constexpr char kPatient[] = "CACHE-1^^^&1.2.3.4&ISO";
  xds::testing::TempDir dir_;
  std::unique_ptr<SqliteRegistryStore> store_;
};

// Regression guard for the writer's code cache: ids learned by a write that
// is rolled back (its rows gone, their ids free again) must not be reused.
TEST_F(StoreWriteTest, CodesOfARolledBackWriteAreNotReused) {
  Status failed = store_->ReadWrite([&](WriteTxn& txn) -> Status {
    XDS_RETURN_IF_ERROR(txn.InsertDocumentEntry(Entry("urn:uuid:00000000-0000-4000-8000-000000000001", "FIRST")));
    XDS_RETURN_IF_ERROR(txn.InsertDocumentEntry(Entry("urn:uuid:00000000-0000-4000-8000-000000000002", "SECOND")));
    return Status::InvalidArgument("rejected after inserting");
  });
  ASSERT_FALSE(failed.ok());
  ASSERT_TRUE(store_->ReadWrite([&](WriteTxn& txn) {
    return txn.InsertDocumentEntry(Entry("urn:uuid:00000000-0000-4000-8000-000000000003", "SECOND"));
  }).ok());
  ASSERT_TRUE(store_->ReadOnly([&](ReadTxn& txn) -> Status {
    auto codes = txn.SelectColumn({"SELECT c.code FROM document_entry d JOIN code c ON c.id = d.class_code", {}});
    if (!codes.ok()) return codes.status();
    EXPECT_EQ(*codes, std::vector<std::string>{"SECOND"});
    auto first = txn.FindCode("FIRST", "1.2.3.4.5");
    if (!first.ok()) return first.status();
    EXPECT_FALSE(first->has_value());
    return Status::Ok();
  }).ok());
}

// The LeafClass XML answer reads back as the parsed answer does.
std::string Canonical(const ihe::RegistryObject& o) {
  xml::XmlWriter w;
  ihe::WriteRegistryObject(w, o, true);
  return w.Take();
}

ihe::RegistryObject ReadBack(const std::string& xml) {
  auto doc = xml::XmlDocument::Parse(xml);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  auto o = ihe::ReadRegistryObject(doc->Root());
  EXPECT_TRUE(o.ok()) << o.status().ToString();
  return o.ok() ? *o : ihe::RegistryObject();
}

StoredObject Stored(const ihe::RegistryObject& o, StoredKind kind, Availability status) {
  StoredObject s;
  s.entry_uuid = o.id;
  s.kind = kind;
  s.status = status;
  s.body = StoredBody(o);
  s.current_patient_id = ihe::PatientIdOf(o);
  return s;
}

TEST(LeafClassXmlTest, MatchesTheParsedAnswer) {
  xds::testing::SubmissionBuilder b("LEAF-1^^^&1.2.3.4&ISO");
  b.AddDocument("urn:uuid:10000000-0000-4000-8000-000000000001");
  const ihe::RegistryObject& entry = b.Object("urn:uuid:10000000-0000-4000-8000-000000000001");
  for (Availability status : {Availability::kApproved, Availability::kDeprecated}) {
    StoredObject s = Stored(entry, StoredKind::kDocumentEntry, status);
    auto xml = LeafClassXml(s);
    ASSERT_TRUE(xml.ok());
    auto parsed = ToLeafClass(s);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(Canonical(ReadBack(*xml)), Canonical(*parsed));
    EXPECT_EQ(ReadBack(*xml).status, AvailabilityUrn(status));
  }
  // A merged patient is rewritten (the general path).
  StoredObject merged = Stored(entry, StoredKind::kDocumentEntry, Availability::kApproved);
  merged.patient_merged = true;
  merged.current_patient_id = "SURVIVOR^^^&1.2.3.4&ISO";
  auto xml = LeafClassXml(merged);
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(ihe::PatientIdOf(ReadBack(*xml)), "SURVIVOR^^^&1.2.3.4&ISO");
  EXPECT_EQ(Canonical(ReadBack(*xml)), Canonical(*ToLeafClass(merged)));
}

}  // namespace
}  // namespace xds::registry

// ITI-42 Register Document Set-b end to end: SOAP 1.2 requests on a real
// socket to a real registry (SQLite in a temp dir), answers checked, then
// the registry's state checked through ITI-18 on the same socket.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/ihe/stored_queries.h"

namespace xds::testing {
namespace {

using ::testing::ElementsAre;

class RegisterTest : public ::testing::Test {
 protected:
  RegistryServer server_;
  soap::SoapClient client_{server_.url()};

  // Registers and expects success.
  void MustRegister(const SubmissionBuilder& b) {
    auto r = Register(client_, b);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->success()) << (r->errors.empty() ? "" : r->errors[0].error_code + ": " + r->errors[0].code_context);
  }
  // Registers and returns the error codes (expects a Failure).
  std::vector<std::string> MustFail(const SubmissionBuilder& b) {
    auto r = Register(client_, b);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {};
    EXPECT_EQ(r->status, vocab::kResponseFailure);
    return ErrorCodes(r->errors);
  }
  std::vector<ihe::RegistryObject> Documents(const std::string& patient, std::vector<std::pair<std::string, std::string>> extra = {}) {
    auto r = Query(client_, FindDocuments(patient, std::move(extra)));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->objects : std::vector<ihe::RegistryObject>{};
  }
  std::string EntryUuidOf(const std::string& unique_id) {
    for (const auto& o : Documents(kPatientA, {{"$XDSDocumentEntryStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')"}}))
      if (ihe::UniqueIdOf(o) == unique_id) return o.id;
    return {};
  }
};

TEST_F(RegisterTest, RegistersAndFindsDocumentWithUuidsAssigned) {
  SubmissionBuilder b(kPatientA);
  DocumentOptions opts;
  opts.unique_id = "1.2.3.4.5.100";
  b.AddDocument("Doc01", opts);
  MustRegister(b);
  auto docs = Documents(kPatientA);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_TRUE(docs[0].id.rfind("urn:uuid:", 0) == 0) << "symbolic id replaced by a UUID";
  EXPECT_EQ(docs[0].status, vocab::kApproved);
  EXPECT_EQ(ihe::UniqueIdOf(docs[0]), "1.2.3.4.5.100");
  EXPECT_EQ(ihe::PatientIdOf(docs[0]), kPatientA);
  for (const auto& c : docs[0].classifications) EXPECT_EQ(c.classified_object, docs[0].id);
}

TEST_F(RegisterTest, RegistersTheFullExampleSubmission) {
  // tests/testdata/submissions/valid_full.xml: SS labelled by a sibling
  // Classification, two entries (symbolic and UUID ids), a folder, SS-DE,
  // SS-FD, FD-DE and SS-HM associations.
  const std::string patient = "76cc765a442f410^^^&1.3.6.1.4.1.21367.2005.3.7&ISO";
  ASSERT_TRUE(server_.store().AddOrUpdatePatient({patient, "DOE", "Jane", "", ""}).ok());
  std::ifstream in(std::string(XDS_TESTDATA_DIR) + "/submissions/valid_full.xml");
  ASSERT_TRUE(in) << "missing testdata";
  std::stringstream xml;
  xml << in.rdbuf();
  std::string body = xml.str();
  if (body.rfind("<?xml", 0) == 0) body = body.substr(body.find("?>") + 2);
  auto r = Register(client_, body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->success()) << (r->errors.empty() ? "" : r->errors[0].error_code + ": " + r->errors[0].code_context);
  EXPECT_EQ(Documents(patient).size(), 2u);
}

TEST_F(RegisterTest, SubmittedUuidIdsAreKeptVerbatim) {
  SubmissionBuilder b(kPatientA);
  b.AddDocument("urn:uuid:0b3c8a2e-3f5d-4c1e-9a7b-2d6e8f001234");
  MustRegister(b);
  auto docs = Documents(kPatientA);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id, "urn:uuid:0b3c8a2e-3f5d-4c1e-9a7b-2d6e8f001234");
}

TEST_F(RegisterTest, UnknownPatientIsRejected) {
  SubmissionBuilder b("NOBODY^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  b.AddDocument("Doc01");
  EXPECT_THAT(MustFail(b), ::testing::Contains("XDSUnknownPatientId"));
  EXPECT_TRUE(Documents("NOBODY^^^&1.3.6.1.4.1.21367.13.20.1000&ISO").empty());
}

TEST_F(RegisterTest, PatientMismatchInsideSubmissionIsRejected) {
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  ihe::SetPatientId(b.Object("Doc01"), kPatientB);
  EXPECT_THAT(MustFail(b), ::testing::Contains("XDSPatientIdDoesNotMatch"));
}

TEST_F(RegisterTest, DuplicateSubmissionSetUniqueIdIsRejected) {
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01");
  MustRegister(first);
  SubmissionBuilder second(kPatientA);
  second.AddDocument("Doc01");
  for (auto& x : second.SubmissionSet().external_identifiers)
    if (x.identification_scheme == vocab::kSsUniqueId)
      x.value = first.SubmissionSet().ExternalIdentifierValue(vocab::kSsUniqueId);
  auto codes = MustFail(second);
  EXPECT_THAT(codes, ElementsAre("XDSDuplicateUniqueIdInRegistry"));
  EXPECT_EQ(Documents(kPatientA).size(), 1u) << "nothing of the refused submission is visible";
}

TEST_F(RegisterTest, SameDocumentUniqueIdWithIdenticalHashAndSizeIsAccepted) {
  DocumentOptions opts;
  opts.unique_id = "1.2.3.4.5.200";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", opts);
  MustRegister(first);
  SubmissionBuilder copy(kPatientA);
  copy.AddDocument("Doc01", opts);
  MustRegister(copy);
  EXPECT_EQ(Documents(kPatientA).size(), 2u);
}

TEST_F(RegisterTest, SameDocumentUniqueIdWithOtherHashIsRejected) {
  DocumentOptions opts;
  opts.unique_id = "1.2.3.4.5.300";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", opts);
  MustRegister(first);
  opts.hash = "0000000000000000000000000000000000000001";
  SubmissionBuilder other(kPatientA);
  other.AddDocument("Doc01", opts);
  EXPECT_THAT(MustFail(other), ElementsAre("XDSNonIdenticalHash"));
}

TEST_F(RegisterTest, SameDocumentUniqueIdWithOtherSizeIsRejected) {
  DocumentOptions opts;
  opts.unique_id = "1.2.3.4.5.301";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", opts);
  MustRegister(first);
  opts.size = "12";
  SubmissionBuilder other(kPatientA);
  other.AddDocument("Doc01", opts);
  EXPECT_THAT(MustFail(other), ElementsAre("XDSNonIdenticalSize"));
}

TEST_F(RegisterTest, ErrorContextNamesTheOffendingObject) {
  SubmissionBuilder b("NOBODY^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  b.AddDocument("Doc01");
  auto r = Register(client_, b);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->errors.empty());
  EXPECT_NE(r->errors[0].code_context.find("NOBODY"), std::string::npos) << r->errors[0].code_context;
}

TEST_F(RegisterTest, ReplaceDeprecatesTheOriginal) {
  DocumentOptions v1;
  v1.unique_id = "1.2.3.4.5.400";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", v1);
  MustRegister(first);
  std::string original = EntryUuidOf("1.2.3.4.5.400");
  ASSERT_FALSE(original.empty());

  SubmissionBuilder replacement(kPatientA);
  replacement.AddDocument("Doc02");
  replacement.AddAssociation(std::string(vocab::kRplc), "Doc02", original);
  MustRegister(replacement);

  auto approved = Documents(kPatientA);
  ASSERT_EQ(approved.size(), 1u);
  EXPECT_NE(approved[0].id, original);
  auto deprecated = Documents(kPatientA, {});
  auto all = Query(client_, StoredQuery(ihe::query_id::kGetDocuments,
                                        {{"$XDSDocumentEntryEntryUUID", "('" + original + "')"}}));
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->objects.size(), 1u);
  EXPECT_EQ(all->objects[0].status, vocab::kDeprecated);
}

TEST_F(RegisterTest, ReplacingADeprecatedEntryIsRejected) {
  DocumentOptions v1;
  v1.unique_id = "1.2.3.4.5.500";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", v1);
  MustRegister(first);
  std::string original = EntryUuidOf("1.2.3.4.5.500");
  SubmissionBuilder second(kPatientA);
  second.AddDocument("Doc02");
  second.AddAssociation(std::string(vocab::kRplc), "Doc02", original);
  MustRegister(second);
  SubmissionBuilder third(kPatientA);
  third.AddDocument("Doc03");
  third.AddAssociation(std::string(vocab::kRplc), "Doc03", original);
  EXPECT_THAT(MustFail(third), ElementsAre("XDSRegistryDeprecatedDocumentError"));
}

TEST_F(RegisterTest, ReplaceAlsoDeprecatesTransformsAndAddenda) {
  DocumentOptions v1;
  v1.unique_id = "1.2.3.4.5.600";
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01", v1);
  MustRegister(first);
  std::string original = EntryUuidOf("1.2.3.4.5.600");
  SubmissionBuilder addendum(kPatientA);
  DocumentOptions a;
  a.unique_id = "1.2.3.4.5.601";
  addendum.AddDocument("Addendum", a);
  addendum.AddAssociation(std::string(vocab::kApnd), "Addendum", original);
  MustRegister(addendum);
  SubmissionBuilder transform(kPatientA);
  DocumentOptions t;
  t.unique_id = "1.2.3.4.5.602";
  transform.AddDocument("Transform", t);
  transform.AddAssociation(std::string(vocab::kXfrm), "Transform", original);
  MustRegister(transform);
  EXPECT_EQ(Documents(kPatientA).size(), 3u) << "APND and XFRM leave the original Approved";

  SubmissionBuilder replace(kPatientA);
  replace.AddDocument("Doc02");
  replace.AddAssociation(std::string(vocab::kXfrmRplc), "Doc02", original);
  MustRegister(replace);
  auto approved = Documents(kPatientA);
  ASSERT_EQ(approved.size(), 1u);
  EXPECT_NE(ihe::UniqueIdOf(approved[0]), "1.2.3.4.5.601");
}

TEST_F(RegisterTest, RelationshipToAnotherPatientIsRejected) {
  SubmissionBuilder b_doc(kPatientB);
  DocumentOptions o;
  o.unique_id = "1.2.3.4.5.700";
  b_doc.AddDocument("Doc01", o);
  MustRegister(b_doc);
  auto docs = Documents(kPatientB);
  ASSERT_EQ(docs.size(), 1u);
  SubmissionBuilder a_doc(kPatientA);
  a_doc.AddDocument("Doc02");
  a_doc.AddAssociation(std::string(vocab::kApnd), "Doc02", docs[0].id);
  EXPECT_THAT(MustFail(a_doc), ElementsAre("XDSPatientIdDoesNotMatch"));
}

TEST_F(RegisterTest, AssociationToUnknownUuidIsUnresolved) {
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  std::string association = b.AddAssociation(std::string(vocab::kRplc), "Doc01", "urn:uuid:11111111-2222-4333-8444-555555555555");
  auto r = Register(client_, b);
  ASSERT_TRUE(r.ok());
  ASSERT_THAT(ErrorCodes(r->errors), ElementsAre("UnresolvedReferenceException"));
  // The message names the association as the submitter wrote it, and the id that did not resolve.
  EXPECT_NE(r->errors[0].code_context.find(association + " (urn:uuid:"), std::string::npos) << r->errors[0].code_context;
  EXPECT_NE(r->errors[0].code_context.find("urn:uuid:11111111-2222-4333-8444-555555555555"), std::string::npos);
}

TEST_F(RegisterTest, SizeBeyondSigned64BitsIsAMetadataError) {
  SubmissionBuilder b(kPatientA);
  DocumentOptions o;
  o.size = "18446744073709551615";  // fits uint64, not the store's int64
  b.AddDocument("Doc01", o);
  EXPECT_THAT(MustFail(b), ElementsAre("XDSRegistryMetadataError"));
  EXPECT_TRUE(Documents(kPatientA).empty());
}

TEST_F(RegisterTest, SignsAssociationWithinSubmission) {
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  DocumentOptions sig;
  sig.mime_type = "text/xml";
  b.AddDocument("Signature", sig);
  b.AddAssociation(std::string(vocab::kSigns), "Signature", "Doc01");
  MustRegister(b);
  EXPECT_EQ(Documents(kPatientA).size(), 2u);
}

TEST_F(RegisterTest, ReferenceToARegisteredDocumentOfTheSamePatient) {
  SubmissionBuilder first(kPatientA);
  DocumentOptions o;
  o.unique_id = "1.2.3.4.5.800";
  first.AddDocument("Doc01", o);
  MustRegister(first);
  std::string existing = EntryUuidOf("1.2.3.4.5.800");
  SubmissionBuilder second(kPatientA);
  second.AddDocument("Doc02");
  second.AddReference(existing);
  MustRegister(second);
  auto sets = Query(client_, StoredQuery(ihe::query_id::kGetSubmissionSets,
                                         {{"$uuid", "('" + existing + "')"}}));
  ASSERT_TRUE(sets.ok());
  int packages = 0;
  for (const auto& obj : sets->objects) packages += obj.kind == ihe::ObjectKind::kRegistryPackage;
  EXPECT_EQ(packages, 2) << "both submission sets hold the entry";
}

TEST_F(RegisterTest, FolderMembershipAndLastUpdateTime) {
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  b.AddFolder("Folder01");
  b.AddAssociation(std::string(vocab::kHasMember), "Folder01", "Doc01");
  MustRegister(b);
  auto folders = Query(client_, StoredQuery(ihe::query_id::kFindFolders,
                                            {{"$XDSFolderPatientId", Quoted(kPatientA)},
                                             {"$XDSFolderStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"}}));
  ASSERT_TRUE(folders.ok());
  ASSERT_EQ(folders->objects.size(), 1u);
  std::string last_update = folders->objects[0].SlotValue("lastUpdateTime");
  EXPECT_EQ(last_update.size(), 14u) << "the registry maintains lastUpdateTime";
  std::string folder_uuid = folders->objects[0].id;

  // A replacement of the member joins the folder too (ITI TF-3 4.2.2.2.1).
  std::string original = Documents(kPatientA)[0].id;
  SubmissionBuilder replace(kPatientA);
  replace.AddDocument("Doc02");
  replace.AddAssociation(std::string(vocab::kRplc), "Doc02", original);
  MustRegister(replace);
  auto contents = Query(client_, StoredQuery(ihe::query_id::kGetFolderAndContents,
                                             {{"$XDSFolderEntryUUID", "'" + folder_uuid + "'"}}));
  ASSERT_TRUE(contents.ok());
  int approved_members = 0;
  for (const auto& obj : contents->objects)
    if (obj.kind == ihe::ObjectKind::kExtrinsicObject && obj.status == vocab::kApproved) ++approved_members;
  EXPECT_EQ(approved_members, 1);
}

TEST_F(RegisterTest, DocumentOfAnotherPatientCannotJoinFolder) {
  SubmissionBuilder folder_sub(kPatientA);
  folder_sub.AddDocument("Doc01");
  folder_sub.AddFolder("Folder01");
  MustRegister(folder_sub);
  auto folders = Query(client_, StoredQuery(ihe::query_id::kFindFolders,
                                            {{"$XDSFolderPatientId", Quoted(kPatientA)},
                                             {"$XDSFolderStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"}}));
  ASSERT_TRUE(folders.ok());
  ASSERT_EQ(folders->objects.size(), 1u);
  SubmissionBuilder other(kPatientB);
  other.AddDocument("Doc02");
  other.AddAssociation(std::string(vocab::kHasMember), folders->objects[0].id, "Doc02");
  EXPECT_THAT(MustFail(other), ::testing::Contains("XDSPatientIdDoesNotMatch"));
}

TEST_F(RegisterTest, SubmissionIsAtomic) {
  SubmissionBuilder b(kPatientA);
  DocumentOptions good;
  good.unique_id = "1.2.3.4.5.900";
  b.AddDocument("Good", good);
  b.AddDocument("Bad");
  b.AddAssociation(std::string(vocab::kRplc), "Bad", "urn:uuid:11111111-2222-4333-8444-555555555555");
  MustFail(b);
  EXPECT_TRUE(Documents(kPatientA).empty()) << "no part of a refused submission is registered";
}

TEST_F(RegisterTest, OnDemandEntryFoundOnlyWhenAsked) {
  SubmissionBuilder b(kPatientA);
  DocumentOptions od;
  od.on_demand = true;
  b.AddDocument("OnDemand", od);
  MustRegister(b);
  EXPECT_TRUE(Documents(kPatientA).empty()) << "$XDSDocumentEntryType defaults to Stable";
  auto both = Documents(kPatientA, {{"$XDSDocumentEntryType", "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')"}});
  EXPECT_EQ(both.size(), 1u);
}

}  // namespace
}  // namespace xds::testing

// ITI-57 Update Document Set end to end: SOAP 1.2 on a real socket to a
// real registry; effects read back through ITI-18 ($MetadataLevel 1 and 2,
// GetDocuments by logicalID).
#include "tests/registry/e2e/lifecycle_fixture.h"

namespace xds::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class MetadataUpdateTest : public LifecycleTest {
 protected:
  DocumentOptions Options(const std::string& unique_id) {
    DocumentOptions o;
    o.unique_id = unique_id;
    return o;
  }
};

TEST_F(MetadataUpdateTest, NewVersionIsLatestAndThePreviousIsDeprecated) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.1"));
  SubmissionBuilder update(kPatientA);
  DocumentOptions changed = Options("1.2.3.57.1");
  changed.class_code = "CORRECTED";
  const std::string v2 = NewUrnUuid();
  update.AddDocumentVersion(v2, v1, "1", changed);
  MustUpdate(update);

  auto approved = Find(kPatientA);
  ASSERT_EQ(approved.size(), 1u);
  EXPECT_EQ(approved[0].id, v2);
  EXPECT_EQ(approved[0].lid, v1);
  EXPECT_EQ(approved[0].version_name, "2");
  EXPECT_EQ(ihe::CodesOf(approved[0], vocab::kDeClassCode).at(0).code, "CORRECTED");
  // Level 1 hides the old version even when Deprecated entries are asked for.
  EXPECT_THAT(Ids(Find(kPatientA, {{"$XDSDocumentEntryStatus", kBothStatuses}})), ElementsAre(v2));
  EXPECT_THAT(Ids(Find(kPatientA, {{"$XDSDocumentEntryStatus", kBothStatuses}, {"$MetadataLevel", "2"}})),
              ::testing::UnorderedElementsAre(v1, v2));
  auto old = Get(kGetDocuments, "$XDSDocumentEntryEntryUUID", v1, "2");
  ASSERT_EQ(old.size(), 1u);
  EXPECT_EQ(old[0].status, vocab::kDeprecated);
  EXPECT_EQ(old[0].version_name, "1");
}

TEST_F(MetadataUpdateTest, GetDocumentsByLogicalIdReturnsLatestOrEveryVersion) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.2"));
  SubmissionBuilder update(kPatientA);
  const std::string v2 = NewUrnUuid();
  update.AddDocumentVersion(v2, v1, "1", Options("1.2.3.57.2"));
  MustUpdate(update);
  EXPECT_THAT(Ids(Get(kGetDocuments, "$XDSDocumentEntryLogicalID", v1)), ElementsAre(v2));
  EXPECT_THAT(Ids(Get(kGetDocuments, "$XDSDocumentEntryLogicalID", v1, "2")), ElementsAre(v1, v2));
  EXPECT_THAT(Ids(Get(kGetDocuments, "$XDSDocumentEntryEntryUUID", v1)), IsEmpty());
}

TEST_F(MetadataUpdateTest, StalePreviousVersionIsAVersionConflict) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.3"));
  SubmissionBuilder first(kPatientA);
  const std::string v2 = NewUrnUuid();
  first.AddDocumentVersion(v2, v1, "1", Options("1.2.3.57.3"));
  MustUpdate(first);
  // A second administrator still working from version 1.
  SubmissionBuilder stale(kPatientA);
  stale.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.3"));
  EXPECT_THAT(UpdateFails(stale), ElementsAre("XDSMetadataVersionError"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v2));
}

TEST_F(MetadataUpdateTest, UpdateOfADeprecatedEntryIsRefused) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.4"));
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(v1, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.4"));
  EXPECT_THAT(UpdateFails(update), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(MetadataUpdateTest, ImmutableAttributesMayNotChange) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.5"));
  SubmissionBuilder update(kPatientA);
  DocumentOptions changed = Options("1.2.3.57.5-other");
  changed.hash = "0000000000000000000000000000000000000001";
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", changed);
  auto codes = UpdateFails(update);
  EXPECT_EQ(codes.size(), 2u);
  EXPECT_THAT(codes, ::testing::Each("XDSMetadataUpdateError"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v1));
}

TEST_F(MetadataUpdateTest, FirstVersionsAndUnknownLogicalIdsAreRefused) {
  SubmissionBuilder first(kPatientA);
  first.AddDocument("Doc01");
  EXPECT_THAT(UpdateFails(first), ElementsAre("XDSMetadataUpdateError"));
  SubmissionBuilder unknown(kPatientA);
  unknown.AddDocumentVersion(NewUrnUuid(), NewUrnUuid(), "1", Options("1.2.3.57.6"));
  EXPECT_THAT(UpdateFails(unknown), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(MetadataUpdateTest, MissingPreviousVersionIsRefused) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.7"));
  SubmissionBuilder update(kPatientA);
  const std::string v2 = update.AddDocument(NewUrnUuid(), Options("1.2.3.57.7"));
  update.Object(v2).lid = v1;
  EXPECT_THAT(UpdateFails(update), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(MetadataUpdateTest, RegisterRefusesANewVersion) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.8"));
  SubmissionBuilder b(kPatientA);
  const std::string v2 = b.AddDocument(NewUrnUuid(), Options("1.2.3.57.8"));
  b.Object(v2).lid = v1;
  auto r = Register(client_, b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(ErrorCodes(r->errors), ElementsAre("XDSRegistryMetadataError"));
}

TEST_F(MetadataUpdateTest, StatusGoesApprovedToDeprecatedAndBack) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.9"));
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(v1, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  EXPECT_THAT(Find(kPatientA), IsEmpty());
  SubmissionBuilder wrong_original(kPatientA);
  wrong_original.AddStatusUpdate(v1, vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(wrong_original), ElementsAre("XDSMetadataUpdateError"));
  SubmissionBuilder approve(kPatientA);
  approve.AddStatusUpdate(v1, vocab::kDeprecated, vocab::kApproved);
  MustUpdate(approve);
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v1));
}

TEST_F(MetadataUpdateTest, StatusUpdateOfUnknownOrOldVersionIsRefused) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.10"));
  SubmissionBuilder unknown(kPatientA);
  unknown.AddStatusUpdate(NewUrnUuid(), vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(unknown), ElementsAre("UnresolvedReferenceException"));
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.10"));
  MustUpdate(update);
  SubmissionBuilder old(kPatientA);
  old.AddStatusUpdate(v1, vocab::kDeprecated, vocab::kApproved);
  EXPECT_THAT(UpdateFails(old), ElementsAre("XDSMetadataVersionError"));
}

TEST_F(MetadataUpdateTest, NewVersionAndItsStatusChangeInOneRequest) {
  // ITI57-015: the status change applies to the new version.
  const std::string v1 = RegisterDocument(Options("1.2.3.57.11"));
  SubmissionBuilder update(kPatientA);
  const std::string v2 = NewUrnUuid();
  update.AddDocumentVersion(v2, v1, "1", Options("1.2.3.57.11"));
  update.AddStatusUpdate(v2, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(update);
  EXPECT_THAT(Find(kPatientA), IsEmpty());
  EXPECT_THAT(Ids(Find(kPatientA, {{"$XDSDocumentEntryStatus", kBothStatuses}})), ElementsAre(v2));
}

TEST_F(MetadataUpdateTest, FolderMembershipFollowsTheNewVersionUnlessPropagationIsOff) {
  SubmissionBuilder b(kPatientA);
  const std::string folder = NewUrnUuid(), v1 = NewUrnUuid(), other = NewUrnUuid();
  b.AddFolder(folder);
  b.AddDocument(v1, Options("1.2.3.57.12"));
  b.AddDocument(other, Options("1.2.3.57.13"));
  b.AddAssociation(std::string(vocab::kHasMember), folder, v1);
  b.AddAssociation(std::string(vocab::kHasMember), folder, other);
  MustRegister(b);

  SubmissionBuilder propagate(kPatientA);
  const std::string v2 = NewUrnUuid();
  propagate.AddDocumentVersion(v2, v1, "1", Options("1.2.3.57.12"));
  MustUpdate(propagate);
  auto contents = Ids(Get(kGetFolderAndContents, "$XDSFolderEntryUUID", folder));
  EXPECT_THAT(contents, Contains(v2));
  EXPECT_THAT(contents, ::testing::Not(Contains(v1)));

  SubmissionBuilder detach(kPatientA);
  detach.AddDocumentVersion(NewUrnUuid(), other, "1", Options("1.2.3.57.13"), "no");
  MustUpdate(detach);
  auto after = Ids(Get(kGetFolderAndContents, "$XDSFolderEntryUUID", folder));
  EXPECT_THAT(after, Contains(v2));
  EXPECT_THAT(after, ::testing::Not(Contains(other)));
}

TEST_F(MetadataUpdateTest, PatientChangeThatWouldSplitAFolderIsRefused) {
  SubmissionBuilder b(kPatientA);
  const std::string folder = NewUrnUuid(), v1 = NewUrnUuid();
  b.AddFolder(folder);
  b.AddDocument(v1, Options("1.2.3.57.14"));
  b.AddAssociation(std::string(vocab::kHasMember), folder, v1);
  MustRegister(b);
  SubmissionBuilder move(kPatientB);
  move.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.14"));
  EXPECT_THAT(UpdateFails(move), ElementsAre("XDSPatientIDReconciliationError"));

  SubmissionBuilder move_alone(kPatientB);
  const std::string v2 = NewUrnUuid();
  move_alone.AddDocumentVersion(v2, v1, "1", Options("1.2.3.57.14"), "no");
  MustUpdate(move_alone);
  EXPECT_THAT(Find(kPatientA), IsEmpty());
  EXPECT_THAT(Ids(Find(kPatientB)), ElementsAre(v2));
}

TEST_F(MetadataUpdateTest, FolderVersionsAndFolderStatus) {
  SubmissionBuilder b(kPatientA);
  const std::string f1 = NewUrnUuid(), doc = NewUrnUuid();
  b.AddFolder(f1);
  b.AddDocument(doc, Options("1.2.3.57.15"));
  b.AddAssociation(std::string(vocab::kHasMember), f1, doc);
  MustRegister(b);
  auto registered = Get(kGetFolders, "$XDSFolderEntryUUID", f1);
  ASSERT_EQ(registered.size(), 1u);
  const std::string unique_id = ihe::UniqueIdOf(registered[0]);

  SubmissionBuilder update(kPatientA);
  const std::string f2 = NewUrnUuid();
  update.AddFolderVersion(f2, f1, "1", unique_id, "RENAMED");
  MustUpdate(update);
  EXPECT_THAT(Ids(Get(kGetFolders, "$XDSFolderLogicalID", f1)), ElementsAre(f2));
  EXPECT_THAT(Ids(Get(kGetFolderAndContents, "$XDSFolderEntryUUID", f2)), Contains(doc));

  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(f2, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  EXPECT_THAT(Get(kGetFolders, "$XDSFolderEntryUUID", f2), IsEmpty());
  EXPECT_THAT(Ids(Get(kGetFolders, "$XDSFolderEntryUUID", f2, "2")), ElementsAre(f2));
}

TEST_F(MetadataUpdateTest, DeprecatingAMembershipTakesTheDocumentOutOfTheFolder) {
  SubmissionBuilder b(kPatientA);
  const std::string folder = NewUrnUuid(), doc = NewUrnUuid();
  b.AddFolder(folder);
  b.AddDocument(doc, Options("1.2.3.57.16"));
  const std::string membership = b.AddAssociation(std::string(vocab::kHasMember), folder, doc);
  MustRegister(b);
  // The membership's entryUUID as registered (symbolic ids were replaced).
  auto contents = Query(client_, StoredQuery(kGetFolderAndContents, {{"$XDSFolderEntryUUID", "('" + folder + "')"}}));
  ASSERT_TRUE(contents.ok());
  std::string membership_uuid;
  for (const auto& o : contents->objects)
    if (o.kind == ihe::ObjectKind::kAssociation && o.source_object == folder) membership_uuid = o.id;
  ASSERT_FALSE(membership_uuid.empty()) << membership;

  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(membership_uuid, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  EXPECT_THAT(Ids(Get(kGetFolderAndContents, "$XDSFolderEntryUUID", folder)), ElementsAre(folder));
}

TEST_F(MetadataUpdateTest, ARefusedUpdateChangesNothing) {
  const std::string a = RegisterDocument(Options("1.2.3.57.17"));
  const std::string b = RegisterDocument(Options("1.2.3.57.18"));
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), a, "1", Options("1.2.3.57.17"));
  update.AddDocumentVersion(NewUrnUuid(), b, "7", Options("1.2.3.57.18"));
  EXPECT_THAT(UpdateFails(update), ElementsAre("XDSMetadataVersionError"));
  EXPECT_THAT(Ids(Find(kPatientA)), ::testing::UnorderedElementsAre(a, b));
}

TEST_F(MetadataUpdateTest, TwoVersionsOfOneEntryInOneRequestAreAnOperationError) {
  const std::string v1 = RegisterDocument(Options("1.2.3.57.19"));
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.19"));
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.19"));
  EXPECT_THAT(UpdateFails(update), Contains("XDSMetadataUpdateOperationError"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v1));
}

TEST_F(MetadataUpdateTest, NewVersionForAnUnknownPatientIsRefused) {
  // The patient of a new version is checked as ITI-42 checks a first one.
  const std::string v1 = RegisterDocument(Options("1.2.3.57.20"));
  const std::string unknown = "NOBODY^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
  SubmissionBuilder update(unknown);
  update.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.57.20"), "no");
  EXPECT_THAT(UpdateFails(update), Contains("XDSUnknownPatientId"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v1));
}

}  // namespace
}  // namespace xds::testing

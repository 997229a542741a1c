// ITI-57 operations on Associations end to end (registry/update/
// association_operations.h): Submit new Association between registered
// objects, in both encodings (SubmissionSet HasMember, SubmitAssociation),
// each refusal with its error code, and Update Association status; what
// changed is read back through ITI-18 with $XDSAssociationStatus.
#include "tests/registry/e2e/lifecycle_fixture.h"

namespace xds::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

class AssociationUpdateTest : public LifecycleTest {
 protected:
  // A Folder and a DocumentEntry registered separately, not linked.
  struct Pair {
    std::string folder, document;
  };
  Pair RegisterUnlinked(const std::string& patient = kPatientA) {
    Pair p{NewUrnUuid(), NewUrnUuid()};
    SubmissionBuilder folder(patient);
    folder.AddFolder(p.folder);
    MustRegister(folder);
    SubmissionBuilder document(patient);
    document.AddDocument(p.document);
    MustRegister(document);
    return p;
  }
  // An ITI-57 request adding a Folder membership between registered
  // objects, with its SubmissionSet HasMember (ITI-42 SS-HM form).
  static SubmissionBuilder AddMembership(const std::string& folder, const std::string& document,
                                         const std::string& patient = kPatientA) {
    SubmissionBuilder b(patient);
    b.AddAssociation(std::string(vocab::kHasMember), folder, document);
    return b;
  }
  std::vector<ihe::RegistryObject> FolderContents(const std::string& folder, const std::string& statuses = "",
                                                  const std::string& level = "") {
    std::vector<std::pair<std::string, std::string>> params = {{"$XDSFolderEntryUUID", "('" + folder + "')"}};
    if (!statuses.empty()) params.push_back({"$XDSAssociationStatus", statuses});
    if (!level.empty()) params.push_back({"$MetadataLevel", level});
    auto r = Query(client_, StoredQuery(kGetFolderAndContents, params));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->objects : std::vector<ihe::RegistryObject>{};
  }
  // The registered FD-DE HasMember from `folder` to `document`.
  std::string MembershipUuid(const std::string& folder, const std::string& document) {
    for (const auto& o : Get(kGetAssociations, "$uuid", document))
      if (o.association_type == vocab::kHasMember && o.source_object == folder) return o.id;
    return {};
  }
};

TEST_F(AssociationUpdateTest, FolderMembershipOfARegisteredDocumentIsAdded) {
  const Pair p = RegisterUnlinked();
  MustUpdate(AddMembership(p.folder, p.document));
  EXPECT_THAT(Ids(FolderContents(p.folder)), Contains(p.document));
  EXPECT_THAT(Ids(Get(kGetFoldersForDocument, "$XDSDocumentEntryEntryUUID", p.document)), ElementsAre(p.folder));
  const std::string membership = MembershipUuid(p.folder, p.document);
  ASSERT_FALSE(membership.empty());
  // The SubmissionSet of the update records the new membership (SS-HM).
  EXPECT_EQ(Get(kGetSubmissionSets, "$uuid", membership).size(), 2u);
}

TEST_F(AssociationUpdateTest, SubmitAssociationFormAddsARelationship) {
  const std::string signed_doc = RegisterDocument({});
  const std::string signature = RegisterDocument({});
  SubmissionBuilder b(kPatientA);
  const std::string signs = b.AddAssociation(std::string(vocab::kSigns), signature, signed_doc);
  b.AddAssociation(std::string(vocab::kSubmitAssociation), b.submission_set_id(), signs);
  MustUpdate(b);
  auto related = Query(client_, StoredQuery(kGetRelatedDocuments, {{"$XDSDocumentEntryEntryUUID", "('" + signed_doc + "')"},
                                                                    {"$AssociationTypes", "('" + std::string(vocab::kSigns) + "')"}}));
  ASSERT_TRUE(related.ok()) << related.status().ToString();
  EXPECT_THAT(Ids(related->objects), Contains(signature));
}

TEST_F(AssociationUpdateTest, SubmitAssociationFormAddsAFolderMembership) {
  const Pair p = RegisterUnlinked();
  SubmissionBuilder b(kPatientA);
  const std::string membership = b.AddAssociation(std::string(vocab::kHasMember), p.folder, p.document);
  // The same membership, brought by SubmitAssociation instead of an SS-HM.
  b.Object(b.MemberAssociation(membership)).association_type = std::string(vocab::kSubmitAssociation);
  MustUpdate(b);
  EXPECT_THAT(Ids(FolderContents(p.folder)), Contains(p.document));
}

TEST_F(AssociationUpdateTest, MembershipOfADeprecatedDocumentIsRefused) {
  const Pair p = RegisterUnlinked();
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(p.document, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  EXPECT_THAT(UpdateFails(AddMembership(p.folder, p.document)), ElementsAre("XDSRegistryDeprecatedDocumentError"));
  EXPECT_THAT(Ids(FolderContents(p.folder, "", "2")), ElementsAre(p.folder));
}

TEST_F(AssociationUpdateTest, MembershipOfAnOldVersionIsAVersionError) {
  const Pair p = RegisterUnlinked();
  auto registered = Get(kGetDocuments, "$XDSDocumentEntryEntryUUID", p.document);
  ASSERT_EQ(registered.size(), 1u);
  DocumentOptions same;
  same.unique_id = ihe::UniqueIdOf(registered[0]);
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), p.document, "1", same);
  MustUpdate(update);
  EXPECT_THAT(UpdateFails(AddMembership(p.folder, p.document)), ElementsAre("XDSMetadataVersionError"));
}

TEST_F(AssociationUpdateTest, UnknownEndsAndSubmissionSetEndsAreRefused) {
  const Pair p = RegisterUnlinked();
  EXPECT_THAT(UpdateFails(AddMembership(p.folder, NewUrnUuid())), ElementsAre("UnresolvedReferenceException"));
  // The SubmissionSet that registered the document, as an end.
  auto sets = Get(kGetSubmissionSets, "$uuid", p.document);
  std::string registered_set;
  for (const auto& o : sets)
    if (o.kind == ihe::ObjectKind::kRegistryPackage) registered_set = o.id;
  ASSERT_FALSE(registered_set.empty());
  SubmissionBuilder b(kPatientA);
  const std::string apnd = b.AddAssociation(std::string(vocab::kApnd), p.document, registered_set);
  b.AddAssociation(std::string(vocab::kSubmitAssociation), b.submission_set_id(), apnd);
  EXPECT_THAT(UpdateFails(b), ElementsAre("XDSMetadataUpdateError"));
  // A Folder as an end of a document relationship.
  SubmissionBuilder folder_end(kPatientA);
  const std::string xfrm = folder_end.AddAssociation(std::string(vocab::kXfrm), p.document, p.folder);
  folder_end.AddAssociation(std::string(vocab::kSubmitAssociation), folder_end.submission_set_id(), xfrm);
  EXPECT_THAT(UpdateFails(folder_end), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(AssociationUpdateTest, MembershipAcrossPatientsIsRefused) {
  const Pair a = RegisterUnlinked(kPatientA);
  const Pair b = RegisterUnlinked(kPatientB);
  EXPECT_THAT(UpdateFails(AddMembership(a.folder, b.document)), ElementsAre("XDSPatientIdDoesNotMatch"));
  // Both ends of patient B, documented by a SubmissionSet of patient A.
  EXPECT_THAT(UpdateFails(AddMembership(b.folder, b.document, kPatientA)), ElementsAre("XDSPatientIdDoesNotMatch"));
}

TEST_F(AssociationUpdateTest, SecondApprovedMembershipIsRefused) {
  const Pair p = RegisterUnlinked();
  MustUpdate(AddMembership(p.folder, p.document));
  EXPECT_THAT(UpdateFails(AddMembership(p.folder, p.document)), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(AssociationUpdateTest, ReplacementBetweenRegisteredDocumentsIsNotAnUpdateOperation) {
  const std::string old_doc = RegisterDocument({});
  const std::string new_doc = RegisterDocument({});
  SubmissionBuilder b(kPatientA);
  const std::string rplc = b.AddAssociation(std::string(vocab::kRplc), new_doc, old_doc);
  b.AddAssociation(std::string(vocab::kSubmitAssociation), b.submission_set_id(), rplc);
  EXPECT_THAT(UpdateFails(b), ElementsAre("XDSMetadataUpdateOperationError"));
  EXPECT_THAT(Ids(Find(kPatientA)), UnorderedElementsAre(old_doc, new_doc));
}

TEST_F(AssociationUpdateTest, MembershipIsDeprecatedThenApprovedAgain) {
  const Pair p = RegisterUnlinked();
  MustUpdate(AddMembership(p.folder, p.document));
  const std::string membership = MembershipUuid(p.folder, p.document);
  ASSERT_FALSE(membership.empty());

  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(membership, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  EXPECT_THAT(Ids(FolderContents(p.folder)), ElementsAre(p.folder));
  EXPECT_THAT(Get(kGetFoldersForDocument, "$XDSDocumentEntryEntryUUID", p.document), IsEmpty());
  // Level 1 never shows a Deprecated association; level 2 does when asked.
  EXPECT_THAT(Ids(FolderContents(p.folder, kBothStatuses)), ElementsAre(p.folder));
  auto both = FolderContents(p.folder, kBothStatuses, "2");
  EXPECT_THAT(Ids(both), UnorderedElementsAre(p.folder, p.document, membership));
  for (const auto& o : both)
    if (o.id == membership) {
      EXPECT_EQ(o.status, vocab::kDeprecated);
    }
  EXPECT_THAT(Ids(FolderContents(p.folder, "", "2")), ElementsAre(p.folder));

  SubmissionBuilder approve(kPatientA);
  approve.AddStatusUpdate(membership, vocab::kDeprecated, vocab::kApproved);
  MustUpdate(approve);
  EXPECT_THAT(Ids(FolderContents(p.folder)), UnorderedElementsAre(p.folder, p.document, membership));
}

TEST_F(AssociationUpdateTest, GetAssociationsFiltersByAssociationStatus) {
  const Pair p = RegisterUnlinked();
  MustUpdate(AddMembership(p.folder, p.document));
  const std::string membership = MembershipUuid(p.folder, p.document);
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(membership, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  auto by_status = [&](const std::string& statuses) {
    std::vector<std::pair<std::string, std::string>> params = {{"$uuid", "('" + p.folder + "')"},
                                                               {"$MetadataLevel", "2"}};
    if (!statuses.empty()) params.push_back({"$XDSAssociationStatus", statuses});
    auto r = Query(client_, StoredQuery(kGetAssociations, params));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? Ids(r->objects) : std::vector<std::string>{};
  };
  EXPECT_THAT(by_status(""), Not(Contains(membership)));
  EXPECT_THAT(by_status("('" + std::string(vocab::kDeprecated) + "')"), ElementsAre(membership));
  EXPECT_THAT(by_status(kBothStatuses), Contains(membership));
}

TEST_F(AssociationUpdateTest, SubmissionSetMembershipStatusNeverChanges) {
  SubmissionBuilder b(kPatientA);
  const std::string doc = NewUrnUuid();
  b.AddDocument(doc);
  MustRegister(b);
  std::string set_member;
  for (const auto& o : Get(kGetAssociations, "$uuid", doc))
    if (o.association_type == vocab::kHasMember) set_member = o.id;
  ASSERT_FALSE(set_member.empty());
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(set_member, vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(deprecate), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(AssociationUpdateTest, MembershipOfADeprecatedDocumentCannotBeApprovedAgain) {
  const Pair p = RegisterUnlinked();
  MustUpdate(AddMembership(p.folder, p.document));
  const std::string membership = MembershipUuid(p.folder, p.document);
  SubmissionBuilder deprecate(kPatientA);
  deprecate.AddStatusUpdate(membership, vocab::kApproved, vocab::kDeprecated);
  deprecate.AddStatusUpdate(p.document, vocab::kApproved, vocab::kDeprecated);
  MustUpdate(deprecate);
  SubmissionBuilder approve(kPatientA);
  approve.AddStatusUpdate(membership, vocab::kDeprecated, vocab::kApproved);
  EXPECT_THAT(UpdateFails(approve), ElementsAre("XDSMetadataUpdateError"));
}

TEST_F(AssociationUpdateTest, StatusChangeDocumentedForAnotherPatientIsRefused) {
  const Pair p = RegisterUnlinked(kPatientA);
  MustUpdate(AddMembership(p.folder, p.document));
  const std::string membership = MembershipUuid(p.folder, p.document);
  SubmissionBuilder document_status(kPatientB);
  document_status.AddStatusUpdate(p.document, vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(document_status), ElementsAre("XDSPatientIdDoesNotMatch"));
  SubmissionBuilder membership_status(kPatientB);
  membership_status.AddStatusUpdate(membership, vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(membership_status), ElementsAre("XDSPatientIdDoesNotMatch"));
}

}  // namespace
}  // namespace xds::testing

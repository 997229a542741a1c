// Association rules (ITI TF-3 4.2.2, TF ITI-42 3.42.4.1.3): structure, the
// HasMember flavours, membership, relationships and references. Each test
// breaks one rule in valid_full.xml.
#include <gtest/gtest.h>

#include <string>

#include "tests/registry/validate/submission_test_util.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

using ihe::ErrorCode;

// ---- Structure -------------------------------------------------------------

TEST_F(SubmissionTest, AssociationWithoutTypeIsMetadataError) {
  Get(kSsToFolder).association_type.clear();
  auto errors = Validate();
  // The Folder then has no SubmissionSet HasMember either.
  EXPECT_EQ(errors.size(), 2u) << Dump(errors);
  EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError,
                       {kSsToFolder, "associationType", "missing"}));
}

TEST_F(SubmissionTest, UnknownAssociationTypeIsMetadataError) {
  request_.objects.push_back(
      Association("Association10", "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus",
                  kSubmissionSet, kDocument1));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "associationType"}));
}

TEST_F(SubmissionTest, AssociationTypeIsCaseSensitive) {
  request_.objects.push_back(Association("Association10", "urn:ihe:iti:2007:AssociationType:Signs",
                                         kDocument2, kDocument1));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "associationType"}));
}

TEST_F(SubmissionTest, AssociationWithoutSourceObjectIsMetadataError) {
  Get(kFolderToDocument1).source_object.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kFolderToDocument1, "sourceObject", "missing"}));
}

TEST_F(SubmissionTest, AssociationWithoutTargetObjectIsMetadataError) {
  Get(kFolderToDocument1).target_object.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kFolderToDocument1, "targetObject", "missing"}));
}

// ---- References ------------------------------------------------------------

TEST_F(SubmissionTest, SymbolicReferenceOutsideTheSubmissionIsUnresolved) {
  Get(kFolderToDocument1).target_object = "Document99";
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kUnresolvedReference, {kFolderToDocument1, "Document99"}));
}

TEST_F(SubmissionTest, MalformedUuidReferenceIsMetadataError) {
  Get(kFolderToDocument1).target_object = "urn:uuid:3C0B750B-E7DF-4205-A93A-5DD31907D09E";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kFolderToDocument1, "targetObject", "urn:uuid"}));
}

TEST_F(SubmissionTest, UuidReferencesOutsideTheSubmissionAreLeftToTheRegistry) {
  // A registered Folder receives Document01 (FD-DE + SS-HM), and Document02
  // appends a registered entry.
  const std::string registered_folder = "urn:uuid:7c227a5e-dd0f-4d2a-9c74-9c851c50bd03";
  request_.objects.push_back(
      Association("Association10", vocab::kHasMember, registered_folder, kDocument1));
  request_.objects.push_back(
      Association("Association11", vocab::kHasMember, kSubmissionSet, "Association10"));
  request_.objects.push_back(
      Association("Association12", vocab::kApnd, kDocument2, kRegisteredEntry));
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

// ---- SubmissionSet HasMember (SS-DE, SS-FD, SS-HM) -------------------------

TEST_F(SubmissionTest, SubmissionSetMemberWithoutStatusIsMetadataError) {
  RemoveSlot(Get(kSsToDocument2), "SubmissionSetStatus");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSsToDocument2, "SubmissionSetStatus"}));
}

TEST_F(SubmissionTest, ReferenceStatusForADocumentEntryOfTheSubmissionIsMetadataError) {
  SlotOf(Get(kSsToDocument2), "SubmissionSetStatus").values = {"Reference"};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSsToDocument2, "SubmissionSetStatus", "Original"}));
}

TEST_F(SubmissionTest, UnknownSubmissionSetStatusIsMetadataError) {
  SlotOf(Get(kSsToDocument2), "SubmissionSetStatus").values = {"original"};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSsToDocument2, "SubmissionSetStatus"}));
}

TEST_F(SubmissionTest, ReferenceToARegisteredDocumentEntryIsAccepted) {
  auto a = Association("Association10", vocab::kHasMember, kSubmissionSet, kRegisteredEntry);
  a.slots.push_back(ihe::Slot{"SubmissionSetStatus", {"Reference"}});
  request_.objects.push_back(a);
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, OriginalStatusForAnEntryOutsideTheSubmissionIsMetadataError) {
  auto a = Association("Association10", vocab::kHasMember, kSubmissionSet, kRegisteredEntry);
  a.slots.push_back(ihe::Slot{"SubmissionSetStatus", {"Original"}});
  request_.objects.push_back(a);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "SubmissionSetStatus", "Reference"}));
}

TEST_F(SubmissionTest, SubmissionSetMemberAssociationMustBeFolderMembership) {
  // SS -> (SS-DE association) is not an SS-HM.
  request_.objects.push_back(
      Association("Association10", vocab::kHasMember, kSubmissionSet, kSsToDocument1));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "targetObject", kSsToDocument1}));
}

// ---- Membership ------------------------------------------------------------

TEST_F(SubmissionTest, DocumentEntryNotInTheSubmissionSetIsMetadataError) {
  RemoveObject(request_, kSsToDocument2);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument2, "SubmissionSet01"}));
}

TEST_F(SubmissionTest, FolderNotInTheSubmissionSetIsMetadataError) {
  RemoveObject(request_, kSsToFolder);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Folder Folder01", "SubmissionSet01"}));
}

TEST_F(SubmissionTest, FolderMembershipWithoutSubmissionSetHasMemberIsMetadataError) {
  RemoveObject(request_, kSsToFolderMember1);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kFolderToDocument1, "Folder-DocumentEntry"}));
}

TEST_F(SubmissionTest, HasMemberFromADocumentEntryIsMetadataError) {
  request_.objects.push_back(
      Association("Association10", vocab::kHasMember, kDocument1, kDocument2));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "sourceObject", kDocument1}));
}

TEST_F(SubmissionTest, FolderHoldingAFolderIsMetadataError) {
  request_.objects.push_back(Association("Association10", vocab::kHasMember, kFolder, kFolder));
  request_.objects.push_back(
      Association("Association11", vocab::kHasMember, kSubmissionSet, "Association10"));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "targetObject", "Folder01"}));
}

// ---- Relationships (RPLC, XFRM, APND, XFRM_RPLC, signs, IsSnapshotOf) -------

TEST_F(SubmissionTest, RelationshipFromANewDocumentEntryToARegisteredOneIsAccepted) {
  for (std::string_view type :
       {vocab::kRplc, vocab::kXfrm, vocab::kApnd, vocab::kXfrmRplc, vocab::kSigns}) {
    request_.objects.push_back(Association("Rel-" + std::string(type.substr(type.rfind(':') + 1)),
                                           type, kDocument1, kRegisteredEntry));
  }
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, RelationshipSourceOutsideTheSubmissionIsUnresolved) {
  request_.objects.push_back(
      Association("Association10", vocab::kApnd, kRegisteredEntry, kDocument1));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kUnresolvedReference,
                        {"Association10", "sourceObject", kRegisteredEntry}));
}

TEST_F(SubmissionTest, RelationshipSourceThatIsNotADocumentEntryIsUnresolved) {
  request_.objects.push_back(Association("Association10", vocab::kXfrm, kFolder, kRegisteredEntry));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kUnresolvedReference,
                        {"Association10", "sourceObject", kFolder}));
}

TEST_F(SubmissionTest, ReplacingADocumentEntryOfTheSameSubmissionIsUnresolved) {
  request_.objects.push_back(Association("Association10", vocab::kRplc, kDocument2, kDocument1));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kUnresolvedReference,
                        {"Association10", "targetObject", kDocument1}));
}

TEST_F(SubmissionTest, AppendingToADocumentEntryOfTheSameSubmissionIsAccepted) {
  request_.objects.push_back(Association("Association10", vocab::kApnd, kDocument2, kDocument1));
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, RelationshipToAFolderIsMetadataError) {
  request_.objects.push_back(Association("Association10", vocab::kSigns, kDocument2, kFolder));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", "targetObject", kFolder}));
}

TEST_F(SubmissionTest, SnapshotOfARegisteredOnDemandEntryIsAccepted) {
  request_.objects.push_back(
      Association("Association10", vocab::kIsSnapshotOf, kDocument1, kRegisteredEntry));
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, SnapshotFromAnOnDemandEntryIsMetadataError) {
  MakeOnDemand(Get(kDocument2));
  request_.objects.push_back(
      Association("Association10", vocab::kIsSnapshotOf, kDocument2, kRegisteredEntry));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association10", kDocument2, "Stable"}));
}

TEST_F(SubmissionTest, RelationshipDocumentationCodeIsAccepted) {
  auto a = Association("Association10", vocab::kXfrm, kDocument2, kRegisteredEntry);
  a.classifications.push_back(CodedValue("doc01", vocab::kAssociationDocumentation, "Association10",
                                         "TRANSLATION", "1.3.6.1.4.1.21367.2005.3.99.30"));
  request_.objects.push_back(a);
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, ExternalIdentifierOnAnAssociationIsMetadataError) {
  ihe::ExternalIdentifier x = IdentifierOf(Get(kDocument1), vocab::kDeUniqueId);
  x.id = "ei-on-association";
  x.registry_object = kSsToFolder;
  Get(kSsToFolder).external_identifiers.push_back(x);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kSsToFolder, "ei-on-association"}));
}

}  // namespace
}  // namespace xds::registry::testing

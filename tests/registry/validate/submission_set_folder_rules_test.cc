// SubmissionSet (ITI TF-3 4.2.3.3) and Folder (4.2.3.4) rules, DR column of
// Table 4.3.1-3. Each test breaks one rule in valid_full.xml.
#include <gtest/gtest.h>

#include <string>

#include "tests/registry/validate/submission_test_util.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

using ihe::ErrorCode;

// ---- SubmissionSet ---------------------------------------------------------

TEST_F(SubmissionTest, SubmissionSetWithoutSubmissionTimeIsMetadataError) {
  RemoveSlot(Get(kSubmissionSet), "submissionTime");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "submissionTime", "missing"}));
}

TEST_F(SubmissionTest, SubmissionTimeNotDtmIsMetadataError) {
  SlotOf(Get(kSubmissionSet), "submissionTime").values = {"2024-03-12 10:20"};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "submissionTime", "DTM"}));
}

TEST_F(SubmissionTest, SubmissionSetWithoutContentTypeCodeIsMetadataError) {
  RemoveClassifications(Get(kSubmissionSet), vocab::kSsContentTypeCode);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "contentTypeCode", "missing"}));
}

struct Identifier {
  std::string_view scheme;
  const char* attribute;
};

class SubmissionSetIdentifierTest : public SubmissionTest,
                                    public ::testing::WithParamInterface<Identifier> {};

TEST_P(SubmissionSetIdentifierTest, MissingIsMetadataError) {
  RemoveIdentifier(Get(kSubmissionSet), GetParam().scheme);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, GetParam().attribute, "missing"}));
}

INSTANTIATE_TEST_SUITE_P(SubmissionSet, SubmissionSetIdentifierTest,
                         ::testing::Values(Identifier{vocab::kSsPatientId, "patientId"},
                                           Identifier{vocab::kSsUniqueId, "uniqueId"},
                                           Identifier{vocab::kSsSourceId, "sourceId"}),
                         [](const auto& info) { return std::string(info.param.attribute); });

TEST_F(SubmissionTest, SubmissionSetUniqueIdNotOidIsMetadataError) {
  IdentifierOf(Get(kSubmissionSet), vocab::kSsUniqueId).value = "1.3.6.1.4.1.21367^2001";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "uniqueId", "OID"}));
}

TEST_F(SubmissionTest, SourceIdNotOidIsMetadataError) {
  IdentifierOf(Get(kSubmissionSet), vocab::kSsSourceId).value = "urn:oid:1.3.6.1.4.1.21367";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "sourceId", "OID"}));
}

TEST_F(SubmissionTest, MalformedIntendedRecipientIsMetadataError) {
  SlotOf(Get(kSubmissionSet), "intendedRecipient").values.push_back("|^^Welby|^^Internet");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "intendedRecipient"}));
}

TEST_F(SubmissionTest, SubmissionSetAuthorIsCheckedLikeADocumentEntryAuthor) {
  CodeOf(Get(kSubmissionSet), vocab::kSsAuthor).slots = {
      ihe::Slot{"authorSpecialty", {"Cardiology"}}};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kSubmissionSet, "author"}));
}

TEST_F(SubmissionTest, LimitedMetadataOnSubmissionSetIsMetadataError) {
  ihe::Classification flag;
  flag.id = "limited02";
  flag.classified_object = kSubmissionSet;
  flag.classification_node = vocab::kLimitedMetadataSs;
  Get(kSubmissionSet).classifications.push_back(flag);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "limitedMetadata"}));
}

TEST_F(SubmissionTest, SubmissionSetLabelClassifyingAnotherObjectIsMetadataError) {
  for (auto& c : Get(kSubmissionSet).classifications)
    if (c.classification_node == vocab::kSubmissionSetNode) c.classified_object = "SomethingElse";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "classifiedObject"}));
}

// ---- Folder ----------------------------------------------------------------

TEST_F(SubmissionTest, FolderWithoutTitleIsMetadataError) {
  Get(kFolder).has_name = false;
  Get(kFolder).name.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "title"}));
}

TEST_F(SubmissionTest, FolderWithoutCodeListIsMetadataError) {
  RemoveClassifications(Get(kFolder), vocab::kFdCodeList);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "codeList", "missing"}));
}

TEST_F(SubmissionTest, FolderWithSeveralCodesIsValid) {
  Get(kFolder).classifications.push_back(
      CodedValue("fd-code-2", vocab::kFdCodeList, kFolder, "394802001", "2.16.840.1.113883.6.96"));
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, FolderWithoutUniqueIdIsMetadataError) {
  RemoveIdentifier(Get(kFolder), vocab::kFdUniqueId);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "uniqueId", "missing"}));
}

TEST_F(SubmissionTest, FolderUniqueIdNotOidIsMetadataError) {
  IdentifierOf(Get(kFolder), vocab::kFdUniqueId).value = "folder-3001";
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "uniqueId", "OID"}));
}

TEST_F(SubmissionTest, FolderWithoutPatientIdIsMetadataError) {
  RemoveIdentifier(Get(kFolder), vocab::kFdPatientId);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "patientId", "missing"}));
}

TEST_F(SubmissionTest, FolderLastUpdateTimeNotDtmIsMetadataError) {
  Get(kFolder).slots.push_back(ihe::Slot{"lastUpdateTime", {"yesterday"}});
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "lastUpdateTime"}));
}

TEST_F(SubmissionTest, FolderLastUpdateTimeDtmIsAccepted) {
  Get(kFolder).slots.push_back(ihe::Slot{"lastUpdateTime", {"20240312102000"}});
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, SubmissionTimeSlotOnFolderIsNotAFolderSlot) {
  Get(kFolder).slots.push_back(ihe::Slot{"submissionTime", {"20240312102000"}});
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kFolder, "submissionTime"}));
}

}  // namespace
}  // namespace xds::registry::testing

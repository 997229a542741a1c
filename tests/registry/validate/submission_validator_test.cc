// Submission-wide rules of ValidateSubmission: the valid samples, structure,
// ids, uniqueIds in the message, patient consistency (TF ITI-42 3.42.4.1.3).
#include "registry/validate/submission_validator.h"

#include <gtest/gtest.h>

#include "tests/registry/validate/submission_test_util.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

using ihe::ErrorCode;

TEST(SubmissionValidatorTest, ValidFullSubmissionHasNoErrors) {
  ihe::SubmitObjectsRequest request = LoadSubmission("valid_full.xml");
  ASSERT_EQ(request.objects.size(), 11u);
  auto errors = ValidateSubmission(request, ValidationOptions{});
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST(SubmissionValidatorTest, ValidMinimalSubmissionHasNoErrors) {
  ihe::SubmitObjectsRequest request = LoadSubmission("valid_minimal.xml");
  ASSERT_EQ(request.objects.size(), 3u);
  auto errors = ValidateSubmission(request, ValidationOptions{});
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, ReportsEveryProblemNotOnlyTheFirst) {
  RemoveSlot(Get(kDocument1), "creationTime");
  RemoveSlot(Get(kDocument2), "languageCode");
  RemoveClassifications(Get(kFolder), vocab::kFdCodeList);
  auto errors = Validate();
  EXPECT_EQ(errors.size(), 3u) << Dump(errors);
  EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError, {kDocument1, "creationTime"}));
  EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError, {kDocument2, "languageCode"}));
  EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError, {kFolder, "codeList"}));
}

// ---- Structure -------------------------------------------------------------

TEST_F(SubmissionTest, NoSubmissionSetIsMetadataError) {
  // Relabel the SubmissionSet as a Folder: the submission then has none.
  for (auto& c : Get(kSubmissionSet).classifications)
    if (c.classification_node == vocab::kSubmissionSetNode)
      c.classification_node = vocab::kFolderNode;
  EXPECT_TRUE(HasError(Validate(), ErrorCode::kRegistryMetadataError, {"no SubmissionSet"}));
}

TEST_F(SubmissionTest, SecondSubmissionSetIsMetadataError) {
  ihe::RegistryObject second = Get(kSubmissionSet);
  second.id = "SubmissionSet02";
  int n = 0;
  for (auto& c : second.classifications) {
    c.id = "ss2-" + std::to_string(++n);
    c.classified_object = second.id;
  }
  for (auto& x : second.external_identifiers) {
    x.id = "ss2-" + std::to_string(++n);
    x.registry_object = second.id;
  }
  IdentifierOf(second, vocab::kSsUniqueId).value = "1.3.6.1.4.1.21367.2005.3.99.1.2002";
  request_.objects.push_back(second);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {"SubmissionSet02", "exactly one"}));
}

TEST_F(SubmissionTest, UnlabelledRegistryPackageIsMetadataError) {
  ihe::RegistryObject package;
  package.kind = ihe::ObjectKind::kRegistryPackage;
  package.id = "Package01";
  request_.objects.push_back(package);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {"RegistryPackage Package01"}));
}

TEST_F(SubmissionTest, PackageLabelledBothSubmissionSetAndFolderIsMetadataError) {
  ihe::Classification label;
  label.id = "label-both";
  label.classified_object = kSubmissionSet;
  label.classification_node = vocab::kFolderNode;
  Get(kSubmissionSet).classifications.push_back(label);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kSubmissionSet, "both SubmissionSet and Folder"}));
}

TEST_F(SubmissionTest, DuplicateIdInMessageIsMetadataError) {
  // Document02's classCode Classification reuses the id of Document01's.
  CodeOf(Get(kDocument2), vocab::kDeClassCode).id = CodeOf(Get(kDocument1), vocab::kDeClassCode).id;
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                {kDocument2, "urn:uuid:b11962b1-de95-40b4-b6dd-3abbdd3616a3", "more than once"}));
}

TEST_F(SubmissionTest, DuplicateTopLevelIdIsMetadataError) {
  Get(kSsToFolder).id = std::string(kSsToDocument2);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kSsToDocument2, "more than once"}));
}

TEST_F(SubmissionTest, UpperCaseUuidIdIsMetadataError) {
  const std::string upper = "urn:uuid:1E27989B-71BD-4DCB-9003-45EEEE5E17F5";
  RenameObject(request_, kDocument2, upper);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {upper, "lower-case urn:uuid"}));
}

TEST_F(SubmissionTest, MalformedUuidIdIsMetadataError) {
  const std::string bad = "urn:uuid:1e27989b-71bd-4dcb-9003";
  RenameObject(request_, kDocument2, bad);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {bad, "urn:uuid"}));
}

TEST_F(SubmissionTest, MissingObjectIdIsMetadataError) {
  Get(kSsToFolder).id.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {"Association (without id) id", "missing"}));
}

TEST_F(SubmissionTest, MissingClassificationIdIsMetadataError) {
  CodeOf(Get(kDocument1), vocab::kDeTypeCode).id.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "Classification", "id"}));
}

// ---- uniqueId within the message -------------------------------------------

TEST_F(SubmissionTest, DocumentEntryUniqueIdTwiceIsDuplicateUniqueIdInMessage) {
  std::string first = IdentifierOf(Get(kDocument1), vocab::kDeUniqueId).value;
  IdentifierOf(Get(kDocument2), vocab::kDeUniqueId).value = first;
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryDuplicateUniqueIdInMessage, {kDocument2, first}));
}

TEST_F(SubmissionTest, FolderReusingSubmissionSetUniqueIdIsDuplicateUniqueIdInMessage) {
  std::string ss = IdentifierOf(Get(kSubmissionSet), vocab::kSsUniqueId).value;
  IdentifierOf(Get(kFolder), vocab::kFdUniqueId).value = ss;
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryDuplicateUniqueIdInMessage, {kFolder, ss}));
}

// ---- patientId consistency (rule 10) ---------------------------------------

constexpr std::string_view kOtherPatient = "9911^^^&1.3.6.1.4.1.21367.2005.3.7&ISO";

TEST_F(SubmissionTest, DocumentEntryOfOtherPatientIsPatientIdDoesNotMatch) {
  IdentifierOf(Get(kDocument1), vocab::kDePatientId).value = kOtherPatient;
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kPatientIdDoesNotMatch,
                        {kDocument1, "patientId", kOtherPatient}));
}

TEST_F(SubmissionTest, FolderOfOtherPatientIsPatientIdDoesNotMatch) {
  IdentifierOf(Get(kFolder), vocab::kFdPatientId).value = kOtherPatient;
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kPatientIdDoesNotMatch, {kFolder, "patientId"}));
}

TEST_F(SubmissionTest, ReferenceStatusDoesNotExemptADocumentEntryOfTheSubmission) {
  // A DocumentEntry in the message is submitted by value: "Reference" is
  // wrong for it and it must still match the SubmissionSet's patient.
  SlotOf(Get(kSsToDocument1), "SubmissionSetStatus").values = {"Reference"};
  IdentifierOf(Get(kDocument1), vocab::kDePatientId).value = kOtherPatient;
  auto errors = Validate();
  EXPECT_EQ(errors.size(), 2u) << Dump(errors);
  EXPECT_TRUE(HasError(errors, ErrorCode::kPatientIdDoesNotMatch, {kDocument1}));
  EXPECT_TRUE(
      HasError(errors, ErrorCode::kRegistryMetadataError, {kSsToDocument1, "SubmissionSetStatus"}));
}

TEST_F(SubmissionTest, RepositoryFieldsOptionalWhenNotRequired) {
  for (auto id : {kDocument1, kDocument2}) {
    RemoveSlot(Get(id), "hash");
    RemoveSlot(Get(id), "size");
    RemoveSlot(Get(id), "repositoryUniqueId");
  }
  EXPECT_FALSE(Validate().empty());
  options_.repository_fields_required = false;
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

}  // namespace
}  // namespace xds::registry::testing

// DocumentEntry rules (ITI TF-3 4.2.3.2, Table 4.3.1-3 DR column) and the
// shared slot / classification / external identifier rules as they apply to
// a DocumentEntry. Each test breaks one rule in valid_full.xml.
#include <gtest/gtest.h>

#include <string>

#include "tests/registry/validate/submission_test_util.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

using ihe::ErrorCode;

// ---- Required attributes ---------------------------------------------------

class RequiredSlotTest : public SubmissionTest,
                         public ::testing::WithParamInterface<const char*> {};

TEST_P(RequiredSlotTest, MissingIsMetadataError) {
  RemoveSlot(Get(kDocument1), GetParam());
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, GetParam(), "missing"}));
}

INSTANTIATE_TEST_SUITE_P(DocumentEntry, RequiredSlotTest,
                         ::testing::Values("creationTime", "hash", "size", "repositoryUniqueId",
                                           "languageCode", "sourcePatientId"));

struct Code {
  std::string_view scheme;
  const char* attribute;
};

class RequiredCodeTest : public SubmissionTest, public ::testing::WithParamInterface<Code> {};

TEST_P(RequiredCodeTest, MissingIsMetadataError) {
  RemoveClassifications(Get(kDocument2), GetParam().scheme);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument2, GetParam().attribute, "missing"}));
}

INSTANTIATE_TEST_SUITE_P(
    DocumentEntry, RequiredCodeTest,
    ::testing::Values(Code{vocab::kDeClassCode, "classCode"},
                      Code{vocab::kDeConfidentialityCode, "confidentialityCode"},
                      Code{vocab::kDeFormatCode, "formatCode"},
                      Code{vocab::kDeHealthcareFacilityTypeCode, "healthcareFacilityTypeCode"},
                      Code{vocab::kDePracticeSettingCode, "practiceSettingCode"},
                      Code{vocab::kDeTypeCode, "typeCode"}),
    [](const auto& info) { return std::string(info.param.attribute); });

TEST_F(SubmissionTest, SecondClassCodeIsMetadataError) {
  Get(kDocument1)
      .classifications.push_back(CodedValue("cl-extra", vocab::kDeClassCode, kDocument1, "11502-2",
                                            "2.16.840.1.113883.6.1"));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "classCode", "at most 1"}));
}

TEST_F(SubmissionTest, MissingPatientIdIsMetadataError) {
  RemoveIdentifier(Get(kDocument1), vocab::kDePatientId);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "patientId", "missing"}));
}

TEST_F(SubmissionTest, SecondUniqueIdIdentifierIsMetadataError) {
  ihe::ExternalIdentifier copy = IdentifierOf(Get(kDocument1), vocab::kDeUniqueId);
  copy.id = "ei-extra";
  Get(kDocument1).external_identifiers.push_back(copy);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "uniqueId", "exactly one"}));
}

TEST_F(SubmissionTest, MissingMimeTypeIsMetadataError) {
  Get(kDocument1).mime_type.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "mimeType", "missing"}));
}

// ---- objectType: Stable / On-Demand ----------------------------------------

TEST_F(SubmissionTest, MissingObjectTypeIsMetadataError) {
  Get(kDocument1).object_type.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "objectType"}));
}

TEST_F(SubmissionTest, UnknownObjectTypeIsMetadataError) {
  Get(kDocument1).object_type = "urn:uuid:aaaaaaaa-054d-47f2-a032-9b2a5b5186c1";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "objectType"}));
}

TEST_F(SubmissionTest, OnDemandEntryWithoutContentAttributesIsValid) {
  MakeOnDemand(Get(kDocument1));
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

class OnDemandProhibitedSlotTest : public SubmissionTest,
                                   public ::testing::WithParamInterface<const char*> {};

TEST_P(OnDemandProhibitedSlotTest, PresentIsMetadataError) {
  ihe::Slot kept = SlotOf(Get(kDocument1), GetParam());
  MakeOnDemand(Get(kDocument1));
  Get(kDocument1).slots.push_back(kept);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, GetParam(), "On-Demand"}));
}

INSTANTIATE_TEST_SUITE_P(DocumentEntry, OnDemandProhibitedSlotTest,
                         ::testing::Values("creationTime", "hash", "size"));

TEST_F(SubmissionTest, OnDemandEntryStillNeedsRepositoryUniqueId) {
  MakeOnDemand(Get(kDocument1));
  RemoveSlot(Get(kDocument1), "repositoryUniqueId");
  options_.repository_fields_required = false;
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "repositoryUniqueId"}));
}

TEST_F(SubmissionTest, LimitedMetadataIsMetadataError) {
  ihe::Classification flag;
  flag.id = "limited01";
  flag.classified_object = kDocument1;
  flag.classification_node = vocab::kLimitedMetadataDe;
  Get(kDocument1).classifications.push_back(flag);
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "limitedMetadata"}));
}

// ---- Classification structure ----------------------------------------------

TEST_F(SubmissionTest, EmptyNodeRepresentationIsMetadataError) {
  CodeOf(Get(kDocument1), vocab::kDeFormatCode).node_representation.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "formatCode", "nodeRepresentation"}));
}

TEST_F(SubmissionTest, MissingCodingSchemeIsMetadataError) {
  CodeOf(Get(kDocument1), vocab::kDeTypeCode).slots.clear();
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "typeCode", "codingScheme"}));
}

TEST_F(SubmissionTest, TwoCodingSchemeValuesIsMetadataError) {
  CodeOf(Get(kDocument1), vocab::kDeTypeCode)
      .slots.front()
      .values.push_back("2.16.840.1.113883.6.96");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "typeCode", "codingScheme", "exactly one"}));
}

TEST_F(SubmissionTest, ClassifiedObjectNotTheEnclosingObjectIsMetadataError) {
  CodeOf(Get(kDocument1), vocab::kDeClassCode).classified_object = kDocument2;
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "classifiedObject"}));
}

TEST_F(SubmissionTest, UnknownClassificationSchemeIsMetadataError) {
  Get(kDocument1)
      .classifications.push_back(CodedValue("cl-odd", vocab::kSsContentTypeCode, kDocument1,
                                            "18842-5", "2.16.840.1.113883.6.1"));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "cl-odd", "not defined for this object type"}));
}

// ---- Author ----------------------------------------------------------------

TEST_F(SubmissionTest, AuthorWithoutPersonInstitutionOrTelecomIsMetadataError) {
  ihe::Classification& author = CodeOf(Get(kDocument2), vocab::kDeAuthor);
  author.slots = {ihe::Slot{"authorRole", {"Pathologist"}}};
  EXPECT_TRUE(OnlyError(
      Validate(), ErrorCode::kRegistryMetadataError,
      {kDocument2, "author", "authorPerson, authorInstitution or authorTelecommunication"}));
}

TEST_F(SubmissionTest, AuthorPersonWithTwoValuesIsMetadataError) {
  ihe::Classification& author = CodeOf(Get(kDocument1), vocab::kDeAuthor);
  author.slots.front().values.push_back("^Jones^Tom");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "authorPerson", "at most one"}));
}

TEST_F(SubmissionTest, MalformedAuthorValuesAreMetadataErrors) {
  ihe::Classification& author = CodeOf(Get(kDocument1), vocab::kDeAuthor);
  author.slots = {
      ihe::Slot{"authorPerson", {"^^^^"}},                            // no id, no name
      ihe::Slot{"authorInstitution", {"Clinic^^^^^^^^^not-an-oid"}},  // XON.10 not OID, no XON.6
      ihe::Slot{"authorTelecommunication", {"^^Internet"}},           // no address
      ihe::Slot{"authorSpecialty", {"X^^^&bad&ISO"}},                 // coded but no OID
  };
  auto errors = Validate();
  EXPECT_EQ(errors.size(), 4u) << Dump(errors);
  for (const char* slot :
       {"authorPerson", "authorInstitution", "authorTelecommunication", "authorSpecialty"})
    EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError, {kDocument1, slot}));
}

// ---- External identifiers --------------------------------------------------

TEST_F(SubmissionTest, UnknownIdentificationSchemeIsMetadataError) {
  ihe::ExternalIdentifier x = IdentifierOf(Get(kDocument1), vocab::kDeUniqueId);
  x.id = "ei-sourceid";
  x.identification_scheme = vocab::kSsSourceId;  // sourceId exists only on a SubmissionSet
  Get(kDocument1).external_identifiers.push_back(x);
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "ei-sourceid", "not defined for this object type"}));
}

TEST_F(SubmissionTest, RegistryObjectNotTheEnclosingObjectIsMetadataError) {
  IdentifierOf(Get(kDocument1), vocab::kDeUniqueId).registry_object = "Document99";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "uniqueId", "registryObject"}));
}

// ---- Slots -----------------------------------------------------------------

TEST_F(SubmissionTest, SingleValuedSlotWithTwoValuesIsMetadataError) {
  SlotOf(Get(kDocument1), "creationTime").values.push_back("20240312101501");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "creationTime", "2 values"}));
}

TEST_F(SubmissionTest, SlotValueLongerThan256IsMetadataError) {
  SlotOf(Get(kDocument1), "sourcePatientInfo").values.push_back("PID-5|" + std::string(251, 'A'));
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "sourcePatientInfo", "256"}));
}

TEST_F(SubmissionTest, SlotNameTwiceIsMetadataError) {
  Get(kDocument2).slots.push_back(ihe::Slot{"languageCode", {"en"}});
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument2, "languageCode", "more than once"}));
}

TEST_F(SubmissionTest, ExtraSlotWithUrnNameIsAccepted) {
  Get(kDocument2).slots.push_back(ihe::Slot{"urn:example:lab:orderPriority", {"routine"}});
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, ExtraSlotNotNamedByUrnIsMetadataError) {
  Get(kDocument2).slots.push_back(ihe::Slot{"orderPriority", {"routine"}});
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument2, "orderPriority", "URN"}));
}

TEST_F(SubmissionTest, ExtraSlotInIheNamespaceIsMetadataError) {
  Get(kDocument2).slots.push_back(ihe::Slot{"urn:ihe:iti:xds:2099:custom", {"x"}});
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument2, "urn:ihe:iti:xds:2099:custom", "urn:ihe:"}));
}

// ---- Formats ---------------------------------------------------------------

struct BadValue {
  const char* slot;
  const char* value;
  const char* label;
};

class SlotFormatTest : public SubmissionTest, public ::testing::WithParamInterface<BadValue> {};

TEST_P(SlotFormatTest, MalformedValueIsMetadataError) {
  SlotOf(Get(kDocument1), GetParam().slot).values = {GetParam().value};
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, GetParam().slot}));
}

INSTANTIATE_TEST_SUITE_P(
    DocumentEntry, SlotFormatTest,
    ::testing::Values(BadValue{"creationTime", "2024-03-12T10:15:00Z", "CreationTimeIso8601"},
                      BadValue{"creationTime", "20241312", "CreationTimeMonth13"},
                      BadValue{"serviceStartTime", "202403050800001", "ServiceStartTime15Digits"},
                      BadValue{"serviceStopTime", "2024031", "ServiceStopTimeOddLength"},
                      BadValue{"hash", "b514b65c4d9b1c0b9be38440395eb9991c097bf", "Hash39Digits"},
                      BadValue{"hash", "z514b65c4d9b1c0b9be38440395eb9991c097bfe", "HashNotHex"},
                      BadValue{"size", "-34", "SizeNegative"},
                      BadValue{"size", "34.0", "SizeNotInteger"},
                      BadValue{"repositoryUniqueId", "1.3.6.01.4", "RepositoryUniqueIdLeadingZero"},
                      BadValue{"languageCode", "en_US", "LanguageCodeUnderscore"},
                      BadValue{"languageCode", "e", "LanguageCodeOneLetter"},
                      BadValue{"sourcePatientId", "MRN-88231", "SourcePatientIdNoAuthority"},
                      BadValue{"sourcePatientId", "MRN-88231^^^&1.2.3&L", "SourcePatientIdNotIso"},
                      BadValue{"legalAuthenticator", "^^Marcus", "LegalAuthenticatorNoIdNoFamily"},
                      BadValue{"sourcePatientInfo", "PID5|Doe^Jane", "SourcePatientInfoNoDash"},
                      BadValue{"sourcePatientInfo", "PID-5|Doe\\H\\Jane",
                               "SourcePatientInfoFormattingEscape"},
                      BadValue{"urn:ihe:iti:xds:2013:referenceIdList", "2013001^^^&1.2.3&ISO",
                               "ReferenceIdNoTypeCode"}),
    [](const auto& info) { return std::string(info.param.label); });

TEST_F(SubmissionTest, PatientIdNotInIsoCxFormIsMetadataError) {
  // CX.5 (identifier type code) is not allowed in XDS (Table 4.2.3.1.7-2).
  const std::string pid = "76cc765a442f410^^^&1.3.6.1.4.1.21367.2005.3.7&ISO^PI";
  for (auto id : {kDocument1, kDocument2}) IdentifierOf(Get(id), vocab::kDePatientId).value = pid;
  IdentifierOf(Get(kSubmissionSet), vocab::kSsPatientId).value = pid;
  IdentifierOf(Get(kFolder), vocab::kFdPatientId).value = pid;
  auto errors = Validate();
  EXPECT_EQ(errors.size(), 4u) << Dump(errors);
  EXPECT_TRUE(HasError(errors, ErrorCode::kRegistryMetadataError, {kDocument1, "patientId", "CX"}));
  EXPECT_TRUE(
      HasError(errors, ErrorCode::kRegistryMetadataError, {kSubmissionSet, "patientId", "CX"}));
}

TEST_F(SubmissionTest, ServiceStartAfterStopIsMetadataError) {
  SlotOf(Get(kDocument1), "serviceStartTime").values = {"20240312"};
  SlotOf(Get(kDocument1), "serviceStopTime").values = {"20240311153000"};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "serviceStartTime", "after"}));
}

TEST_F(SubmissionTest, ServiceTimesOfDifferentPrecisionCompareOnCommonDigits) {
  SlotOf(Get(kDocument1), "serviceStartTime").values = {"20240311"};
  SlotOf(Get(kDocument1), "serviceStopTime").values = {"202403110000"};
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, SecondBirthDateInSourcePatientInfoIsMetadataError) {
  SlotOf(Get(kDocument1), "sourcePatientInfo").values.push_back("PID-7|19560528");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "sourcePatientInfo", "PID-7"}));
}

TEST_F(SubmissionTest, SecondSexInSourcePatientInfoIsMetadataError) {
  SlotOf(Get(kDocument1), "sourcePatientInfo").values.push_back("PID-8|M");
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument1, "sourcePatientInfo", "PID-8"}));
}

TEST_F(SubmissionTest, MalformedMimeTypeIsMetadataError) {
  Get(kDocument1).mime_type = "text xml";
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "mimeType"}));
}

TEST_F(SubmissionTest, MimeTypeOutsideAffinityDomainListIsMetadataError) {
  options_.allowed_mime_types = {"TEXT/XML", "application/dicom"};
  EXPECT_TRUE(OnlyError(Validate(), ErrorCode::kRegistryMetadataError,
                        {kDocument2, "mimeType", "application/pdf", "affinity domain"}));
}

TEST_F(SubmissionTest, MimeTypeParametersAreIgnoredForTheAllowedList) {
  options_.allowed_mime_types = {"text/xml", "application/pdf"};
  Get(kDocument1).mime_type = "text/xml; charset=UTF-8";
  auto errors = Validate();
  EXPECT_TRUE(errors.empty()) << Dump(errors);
}

TEST_F(SubmissionTest, HomeCommunityIdNotAnOidUrnIsMetadataError) {
  Get(kDocument1).home = "1.3.6.1.4.1.21367.2005.3.99";
  EXPECT_TRUE(
      OnlyError(Validate(), ErrorCode::kRegistryMetadataError, {kDocument1, "homeCommunityId"}));
}

}  // namespace
}  // namespace xds::registry::testing

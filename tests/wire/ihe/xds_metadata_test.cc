// Typed reading of XDS metadata: XdsTypeOf, CodesOf, AuthorPersons and the
// patientId / uniqueId identifiers, on valid_full.xml and on hand-built
// objects.
#include "wire/ihe/xds_metadata.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/wire/ihe/rim_test_util.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::ihe {
namespace {

constexpr char kPatient[] = "76cc765a442f410^^^&1.3.6.1.4.1.21367.2005.3.7&ISO";

class XdsMetadataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = testutil::MustParse(testutil::ReadTestdata("submissions/valid_full.xml"));
    ASSERT_TRUE(doc_.Root());
    auto r = ReadSubmitObjectsRequest(doc_.Root());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    request_ = std::move(*r);
    ASSERT_GE(request_.objects.size(), 5u);
  }
  const RegistryObject& de1() const { return request_.objects[0]; }
  const RegistryObject& de2() const { return request_.objects[1]; }
  const RegistryObject& ss() const { return request_.objects[2]; }
  const RegistryObject& folder() const { return request_.objects[3]; }
  const RegistryObject& assoc() const { return request_.objects[4]; }

  xml::XmlDocument doc_;
  SubmitObjectsRequest request_;
};

TEST_F(XdsMetadataTest, XdsTypeOfEachObject) {
  EXPECT_EQ(XdsTypeOf(de1()), XdsObjectType::kDocumentEntry);
  EXPECT_EQ(XdsTypeOf(de2()), XdsObjectType::kDocumentEntry);
  EXPECT_EQ(XdsTypeOf(ss()), XdsObjectType::kSubmissionSet);
  EXPECT_EQ(XdsTypeOf(folder()), XdsObjectType::kFolder);
  EXPECT_EQ(XdsTypeOf(assoc()), XdsObjectType::kAssociation);
}

TEST(XdsTypeOfTest, PackageWithoutALabelIsUnlabelled) {
  RegistryObject p;
  p.kind = ObjectKind::kRegistryPackage;
  EXPECT_EQ(XdsTypeOf(p), XdsObjectType::kUnlabelledPackage);
  Classification other;
  other.classification_node = "urn:uuid:00000000-0000-4000-8000-000000000000";
  p.classifications.push_back(other);
  EXPECT_EQ(XdsTypeOf(p), XdsObjectType::kUnlabelledPackage);
  // A coded-attribute scheme equal to the label's UUID is not a label.
  Classification scheme_only;
  scheme_only.classification_scheme = std::string(vocab::kSubmissionSetNode);
  p.classifications.push_back(scheme_only);
  EXPECT_EQ(XdsTypeOf(p), XdsObjectType::kUnlabelledPackage);
}

TEST_F(XdsMetadataTest, CodesOfReturnsEveryCodeOfTheScheme) {
  auto events = CodesOf(de1(), vocab::kDeEventCode);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].code, "ANGIO");
  EXPECT_EQ(events[0].scheme, "1.3.6.1.4.1.21367.2005.3.99.20");
  EXPECT_EQ(events[0].display, "Angiography");
  EXPECT_EQ(events[1].code, "CARDIO-REHAB");
  EXPECT_EQ(events[1].display, "Cardiac rehabilitation");

  auto conf = CodesOf(de2(), vocab::kDeConfidentialityCode);
  ASSERT_EQ(conf.size(), 2u);
  EXPECT_EQ(conf[0], (CodedValue{"N", "2.16.840.1.113883.5.25", ""}));
  EXPECT_EQ(conf[1], (CodedValue{"PSY", "2.16.840.1.113883.5.1063", ""}));

  auto content = CodesOf(ss(), vocab::kSsContentTypeCode);
  ASSERT_EQ(content.size(), 1u);
  EXPECT_EQ(content[0].code, "18842-5");

  EXPECT_TRUE(CodesOf(de1(), vocab::kSsContentTypeCode).empty());
  EXPECT_TRUE(CodesOf(folder(), vocab::kDeEventCode).empty());
  ASSERT_EQ(CodesOf(folder(), vocab::kFdCodeList).size(), 1u);
}

TEST(CodedValueTest, EqualityIgnoresTheDisplayName) {
  EXPECT_EQ((CodedValue{"N", "2.16.840.1.113883.5.25", "normal"}),
            (CodedValue{"N", "2.16.840.1.113883.5.25", "Normal"}));
  EXPECT_FALSE((CodedValue{"N", "2.16.840.1.113883.5.25", ""}) == (CodedValue{"N", "2.16.840.1.113883.5.26", ""}));
  EXPECT_FALSE((CodedValue{"N", "1", ""}) == (CodedValue{"R", "1", ""}));
}

TEST(CodesOfTest, MissingCodingSchemeGivesAnEmptyScheme) {
  RegistryObject o;
  Classification c;
  c.classification_scheme = std::string(vocab::kDeTypeCode);
  c.node_representation = "X";
  o.classifications.push_back(c);
  auto codes = CodesOf(o, vocab::kDeTypeCode);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].code, "X");
  EXPECT_EQ(codes[0].scheme, "");
}

TEST_F(XdsMetadataTest, AuthorPersonsAcrossAuthorClassifications) {
  EXPECT_EQ(AuthorPersons(de1(), vocab::kDeAuthor),
            (std::vector<std::string>{"11375^Welby^Marcus^J^Jr. MD^Dr^^^&1.3.6.1.4.1.21367.2005.3.99.1&ISO",
                                      "^Smitty^Gerald^^^"}));
  EXPECT_TRUE(AuthorPersons(de2(), vocab::kDeAuthor).empty());  // institution only
  EXPECT_EQ(AuthorPersons(ss(), vocab::kSsAuthor).size(), 1u);
  EXPECT_TRUE(AuthorPersons(ss(), vocab::kDeAuthor).empty());    // wrong scheme for a SubmissionSet
}

TEST(AuthorPersonsTest, EveryValueOfAMultiValuedSlot) {
  RegistryObject o;
  Classification c;
  c.classification_scheme = std::string(vocab::kDeAuthor);
  c.slots = {{"authorInstitution", {"I"}}, {"authorPerson", {"A", "B"}}};
  o.classifications.push_back(c);
  EXPECT_EQ(AuthorPersons(o, vocab::kDeAuthor), (std::vector<std::string>{"A", "B"}));
}

TEST_F(XdsMetadataTest, PatientIdAndUniqueIdByObjectType) {
  EXPECT_EQ(PatientIdOf(de1()), kPatient);
  EXPECT_EQ(UniqueIdOf(de1()), "1.3.6.1.4.1.21367.2005.3.99.1.1001^8823101");
  EXPECT_EQ(UniqueIdOf(de2()), "1.3.6.1.4.1.21367.2005.3.99.1.1002");
  EXPECT_EQ(PatientIdOf(ss()), kPatient);
  EXPECT_EQ(UniqueIdOf(ss()), "1.3.6.1.4.1.21367.2005.3.99.1.2001");  // not the sourceId
  EXPECT_EQ(PatientIdOf(folder()), kPatient);
  EXPECT_EQ(UniqueIdOf(folder()), "1.3.6.1.4.1.21367.2005.3.99.1.3001");
  EXPECT_EQ(PatientIdOf(assoc()), "");
  EXPECT_EQ(UniqueIdOf(assoc()), "");
}

TEST(PatientIdOfTest, SchemeMustMatchTheObjectType) {
  // A DocumentEntry carrying only the SubmissionSet patientId scheme has no
  // DocumentEntry patientId.
  RegistryObject de;
  de.kind = ObjectKind::kExtrinsicObject;
  de.external_identifiers.push_back({"x", std::string(vocab::kSsPatientId), "d", "P^^^&1.2&ISO", "", ""});
  EXPECT_EQ(PatientIdOf(de), "");
}

TEST_F(XdsMetadataTest, SetPatientIdChangesOnlyThePatientId) {
  RegistryObject de = de1();
  SetPatientId(de, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(PatientIdOf(de), "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(UniqueIdOf(de), "1.3.6.1.4.1.21367.2005.3.99.1.1001^8823101");
  EXPECT_EQ(de.external_identifiers.size(), de1().external_identifiers.size());

  RegistryObject set = ss();
  SetPatientId(set, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(PatientIdOf(set), "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(set.ExternalIdentifierValue(vocab::kSsSourceId), "1.3.6.1.4.1.21367.2005.3.99.1");
  EXPECT_EQ(UniqueIdOf(set), "1.3.6.1.4.1.21367.2005.3.99.1.2001");

  RegistryObject fd = folder();
  SetPatientId(fd, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(PatientIdOf(fd), "NEW^^^&1.2.3&ISO");
}

TEST_F(XdsMetadataTest, SetPatientIdLeavesAssociationsAlone) {
  RegistryObject a = assoc();
  a.external_identifiers.push_back({"x1", std::string(vocab::kDePatientId), a.id, "OLD1", "", ""});
  a.external_identifiers.push_back({"x2", std::string(vocab::kSsPatientId), a.id, "OLD2", "", ""});
  const std::string before = testutil::Dump(a);
  SetPatientId(a, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(testutil::Dump(a), before);
}

// Regression (fixed; wire/ihe/xds_metadata.cc, SetPatientId): for an object without a
// patientId scheme (Association, unlabelled RegistryPackage) PatientScheme()
// is empty, and the loop then overwrites every ExternalIdentifier whose
// identificationScheme is empty (or was absent on the wire). Expected: no
// change. Not reachable from registry/query/object_loader.cc today, which
// skips associations.
TEST_F(XdsMetadataTest, SetPatientIdIgnoresEmptySchemesOnObjectsWithoutAPatientId) {
  RegistryObject a = assoc();
  a.external_identifiers.push_back({"x2", "", a.id, "OLD2", "", ""});
  SetPatientId(a, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(a.external_identifiers.back().value, "OLD2");

  RegistryObject p;
  p.kind = ObjectKind::kRegistryPackage;
  p.external_identifiers.push_back({"x3", "", "p", "OLD3", "", ""});
  SetPatientId(p, "NEW^^^&1.2.3&ISO");
  EXPECT_EQ(p.external_identifiers[0].value, "OLD3");
}

}  // namespace
}  // namespace xds::ihe

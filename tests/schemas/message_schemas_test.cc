// schemas/xml: the messages the registry, repository and imaging document
// source accept validate; structural breakage is rejected with a message
// that names the element and line; the variations real senders produce are
// accepted.
#include <gtest/gtest.h>

#include <string>

#include "tests/schemas/schema_test_util.h"

namespace xds::schemas_test {
namespace {

using Code = Status::Code;

constexpr char kLcmRim[] =
    R"(xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0")";
constexpr char kQueryRimRs[] =
    R"(xmlns:query="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0")";

// A SubmitObjectsRequest whose RegistryObjectList holds `objects`.
std::string Submission(const std::string& objects) {
  return std::string("<lcm:SubmitObjectsRequest ") + kLcmRim + ">\n<rim:RegistryObjectList>\n" + objects +
         "\n</rim:RegistryObjectList>\n</lcm:SubmitObjectsRequest>";
}

std::string AdhocQueryRequest(const std::string& adhoc_query) {
  return std::string("<query:AdhocQueryRequest ") + kQueryRimRs +
         ">\n<query:ResponseOption returnComposedObjects=\"true\" returnType=\"LeafClass\"/>\n" + adhoc_query +
         "\n</query:AdhocQueryRequest>";
}

// Expects `xml` to be rejected with a message containing every fragment.
void ExpectRejected(const std::string& xml, std::initializer_list<std::string_view> fragments) {
  Status s = ValidateXml(xml);
  ASSERT_FALSE(s.ok()) << "accepted:\n" << xml;
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("schema validation failed at line "), std::string::npos) << s.message();
  for (std::string_view f : fragments) EXPECT_NE(s.message().find(f), std::string::npos) << s.message();
}

// ---- Accepted: our test data and examples ----

TEST(MessageSchemas, ValidFullSubmissionValidates) {
  Status s = ValidateXml(ReadFile(TestdataFile("submissions/valid_full.xml")));
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, ValidMinimalSubmissionValidates) {
  Status s = ValidateXml(ReadFile(TestdataFile("submissions/valid_minimal.xml")));
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, ExampleRequestBodiesValidate) {
  for (const char* name : {"register-document-set.xml", "find-documents.xml"}) {
    auto doc = xml::XmlDocument::Parse(ReadFile(ExampleFile(name)));
    ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
    xml::XmlElement body = SoapBodyChild(*doc);
    ASSERT_TRUE(body) << name;
    Status s = MessageSchemas().Validate(body);
    EXPECT_TRUE(s.ok()) << name << ": " << s.message();
  }
}

// ---- Rejected: structural breakage ----

TEST(MessageSchemas, UnknownElementInRegistryObjectListIsRejected) {
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimeType="text/plain"/>
<rim:Federation id="f1"/>)"),
                 {"line 4", "Element 'rim:Federation': This element is not expected"});
}

TEST(MessageSchemas, ElementFromAnotherNamespaceInRegistryObjectListIsRejected) {
  // The ebXML 2.1 (XDS.a) namespace is not ebRIM 3.0.
  ExpectRejected(Submission(R"(<ExtrinsicObject xmlns="urn:oasis:names:tc:ebxml-regrep:rim:xsd:2.1" id="Doc1"/>)"),
                 {"ExtrinsicObject", "not expected"});
}

TEST(MessageSchemas, SlotWithoutNameIsRejected) {
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimeType="text/plain">
  <rim:Slot><rim:ValueList><rim:Value>x</rim:Value></rim:ValueList></rim:Slot>
</rim:ExtrinsicObject>)"),
                 {"line 4", "Element 'rim:Slot'", "'name' is required but missing"});
}

TEST(MessageSchemas, ValueOutsideValueListIsRejected) {
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimeType="text/plain">
  <rim:Slot name="creationTime"><rim:Value>20240101</rim:Value></rim:Slot>
</rim:ExtrinsicObject>)"),
                 {"line 4", "Element 'rim:Value': This element is not expected", "rim:ValueList"});
}

TEST(MessageSchemas, SlotWithoutValueListIsRejected) {
  ExpectRejected(Submission(R"(<rim:RegistryPackage id="SS"><rim:Slot name="submissionTime"/></rim:RegistryPackage>)"),
                 {"Element 'rim:Slot'", "Missing child element", "rim:ValueList"});
}

TEST(MessageSchemas, AdhocQueryWithoutIdIsRejected) {
  ExpectRejected(AdhocQueryRequest(R"(<rim:AdhocQuery>
  <rim:Slot name="$XDSDocumentEntryPatientId"><rim:ValueList><rim:Value>'p'</rim:Value></rim:ValueList></rim:Slot>
</rim:AdhocQuery>)"),
                 {"line 3", "Element 'rim:AdhocQuery'", "'id' is required but missing"});
}

TEST(MessageSchemas, AdhocQueryRequestWithoutResponseOptionIsRejected) {
  ExpectRejected(std::string("<query:AdhocQueryRequest ") + kQueryRimRs +
                     R"(><rim:AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"/></query:AdhocQueryRequest>)",
                 {"Element 'rim:AdhocQuery': This element is not expected", "query:ResponseOption"});
}

TEST(MessageSchemas, UnknownReturnTypeIsRejected) {
  ExpectRejected(std::string("<query:AdhocQueryRequest ") + kQueryRimRs +
                     R"(><query:ResponseOption returnType="Everything"/>
<rim:AdhocQuery id="urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d"/></query:AdhocQueryRequest>)",
                 {"returnType", "Everything"});
}

TEST(MessageSchemas, RegistryErrorWithoutErrorCodeIsRejected) {
  // libxml2 numbers an element by the line where its start tag ends.
  ExpectRejected(R"(<rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"
    status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure">
  <rs:RegistryErrorList>
    <rs:RegistryError codeContext="unknown patient"
        severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/>
  </rs:RegistryErrorList>
</rs:RegistryResponse>)",
                 {"line 5", "Element 'rs:RegistryError'", "'errorCode' is required but missing"});
}

TEST(MessageSchemas, RegistryResponseWithoutStatusIsRejected) {
  ExpectRejected(R"(<rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0"/>)",
                 {"'status' is required but missing"});
}

TEST(MessageSchemas, ObjectChildrenOutOfOrderAreRejected) {
  // ebRIM order: Slot*, Name?, Description?, VersionInfo?, Classification*, ExternalIdentifier*.
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimeType="text/plain">
  <rim:ExternalIdentifier id="ei" identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"
      registryObject="Doc1" value="1.2.3"/>
  <rim:Name><rim:LocalizedString value="title"/></rim:Name>
</rim:ExtrinsicObject>)"),
                 {"Element 'rim:Name': This element is not expected"});
}

TEST(MessageSchemas, RequiredAttributesOfObjectsAreEnforced) {
  ExpectRejected(Submission(R"(<rim:Association id="a1" associationType="urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember"
    sourceObject="SS"/>)"),
                 {"Element 'rim:Association'", "'targetObject' is required"});
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1"><rim:ExternalIdentifier id="ei"
    identificationScheme="urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab" registryObject="Doc1"/></rim:ExtrinsicObject>)"),
                 {"Element 'rim:ExternalIdentifier'", "'value' is required"});
  ExpectRejected(Submission(R"(<rim:Classification id="c1" classificationNode="urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"/>)"),
                 {"Element 'rim:Classification'", "'classifiedObject' is required"});
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject mimeType="text/plain"/>)"),
                 {"Element 'rim:ExtrinsicObject'", "'id' is required"});
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1"><rim:Name><rim:LocalizedString/></rim:Name></rim:ExtrinsicObject>)"),
                 {"Element 'rim:LocalizedString'", "'value' is required"});
}

TEST(MessageSchemas, SubmitObjectsRequestWithoutRegistryObjectListIsRejected) {
  ExpectRejected(std::string("<lcm:SubmitObjectsRequest ") + kLcmRim + "/>",
                 {"Element 'lcm:SubmitObjectsRequest'", "Missing child element", "rim:RegistryObjectList"});
}

TEST(MessageSchemas, UnqualifiedUnknownAttributeIsRejected) {
  // Foreign attributes must be namespace-qualified; an unknown plain
  // attribute is usually a misspelt ebRIM one.
  ExpectRejected(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimetype="text/plain"/>)"),
                 {"'mimetype' is not allowed"});
}

// ---- Accepted: what real senders vary ----

TEST(MessageSchemas, ForeignAttributesAndUnknownSlotsAreAccepted) {
  Status s = ValidateXml(Submission(R"(<rim:ExtrinsicObject id="Doc1" mimeType="text/plain" isOpaque="false"
    xmlns:v="urn:example:vendor" v:trace="42" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0 rim.xsd">
  <rim:Slot name="urn:example:vendor:extra" slotType="urn:example:type">
    <rim:ValueList v:note="x"><rim:Value>anything at all, longer than you might think</rim:Value><rim:Value/></rim:ValueList>
  </rim:Slot>
  <rim:Slot name="emptySlot"><rim:ValueList/></rim:Slot>
  <rim:Name><rim:LocalizedString xml:lang="fr-FR" charset="UTF-8" value="Compte rendu"/></rim:Name>
  <rim:Description><rim:LocalizedString xml:lang="en-US" value=""/></rim:Description>
  <rim:VersionInfo versionName="1"/>
  <rim:ContentVersionInfo versionName="1"/>
</rim:ExtrinsicObject>
<rim:ObjectRef id="urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f" home="urn:oid:1.2.3"/>)"));
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, ClassificationsAsSiblingsAndNestedPackagesAreAccepted) {
  Status s = ValidateXml(Submission(R"(<rim:RegistryPackage id="SS" objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage"/>
<rim:Classification id="c1" classifiedObject="SS" classificationNode="urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"
    objectType="urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification"/>
<rim:RegistryPackage id="Folder"><rim:RegistryObjectList/></rim:RegistryPackage>)"));
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, RemoveObjectsRequestValidates) {
  Status s = ValidateXml(std::string("<lcm:RemoveObjectsRequest ") + kLcmRim + R"(>
  <rim:ObjectRefList><rim:ObjectRef id="urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f"/></rim:ObjectRefList>
</lcm:RemoveObjectsRequest>)");
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, AdhocQueryResponseOrderFollowsEbRS) {
  // rs:RegistryResponseType first (ResponseSlotList?, RegistryErrorList?),
  // then query:AdhocQueryResponse's own RegistryObjectList.
  const std::string head = std::string("<query:AdhocQueryResponse ") + kQueryRimRs +
                           R"( status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess">)";
  const std::string errors = R"(<rs:RegistryErrorList highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error">
<rs:RegistryError codeContext="too many results" errorCode="XDSTooManyResults" location=""
    severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/></rs:RegistryErrorList>)";
  const std::string objects = R"(<rim:RegistryObjectList><rim:ObjectRef id="urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f"/></rim:RegistryObjectList>)";
  Status good = ValidateXml(head + errors + objects + "</query:AdhocQueryResponse>");
  EXPECT_TRUE(good.ok()) << good.message();
  ExpectRejected(head + objects + errors + "</query:AdhocQueryResponse>",
                 {"Element 'rs:RegistryErrorList': This element is not expected"});
  ExpectRejected(head + errors + "</query:AdhocQueryResponse>", {"Missing child element", "rim:RegistryObjectList"});
}

// ---- ITI-41, ITI-43, RAD-69 ----

constexpr char kXdsNs[] = R"(xmlns:xds="urn:ihe:iti:xds-b:2007")";

std::string ProvideAndRegister(const std::string& documents) {
  return std::string("<xds:ProvideAndRegisterDocumentSetRequest ") + kXdsNs + " " + kLcmRim +
         R"( xmlns:xop="http://www.w3.org/2004/08/xop/include">
<lcm:SubmitObjectsRequest><rim:RegistryObjectList>
  <rim:ExtrinsicObject id="Doc1" mimeType="text/plain"/><rim:ExtrinsicObject id="Doc2" mimeType="application/dicom"/>
</rim:RegistryObjectList></lcm:SubmitObjectsRequest>
)" + documents + "\n</xds:ProvideAndRegisterDocumentSetRequest>";
}

TEST(MessageSchemas, ProvideAndRegisterWithInlineAndXopDocumentsValidates) {
  Status s = ValidateXml(ProvideAndRegister(R"(<xds:Document id="Doc1">SGVsbG8sIHdvcmxkIQ==</xds:Document>
<xds:Document id="Doc2" xmlns:xmime="http://www.w3.org/2005/05/xmlmime" xmime:contentType="application/dicom"><xop:Include href="cid:1.urn:uuid:2d9c@example.org"/></xds:Document>)"));
  EXPECT_TRUE(s.ok()) << s.message();
  Status none = ValidateXml(ProvideAndRegister(""));
  EXPECT_TRUE(none.ok()) << none.message();
}

TEST(MessageSchemas, ProvideAndRegisterStructuralErrorsAreRejected) {
  ExpectRejected(ProvideAndRegister(R"(<xds:Document>SGVsbG8=</xds:Document>)"),
                 {"Element 'xds:Document'", "'id' is required"});
  ExpectRejected(ProvideAndRegister(R"(<xds:Document id="Doc1"><xop:Include/></xds:Document>)"),
                 {"Element 'xop:Include'", "'href' is required"});
  ExpectRejected(ProvideAndRegister(R"(<xds:Document id="Doc1"><xds:Document id="Doc2"/></xds:Document>)"),
                 {"not expected"});
  ExpectRejected(std::string("<xds:ProvideAndRegisterDocumentSetRequest ") + kXdsNs +
                     R"(><xds:Document id="Doc1">SGVsbG8=</xds:Document></xds:ProvideAndRegisterDocumentSetRequest>)",
                 {"Element 'xds:Document': This element is not expected", "SubmitObjectsRequest"});
}

constexpr char kDocumentRequest[] = R"(<xds:DocumentRequest>
  <xds:HomeCommunityId>urn:oid:1.2.3</xds:HomeCommunityId>
  <xds:RepositoryUniqueId>1.3.6.1.4.1.21367.2010.1.2.1125</xds:RepositoryUniqueId>
  <xds:DocumentUniqueId>1.3.6.1.4.1.21367.2005.3.99.1.1101</xds:DocumentUniqueId>
</xds:DocumentRequest>)";

TEST(MessageSchemas, RetrieveDocumentSetRequestValidates) {
  Status s = ValidateXml(std::string("<xds:RetrieveDocumentSetRequest ") + kXdsNs + ">" + kDocumentRequest +
                         R"(<xds:DocumentRequest><xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId>
<xds:DocumentUniqueId>1.2.3</xds:DocumentUniqueId></xds:DocumentRequest></xds:RetrieveDocumentSetRequest>)");
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, RetrieveDocumentSetRequestStructuralErrorsAreRejected) {
  ExpectRejected(std::string("<xds:RetrieveDocumentSetRequest ") + kXdsNs + "/>",
                 {"Missing child element", "xds:DocumentRequest"});
  ExpectRejected(std::string("<xds:RetrieveDocumentSetRequest ") + kXdsNs + R"(><xds:DocumentRequest>
<xds:DocumentUniqueId>1.2.3</xds:DocumentUniqueId><xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId>
</xds:DocumentRequest></xds:RetrieveDocumentSetRequest>)",
                 {"Element 'xds:DocumentUniqueId': This element is not expected"});
}

TEST(MessageSchemas, RetrieveDocumentSetResponseValidates) {
  Status s = ValidateXml(std::string("<xds:RetrieveDocumentSetResponse ") + kXdsNs +
                         R"( xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" xmlns:xop="http://www.w3.org/2004/08/xop/include">
<rs:RegistryResponse status="urn:ihe:iti:2007:ResponseStatusType:PartialSuccess">
  <rs:RegistryErrorList><rs:RegistryError codeContext="unknown document" errorCode="XDSDocumentUniqueIdError"
      location="1.2.4" severity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"/></rs:RegistryErrorList>
</rs:RegistryResponse>
<xds:DocumentResponse>
  <xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId><xds:DocumentUniqueId>1.2.3</xds:DocumentUniqueId>
  <xds:mimeType>application/dicom</xds:mimeType>
  <xds:Document><xop:Include href="cid:part1@example.org"/></xds:Document>
</xds:DocumentResponse>
<xds:DocumentResponse>
  <xds:HomeCommunityId>urn:oid:1.2.3</xds:HomeCommunityId>
  <xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId><xds:DocumentUniqueId>1.2.5</xds:DocumentUniqueId>
  <xds:NewRepositoryUniqueId>1.2</xds:NewRepositoryUniqueId><xds:NewDocumentUniqueId>1.2.6</xds:NewDocumentUniqueId>
  <xds:mimeType>text/plain</xds:mimeType><xds:Document>SGVsbG8=</xds:Document>
</xds:DocumentResponse>
</xds:RetrieveDocumentSetResponse>)");
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, RetrieveDocumentSetResponseWithoutMimeTypeIsRejected) {
  ExpectRejected(std::string("<xds:RetrieveDocumentSetResponse ") + kXdsNs +
                     R"( xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0">
<rs:RegistryResponse status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>
<xds:DocumentResponse>
  <xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId><xds:DocumentUniqueId>1.2.3</xds:DocumentUniqueId>
  <xds:Document>SGVsbG8=</xds:Document>
</xds:DocumentResponse></xds:RetrieveDocumentSetResponse>)",
                 {"line 5", "Element 'xds:Document': This element is not expected", "xds:mimeType"});
}

std::string Rad69(const std::string& studies, const std::string& syntaxes) {
  return std::string(R"(<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad="urn:ihe:rad:xdsi-b:2009" )") +
         kXdsNs + ">\n" + studies + "\n" + syntaxes + "\n</iherad:RetrieveImagingDocumentSetRequest>";
}

constexpr char kSyntaxes[] = R"(<iherad:TransferSyntaxUIDList>
  <iherad:TransferSyntaxUID>1.2.840.10008.1.2.1</iherad:TransferSyntaxUID>
  <iherad:TransferSyntaxUID>1.2.840.10008.1.2.4.50</iherad:TransferSyntaxUID>
</iherad:TransferSyntaxUIDList>)";

TEST(MessageSchemas, RetrieveImagingDocumentSetRequestValidates) {
  Status s = ValidateXml(Rad69(std::string(R"(<iherad:StudyRequest studyInstanceUID="1.2.3">
  <iherad:SeriesRequest seriesInstanceUID="1.2.3.1">)") + kDocumentRequest + kDocumentRequest + R"(</iherad:SeriesRequest>
  <iherad:SeriesRequest seriesInstanceUID="1.2.3.2">)" + kDocumentRequest + R"(</iherad:SeriesRequest>
</iherad:StudyRequest>
<iherad:StudyRequest studyInstanceUID="1.2.4"><iherad:SeriesRequest seriesInstanceUID="1.2.4.1">)" +
                               kDocumentRequest + "</iherad:SeriesRequest></iherad:StudyRequest>",
                         kSyntaxes));
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(MessageSchemas, RetrieveImagingDocumentSetRequestStructuralErrorsAreRejected) {
  const std::string series = std::string(R"(<iherad:SeriesRequest seriesInstanceUID="1.2.3.1">)") + kDocumentRequest +
                             "</iherad:SeriesRequest>";
  const std::string study = R"(<iherad:StudyRequest studyInstanceUID="1.2.3">)" + series + "</iherad:StudyRequest>";
  // DocumentRequest belongs to the xds-b namespace, not iherad.
  ExpectRejected(Rad69(R"(<iherad:StudyRequest studyInstanceUID="1.2.3"><iherad:SeriesRequest seriesInstanceUID="1.2.3.1">
<iherad:DocumentRequest><xds:RepositoryUniqueId>1.2</xds:RepositoryUniqueId><xds:DocumentUniqueId>1</xds:DocumentUniqueId></iherad:DocumentRequest>
</iherad:SeriesRequest></iherad:StudyRequest>)",
                       kSyntaxes),
                 {"Element 'iherad:DocumentRequest': This element is not expected", "xds:DocumentRequest"});
  ExpectRejected(Rad69(study, ""), {"Missing child element", "iherad:TransferSyntaxUIDList"});
  ExpectRejected(Rad69(study, "<iherad:TransferSyntaxUIDList/>"), {"iherad:TransferSyntaxUID"});
  ExpectRejected(Rad69(R"(<iherad:StudyRequest>)" + series + "</iherad:StudyRequest>", kSyntaxes),
                 {"'studyInstanceUID' is required"});
  ExpectRejected(Rad69(R"(<iherad:StudyRequest studyInstanceUID="1.2.3"><iherad:SeriesRequest>)" +
                           std::string(kDocumentRequest) + "</iherad:SeriesRequest></iherad:StudyRequest>",
                       kSyntaxes),
                 {"'seriesInstanceUID' is required"});
  ExpectRejected(Rad69(R"(<iherad:StudyRequest studyInstanceUID="1.2.3"/>)", kSyntaxes),
                 {"Missing child element", "iherad:SeriesRequest"});
}

}  // namespace
}  // namespace xds::schemas_test

// ebRIM/ebRS codecs: reading a realistic ITI-42 body, object and message
// round trips through the writers, AdhocQuery requests and responses, and
// the response status rules.
#include "wire/ihe/rim_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/wire/ihe/rim_test_util.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::ihe {
namespace {

using testutil::Dump;
using testutil::MustParse;
using Code = Status::Code;

constexpr char kRimNs[] = "xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\"";
constexpr char kLcmNs[] = "xmlns:lcm=\"urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0\"";

std::string Submit(const std::string& list_content) {
  return std::string("<lcm:SubmitObjectsRequest ") + kLcmNs + " " + kRimNs + "><rim:RegistryObjectList>" +
         list_content + "</rim:RegistryObjectList></lcm:SubmitObjectsRequest>";
}

const RegistryObject* FindById(const std::vector<RegistryObject>& objects, const std::string& id) {
  for (const auto& o : objects)
    if (o.id == id) return &o;
  return nullptr;
}

// ---------------------------------------------------------------------------
// ReadSubmitObjectsRequest on tests/testdata/submissions/valid_full.xml

class ValidFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    doc_ = MustParse(testutil::ReadTestdata("submissions/valid_full.xml"));
    ASSERT_TRUE(doc_.Root());
    auto r = ReadSubmitObjectsRequest(doc_.Root());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    request_ = std::move(*r);
  }
  xml::XmlDocument doc_;
  SubmitObjectsRequest request_;
};

TEST_F(ValidFullTest, ObjectsInDocumentOrder) {
  const std::vector<std::string> ids = {
      "Document01",    "urn:uuid:1e27989b-71bd-4dcb-9003-45eeee5e17f5",
      "SubmissionSet01", "Folder01",
      "Association01", "Association02", "Association03", "FolderMember01",
      "Association04", "FolderMember02", "Association05"};
  ASSERT_EQ(request_.objects.size(), ids.size());
  for (size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(request_.objects[i].id, ids[i]) << i;
  EXPECT_TRUE(request_.object_refs.empty());
  EXPECT_EQ(request_.objects[0].kind, ObjectKind::kExtrinsicObject);
  EXPECT_EQ(request_.objects[2].kind, ObjectKind::kRegistryPackage);
  EXPECT_EQ(request_.objects[4].kind, ObjectKind::kAssociation);
}

TEST_F(ValidFullTest, DocumentEntryFields) {
  const RegistryObject& de = request_.objects[0];
  EXPECT_EQ(de.mime_type, "text/xml");
  EXPECT_EQ(de.object_type, vocab::kStableDocumentEntry);
  EXPECT_TRUE(de.has_name);
  EXPECT_EQ(de.name, "Discharge summary");
  EXPECT_TRUE(de.has_description);
  EXPECT_EQ(de.description, "Inpatient stay, cardiology");
  EXPECT_EQ(de.slots.size(), 11u);
  EXPECT_EQ(de.SlotValue("hash"), "b514b65c4d9b1c0b9be38440395eb9991c097bfe");
  EXPECT_EQ(de.SlotValue("size"), "34");
  const Slot* spi = de.FindSlot("sourcePatientInfo");
  ASSERT_NE(spi, nullptr);
  ASSERT_EQ(spi->values.size(), 5u);
  EXPECT_EQ(spi->values[0], "PID-3|MRN-88231^^^&1.3.6.1.4.1.21367.2005.3.99.2&ISO");  // &amp; decoded
  EXPECT_EQ(spi->values[4], "PID-11|100 Main St^^Metropolis^IL^44130^USA");
  EXPECT_EQ(de.classifications.size(), 10u);
  EXPECT_EQ(de.ClassificationsWithScheme(vocab::kDeAuthor).size(), 2u);
  const Classification* author = de.ClassificationsWithScheme(vocab::kDeAuthor)[0];
  EXPECT_EQ(author->classified_object, "Document01");
  EXPECT_EQ(author->node_representation, "");
  EXPECT_EQ(author->object_type, vocab::kObjectTypeClassification);
  ASSERT_NE(author->FindSlot("authorTelecommunication"), nullptr);
  EXPECT_EQ(author->FindSlot("authorTelecommunication")->values.size(), 2u);
  ASSERT_EQ(de.external_identifiers.size(), 2u);
  EXPECT_EQ(de.ExternalIdentifierValue(vocab::kDePatientId),
            "76cc765a442f410^^^&1.3.6.1.4.1.21367.2005.3.7&ISO");
  EXPECT_EQ(de.FindExternalIdentifier(vocab::kDeUniqueId)->name, "XDSDocumentEntry.uniqueId");
  EXPECT_EQ(de.FindExternalIdentifier(vocab::kDeUniqueId)->registry_object, "Document01");
}

TEST_F(ValidFullTest, FreeStandingClassificationIsAttachedToItsObject) {
  const RegistryObject* ss = FindById(request_.objects, "SubmissionSet01");
  ASSERT_NE(ss, nullptr);
  ASSERT_EQ(ss->classifications.size(), 3u);  // author, contentTypeCode, then the sibling label
  const Classification& label = ss->classifications.back();
  EXPECT_EQ(label.id, "urn:uuid:d42a9e76-2eec-4339-a85f-f757f4abba6d");
  EXPECT_EQ(label.classification_node, vocab::kSubmissionSetNode);
  EXPECT_EQ(label.classified_object, "SubmissionSet01");
  EXPECT_TRUE(ss->HasClassificationNode(vocab::kSubmissionSetNode));
  EXPECT_EQ(XdsTypeOf(*ss), XdsObjectType::kSubmissionSet);
  // No other object received it.
  for (const auto& o : request_.objects)
    if (o.id != "SubmissionSet01") {
      EXPECT_FALSE(o.HasClassificationNode(vocab::kSubmissionSetNode)) << o.id;
    }
}

TEST_F(ValidFullTest, NestedFolderLabelAndAssociations) {
  const RegistryObject* folder = FindById(request_.objects, "Folder01");
  ASSERT_NE(folder, nullptr);
  EXPECT_EQ(XdsTypeOf(*folder), XdsObjectType::kFolder);
  EXPECT_FALSE(folder->has_description);

  const RegistryObject* a1 = FindById(request_.objects, "Association01");
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(a1->association_type, vocab::kHasMember);
  EXPECT_EQ(a1->source_object, "SubmissionSet01");
  EXPECT_EQ(a1->target_object, "Document01");
  EXPECT_EQ(a1->SlotValue(vocab::kSlotSubmissionSetStatus), "Original");
  const RegistryObject* a4 = FindById(request_.objects, "Association04");
  ASSERT_NE(a4, nullptr);
  EXPECT_EQ(a4->target_object, "FolderMember01");
  EXPECT_TRUE(a4->slots.empty());
}

TEST_F(ValidFullTest, WriteThenReadPreservesEverything) {
  xml::XmlWriter w;
  WriteSubmitObjectsRequest(w, request_);
  xml::XmlDocument again_doc = MustParse(w.Take());
  ASSERT_TRUE(again_doc.Root());
  auto again = ReadSubmitObjectsRequest(again_doc.Root());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->objects.size(), request_.objects.size());
  for (size_t i = 0; i < request_.objects.size(); ++i) {
    RegistryObject expected = request_.objects[i];
    // ebRIM fixes these objectTypes, and the writer always states them.
    for (auto& c : expected.classifications) c.object_type = vocab::kObjectTypeClassification;
    for (auto& x : expected.external_identifiers) x.object_type = vocab::kObjectTypeExternalIdentifier;
    EXPECT_EQ(Dump(again->objects[i]), Dump(expected)) << "object " << i;
  }
  EXPECT_EQ(again->object_refs, request_.object_refs);
}

// ---------------------------------------------------------------------------
// ReadSubmitObjectsRequest on small inputs

TEST(ReadSubmitObjectsRequestTest, UnknownClassifiedObjectIsNotFound) {
  auto doc = MustParse(Submit(
      "<rim:RegistryPackage id=\"SubmissionSet01\"/>"
      "<rim:Classification id=\"c1\" classifiedObject=\"SubmissionSet02\" "
      "classificationNode=\"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd\"/>"));
  auto r = ReadSubmitObjectsRequest(doc.Root());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_NE(r.status().message().find("SubmissionSet02"), std::string::npos) << r.status().message();
}

TEST(ReadSubmitObjectsRequestTest, ClassificationBeforeItsObjectIsStillAttached) {
  auto doc = MustParse(Submit(
      "<rim:Classification id=\"c1\" classifiedObject=\"F\" "
      "classificationNode=\"urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2\"/>"
      "<rim:RegistryPackage id=\"F\"/>"));
  auto r = ReadSubmitObjectsRequest(doc.Root());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->objects.size(), 1u);
  EXPECT_EQ(XdsTypeOf(r->objects[0]), XdsObjectType::kFolder);
}

TEST(ReadSubmitObjectsRequestTest, ObjectRefsAreListed) {
  auto doc = MustParse(Submit(
      "<rim:ObjectRef id=\"urn:uuid:11111111-1111-4111-8111-111111111111\"/>"
      "<rim:Association id=\"a\" associationType=\"urn:ihe:iti:2007:AssociationType:RPLC\" "
      "sourceObject=\"d\" targetObject=\"urn:uuid:11111111-1111-4111-8111-111111111111\"/>"
      "<rim:ObjectRef id=\"urn:uuid:22222222-2222-4222-8222-222222222222\"/>"));
  auto r = ReadSubmitObjectsRequest(doc.Root());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->object_refs, (std::vector<std::string>{"urn:uuid:11111111-1111-4111-8111-111111111111",
                                                      "urn:uuid:22222222-2222-4222-8222-222222222222"}));
  ASSERT_EQ(r->objects.size(), 1u);
  EXPECT_EQ(r->objects[0].association_type, vocab::kRplc);
}

TEST(ReadSubmitObjectsRequestTest, RefusesWrongShapes) {
  auto wrong_root = MustParse(std::string("<rim:RegistryObjectList ") + kRimNs + "/>");
  EXPECT_EQ(ReadSubmitObjectsRequest(wrong_root.Root()).status().code(), Code::kInvalidArgument);

  auto wrong_ns = MustParse("<SubmitObjectsRequest><RegistryObjectList/></SubmitObjectsRequest>");
  EXPECT_EQ(ReadSubmitObjectsRequest(wrong_ns.Root()).status().code(), Code::kInvalidArgument);

  auto no_list = MustParse(std::string("<lcm:SubmitObjectsRequest ") + kLcmNs + "/>");
  auto r = ReadSubmitObjectsRequest(no_list.Root());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("RegistryObjectList"), std::string::npos);

  auto foreign = MustParse(Submit("<rim:Federation id=\"x\"/>"));
  auto f = ReadSubmitObjectsRequest(foreign.Root());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), Code::kInvalidArgument);
  EXPECT_NE(f.status().message().find("Federation"), std::string::npos) << f.status().message();
}

TEST(ReadSubmitObjectsRequestTest, EmptyListIsAnEmptyRequest) {
  auto doc = MustParse(Submit(""));
  auto r = ReadSubmitObjectsRequest(doc.Root());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->objects.empty());
  EXPECT_TRUE(r->object_refs.empty());
}

// ---------------------------------------------------------------------------
// WriteRegistryObject / ReadRegistryObject

RegistryObject FullDocumentEntry() {
  RegistryObject o;
  o.kind = ObjectKind::kExtrinsicObject;
  o.id = "urn:uuid:5f0e8a4d-2b61-4a3c-9a55-0a1b2c3d4e5f";
  o.lid = "urn:uuid:0d7a6c52-3e8b-4f0c-8b1a-7c6d5e4f3a2b";
  o.object_type = std::string(vocab::kStableDocumentEntry);
  o.status = std::string(vocab::kApproved);
  o.home = "urn:oid:1.3.6.1.4.1.21367.13.70.101";
  o.mime_type = "application/pdf";
  o.has_name = true;
  o.name = "Report <draft> & \"final\"";
  o.has_description = true;
  o.description = "line one\nline two\ttabbed";
  o.version_name = "2";
  o.slots = {{"creationTime", {"20240312101500"}},
             {"sourcePatientInfo", {"PID-3|X^^^&1.2&ISO", "PID-5|Doe^Jane", "PID-8|F"}},
             {"emptySlot", {}},
             {"urn:ihe:iti:xds:2013:referenceIdList", {"a^^^&1.2&ISO^urn:ihe:iti:xds:2013:accession"}}};
  Classification author;
  author.id = "urn:uuid:c0000000-0000-4000-8000-000000000001";
  author.classification_scheme = std::string(vocab::kDeAuthor);
  author.classified_object = o.id;
  author.node_representation = "";
  author.object_type = std::string(vocab::kObjectTypeClassification);
  author.slots = {{"authorPerson", {"^Welby^Marcus"}}, {"authorInstitution", {"A", "B"}}};
  Classification code;
  code.id = "urn:uuid:c0000000-0000-4000-8000-000000000002";
  code.classification_scheme = std::string(vocab::kDeClassCode);
  code.classified_object = o.id;
  code.node_representation = "18842-5";
  code.name = "Discharge summary";
  code.object_type = std::string(vocab::kObjectTypeClassification);
  code.slots = {{"codingScheme", {"2.16.840.1.113883.6.1"}}};
  Classification label;
  label.id = "urn:uuid:c0000000-0000-4000-8000-000000000003";
  label.classification_node = "urn:uuid:deadbeef-0000-4000-8000-000000000000";
  label.classified_object = o.id;
  label.object_type = std::string(vocab::kObjectTypeClassification);
  o.classifications = {author, code, label};
  o.external_identifiers = {
      {"urn:uuid:e0000000-0000-4000-8000-000000000001", std::string(vocab::kDePatientId), o.id,
       "P1^^^&1.2.3&ISO", "XDSDocumentEntry.patientId", std::string(vocab::kObjectTypeExternalIdentifier)},
      {"urn:uuid:e0000000-0000-4000-8000-000000000002", std::string(vocab::kDeUniqueId), o.id, "1.2.3.4^5",
       "", std::string(vocab::kObjectTypeExternalIdentifier)}};
  return o;
}

Result<RegistryObject> RoundTrip(const RegistryObject& o, xml::XmlDocument& keep) {
  xml::XmlWriter w;
  WriteRegistryObject(w, o, /*declare_namespaces=*/true);
  keep = MustParse(w.Take());
  if (!keep.Root()) return Status::InvalidArgument("unparsable");
  return ReadRegistryObject(keep.Root());
}

TEST(RegistryObjectCodecTest, ExtrinsicObjectRoundTripPreservesEveryField) {
  RegistryObject o = FullDocumentEntry();
  xml::XmlDocument doc;
  auto back = RoundTrip(o, doc);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Dump(*back), Dump(o));
  EXPECT_TRUE(doc.Root().Is(ns::kRim, "ExtrinsicObject"));
}

TEST(RegistryObjectCodecTest, RegistryPackageRoundTrip) {
  RegistryObject o;
  o.kind = ObjectKind::kRegistryPackage;
  o.id = "urn:uuid:aaaaaaaa-0000-4000-8000-000000000000";
  o.status = std::string(vocab::kApproved);
  o.has_name = true;
  o.name = "";  // present but empty title
  o.slots = {{"submissionTime", {"20240312102000"}}};
  Classification label;
  label.id = "urn:uuid:aaaaaaaa-0000-4000-8000-000000000001";
  label.classification_node = std::string(vocab::kSubmissionSetNode);
  label.classified_object = o.id;
  label.object_type = std::string(vocab::kObjectTypeClassification);
  o.classifications = {label};
  xml::XmlDocument doc;
  auto back = RoundTrip(o, doc);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Dump(*back), Dump(o));
  EXPECT_TRUE(back->has_name);
  EXPECT_FALSE(back->has_description);
  EXPECT_FALSE(doc.Root().HasAttr("mimeType"));
}

TEST(RegistryObjectCodecTest, AssociationRoundTrip) {
  RegistryObject o;
  o.kind = ObjectKind::kAssociation;
  o.id = "urn:uuid:bbbbbbbb-0000-4000-8000-000000000000";
  o.object_type = std::string(vocab::kObjectTypeAssociation);
  o.status = std::string(vocab::kApproved);
  o.association_type = std::string(vocab::kHasMember);
  o.source_object = "urn:uuid:bbbbbbbb-0000-4000-8000-000000000001";
  o.target_object = "urn:uuid:bbbbbbbb-0000-4000-8000-000000000002";
  o.slots = {{"SubmissionSetStatus", {"Reference"}}};
  xml::XmlDocument doc;
  auto back = RoundTrip(o, doc);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Dump(*back), Dump(o));
  EXPECT_TRUE(doc.Root().Is(ns::kRim, "Association"));
}

TEST(RegistryObjectCodecTest, WithoutDeclarationsTheFragmentNeedsAnEnclosingRimPrefix) {
  xml::XmlWriter w;
  w.Open("wrap").Attr("xmlns:rim", ns::kRim);
  WriteRegistryObject(w, FullDocumentEntry());
  w.Close();
  std::string text = w.Take();
  EXPECT_EQ(text.find("xmlns:rim", 10), std::string::npos) << "declared twice: " << text;
  xml::XmlDocument doc = MustParse(text);
  ASSERT_TRUE(doc.Root());
  auto back = ReadRegistryObject(doc.Root().FirstChildElement());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(Dump(*back), Dump(FullDocumentEntry()));
}

TEST(RegistryObjectCodecTest, ChildElementOrderFollowsTheSchema) {
  xml::XmlWriter w;
  WriteRegistryObject(w, FullDocumentEntry(), true);
  xml::XmlDocument doc = MustParse(w.Take());
  ASSERT_TRUE(doc.Root());
  // ebRIM 3.0: Slot*, Name?, Description?, VersionInfo?, Classification*, ExternalIdentifier*.
  const std::vector<std::string> rank = {"Slot", "Name", "Description", "VersionInfo", "Classification",
                                         "ExternalIdentifier"};
  size_t last = 0;
  for (const auto& child : doc.Root().Children()) {
    auto it = std::find(rank.begin(), rank.end(), std::string(child.LocalName()));
    ASSERT_NE(it, rank.end()) << child.LocalName();
    size_t pos = static_cast<size_t>(it - rank.begin());
    EXPECT_GE(pos, last) << child.LocalName() << " out of order";
    last = pos;
  }
}

TEST(RegistryObjectCodecTest, ReadRefusesOtherElements) {
  xml::XmlDocument doc = MustParse(std::string("<rim:ObjectRef ") + kRimNs + " id=\"x\"/>");
  auto r = ReadRegistryObject(doc.Root());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  xml::XmlDocument no_ns = MustParse("<ExtrinsicObject id=\"x\"/>");
  EXPECT_FALSE(ReadRegistryObject(no_ns.Root()).ok());
}

TEST(RegistryObjectCodecTest, ForeignChildrenAreIgnored) {
  xml::XmlDocument doc = MustParse(std::string("<rim:ExtrinsicObject ") + kRimNs +
                                   " xmlns:x=\"urn:x\" id=\"d\" mimeType=\"text/plain\">"
                                   "<x:Slot name=\"foreign\"/><rim:Slot name=\"s\"><rim:ValueList>"
                                   "<rim:Value>v</rim:Value></rim:ValueList></rim:Slot></rim:ExtrinsicObject>");
  auto r = ReadRegistryObject(doc.Root());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->slots.size(), 1u);
  EXPECT_EQ(r->slots[0].name, "s");
}

// ---------------------------------------------------------------------------
// SubmitObjectsRequest round trip

TEST(SubmitObjectsRequestCodecTest, RoundTripKeepsObjectsAndRefs) {
  SubmitObjectsRequest req;
  req.objects.push_back(FullDocumentEntry());
  RegistryObject assoc;
  assoc.kind = ObjectKind::kAssociation;
  assoc.id = "a1";
  assoc.association_type = std::string(vocab::kRplc);
  assoc.source_object = req.objects[0].id;
  assoc.target_object = "urn:uuid:99999999-0000-4000-8000-000000000000";
  req.objects.push_back(assoc);
  req.object_refs = {"urn:uuid:99999999-0000-4000-8000-000000000000"};

  xml::XmlWriter w;
  WriteSubmitObjectsRequest(w, req);
  xml::XmlDocument doc = MustParse(w.Take());
  ASSERT_TRUE(doc.Root());
  EXPECT_TRUE(doc.Root().Is(ns::kLcm, "SubmitObjectsRequest"));
  auto back = ReadSubmitObjectsRequest(doc.Root());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->objects.size(), 2u);
  EXPECT_EQ(Dump(back->objects[0]), Dump(req.objects[0]));
  EXPECT_EQ(Dump(back->objects[1]), Dump(req.objects[1]));
  EXPECT_EQ(back->object_refs, req.object_refs);
}

// ---------------------------------------------------------------------------
// AdhocQueryRequest

constexpr char kFindDocuments[] =
    "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" "
    "xmlns:rim=\"urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0\">\n"
    "  <query:ResponseOption returnComposedObjects=\"true\" returnType=\"ObjectRef\"/>\n"
    "  <rim:AdhocQuery id=\"urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d\" home=\"urn:oid:1.2.3\">\n"
    "    <rim:Slot name=\"$XDSDocumentEntryPatientId\">\n"
    "      <rim:ValueList><rim:Value>'4711^^^&amp;1.3.6.1.4.1.21367.13.20.1000&amp;ISO'</rim:Value></rim:ValueList>\n"
    "    </rim:Slot>\n"
    "    <rim:Slot name=\"$XDSDocumentEntryStatus\">\n"
    "      <rim:ValueList>\n"
    "        <rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')</rim:Value>\n"
    "        <rim:Value>('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')</rim:Value>\n"
    "      </rim:ValueList>\n"
    "    </rim:Slot>\n"
    "    <rim:Slot name=\"$XDSDocumentEntryCreationTimeFrom\">\n"
    "      <rim:ValueList><rim:Value>20240101</rim:Value></rim:ValueList>\n"
    "    </rim:Slot>\n"
    "  </rim:AdhocQuery>\n"
    "</query:AdhocQueryRequest>";

TEST(AdhocQueryRequestCodecTest, ReadsAFindDocumentsRequest) {
  xml::XmlDocument doc = MustParse(kFindDocuments);
  auto r = ReadAdhocQueryRequest(doc.Root());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->return_type, "ObjectRef");
  EXPECT_EQ(r->query_id, "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
  EXPECT_EQ(r->home, "urn:oid:1.2.3");
  ASSERT_EQ(r->parameters.size(), 3u);
  EXPECT_EQ(r->parameters[0].name, "$XDSDocumentEntryPatientId");
  EXPECT_EQ(r->parameters[0].values,
            (std::vector<std::string>{"'4711^^^&1.3.6.1.4.1.21367.13.20.1000&ISO'"}));
  EXPECT_EQ(r->parameters[1].values.size(), 2u);
  EXPECT_EQ(r->parameters[1].values[1], "('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')");
  EXPECT_EQ(r->parameters[2].name, "$XDSDocumentEntryCreationTimeFrom");
}

TEST(AdhocQueryRequestCodecTest, ReturnTypeDefaultsToLeafClass) {
  for (const std::string& option :
       {std::string(), std::string("<query:ResponseOption returnComposedObjects=\"true\"/>")}) {
    xml::XmlDocument doc = MustParse(
        "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" " +
        std::string(kRimNs) + ">" + option + "<rim:AdhocQuery id=\"q\"/></query:AdhocQueryRequest>");
    auto r = ReadAdhocQueryRequest(doc.Root());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->return_type, "LeafClass");
    EXPECT_EQ(r->query_id, "q");
    EXPECT_TRUE(r->parameters.empty());
    EXPECT_EQ(r->home, "");
  }
}

TEST(AdhocQueryRequestCodecTest, RefusesWrongShapes) {
  xml::XmlDocument no_query = MustParse(
      "<query:AdhocQueryRequest xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\"/>");
  auto r = ReadAdhocQueryRequest(no_query.Root());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("AdhocQuery"), std::string::npos);

  xml::XmlDocument wrong = MustParse(Submit(""));
  EXPECT_EQ(ReadAdhocQueryRequest(wrong.Root()).status().code(), Code::kInvalidArgument);
}

TEST(AdhocQueryRequestCodecTest, WriteThenReadRoundTrips) {
  xml::XmlDocument doc = MustParse(kFindDocuments);
  auto original = ReadAdhocQueryRequest(doc.Root());
  ASSERT_TRUE(original.ok());
  xml::XmlWriter w;
  WriteAdhocQueryRequest(w, *original);
  xml::XmlDocument again = MustParse(w.Take());
  ASSERT_TRUE(again.Root());
  auto back = ReadAdhocQueryRequest(again.Root());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->return_type, original->return_type);
  EXPECT_EQ(back->query_id, original->query_id);
  EXPECT_EQ(back->home, original->home);
  ASSERT_EQ(back->parameters.size(), original->parameters.size());
  for (size_t i = 0; i < back->parameters.size(); ++i) {
    EXPECT_EQ(back->parameters[i].name, original->parameters[i].name);
    EXPECT_EQ(back->parameters[i].values, original->parameters[i].values);
  }
}

// ---------------------------------------------------------------------------
// AdhocQueryResponse and RegistryResponse

struct WrittenResponse {
  xml::XmlDocument doc;
  Result<AdhocQueryResponse> read = Status::Internal("not read");
};

WrittenResponse WriteAndReadQueryResponse(const std::vector<RegistryObject>& objects,
                                          const std::vector<std::string>& refs, const RegistryErrors& errors) {
  xml::XmlWriter w;
  WriteAdhocQueryResponse(w, objects, refs, errors);
  WrittenResponse out;
  out.doc = MustParse(w.Take());
  if (out.doc.Root()) out.read = ReadAdhocQueryResponse(out.doc.Root());
  return out;
}

TEST(AdhocQueryResponseCodecTest, LeafClassSuccessRoundTrip) {
  RegistryObject de = FullDocumentEntry();
  auto r = WriteAndReadQueryResponse({de}, {}, {});
  ASSERT_TRUE(r.read.ok()) << r.read.status().ToString();
  EXPECT_EQ(r.read->status, vocab::kResponseSuccess);
  ASSERT_EQ(r.read->objects.size(), 1u);
  EXPECT_EQ(Dump(r.read->objects[0]), Dump(de));
  EXPECT_TRUE(r.read->object_refs.empty());
  EXPECT_TRUE(r.read->errors.empty());
  EXPECT_FALSE(r.doc.Root().FirstChild(ns::kRs, "RegistryErrorList"));
}

TEST(AdhocQueryResponseCodecTest, ObjectRefsRoundTrip) {
  const std::vector<std::string> refs = {"urn:uuid:11111111-1111-4111-8111-111111111111",
                                         "urn:uuid:22222222-2222-4222-8222-222222222222"};
  auto r = WriteAndReadQueryResponse({}, refs, {});
  ASSERT_TRUE(r.read.ok()) << r.read.status().ToString();
  EXPECT_EQ(r.read->status, vocab::kResponseSuccess);
  EXPECT_EQ(r.read->object_refs, refs);
  EXPECT_TRUE(r.read->objects.empty());
}

TEST(AdhocQueryResponseCodecTest, EmptyResultIsSuccessWithAnEmptyList) {
  auto r = WriteAndReadQueryResponse({}, {}, {});
  ASSERT_TRUE(r.read.ok());
  EXPECT_EQ(r.read->status, vocab::kResponseSuccess);
  EXPECT_TRUE(r.doc.Root().FirstChild(ns::kRim, "RegistryObjectList"));
}

TEST(AdhocQueryResponseCodecTest, ErrorsAloneAreFailure) {
  RegistryErrors errors = {
      RegistryError::Error(ErrorCode::kStoredQueryMissingParam, "missing $XDSDocumentEntryPatientId"),
      RegistryError::Warning(ErrorCode::kTooManyResults, "truncated", "loc-1")};
  auto r = WriteAndReadQueryResponse({}, {}, errors);
  ASSERT_TRUE(r.read.ok()) << r.read.status().ToString();
  EXPECT_EQ(r.read->status, vocab::kResponseFailure);
  ASSERT_EQ(r.read->errors.size(), 2u);
  EXPECT_EQ(r.read->errors[0].error_code, "XDSStoredQueryMissingParam");
  EXPECT_EQ(r.read->errors[0].code_context, "missing $XDSDocumentEntryPatientId");
  EXPECT_EQ(r.read->errors[0].location, "");
  EXPECT_FALSE(r.read->errors[0].warning);
  EXPECT_EQ(r.read->errors[1].error_code, "XDSTooManyResults");
  EXPECT_EQ(r.read->errors[1].location, "loc-1");
  EXPECT_TRUE(r.read->errors[1].warning);
  xml::XmlElement list = r.doc.Root().FirstChild(ns::kRs, "RegistryErrorList");
  ASSERT_TRUE(list);
  EXPECT_EQ(list.Attr("highestSeverity"), vocab::kSeverityError);
}

TEST(AdhocQueryResponseCodecTest, ResultsWithErrorsArePartialSuccess) {
  RegistryErrors errors = {RegistryError::Error(ErrorCode::kRegistryError, "one entry unreadable", "x")};
  auto with_objects = WriteAndReadQueryResponse({FullDocumentEntry()}, {}, errors);
  ASSERT_TRUE(with_objects.read.ok());
  EXPECT_EQ(with_objects.read->status, vocab::kResponsePartialSuccess);
  EXPECT_EQ(with_objects.read->objects.size(), 1u);
  EXPECT_EQ(with_objects.read->errors.size(), 1u);

  auto with_refs = WriteAndReadQueryResponse({}, {"urn:uuid:11111111-1111-4111-8111-111111111111"}, errors);
  ASSERT_TRUE(with_refs.read.ok());
  EXPECT_EQ(with_refs.read->status, vocab::kResponsePartialSuccess);
}

TEST(AdhocQueryResponseCodecTest, WarningsAloneAreSuccess) {
  RegistryErrors warnings = {RegistryError::Warning(ErrorCode::kExtraMetadataNotSaved, "w")};
  auto r = WriteAndReadQueryResponse({}, {"urn:uuid:11111111-1111-4111-8111-111111111111"}, warnings);
  ASSERT_TRUE(r.read.ok());
  EXPECT_EQ(r.read->status, vocab::kResponseSuccess);
  ASSERT_EQ(r.read->errors.size(), 1u);
  EXPECT_TRUE(r.read->errors[0].warning);
  EXPECT_EQ(r.doc.Root().FirstChild(ns::kRs, "RegistryErrorList").Attr("highestSeverity"),
            vocab::kSeverityWarning);
}

TEST(AdhocQueryResponseCodecTest, ReadRefusesWrongShapes) {
  xml::XmlDocument wrong = MustParse(Submit(""));
  EXPECT_EQ(ReadAdhocQueryResponse(wrong.Root()).status().code(), Code::kInvalidArgument);
  xml::XmlDocument bad_child = MustParse(
      "<query:AdhocQueryResponse xmlns:query=\"urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0\" " +
      std::string(kRimNs) + " status=\"x\"><rim:RegistryObjectList><rim:Bogus/></rim:RegistryObjectList>"
      "</query:AdhocQueryResponse>");
  EXPECT_EQ(ReadAdhocQueryResponse(bad_child.Root()).status().code(), Code::kInvalidArgument);
}

TEST(RegistryResponseCodecTest, NoErrorsIsSuccessWithoutAnErrorList) {
  xml::XmlWriter w;
  WriteRegistryResponse(w, {});
  xml::XmlDocument doc = MustParse(w.Take());
  ASSERT_TRUE(doc.Root());
  EXPECT_TRUE(doc.Root().Is(ns::kRs, "RegistryResponse"));
  EXPECT_FALSE(doc.Root().FirstChild(ns::kRs, "RegistryErrorList"));
  auto r = ReadRegistryResponse(doc.Root());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, vocab::kResponseSuccess);
  EXPECT_TRUE(r->success());
  EXPECT_TRUE(r->errors.empty());
}

TEST(RegistryResponseCodecTest, AnErrorIsFailure) {
  xml::XmlWriter w;
  WriteRegistryResponse(w, {RegistryError::Error(ErrorCode::kUnknownPatientId, "P & <Q>", "Document01"),
                            RegistryError::Warning(ErrorCode::kExtraMetadataNotSaved, "w")});
  xml::XmlDocument doc = MustParse(w.Take());
  ASSERT_TRUE(doc.Root());
  auto r = ReadRegistryResponse(doc.Root());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, vocab::kResponseFailure);
  EXPECT_FALSE(r->success());
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0].error_code, "XDSUnknownPatientId");
  EXPECT_EQ(r->errors[0].code_context, "P & <Q>");
  EXPECT_EQ(r->errors[0].location, "Document01");
  EXPECT_TRUE(r->errors[1].warning);
}

TEST(RegistryResponseCodecTest, WarningsOnlyIsSuccess) {
  xml::XmlWriter w;
  WriteRegistryResponse(w, {RegistryError::Warning(ErrorCode::kExtraMetadataNotSaved, "w")});
  xml::XmlDocument doc = MustParse(w.Take());
  auto r = ReadRegistryResponse(doc.Root());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->success());
  EXPECT_EQ(r->errors.size(), 1u);
}

TEST(RegistryResponseCodecTest, ReadRefusesOtherElements) {
  xml::XmlDocument doc = MustParse(Submit(""));
  EXPECT_EQ(ReadRegistryResponse(doc.Root()).status().code(), Code::kInvalidArgument);
}

TEST(ResponseStatusTest, Rules) {
  RegistryErrors none;
  RegistryErrors warn = {RegistryError::Warning(ErrorCode::kRegistryError, "w")};
  RegistryErrors err = {RegistryError::Error(ErrorCode::kRegistryError, "e")};
  EXPECT_EQ(ResponseStatus(none, false), vocab::kResponseSuccess);
  EXPECT_EQ(ResponseStatus(none, true), vocab::kResponseSuccess);
  EXPECT_EQ(ResponseStatus(warn, false), vocab::kResponseSuccess);
  EXPECT_EQ(ResponseStatus(warn, true), vocab::kResponseSuccess);
  EXPECT_EQ(ResponseStatus(err, false), vocab::kResponseFailure);
  EXPECT_EQ(ResponseStatus(err, true), vocab::kResponsePartialSuccess);
}

}  // namespace
}  // namespace xds::ihe

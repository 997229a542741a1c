// What we send is schema-valid: the ebRIM/ebRS writers of wire/ihe, the test
// SubmissionBuilder, and the registry's real ITI-42 and ITI-18 responses
// (RegistryService driven in process, no sockets).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "registry/service/registry_service.h"
#include "registry/store/sqlite_registry_store.h"
#include "tests/schemas/schema_test_util.h"
#include "tests/support/registry_calls.h"
#include "tests/support/submission_builder.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/envelope.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::schemas_test {
namespace {

using ihe::RegistryError;
using ihe::ErrorCode;

constexpr char kFullPatient[] = "76cc765a442f410^^^&1.3.6.1.4.1.21367.2005.3.7&ISO";

std::vector<ihe::RegistryObject> ValidFullObjects() {
  auto doc = xml::XmlDocument::Parse(ReadFile(TestdataFile("submissions/valid_full.xml")));
  EXPECT_TRUE(doc.ok());
  auto request = ihe::ReadSubmitObjectsRequest(doc->Root());
  EXPECT_TRUE(request.ok()) << request.status().ToString();
  return request.ok() ? request->objects : std::vector<ihe::RegistryObject>{};
}

// As the registry returns them: status, logicalID, version and home set.
std::vector<ihe::RegistryObject> AsRegistered(std::vector<ihe::RegistryObject> objects) {
  for (auto& o : objects) {
    o.lid = o.id;
    o.status = std::string(vocab::kApproved);
    o.home = "urn:oid:1.3.6.1.4.1.21367.13.20.1000";
    o.version_name = "1";
  }
  return objects;
}

Status Written(const std::function<void(xml::XmlWriter&)>& write) {
  xml::XmlWriter w;
  write(w);
  return ValidateXml(w.str());
}

// ---- wire/ihe writers ----

TEST(WriterOutput, SubmitObjectsRequestValidates) {
  ihe::SubmitObjectsRequest request{ValidFullObjects(), {"urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f"}};
  ASSERT_FALSE(request.objects.empty());
  Status s = Written([&](xml::XmlWriter& w) { ihe::WriteSubmitObjectsRequest(w, request); });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(WriterOutput, SubmissionBuilderOutputValidates) {
  testing::SubmissionBuilder b(kFullPatient);
  b.AddDocument("Doc1");
  testing::DocumentOptions options;
  options.reference_ids = {"2013001^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:accession"};
  b.AddDocument("Doc2", options);
  b.AddFolder("Folder1");
  b.AddAssociation(std::string(vocab::kHasMember), "Folder1", "Doc1");
  b.AddAssociation("urn:ihe:iti:2007:AssociationType:APND", "Doc2", "Doc1");
  b.AddReference("urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f");
  Status s = ValidateXml(b.BuildXml());
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(WriterOutput, StandaloneRegistryObjectsValidate) {
  for (const auto& o : AsRegistered(ValidFullObjects())) {
    Status s = Written([&](xml::XmlWriter& w) { ihe::WriteRegistryObject(w, o, /*declare_namespaces=*/true); });
    EXPECT_TRUE(s.ok()) << o.id << ": " << s.message();
  }
}

TEST(WriterOutput, AdhocQueryRequestValidates) {
  ihe::AdhocQueryRequest request = testing::FindDocuments(
      kFullPatient, {{"$XDSDocumentEntryClassCode", "('11488-4^^2.16.840.1.113883.6.1')"}}, "ObjectRef");
  request.home = "urn:oid:1.2.3";
  Status s = Written([&](xml::XmlWriter& w) { ihe::WriteAdhocQueryRequest(w, request); });
  EXPECT_TRUE(s.ok()) << s.message();

  ihe::AdhocQueryRequest bare;
  bare.query_id = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
  s = Written([&](xml::XmlWriter& w) { ihe::WriteAdhocQueryRequest(w, bare); });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(WriterOutput, AdhocQueryResponseWithLeafClassObjectsValidates) {
  const auto objects = AsRegistered(ValidFullObjects());
  Status s = Written([&](xml::XmlWriter& w) { ihe::WriteAdhocQueryResponse(w, objects, {}, {}); });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(WriterOutput, AdhocQueryResponseWithObjectRefsOrNothingValidates) {
  Status s = Written([](xml::XmlWriter& w) {
    ihe::WriteAdhocQueryResponse(w, {}, {"urn:uuid:0b1b6f4c-5b68-4a87-9c0b-6e9f1c2d3e4f"}, {});
  });
  EXPECT_TRUE(s.ok()) << s.message();
  s = Written([](xml::XmlWriter& w) { ihe::WriteAdhocQueryResponse(w, {}, {}, {}); });
  EXPECT_TRUE(s.ok()) << s.message();
}

// Regression: WriteAdhocQueryResponse once wrote rim:RegistryObjectList
// before rs:RegistryErrorList. ebRS 3.0 query:AdhocQueryResponse extends
// rs:RegistryResponseType, whose content (ResponseSlotList?,
// RegistryErrorList?) comes first, so the error list must precede the
// object list.
TEST(WriterOutput, AdhocQueryResponseWithErrorsValidates) {
  const ihe::RegistryErrors failure = {
      RegistryError::Error(ErrorCode::kRegistryError, "unknown stored query")};
  Status s = Written([&](xml::XmlWriter& w) { ihe::WriteAdhocQueryResponse(w, {}, {}, failure); });
  EXPECT_TRUE(s.ok()) << s.message();
  const ihe::RegistryErrors partial = {
      RegistryError::Error(ErrorCode::kRegistryError, "some results dropped"),
      RegistryError::Warning(ErrorCode::kRegistryError, "a warning", "Doc1")};
  s = Written([&](xml::XmlWriter& w) {
    ihe::WriteAdhocQueryResponse(w, AsRegistered(ValidFullObjects()), {}, partial);
  });
  EXPECT_TRUE(s.ok()) << s.message();
}

TEST(WriterOutput, RegistryResponseValidates) {
  Status s = Written([](xml::XmlWriter& w) { ihe::WriteRegistryResponse(w, {}); });
  EXPECT_TRUE(s.ok()) << s.message();
  const ihe::RegistryErrors errors = {
      RegistryError::Error(ErrorCode::kRegistryError, "Patient 'x' is unknown"),
      RegistryError::Warning(ErrorCode::kRegistryError, "extra metadata not saved", "Doc1"),
      RegistryError::Error(ErrorCode::kRegistryError, "")};
  s = Written([&](xml::XmlWriter& w) { ihe::WriteRegistryResponse(w, errors); });
  EXPECT_TRUE(s.ok()) << s.message();
  const ihe::RegistryErrors warnings_only = {RegistryError::Warning(ErrorCode::kRegistryError, "w")};
  s = Written([&](xml::XmlWriter& w) { ihe::WriteRegistryResponse(w, warnings_only); });
  EXPECT_TRUE(s.ok()) << s.message();
}

// ---- The registry's real responses ----

class RegistryResponses : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = registry::SqliteRegistryStore::Open(dir_.File("registry.db"));
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->AddOrUpdatePatient({kFullPatient, "Doe", "Jane", "19560527", "F"}).ok());
    service_ = std::make_unique<registry::RegistryService>(*store_, registry::RegistryOptions{});
    service_->Bind(endpoint_);
  }

  // Sends `body_xml` with `action` through the SOAP endpoint and returns
  // the response envelope.
  xml::XmlDocument Call(std::string_view action, std::string body_xml) {
    if (body_xml.rfind("<?xml", 0) == 0) body_xml.erase(0, body_xml.find("?>") + 2);
    http::HttpRequest request;
    request.method = "POST";
    request.path = "/xds/registry";
    request.content_type = "application/soap+xml; charset=UTF-8";
    request.body = soap::WriteRequestEnvelope(action, "http://127.0.0.1/xds/registry",
                                              "urn:uuid:6f0c3c32-5c0f-4b1e-9d0a-1f8c1d7a0001", body_xml);
    http::HttpResponse response = endpoint_.Handle(request);
    EXPECT_EQ(response.status, 200) << response.body;
    auto doc = xml::XmlDocument::Parse(response.body);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
    return doc.ok() ? std::move(*doc) : xml::XmlDocument();
  }

  void Register(const std::string& submission_xml) {
    xml::XmlDocument reply = Call(vocab::kActionRegister, submission_xml);
    xml::XmlElement body = SoapBodyChild(reply);
    ASSERT_TRUE(body);
    Status s = MessageSchemas().Validate(body);
    EXPECT_TRUE(s.ok()) << s.message() << "\n" << body.Serialize();
    auto response = ihe::ReadRegistryResponse(body);
    ASSERT_TRUE(response.ok());
    ASSERT_TRUE(response->success()) << body.Serialize();
  }

  // Runs a stored query and validates the response body; returns it serialized.
  std::string Query(const ihe::AdhocQueryRequest& request, bool expect_valid = true) {
    xml::XmlWriter w;
    ihe::WriteAdhocQueryRequest(w, request);
    xml::XmlDocument reply = Call(vocab::kActionStoredQuery, w.str());
    xml::XmlElement body = SoapBodyChild(reply);
    EXPECT_TRUE(body);
    if (!body) return {};
    Status s = MessageSchemas().Validate(body);
    EXPECT_EQ(s.ok(), expect_valid) << s.message() << "\n" << body.Serialize();
    return body.Serialize();
  }

  testing::TempDir dir_;
  std::unique_ptr<registry::SqliteRegistryStore> store_;
  std::unique_ptr<registry::RegistryService> service_;
  soap::SoapEndpoint endpoint_{"registry"};
};

TEST_F(RegistryResponses, RegisterSuccessAndFailureResponsesValidate) {
  Register(ReadFile(TestdataFile("submissions/valid_full.xml")));
  // Unknown patient: a Failure with a RegistryErrorList.
  testing::SubmissionBuilder b("NOBODY^^^&1.2.3&ISO");
  b.AddDocument("Doc1");
  xml::XmlDocument reply = Call(vocab::kActionRegister, b.BuildXml());
  xml::XmlElement body = SoapBodyChild(reply);
  ASSERT_TRUE(body);
  Status s = MessageSchemas().Validate(body);
  EXPECT_TRUE(s.ok()) << s.message();
  EXPECT_NE(body.Serialize().find("RegistryErrorList"), std::string::npos);
}

TEST_F(RegistryResponses, StoredQueryLeafClassAndObjectRefResponsesValidate) {
  Register(ReadFile(TestdataFile("submissions/valid_full.xml")));
  const std::string approved = "('" + std::string(vocab::kApproved) + "')";
  // GetAll returns every kind: DocumentEntries, SubmissionSet, Folder, Associations.
  std::string all = Query(testing::StoredQuery("urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3",
                                               {{"$patientId", testing::Quoted(kFullPatient)},
                                                {"$XDSDocumentEntryStatus", approved},
                                                {"$XDSSubmissionSetStatus", approved},
                                                {"$XDSFolderStatus", approved}}));
  EXPECT_NE(all.find("rim:ExtrinsicObject"), std::string::npos);
  EXPECT_NE(all.find("rim:RegistryPackage"), std::string::npos);
  EXPECT_NE(all.find("rim:Association"), std::string::npos);
  std::string leaf = Query(testing::FindDocuments(kFullPatient));
  EXPECT_NE(leaf.find("rim:ExtrinsicObject"), std::string::npos);
  std::string refs = Query(testing::FindDocuments(kFullPatient, {}, "ObjectRef"));
  EXPECT_NE(refs.find("rim:ObjectRef"), std::string::npos);
}

TEST_F(RegistryResponses, StoredQueryErrorResponseValidates) {
  // The registry's real output for an unknown stored query id: Failure with
  // a RegistryErrorList, which must come before rim:RegistryObjectList.
  std::string failure =
      Query(testing::StoredQuery("urn:uuid:00000000-0000-0000-0000-000000000000", {}), /*expect_valid=*/true);
  EXPECT_NE(failure.find("RegistryErrorList"), std::string::npos);
}

}  // namespace
}  // namespace xds::schemas_test

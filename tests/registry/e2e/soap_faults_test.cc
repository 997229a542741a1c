// Bad input at the SOAP and XML level gets a SOAP 1.2 fault with a clear
// reason, hostile XML is refused without being expanded or fetched, and the
// registry keeps serving afterwards.
#include <gtest/gtest.h>

#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/mime/mtom_writer.h"

namespace xds::testing {
namespace {

constexpr char kSoapType[] = "application/soap+xml; charset=UTF-8";

std::string Envelope(const std::string& action, const std::string& body, const std::string& extra_header = "") {
  return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
         "xmlns:a=\"http://www.w3.org/2005/08/addressing\"><s:Header>" +
         (action.empty() ? "" : "<a:Action s:mustUnderstand=\"1\">" + action + "</a:Action>") +
         "<a:MessageID>urn:uuid:6f0c3c32-5c0f-4b1e-9d0a-1f8c1d7a0099</a:MessageID>" + extra_header +
         "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
}

class SoapFaultTest : public ::testing::Test {
 protected:
  RegistryServer server_;
  soap::SoapClient client_{server_.url()};

  soap::SoapResponse Post(const std::string& content_type, const std::string& bytes) {
    auto r = client_.PostRaw(content_type, bytes);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : soap::SoapResponse{};
  }
  void ExpectRegistryStillServes() {
    auto q = Query(client_, FindDocuments(kPatientA));
    ASSERT_TRUE(q.ok()) << q.status().ToString();
    EXPECT_EQ(q->status, vocab::kResponseSuccess);
  }
};

TEST_F(SoapFaultTest, MalformedXmlIsASenderFault) {
  auto r = Post(kSoapType, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>");
  EXPECT_EQ(r.http_status, 400);
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  EXPECT_NE(r.fault.reason.find("malformed XML"), std::string::npos) << r.fault.reason;
  ExpectRegistryStillServes();
}

TEST_F(SoapFaultTest, Soap11IsAVersionMismatch) {
  auto r = Post("text/xml; charset=UTF-8",
                "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body/></e:Envelope>");
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kVersionMismatch);
  auto r2 = Post(kSoapType, "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><x/></e:Body></e:Envelope>");
  ASSERT_TRUE(r2.is_fault);
  EXPECT_EQ(r2.fault.code, soap::FaultCode::kVersionMismatch);
}

TEST_F(SoapFaultTest, UnknownActionIsActionNotSupported) {
  auto r = Post(kSoapType, Envelope("urn:example:NoSuchAction", "<x/>"));
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  EXPECT_EQ(r.fault.subcode, "wsa:ActionNotSupported");
  EXPECT_EQ(r.relates_to, "urn:uuid:6f0c3c32-5c0f-4b1e-9d0a-1f8c1d7a0099");
}

TEST_F(SoapFaultTest, MissingActionIsAFault) {
  auto r = Post(kSoapType, Envelope("", "<x/>"));
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.subcode, "wsa:MessageAddressingHeaderRequired");
}

TEST_F(SoapFaultTest, NotUnderstoodMandatoryHeaderIsMustUnderstand) {
  auto r = Post(kSoapType, Envelope(std::string(vocab::kActionStoredQuery), "<x/>",
                                    "<h:Secret xmlns:h=\"urn:example\" s:mustUnderstand=\"true\">1</h:Secret>"));
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kMustUnderstand);
  EXPECT_NE(r.fault.reason.find("urn:example"), std::string::npos);
}

TEST_F(SoapFaultTest, UnsupportedContentTypeIsAFault) {
  auto r = Post("application/json", "{}");
  ASSERT_TRUE(r.is_fault);
  EXPECT_NE(r.fault.reason.find("Content-Type"), std::string::npos);
}

TEST_F(SoapFaultTest, EntityExpansionBombIsRefused) {
  std::string bomb =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
      "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
      "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>" +
      Envelope(std::string(vocab::kActionStoredQuery), "<x>&lol4;</x>");
  auto r = Post(kSoapType, bomb);
  ASSERT_TRUE(r.is_fault);
  EXPECT_NE(r.fault.reason.find("DOCTYPE"), std::string::npos) << r.fault.reason;
  EXPECT_EQ(r.raw.find("lollollol"), std::string::npos);
  ExpectRegistryStillServes();
}

TEST_F(SoapFaultTest, ExternalEntityIsNeverFetched) {
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>" +
                    Envelope(std::string(vocab::kActionStoredQuery), "<x>&secret;</x>");
  auto r = Post(kSoapType, xxe);
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.raw.find("root:"), std::string::npos) << "file content must not leak";
}

TEST_F(SoapFaultTest, ExcessiveNestingIsRefused) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "<d>";
  for (int i = 0; i < 200; ++i) deep += "</d>";
  auto r = Post(kSoapType, Envelope(std::string(vocab::kActionStoredQuery), deep));
  ASSERT_TRUE(r.is_fault);
  EXPECT_NE(r.fault.reason.find("nesting"), std::string::npos) << r.fault.reason;
}

TEST_F(SoapFaultTest, OversizedBodyIsRefusedAndServerSurvives) {
  std::string huge = Envelope(std::string(vocab::kActionStoredQuery), "<x>" + std::string(70 << 20, 'a') + "</x>");
  auto r = client_.PostRaw(kSoapType, huge);
  // cpp-httplib answers 413 before any parsing; either way nothing is parsed.
  if (r.ok()) {
    EXPECT_TRUE(r->is_fault || r->http_status == 413);
  }
  soap::SoapClient fresh(server_.url());
  auto q = Query(fresh, FindDocuments(kPatientA));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
}

TEST_F(SoapFaultTest, WrongBodyForActionIsAMetadataError) {
  auto r = Post(kSoapType, Envelope(std::string(vocab::kActionRegister), "<x xmlns=\"urn:example\"/>"));
  ASSERT_FALSE(r.is_fault);
  auto response = ihe::ReadRegistryResponse(r.body);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, vocab::kResponseFailure);
  ASSERT_EQ(response->errors.size(), 1u);
  EXPECT_EQ(response->errors[0].error_code, "XDSRegistryMetadataError");
}

TEST_F(SoapFaultTest, ResponseCarriesActionAndRelatesTo) {
  auto q = client_.Call(std::string(vocab::kActionStoredQuery), [] {
    xml::XmlWriter w;
    ihe::WriteAdhocQueryRequest(w, FindDocuments(kPatientA));
    return w.Take();
  }());
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->action, vocab::kActionStoredQueryResponse);
  EXPECT_EQ(q->relates_to, client_.last_message_id());
  EXPECT_NE(q->content_type.find("application/soap+xml"), std::string::npos);
}

TEST_F(SoapFaultTest, MtomPackagedQueryIsAccepted) {
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, FindDocuments(kPatientA));
  std::string envelope = Envelope(std::string(vocab::kActionStoredQuery), w.Take());
  mime::MtomWriter mtom;
  std::string body = mtom.Whole(envelope, {});
  auto r = Post(mtom.ContentType(), body);
  ASSERT_FALSE(r.is_fault) << r.fault.reason;
  EXPECT_EQ(r.content_type.rfind("multipart/related", 0), 0u) << "the answer keeps the MTOM packaging";
  auto response = ihe::ReadAdhocQueryResponse(r.body);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, vocab::kResponseSuccess);
}

TEST_F(SoapFaultTest, TruncatedMtomPackageIsASenderFault) {
  mime::MtomWriter mtom;
  std::string body = mtom.Whole(Envelope(std::string(vocab::kActionStoredQuery), "<x/>"), {});
  auto r = Post(mtom.ContentType(), body.substr(0, body.size() / 2));
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  EXPECT_NE(r.fault.reason.find("MTOM"), std::string::npos);
}

}  // namespace
}  // namespace xds::testing

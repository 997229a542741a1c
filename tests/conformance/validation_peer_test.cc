// The validation peer (xds-validator's service) over real SOAP on loopback:
// a vendor's ITI-42 / ITI-41 gets back every rule it breaks, and nothing is
// stored (the same valid submission is accepted twice).
#include <gtest/gtest.h>

#include <algorithm>

#include "conformance/suite/case_context.h"
#include "conformance/suite/metadata_template.h"
#include "conformance/validator/validation_service.h"
#include "wire/http/http_server.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/soap_client.h"

namespace xds::conformance {
namespace {

constexpr char kPatient[] = "VAL-1^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";

class ValidationPeerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_.Mount(server_, "/xds/validate");
    auto port = server_.Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok());
    url_ = "http://127.0.0.1:" + std::to_string(*port) + "/xds/validate";
    ASSERT_TRUE(ctx_.Patient().ok());
  }

  // Sends `request` and returns the RegistryResponse.
  ihe::RegistryResponse Send(const Request& request) {
    std::vector<soap::OutgoingPart> parts;
    for (const auto& a : request.attachments) {
      const std::string* bytes = &a.bytes;
      parts.push_back({a.content_id, a.content_type, a.bytes.size(),
                       [bytes](const http::ChunkSink& sink) { return sink(*bytes); }});
    }
    soap::SoapClient client(url_);
    std::string action(request.transaction == Transaction::kIti41 ? vocab::kActionProvideAndRegister
                                                                   : vocab::kActionRegister);
    auto reply = client.Call(action, request.body_xml, parts);
    EXPECT_TRUE(reply.ok()) << reply.status().ToString();
    if (!reply.ok()) return {};
    EXPECT_FALSE(reply->is_fault) << reply->fault.reason;
    auto response = ihe::ReadRegistryResponse(reply->body);
    EXPECT_TRUE(response.ok());
    return response.ok() ? *response : ihe::RegistryResponse{};
  }

  static bool Has(const ihe::RegistryResponse& r, const std::string& code, const std::string& context_part) {
    return std::any_of(r.errors.begin(), r.errors.end(), [&](const ihe::RegistryError& e) {
      return e.error_code == code && e.code_context.find(context_part) != std::string::npos;
    });
  }

  ValidationService service_{ValidationPeerOptions{}};
  http::HttpServer server_;
  std::string url_;
  Endpoints endpoints_;
  PatientSource patients_{"", {kPatient}, "1.3.6.1.4.1.21367.13.20.3000"};
  CaseContext ctx_{endpoints_, patients_};
};

TEST_F(ValidationPeerTest, ValidSubmissionIsAcceptedAndNothingIsStored) {
  SubmissionBuilder b(ctx_);
  b.Document("de");
  b.Folder("fd");
  b.FolderMember("fd", "de");
  ihe::RegistryResponse first = Send(b.Iti42());
  EXPECT_TRUE(first.success()) << (first.errors.empty() ? "" : first.errors[0].code_context);
  // A registry would now refuse the same uniqueIds; the peer kept nothing.
  ihe::RegistryResponse again = Send(b.Iti42());
  EXPECT_TRUE(again.success());
  EXPECT_TRUE(again.errors.empty());
}

TEST_F(ValidationPeerTest, EveryBrokenRuleIsListed) {
  SubmissionBuilder b(ctx_);
  b.Document("de");
  RemoveCodes(b.Get("de"), vocab::kDeClassCode);
  RemoveCodes(b.Get("de"), vocab::kDeTypeCode);
  RemoveSlot(b.Get("de"), "creationTime");
  RemoveSlot(b.submission_set(), "submissionTime");
  ihe::RegistryResponse r = Send(b.Iti42());
  EXPECT_EQ(r.status, std::string(vocab::kResponseFailure));
  EXPECT_GE(r.errors.size(), 4u);
  EXPECT_TRUE(Has(r, "XDSRegistryMetadataError", "classCode"));
  EXPECT_TRUE(Has(r, "XDSRegistryMetadataError", "typeCode"));
  EXPECT_TRUE(Has(r, "XDSRegistryMetadataError", "creationTime"));
  EXPECT_TRUE(Has(r, "XDSRegistryMetadataError", "submissionTime"));
}

TEST_F(ValidationPeerTest, ProvideAndRegisterChecksDocumentsToo) {
  SubmissionBuilder b(ctx_);
  DocumentSpec first;
  first.label = "de1";
  first.repository_fields = false;
  SetSlot(b.Document(first), "hash", {"0000000000000000000000000000000000000000"});
  DocumentSpec second;
  second.label = "de2";
  second.repository_fields = false;
  b.Document(second);
  Request request = b.Iti41();
  // de2 loses its document: its xdsb:Document element and its MIME part.
  size_t at = request.body_xml.find("de2@conformance");
  size_t open = request.body_xml.rfind("<xdsb:Document ", at);
  size_t close = request.body_xml.find("</xdsb:Document>", at) + std::string("</xdsb:Document>").size();
  ASSERT_NE(at, std::string::npos);
  request.body_xml.erase(open, close - open);
  request.attachments.pop_back();
  RemoveCodes(b.Get("de1"), vocab::kDeFormatCode);  // after building: the request keeps its formatCode
  ihe::RegistryResponse r = Send(request);
  EXPECT_EQ(r.status, std::string(vocab::kResponseFailure));
  EXPECT_TRUE(Has(r, "XDSRepositoryMetadataError", ctx_.Id("de1")));
  EXPECT_TRUE(Has(r, "XDSMissingDocument", ctx_.Id("de2")));
  EXPECT_EQ(r.errors.size(), 2u);
}

TEST_F(ValidationPeerTest, InlineProvideAndRegisterIsAccepted) {
  SubmissionBuilder b(ctx_);
  DocumentSpec s;
  s.repository_fields = false;
  b.Document(s);
  ihe::RegistryResponse r = Send(b.Iti41(/*inline_documents=*/true));
  EXPECT_TRUE(r.success()) << (r.errors.empty() ? "" : r.errors[0].code_context);
}

}  // namespace
}  // namespace xds::conformance

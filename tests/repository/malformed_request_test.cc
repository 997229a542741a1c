// Malformed ITI-41 packages and uploads that break off: each gets a SOAP
// fault (or the connection ends), the repository stays up, and no spool
// file or document is left behind.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/repository_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/mime/mtom_writer.h"
#include "wire/soap/envelope.h"

namespace xds::testing {
namespace {

class MalformedRequestTest : public ::testing::Test {
 protected:
  // A well-formed ITI-41 envelope whose one document is the part <doc@x>.
  std::string Envelope() {
    SubmissionBuilder b(kPatientA);
    b.AddDocument("Doc01");
    OmitRepositoryAttributes(b, "Doc01");
    ProvideRequest request = BuildProvide(b.Build(), {{"Doc01", "x"}});
    return soap::WriteRequestEnvelope(vocab::kActionProvideAndRegister, server_.url(), "urn:uuid:1", request.body_xml);
  }

  soap::SoapResponse PostRaw(const std::string& content_type, const std::string& body) {
    auto r = client_.PostRaw(content_type, body);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : soap::SoapResponse{};
  }

  void ExpectNothingKeptAndStillServing() {
    EXPECT_EQ(server_.DocumentFileCount(), 0u);
    EXPECT_EQ(server_.SpoolFileCount(), 0u);
    soap::SoapClient fresh(server_.url());
    auto got = Retrieve(fresh, {{"", server_.repository_unique_id(), "1.2.3"}});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(ErrorCodes(got->response.errors), std::vector<std::string>{"XDSDocumentUniqueIdError"});
  }

  RepositoryServer server_;
  soap::SoapClient client_{server_.url()};
};

constexpr char kType[] =
    "multipart/related; boundary=\"b1\"; type=\"application/xop+xml\"; start=\"<root@x>\"; "
    "start-info=\"application/soap+xml\"";

std::string Part(const std::string& headers, const std::string& body) { return "--b1\r\n" + headers + "\r\n" + body + "\r\n"; }

std::string RootPart(const std::string& envelope) {
  return Part("Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
              "Content-ID: <root@x>\r\n",
              envelope);
}

TEST_F(MalformedRequestTest, BoundaryNotInTheBodyIsASenderFault) {
  std::string body = RootPart(Envelope()) + Part("Content-ID: <Doc01@test.xds>\r\n", "x") + "--b1--\r\n";
  std::string wrong = kType;
  wrong.replace(wrong.find("\"b1\""), 4, "\"other\"");
  soap::SoapResponse r = PostRaw(wrong, body);
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  EXPECT_NE(r.fault.reason.find("MTOM"), std::string::npos) << r.fault.reason;
  ExpectNothingKeptAndStillServing();
}

TEST_F(MalformedRequestTest, TruncatedPackageIsASenderFault) {
  std::string body = RootPart(Envelope()) + "--b1\r\nContent-ID: <Doc01@test.xds>\r\n\r\nhalf of a docu";
  soap::SoapResponse r = PostRaw(kType, body);
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  ExpectNothingKeptAndStillServing();
}

TEST_F(MalformedRequestTest, PartWithoutContentIdIsASenderFault) {
  std::string body = RootPart(Envelope()) + Part("Content-Type: text/plain\r\n", "x") + "--b1--\r\n";
  soap::SoapResponse r = PostRaw(kType, body);
  ASSERT_TRUE(r.is_fault);
  EXPECT_NE(r.fault.reason.find("Content-ID"), std::string::npos) << r.fault.reason;
  ExpectNothingKeptAndStillServing();
}

TEST_F(MalformedRequestTest, MultipartWithoutBoundaryParameterIsASenderFault) {
  soap::SoapResponse r = PostRaw("multipart/related; type=\"application/xop+xml\"", "--b1\r\n\r\n");
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  ExpectNothingKeptAndStillServing();
}

TEST_F(MalformedRequestTest, BodyThatIsNotAProvideAndRegisterRequestIsASenderFault) {
  std::string envelope = soap::WriteRequestEnvelope(vocab::kActionProvideAndRegister, server_.url(), "urn:uuid:2",
                                                    "<x:Other xmlns:x=\"urn:x\"/>");
  soap::SoapResponse r = PostRaw("application/soap+xml", envelope);
  ASSERT_TRUE(r.is_fault);
  EXPECT_EQ(r.fault.code, soap::FaultCode::kSender);
  ExpectNothingKeptAndStillServing();
}

TEST_F(MalformedRequestTest, DocumentThatIsNeitherIncludeNorBase64IsAMetadataError) {
  std::string envelope = Envelope();
  size_t include = envelope.find("<xop:Include");
  size_t end = envelope.find("/>", include) + 2;
  envelope.replace(include, end - include, "not base64 at all!");
  soap::SoapResponse r = PostRaw("application/soap+xml", envelope);
  ASSERT_FALSE(r.is_fault) << r.fault.reason;
  auto response = ihe::ReadRegistryResponse(r.body);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(ErrorCodes(response->errors), std::vector<std::string>{"XDSRepositoryMetadataError"});
  ExpectNothingKeptAndStillServing();
}

// A client that sends part of a large upload and disconnects: the spool file
// of the half-received part is removed, and the repository keeps serving.
TEST_F(MalformedRequestTest, ClientThatDropsMidUploadLeavesNothing) {
  std::string head = RootPart(Envelope()) + "--b1\r\nContent-ID: <Doc01@test.xds>\r\n\r\n";
  std::string chunk(1 << 20, 'd');
  auto url = http::SplitUrl(server_.url());
  int port = std::stoi(url->base.substr(url->base.rfind(':') + 1));
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::string request = "POST " + url->path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + kType +
                        "\r\nContent-Length: " + std::to_string(head.size() + 100 * chunk.size()) + "\r\n\r\n" + head;
  ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()));
  for (int i = 0; i < 8; ++i)
    ASSERT_EQ(::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL), static_cast<ssize_t>(chunk.size()));
  // Wait until the part is being spooled, then hang up.
  for (int i = 0; i < 200 && server_.SpoolFileCount() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(server_.SpoolFileCount(), 1u) << "the upload streams into a spool file";
  ::close(fd);
  for (int i = 0; i < 200 && server_.SpoolFileCount() != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ExpectNothingKeptAndStillServing();
}

}  // namespace
}  // namespace xds::testing

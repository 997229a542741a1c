// SoapClient against a scripted HttpServer on loopback: what a request
// carries, and how each kind of reply (response, fault, MTOM, not SOAP) is
// read.
#include "wire/soap/soap_client.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wire/base/ids.h"
#include "wire/http/http_server.h"
#include "wire/ihe/namespaces.h"
#include "wire/mime/mtom_writer.h"

namespace xds::soap {
namespace {

constexpr char kSoapType[] = "application/soap+xml; charset=UTF-8";

// Serves a canned reply and records what arrived.
class SoapClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Post("/svc", [this](const http::HttpRequest& req) {
      std::lock_guard<std::mutex> lock(mu_);
      last_content_type_ = req.content_type;
      last_path_ = req.path;
      last_body_ = req.body;
      return reply_;
    });
    server_.Post("/", [this](const http::HttpRequest& req) {
      std::lock_guard<std::mutex> lock(mu_);
      last_path_ = req.path;
      return reply_;
    });
    auto port = server_.Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    base_ = "http://127.0.0.1:" + std::to_string(*port);
    Reply(200, kSoapType, WriteResponseEnvelope("urn:test:Resp", "urn:uuid:00000000-0000-4000-8000-000000000001",
                                                "<t:Resp xmlns:t=\"urn:t\">ok</t:Resp>"));
  }
  void Reply(int status, std::string content_type, std::string body) {
    std::lock_guard<std::mutex> lock(mu_);
    reply_.status = status;
    reply_.content_type = std::move(content_type);
    reply_.body = std::move(body);
  }

  http::HttpServer server_;
  std::string base_;
  std::mutex mu_;
  http::HttpResponse reply_;
  std::string last_content_type_, last_path_, last_body_;
};

TEST_F(SoapClientTest, CallSendsAFullSoap12Request) {
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\">payload</t:Req>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(last_path_, "/svc");
  EXPECT_EQ(last_content_type_, "application/soap+xml; charset=UTF-8; action=\"urn:test:Req\"");
  ParseOutcome sent = ParseEnvelope(last_body_);
  ASSERT_TRUE(sent.ok) << sent.fault.reason << "\n" << last_body_;
  EXPECT_EQ(sent.envelope.action, "urn:test:Req");
  EXPECT_EQ(sent.envelope.message_id, client.last_message_id());
  EXPECT_TRUE(IsUrnUuid(client.last_message_id()));
  EXPECT_EQ(sent.envelope.to, base_ + "/svc");
  EXPECT_EQ(sent.envelope.reply_to, ns::kWsaAnonymous);
  EXPECT_TRUE(sent.envelope.body.Is("urn:t", "Req"));
  EXPECT_EQ(sent.envelope.body.Text(), "payload");
}

TEST_F(SoapClientTest, ReadsAResponse) {
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->http_status, 200);
  EXPECT_EQ(r->content_type, kSoapType);
  EXPECT_FALSE(r->is_fault);
  EXPECT_EQ(r->action, "urn:test:Resp");
  EXPECT_EQ(r->relates_to, "urn:uuid:00000000-0000-4000-8000-000000000001");
  EXPECT_TRUE(r->body.Is("urn:t", "Resp"));
  EXPECT_EQ(r->body.Text(), "ok");
  EXPECT_NE(r->raw.find("<t:Resp"), std::string::npos);
}

TEST_F(SoapClientTest, BodyOutlivesAMoveOfTheResponse) {
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_TRUE(r.ok());
  SoapResponse moved = std::move(*r);
  EXPECT_EQ(moved.body.Text(), "ok");
}

TEST_F(SoapClientTest, ReadsAFault) {
  Reply(500, kSoapType, WriteFaultEnvelope({FaultCode::kReceiver, "x:Busy", "try later"}, "urn:uuid:r"));
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->http_status, 500);
  ASSERT_TRUE(r->is_fault);
  EXPECT_EQ(r->fault.code, FaultCode::kReceiver);
  EXPECT_EQ(r->fault.subcode, "x:Busy");
  EXPECT_EQ(r->fault.reason, "try later");
  EXPECT_EQ(r->relates_to, "urn:uuid:r");
}

TEST_F(SoapClientTest, ReadsAnMtomReply) {
  mime::MtomWriter writer("urn:test:Resp");
  Reply(200, writer.ContentType(),
        writer.Whole(WriteResponseEnvelope("urn:test:Resp", "urn:uuid:m", "<t:Resp xmlns:t=\"urn:t\">mtom</t:Resp>"),
                     {{"a@b", "application/octet-stream", "bytes"}}));
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->content_type.rfind("multipart/related", 0), 0u);
  EXPECT_EQ(r->action, "urn:test:Resp");
  EXPECT_EQ(r->relates_to, "urn:uuid:m");
  EXPECT_EQ(r->body.Text(), "mtom");
}

TEST_F(SoapClientTest, BrokenMtomReplyIsInvalidArgument) {
  mime::MtomWriter writer("urn:test:Resp");
  Reply(200, writer.ContentType(), "not a multipart body");
  SoapClient client(base_ + "/svc");
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("MTOM"), std::string::npos) << r.status().message();
}

TEST_F(SoapClientTest, RepliesThatAreNotSoap12AreInvalidArgument) {
  struct Case {
    int status;
    std::string body;
    std::string expect_in_message;
  };
  const std::vector<Case> cases = {
      {502, "Bad Gateway", "HTTP 502"},
      {200, "<html><body>hi</body></html>", "not a SOAP 1.2 envelope"},
      {200, "<e:Envelope xmlns:e=\"http://schemas.xmlsoap.org/soap/envelope/\"><e:Body><x/></e:Body></e:Envelope>",
       "not a SOAP 1.2 envelope"},
      {200, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>",
       "empty SOAP Body"},
      {200, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"/>", "empty SOAP Body"},
  };
  SoapClient client(base_ + "/svc");
  for (const auto& c : cases) {
    Reply(c.status, kSoapType, c.body);
    auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
    ASSERT_FALSE(r.ok()) << c.body;
    EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument) << c.body;
    EXPECT_NE(r.status().message().find(c.expect_in_message), std::string::npos) << r.status().message();
  }
}

TEST_F(SoapClientTest, UrlWithoutPathPostsToRoot) {
  SoapClient client(base_);
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(last_path_, "/");
}

TEST_F(SoapClientTest, PostRawSendsBytesAsGiven) {
  SoapClient client(base_ + "/svc");
  auto r = client.PostRaw("application/soap+xml", "<raw/>");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(last_body_, "<raw/>");
  EXPECT_EQ(last_content_type_, "application/soap+xml");
  EXPECT_EQ(client.last_message_id(), "");
}

TEST(SoapClientUnreachableTest, IsUnavailable) {
  int port = 0;
  {
    http::HttpServer s;
    auto p = s.Start("127.0.0.1", 0);
    ASSERT_TRUE(p.ok());
    port = *p;
  }
  http::HttpClientOptions quick;
  quick.connect_timeout_seconds = 1;
  SoapClient client("http://127.0.0.1:" + std::to_string(port) + "/svc", quick);
  auto r = client.Call("urn:test:Req", "<t:Req xmlns:t=\"urn:t\"/>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
}

}  // namespace
}  // namespace xds::soap

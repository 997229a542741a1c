// ATNA ITI-19 Authenticate Node over real loopback handshakes: an HttpServer
// with TLS settings serves a client that shows a certificate from a trusted
// CA, hands its identity to the handler, and refuses in the handshake a
// client with no certificate, one from another CA, an expired one, and one
// that offers only TLS 1.1. The certificates are made by TestPki when the
// suite starts.
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tests/security/test_pki.h"
#include "tests/security/tls_probe.h"
#include "wire/http/http_client.h"
#include "wire/http/http_server.h"

namespace xds::testing {
namespace {

struct Pki {
  TestPki pki;
  PemFiles ca, rogue_ca, server, unnamed_server, client, rogue_client, expired_client, pinned_client;
  std::string bundle;  // the region CA plus one directly trusted certificate
  Pki() {
    ca = pki.MakeCa("region");
    rogue_ca = pki.MakeCa("rogue");
    server = pki.Issue("region", "registry.region.test", {"DNS:localhost", "IP:127.0.0.1"});
    unnamed_server = pki.Issue("region", "unnamed.region.test");
    client = pki.Issue("region", "repository.chnord.test",
                       {"DNS:repository.chnord.test", "URI:urn:oid:1.2.250.1.999.1"});
    rogue_client = pki.Issue("rogue", "intruder.test");
    expired_client = pki.Issue("region", "expired.chnord.test", {}, -10 * 86400, -86400);
    pinned_client = pki.Issue("rogue", "pinned.partner.test");
    bundle = pki.Bundle("bundle.pem", {ca.certificate, pinned_client.certificate});
  }
};

http::TlsSettings Tls(const std::string& ca, const std::string& certificate, const std::string& key,
                      bool require_client_certificate = true) {
  http::TlsSettings s;
  s.ca_file = ca;
  s.certificate_file = certificate;
  s.private_key_file = key;
  s.require_client_certificate = require_client_certificate;
  return s;
}

class MutualTlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new Pki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  void SetUp() override { Start(true); }
  // The server's threads report refusals into refusals_: stop them before
  // the members go (a refusal seen after the test's last check was pushed
  // into a destroyed vector, which LeakSanitizer caught).
  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
  }

  void Start(bool require_client_certificate, const PemFiles* identity = nullptr) {
    if (server_) server_->Stop();
    if (!identity) identity = &pki_->server;
    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = Tls(pki_->bundle, identity->certificate, identity->private_key,
                                    require_client_certificate);
    options.on_tls_refusal = [this](const http::TlsRefusal& r) {
      std::lock_guard lock(mutex_);
      refusals_.push_back(r);
      refused_.notify_all();
    };
    server_ = std::make_unique<http::HttpServer>(options);
    // Echoes what the handler knows of its peer.
    server_->Get("/whoami", [](const http::HttpRequest& request) {
      http::HttpResponse r;
      if (!request.peer_certificate) {
        r.body = "anonymous";
        return r;
      }
      const http::PeerCertificate& peer = *request.peer_certificate;
      r.body = "cn=" + peer.common_name + "\nsubject=" + peer.subject + "\nissuer=" + peer.issuer + "\n";
      for (const auto& san : peer.subject_alt_names) r.body += "san=" + san + "\n";
      return r;
    });
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
  }

  http::HttpClientOptions ClientWith(const PemFiles& identity) const {
    http::HttpClientOptions o;
    o.tls = Tls(pki_->ca.certificate, identity.certificate, identity.private_key);
    return o;
  }
  ProbeOptions ProbeWith(const PemFiles& identity) const {
    return {pki_->ca.certificate, identity.certificate, identity.private_key};
  }
  std::string Url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  // The client sees the alert before the server's thread has finished
  // reporting it, so a test expecting a refusal waits for it (bounded).
  std::vector<http::TlsRefusal> Refusals() {
    std::unique_lock lock(mutex_);
    refused_.wait_for(lock, std::chrono::seconds(5), [this] { return !refusals_.empty(); });
    return refusals_;
  }
  std::vector<http::TlsRefusal> RefusalsSoFar() {
    std::lock_guard lock(mutex_);
    return refusals_;
  }

  static Pki* pki_;
  std::mutex mutex_;
  std::condition_variable refused_;
  std::vector<http::TlsRefusal> refusals_;
  // Declared after what its threads write to, so it is destroyed first.
  std::unique_ptr<http::HttpServer> server_;
  int port_ = 0;
};

Pki* MutualTlsTest::pki_ = nullptr;

TEST_F(MutualTlsTest, TrustedClientIsServedAndHandlerSeesItsCertificate) {
  http::HttpClient client(Url(), ClientWith(pki_->client));
  auto r = client.Get("/whoami");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("cn=repository.chnord.test\n"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("subject=CN=repository.chnord.test,O=XDS Test Region\n"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("issuer=CN=region,O=XDS Test Region\n"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("san=DNS:repository.chnord.test\n"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("san=URI:urn:oid:1.2.250.1.999.1\n"), std::string::npos) << r->body;
  EXPECT_TRUE(RefusalsSoFar().empty());
}

TEST_F(MutualTlsTest, KeepAliveConnectionCarriesSeveralRequests) {
  http::HttpClient client(Url(), ClientWith(pki_->client));
  for (int i = 0; i < 3; ++i) {
    auto r = client.Post("/whoami", "text/plain", "x");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->status, 404) << "POST has no route; the point is the connection";
  }
  auto r = client.Get("/whoami");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
}

TEST_F(MutualTlsTest, ProbeWithTrustedCertificateNegotiatesTls12OrLater) {
  ProbeResult r = ProbeHttps(port_, ProbeWith(pki_->client));
  EXPECT_TRUE(r.served) << r.error;
  EXPECT_EQ(r.status_line, "HTTP/1.1 200 OK");
  EXPECT_TRUE(r.protocol == "TLSv1.3" || r.protocol == "TLSv1.2") << r.protocol;
}

TEST_F(MutualTlsTest, ClientWithoutCertificateIsRefusedAtHandshake) {
  ProbeResult r = ProbeHttps(port_, {pki_->ca.certificate, "", ""});
  EXPECT_FALSE(r.served) << r.status_line;
  EXPECT_EQ(r.error, "tlsv13 alert certificate required");
  http::HttpClientOptions anonymous;
  anonymous.tls = Tls(pki_->ca.certificate, "", "");
  auto answer = http::HttpClient(Url(), anonymous).Get("/whoami");
  EXPECT_FALSE(answer.ok());
  ASSERT_FALSE(Refusals().empty());
  EXPECT_EQ(Refusals().front().alert, "certificate required");
  EXPECT_EQ(Refusals().front().peer_address, "127.0.0.1");
}

TEST_F(MutualTlsTest, ClientCertificateFromAnotherCaIsRefusedAtHandshake) {
  ProbeResult r = ProbeHttps(port_, ProbeWith(pki_->rogue_client));
  EXPECT_FALSE(r.served) << r.status_line;
  EXPECT_EQ(r.error, "tlsv1 alert unknown ca");
  auto answer = http::HttpClient(Url(), ClientWith(pki_->rogue_client)).Get("/whoami");
  EXPECT_FALSE(answer.ok());
  ASSERT_FALSE(Refusals().empty());
  EXPECT_EQ(Refusals().front().alert, "unknown CA");
  EXPECT_EQ(Refusals().front().reason, "unable to get local issuer certificate");
  EXPECT_EQ(Refusals().front().peer_subject, "CN=intruder.test,O=XDS Test Region");
}

TEST_F(MutualTlsTest, ExpiredClientCertificateIsRefusedAtHandshake) {
  ProbeResult r = ProbeHttps(port_, ProbeWith(pki_->expired_client));
  EXPECT_FALSE(r.served) << r.status_line;
  EXPECT_EQ(r.error, "sslv3 alert certificate expired");
  ASSERT_FALSE(Refusals().empty());
  EXPECT_EQ(Refusals().front().reason, "certificate has expired");
  EXPECT_EQ(Refusals().front().peer_subject, "CN=expired.chnord.test,O=XDS Test Region");
}

TEST_F(MutualTlsTest, Tls11IsRefusedEvenWithATrustedCertificate) {
  ProbeOptions old = ProbeWith(pki_->client);
  old.max_version = TLS1_1_VERSION;
  ProbeResult r = ProbeHttps(port_, old);
  EXPECT_FALSE(r.served) << r.status_line;
  EXPECT_EQ(r.error, "tlsv1 alert protocol version");
  old.max_version = TLS1_2_VERSION;
  ProbeResult tls12 = ProbeHttps(port_, old);
  EXPECT_TRUE(tls12.served) << tls12.error;
  EXPECT_EQ(tls12.protocol, "TLSv1.2");
}

TEST_F(MutualTlsTest, DirectlyTrustedCertificateIsAcceptedWithoutItsCa) {
  // ITI-19 trust model 2: pinned.partner.test is in the server's bundle,
  // its CA ("rogue") is not.
  http::HttpClient client(Url(), ClientWith(pki_->pinned_client));
  auto r = client.Get("/whoami");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NE(r->body.find("cn=pinned.partner.test\n"), std::string::npos) << r->body;
}

TEST_F(MutualTlsTest, ClientRefusesAServerItDoesNotTrust) {
  http::HttpClientOptions o = ClientWith(pki_->client);
  o.tls->ca_file = pki_->rogue_ca.certificate;
  auto r = http::HttpClient(Url(), o).Get("/whoami");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable) << r.status().ToString();
}

TEST_F(MutualTlsTest, ServerNameIsCheckedOnlyWithTheFqdnOption) {
  http::HttpClientOptions o = ClientWith(pki_->client);
  o.tls->verify_server_name = true;
  auto by_ip = http::HttpClient(Url(), o).Get("/whoami");  // the certificate names IP 127.0.0.1
  EXPECT_TRUE(by_ip.ok()) << by_ip.status().ToString();
  auto by_name = http::HttpClient("https://localhost:" + std::to_string(port_), o).Get("/whoami");
  EXPECT_TRUE(by_name.ok()) << by_name.status().ToString();

  Start(true, &pki_->unnamed_server);  // trusted, but names no host
  auto checked = http::HttpClient(Url(), o).Get("/whoami");
  EXPECT_FALSE(checked.ok());
  o.tls->verify_server_name = false;
  auto unchecked = http::HttpClient(Url(), o).Get("/whoami");
  EXPECT_TRUE(unchecked.ok()) << unchecked.status().ToString();
}

TEST_F(MutualTlsTest, OptionalClientCertificateServesAnonymousButRefusesBadOnes) {
  Start(/*require_client_certificate=*/false);
  http::HttpClientOptions anonymous;
  anonymous.tls = Tls(pki_->ca.certificate, "", "");
  auto r = http::HttpClient(Url(), anonymous).Get("/whoami");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body, "anonymous");
  ProbeResult expired = ProbeHttps(port_, ProbeWith(pki_->expired_client));
  EXPECT_FALSE(expired.served);
  EXPECT_EQ(expired.error, "sslv3 alert certificate expired");
}

TEST_F(MutualTlsTest, UnusableSettingsFailAtStart) {
  http::HttpServerOptions options;
  options.tls = Tls(pki_->ca.certificate, pki_->server.certificate, pki_->client.private_key);
  http::HttpServer mismatched(options);
  auto port = mismatched.Start("127.0.0.1", 0);
  ASSERT_FALSE(port.ok());
  EXPECT_NE(port.status().message().find("does not match the certificate"), std::string::npos)
      << port.status().ToString();
  options.tls->certificate_file = pki_->pki.dir() + "/missing.pem";
  http::HttpServer missing(options);
  EXPECT_FALSE(missing.Start("127.0.0.1", 0).ok());
}

TEST_F(MutualTlsTest, PlainHttpClientGetsNoAnswerFromTheTlsPort) {
  auto r = http::HttpClient("http://127.0.0.1:" + std::to_string(port_)).Get("/whoami");
  EXPECT_FALSE(r.ok() && r->status == 200);
}

}  // namespace
}  // namespace xds::testing

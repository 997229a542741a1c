// Every SOAP transaction a node answers is audited from one hook: a real
// registry on an HTTPS server whose auditor sends to a real rsyslogd. The
// test makes ITI-42 and ITI-18 requests over mutual TLS and a handshake
// with an expired certificate, then reads what the Audit Record Repository
// received: an Import for the registration, a Query naming the patient and
// the stored query, a Security Alert for the refused node.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "registry/registry_actor.h"
#include "tests/security/rsyslog_receiver.h"
#include "tests/security/test_pki.h"
#include "tests/security/tls_probe.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/audit/syslog_audit_sink.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/base/base64.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_document.h"

namespace xds::testing {
namespace {

constexpr auto kWait = std::chrono::seconds(10);

xml::XmlElement Find(const xml::XmlElement& root, std::string_view local) {
  for (xml::XmlElement c = root.FirstChildElement(); c; c = c.NextSiblingElement()) {
    if (c.LocalName() == local) return c;
    if (xml::XmlElement deeper = Find(c, local)) return deeper;
  }
  return {};
}

class TransactionAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    PemFiles arr = pki_.Issue("region", "arr.region.test");
    registry_identity_ = pki_.Issue("region", "registry.region.test");
    consumer_ = pki_.Issue("region", "consumer.chsud.test");
    expired_ = pki_.Issue("region", "expired.chsud.test", {}, -10 * 86400, -86400);
    receiver_ = std::make_unique<RsyslogReceiver>(ca_.certificate, arr.certificate, arr.private_key);
    receiver_->Start();

    audit::SyslogSinkOptions sink;
    sink.port = receiver_->tls_port();
    sink.tls = Tls(registry_identity_);
    sink.spool_directory = dir_.File("audit-spool");
    sink.header.app_name = "xds-registry";
    auto started = audit::SyslogAuditSink::Start(sink);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    sink_ = std::move(*started);

    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = Tls(registry_identity_);
    options.on_tls_refusal = [this](const http::TlsRefusal& r) { auditor_->TlsRefused(r); };
    server_ = std::make_unique<http::HttpServer>(options);
    auditor_ = std::make_unique<audit::TransactionAuditor>(*sink_, audit::AuditSource{"xds-registry@test", "1.2.250.1"},
                                                           "https://127.0.0.1");
    server_->set_auditor(auditor_.get());
    auto config = Config::Parse("[registry]\ndatabase = \"" + dir_.File("registry.db") +
                                "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" + XDS_SCHEMA_DIR + "\"\n");
    ASSERT_TRUE(config.ok());
    auto actor = registry::RegistryActor::Start(*config, *server_);
    ASSERT_TRUE(actor.ok()) << actor.status().ToString();
    registry_ = std::move(*actor);
    ASSERT_TRUE(registry_->store().AddOrUpdatePatient({kPatientA, "TEST", "Patient", "19700101", "F"}).ok());
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
  }

  void TearDown() override {
    server_->Stop();
    registry_.reset();
  }

  http::TlsSettings Tls(const PemFiles& identity) const {
    http::TlsSettings t;
    t.ca_file = ca_.certificate;
    t.certificate_file = identity.certificate;
    t.private_key_file = identity.private_key;
    return t;
  }

  std::string Url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/xds/registry"; }

  TestPki pki_;
  TempDir dir_;
  PemFiles ca_, registry_identity_, consumer_, expired_;
  std::unique_ptr<RsyslogReceiver> receiver_;
  std::unique_ptr<audit::SyslogAuditSink> sink_;
  std::unique_ptr<audit::TransactionAuditor> auditor_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<registry::RegistryActor> registry_;
  int port_ = 0;
};

TEST_F(TransactionAuditTest, RegisterQueryAndRefusedHandshakeAreAudited) {
  soap::SoapClientOptions options;
  options.http.tls = Tls(consumer_);
  soap::SoapClient client(Url(), options);
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  auto registered = Register(client, b);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  ASSERT_TRUE(registered->success());
  auto found = Query(client, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ProbeResult refused = ProbeHttps(port_, {ca_.certificate, expired_.certificate, expired_.private_key});
  ASSERT_FALSE(refused.served);

  EXPECT_TRUE(sink_->WaitDelivered(kWait));
  auto records = receiver_->WaitFor(3, kWait);
  ASSERT_EQ(records.size(), 3u);

  auto import = xml::XmlDocument::Parse(records[0].msg);
  ASSERT_TRUE(import.ok()) << records[0].msg;
  xml::XmlElement event = Find(import->Root(), "EventIdentification");
  EXPECT_EQ(Find(event, "EventID").Attr("csd-code"), "110107");
  EXPECT_EQ(event.Attr("EventActionCode"), "C");
  EXPECT_EQ(event.Attr("EventOutcomeIndicator"), "0");
  EXPECT_EQ(Find(event, "EventTypeCode").Attr("csd-code"), "ITI-42");
  xml::XmlElement source = Find(import->Root(), "ActiveParticipant");
  EXPECT_EQ(source.Attr("UserName"), "CN=consumer.chsud.test,O=XDS Test Region");
  EXPECT_EQ(source.Attr("NetworkAccessPointID"), "127.0.0.1");
  auto objects = import->Root().Children("", "ParticipantObjectIdentification");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].Attr("ParticipantObjectID"), kPatientA);
  EXPECT_EQ(objects[1].Attr("ParticipantObjectTypeCodeRole"), "20");
  EXPECT_FALSE(objects[1].Attr("ParticipantObjectID").empty());

  auto query = xml::XmlDocument::Parse(records[1].msg);
  ASSERT_TRUE(query.ok()) << records[1].msg;
  EXPECT_EQ(Find(query->Root(), "EventID").Attr("csd-code"), "110112");
  EXPECT_EQ(Find(query->Root(), "EventTypeCode").Attr("csd-code"), "ITI-18");
  auto query_objects = query->Root().Children("", "ParticipantObjectIdentification");
  ASSERT_EQ(query_objects.size(), 2u);
  EXPECT_EQ(query_objects[0].Attr("ParticipantObjectID"), kPatientA);
  EXPECT_EQ(query_objects[1].Attr("ParticipantObjectID"), "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d");
  auto request = Base64Decode(Find(query_objects[1], "ParticipantObjectQuery").Text());
  ASSERT_TRUE(request.ok());
  EXPECT_NE(request->find("AdhocQueryRequest"), std::string::npos);

  auto alert = xml::XmlDocument::Parse(records[2].msg);
  ASSERT_TRUE(alert.ok()) << records[2].msg;
  EXPECT_EQ(Find(alert->Root(), "EventID").Attr("csd-code"), "110113");
  EXPECT_EQ(Find(alert->Root(), "EventTypeCode").Attr("csd-code"), "110126");
  EXPECT_NE(Find(alert->Root(), "EventOutcomeDescription").Text().find("certificate has expired"), std::string::npos);
  EXPECT_EQ(Find(alert->Root(), "ActiveParticipant").Attr("UserName"), "CN=expired.chsud.test,O=XDS Test Region");
}

TEST_F(TransactionAuditTest, FailedRegistrationIsAuditedAsAFailure) {
  soap::SoapClientOptions options;
  options.http.tls = Tls(consumer_);
  soap::SoapClient client(Url(), options);
  SubmissionBuilder b("UNKNOWN^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  b.AddDocument("Doc01");
  auto registered = Register(client, b);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  ASSERT_FALSE(registered->success());
  auto records = receiver_->WaitFor(1, kWait);
  ASSERT_EQ(records.size(), 1u);
  auto import = xml::XmlDocument::Parse(records[0].msg);
  ASSERT_TRUE(import.ok());
  EXPECT_EQ(Find(import->Root(), "EventIdentification").Attr("EventOutcomeIndicator"), "8");
}

}  // namespace
}  // namespace xds::testing

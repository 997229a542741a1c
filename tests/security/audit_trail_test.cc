// ATNA ITI-20 audit trail: the DICOM audit messages built for each
// transaction, their delivery over syslog to a real Audit Record Repository
// (rsyslogd started by the test: TLS with client certificates per RFC 5425,
// UDP per RFC 5426), and the spool that keeps every record, in order and
// once, through an outage of the repository and a restart of the sender.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/security/rsyslog_receiver.h"
#include "tests/security/test_pki.h"
#include "wire/audit/audit_events.h"
#include "wire/audit/syslog_audit_sink.h"
#include "wire/base/base64.h"
#include "wire/xml/xml_document.h"

namespace xds::testing {
namespace {

using audit::Outcome;
using audit::Transaction;

constexpr auto kWait = std::chrono::seconds(10);

// The first child element named `local` (any depth), or a null element.
xml::XmlElement Find(const xml::XmlElement& root, std::string_view local) {
  for (xml::XmlElement c = root.FirstChildElement(); c; c = c.NextSiblingElement()) {
    if (c.LocalName() == local) return c;
    if (xml::XmlElement deeper = Find(c, local)) return deeper;
  }
  return {};
}

std::vector<std::string> ChildNames(const xml::XmlElement& e) {
  std::vector<std::string> out;
  for (xml::XmlElement c = e.FirstChildElement(); c; c = c.NextSiblingElement()) out.emplace_back(c.LocalName());
  return out;
}

audit::TransactionFacts Facts(Transaction t) {
  audit::TransactionFacts f;
  f.transaction = t;
  f.side = audit::Side::kDestination;
  f.source = {"http://www.w3.org/2005/08/addressing/anonymous", "", "CN=consumer.chsud.test,O=Region", "10.1.2.3"};
  f.destination = {"https://registry.region.test/xds/registry", "4711", "", "registry.region.test"};
  return f;
}

audit::AuditSource Source() { return {"xds-node@test", "1.2.250.1.999"}; }

TEST(AuditMessageTest, StoredQueryRecordFollowsTheDicomSchemaOrderAndCodes) {
  audit::TransactionFacts f = Facts(Transaction::kIti18);
  f.patient_ids = {"PAT-A^^^&1.3.6.1.4.1.21367.13.20.1000&ISO"};
  f.query_id = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
  f.query_request = "<query:AdhocQueryRequest/>";
  auto records = audit::TransactionRecords(f, Source());
  ASSERT_EQ(records.size(), 1u);
  auto doc = xml::XmlDocument::Parse(audit::ToXml(records[0]));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  xml::XmlElement root = doc->Root();
  EXPECT_EQ(root.LocalName(), "AuditMessage");
  EXPECT_EQ(root.NamespaceUri(), "");
  std::vector<std::string> expected = {"EventIdentification", "ActiveParticipant", "ActiveParticipant",
                                       "AuditSourceIdentification", "ParticipantObjectIdentification",
                                       "ParticipantObjectIdentification"};
  EXPECT_EQ(ChildNames(root), expected);
  xml::XmlElement event = Find(root, "EventIdentification");
  EXPECT_EQ(event.Attr("EventActionCode"), "E");
  EXPECT_EQ(event.Attr("EventOutcomeIndicator"), "0");
  EXPECT_EQ(event.Attr("EventDateTime").back(), 'Z');
  EXPECT_EQ(Find(event, "EventID").Attr("csd-code"), "110112");
  EXPECT_EQ(Find(event, "EventID").Attr("codeSystemName"), "DCM");
  EXPECT_EQ(Find(event, "EventTypeCode").Attr("csd-code"), "ITI-18");
  EXPECT_EQ(Find(event, "EventTypeCode").Attr("codeSystemName"), "IHE Transactions");
  EXPECT_EQ(Find(event, "EventTypeCode").Attr("originalText"), "Registry Stored Query");

  auto participants = root.Children("", "ActiveParticipant");
  ASSERT_EQ(participants.size(), 2u);
  EXPECT_EQ(participants[0].Attr("UserIsRequestor"), "true");
  EXPECT_EQ(participants[0].Attr("UserName"), "CN=consumer.chsud.test,O=Region");
  EXPECT_EQ(participants[0].Attr("NetworkAccessPointTypeCode"), "2");
  EXPECT_EQ(Find(participants[0], "RoleIDCode").Attr("csd-code"), "110153");
  EXPECT_EQ(participants[1].Attr("UserID"), "https://registry.region.test/xds/registry");
  EXPECT_EQ(participants[1].Attr("AlternativeUserID"), "4711");
  EXPECT_EQ(participants[1].Attr("UserIsRequestor"), "false");
  EXPECT_EQ(participants[1].Attr("NetworkAccessPointTypeCode"), "1");
  EXPECT_EQ(Find(participants[1], "RoleIDCode").Attr("csd-code"), "110152");
  EXPECT_EQ(Find(root, "AuditSourceIdentification").Attr("AuditSourceID"), "xds-node@test");

  auto objects = root.Children("", "ParticipantObjectIdentification");
  ASSERT_EQ(objects.size(), 2u);
  EXPECT_EQ(objects[0].Attr("ParticipantObjectID"), "PAT-A^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  EXPECT_EQ(objects[0].Attr("ParticipantObjectTypeCode"), "1");
  EXPECT_EQ(objects[0].Attr("ParticipantObjectTypeCodeRole"), "1");
  EXPECT_EQ(objects[1].Attr("ParticipantObjectTypeCodeRole"), "24");
  EXPECT_EQ(Find(objects[1], "ParticipantObjectIDTypeCode").Attr("csd-code"), "ITI-18");
  auto query = Base64Decode(Find(objects[1], "ParticipantObjectQuery").Text());
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(*query, "<query:AdhocQueryRequest/>");
  xml::XmlElement encoding = Find(objects[1], "ParticipantObjectDetail");
  EXPECT_EQ(encoding.Attr("type"), "QueryEncoding");
  EXPECT_EQ(*Base64Decode(encoding.Attr("value")), "UTF-8");
}

TEST(AuditMessageTest, EachTransactionGetsItsEventIdActionAndType) {
  struct Case {
    Transaction t;
    audit::Side side;
    std::string event_id, action, type;
  };
  std::vector<Case> cases = {
      {Transaction::kIti8, audit::Side::kDestination, "110110", "C", "ITI-8"},
      {Transaction::kIti41, audit::Side::kDestination, "110107", "C", "ITI-41"},
      {Transaction::kIti41, audit::Side::kSource, "110106", "R", "ITI-41"},
      {Transaction::kIti42, audit::Side::kDestination, "110107", "C", "ITI-42"},
      {Transaction::kIti42, audit::Side::kSource, "110106", "R", "ITI-42"},
      {Transaction::kIti43, audit::Side::kDestination, "110106", "R", "ITI-43"},
      {Transaction::kIti43, audit::Side::kSource, "110107", "C", "ITI-43"},
      {Transaction::kRad68, audit::Side::kSource, "110106", "R", "RAD-68"},
      {Transaction::kRad69, audit::Side::kDestination, "110104", "R", "RAD-69"},
      {Transaction::kRad55, audit::Side::kDestination, "110104", "R", "RAD-55"},
      {Transaction::kRad107, audit::Side::kDestination, "110104", "R", "RAD-107"},
  };
  for (const Case& c : cases) {
    audit::TransactionFacts f = Facts(c.t);
    f.side = c.side;
    auto doc = xml::XmlDocument::Parse(audit::ToXml(audit::TransactionRecords(f, Source())[0]));
    ASSERT_TRUE(doc.ok()) << c.type;
    xml::XmlElement event = Find(doc->Root(), "EventIdentification");
    EXPECT_EQ(Find(event, "EventID").Attr("csd-code"), c.event_id) << c.type;
    EXPECT_EQ(event.Attr("EventActionCode"), c.action) << c.type;
    EXPECT_EQ(Find(event, "EventTypeCode").Attr("csd-code"), c.type) << c.type;
  }
}

TEST(AuditMessageTest, SubmissionDocumentsAndStudiesBecomeParticipantObjects) {
  audit::TransactionFacts f = Facts(Transaction::kIti41);
  f.patient_ids = {"PAT-A^^^&1.2.3&ISO", "PAT-B^^^&1.2.3&ISO"};
  f.submission_set_unique_id = "1.2.3.4.5";
  f.documents = {{"1.2.3.4.6", "1.3.6.1.4.1.21367.2017.3.1", "urn:oid:1.2.3"}};
  f.study_uids = {"1.2.840.99.1"};
  f.outcome = Outcome::kSeriousFailure;
  f.outcome_description = "XDSRegistryNotAvailable";
  auto records = audit::TransactionRecords(f, Source());
  ASSERT_EQ(records.size(), 2u) << "one record per patient";
  auto doc = xml::XmlDocument::Parse(audit::ToXml(records[1]));
  ASSERT_TRUE(doc.ok());
  xml::XmlElement root = doc->Root();
  EXPECT_EQ(Find(root, "EventIdentification").Attr("EventOutcomeIndicator"), "8");
  EXPECT_EQ(Find(root, "EventOutcomeDescription").Text(), "XDSRegistryNotAvailable");
  auto objects = root.Children("", "ParticipantObjectIdentification");
  ASSERT_EQ(objects.size(), 4u);
  EXPECT_EQ(objects[0].Attr("ParticipantObjectID"), "PAT-B^^^&1.2.3&ISO");
  EXPECT_EQ(objects[1].Attr("ParticipantObjectID"), "1.2.3.4.5");
  EXPECT_EQ(objects[1].Attr("ParticipantObjectTypeCodeRole"), "20");
  EXPECT_EQ(Find(objects[1], "ParticipantObjectIDTypeCode").Attr("csd-code"),
            "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd");
  EXPECT_EQ(objects[2].Attr("ParticipantObjectID"), "1.2.3.4.6");
  xml::XmlElement repository = Find(objects[2], "ParticipantObjectDetail");
  EXPECT_EQ(repository.Attr("type"), "Repository Unique Id");
  EXPECT_EQ(*Base64Decode(repository.Attr("value")), "1.3.6.1.4.1.21367.2017.3.1");
  EXPECT_EQ(objects[3].Attr("ParticipantObjectID"), "1.2.840.99.1");
  EXPECT_EQ(Find(objects[3], "ParticipantObjectIDTypeCode").Attr("csd-code"), "110180");
}

TEST(AuditMessageTest, SecurityAlertNamesTheRefusedNode) {
  auto doc = xml::XmlDocument::Parse(audit::ToXml(audit::SecurityAlert(
      audit::AlertKind::kNodeAuthentication, {"CN=intruder", "", "CN=intruder", "10.9.9.9"},
      {"https://registry.region.test", "4711", "", "registry.region.test"}, "certificate has expired", Source())));
  ASSERT_TRUE(doc.ok());
  xml::XmlElement event = Find(doc->Root(), "EventIdentification");
  EXPECT_EQ(Find(event, "EventID").Attr("csd-code"), "110113");
  EXPECT_EQ(Find(event, "EventTypeCode").Attr("csd-code"), "110126");
  EXPECT_EQ(event.Attr("EventOutcomeIndicator"), "8");
  EXPECT_EQ(Find(event, "EventOutcomeDescription").Text(), "certificate has expired");
  EXPECT_EQ(Find(doc->Root(), "ActiveParticipant").Attr("NetworkAccessPointID"), "10.9.9.9");
}

// A numbered record, so that order and uniqueness can be checked at the
// receiver.
audit::AuditMessage Numbered(int n) {
  audit::TransactionFacts f = Facts(Transaction::kIti18);
  f.query_id = "urn:uuid:query-" + std::to_string(n);
  return audit::TransactionRecords(f, Source())[0];
}

std::string QueryIdOf(const ReceivedRecord& r) {
  auto doc = xml::XmlDocument::Parse(r.msg);
  if (!doc.ok()) return "unparsable: " + doc.status().ToString();
  auto objects = doc->Root().Children("", "ParticipantObjectIdentification");
  return objects.empty() ? "" : objects.back().Attr("ParticipantObjectID");
}

class AuditDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    arr_ = pki_.Issue("region", "arr.region.test", {"IP:127.0.0.1"});
    node_ = pki_.Issue("region", "registry.region.test");
    receiver_ = std::make_unique<RsyslogReceiver>(ca_.certificate, arr_.certificate, arr_.private_key);
    receiver_->Start();
  }

  audit::SyslogSinkOptions Options(audit::SyslogTransport transport) const {
    audit::SyslogSinkOptions o;
    o.transport = transport;
    o.port = transport == audit::SyslogTransport::kUdp ? receiver_->udp_port() : receiver_->tls_port();
    http::TlsSettings tls;
    tls.ca_file = ca_.certificate;
    tls.certificate_file = node_.certificate;
    tls.private_key_file = node_.private_key;
    o.tls = tls;
    o.spool_directory = spool_.path();
    o.header.app_name = "xds-registry";
    o.retry_interval = std::chrono::milliseconds(100);
    return o;
  }

  TestPki pki_;
  TempDir spool_;
  PemFiles ca_, arr_, node_;
  std::unique_ptr<RsyslogReceiver> receiver_;
};

TEST_F(AuditDeliveryTest, RecordsArriveOverMutualTlsWellFormed) {
  auto sink = audit::SyslogAuditSink::Start(Options(audit::SyslogTransport::kTls));
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  for (int i = 1; i <= 3; ++i) (*sink)->Record(Numbered(i));
  EXPECT_TRUE((*sink)->WaitDelivered(kWait));
  auto records = receiver_->WaitFor(3, kWait);
  ASSERT_EQ(records.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].app_name, "xds-registry");
    EXPECT_EQ(records[i].msg_id, "IHE+RFC-3881");
    EXPECT_EQ(records[i].pri, "85");
    EXPECT_EQ(records[i].proc_id, std::to_string(getpid()));
    EXPECT_EQ(QueryIdOf(records[i]), "urn:uuid:query-" + std::to_string(i + 1));
  }
  EXPECT_EQ((*sink)->Pending(), 0u);
}

TEST_F(AuditDeliveryTest, RecordsArriveOverUdp) {
  auto sink = audit::SyslogAuditSink::Start(Options(audit::SyslogTransport::kUdp));
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  (*sink)->Record(Numbered(1));
  (*sink)->Record(Numbered(2));
  EXPECT_TRUE((*sink)->WaitDelivered(kWait));
  auto records = receiver_->WaitFor(2, kWait);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(QueryIdOf(records[0]), "urn:uuid:query-1");
  EXPECT_EQ(QueryIdOf(records[1]), "urn:uuid:query-2");
  EXPECT_EQ(records[1].msg_id, "IHE+RFC-3881");
}

TEST_F(AuditDeliveryTest, OutageLosesNothingAndKeepsOrder) {
  auto sink = audit::SyslogAuditSink::Start(Options(audit::SyslogTransport::kTls));
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  (*sink)->Record(Numbered(1));
  ASSERT_EQ(receiver_->WaitFor(1, kWait).size(), 1u);  // a live connection exists

  receiver_->Stop();
  for (int i = 2; i <= 6; ++i) (*sink)->Record(Numbered(i));
  EXPECT_FALSE((*sink)->WaitDelivered(std::chrono::milliseconds(500)));
  EXPECT_EQ((*sink)->Pending(), 5u);
  size_t spooled = std::distance(std::filesystem::directory_iterator(spool_.path()), {});
  EXPECT_EQ(spooled, 5u);

  receiver_->Start();
  (*sink)->Wake();
  EXPECT_TRUE((*sink)->WaitDelivered(kWait));
  auto records = receiver_->WaitFor(6, kWait);
  ASSERT_EQ(records.size(), 6u);
  for (int i = 0; i < 6; ++i) {
    EXPECT_EQ(QueryIdOf(records[i]), "urn:uuid:query-" + std::to_string(i + 1));
  }
  EXPECT_EQ(receiver_->WaitFor(7, std::chrono::milliseconds(300)).size(), 6u) << "each record once";
}

TEST_F(AuditDeliveryTest, SpooledRecordsSurviveARestartOfTheSender) {
  receiver_->Stop();
  {
    auto sink = audit::SyslogAuditSink::Start(Options(audit::SyslogTransport::kTls));
    ASSERT_TRUE(sink.ok()) << sink.status().ToString();
    for (int i = 1; i <= 3; ++i) (*sink)->Record(Numbered(i));
    EXPECT_FALSE((*sink)->WaitDelivered(std::chrono::milliseconds(300)));
  }
  receiver_->Start();
  auto sink = audit::SyslogAuditSink::Start(Options(audit::SyslogTransport::kTls));
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  (*sink)->Record(Numbered(4));
  EXPECT_TRUE((*sink)->WaitDelivered(kWait));
  auto records = receiver_->WaitFor(4, kWait);
  ASSERT_EQ(records.size(), 4u);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(QueryIdOf(records[i]), "urn:uuid:query-" + std::to_string(i + 1));
  }
}

TEST_F(AuditDeliveryTest, RepositoryRefusesASenderWithoutATrustedCertificate) {
  audit::SyslogSinkOptions o = Options(audit::SyslogTransport::kTls);
  pki_.MakeCa("rogue");
  PemFiles rogue = pki_.Issue("rogue", "intruder.test");
  o.tls->certificate_file = rogue.certificate;
  o.tls->private_key_file = rogue.private_key;
  auto sink = audit::SyslogAuditSink::Start(o);
  ASSERT_TRUE(sink.ok()) << sink.status().ToString();
  (*sink)->Record(Numbered(1));
  EXPECT_FALSE((*sink)->WaitDelivered(std::chrono::milliseconds(500)));
  EXPECT_TRUE(receiver_->Records().empty());
  EXPECT_EQ((*sink)->Pending(), 1u) << "kept for when the configuration is fixed";
}

}  // namespace
}  // namespace xds::testing

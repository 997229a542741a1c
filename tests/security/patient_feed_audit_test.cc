// The Patient Identity Feed (ITI-8) received over MLLP is audited (ITI-20,
// ITI TF-2 3.8.5.1): a real registry on a node whose auditor sends to a
// real rsyslogd, fed ADT messages over a real MLLP connection. Each record
// is a Patient Record event (110110) whose action says what happened to the
// patient (C created, U updated, D merged away), naming the sender
// (MSH-3|MSH-4), the patient and the message control id (MSH-10).
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "registry/registry_actor.h"
#include "tests/registry/patient/mllp_test_client.h"
#include "tests/security/audit_trail_fixture.h"
#include "wire/base/base64.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"

namespace xds::testing {
namespace {

constexpr char kDomain[] = "1.3.6.1.4.1.21367.13.20.1000";

std::string Msh(const std::string& type, const std::string& control_id) {
  return "MSH|^~\\&|PIX_SOURCE|HOSPITAL|XDS_REGISTRY|REGION|20240102030405||" + type + "|" + control_id +
         "|P|2.5\r";
}

std::string Cx(const std::string& id) { return id + "^^^&" + std::string(kDomain) + "&ISO"; }

std::string Adt(const std::string& trigger, const std::string& control_id, const std::string& id) {
  return Msh("ADT^" + trigger + "^ADT_A01", control_id) + "EVN|" + trigger + "|20240102030405\r" + "PID|||" + Cx(id) +
         "||DOE^JOHN||19800101|M\r" + "PV1||O\r";
}

std::string A40(const std::string& control_id, const std::string& surviving, const std::string& subsumed) {
  return Msh("ADT^A40^ADT_A39", control_id) + "EVN|A40|20240102030405\r" + "PID|||" + Cx(surviving) +
         "||DOE^JOHN\r" + "MRG|" + Cx(subsumed) + "\r";
}

class PatientFeedAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(trail_.Start().ok());
    auto config = Config::Parse("[registry]\ndatabase = \"" + dir_.File("registry.db") +
                                "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" + XDS_SCHEMA_DIR +
                                "\"\n");
    ASSERT_TRUE(config.ok());
    server_.set_auditor(trail_.auditor());
    auto actor = registry::RegistryActor::Start(*config, server_);
    ASSERT_TRUE(actor.ok()) << actor.status().ToString();
    registry_ = std::move(*actor);
  }

  // Sends one message on its own connection; the ACK's MSA-1.
  std::string Send(const std::string& message) {
    registry::MllpTestClient client(static_cast<uint16_t>(registry_->mllp_port()));
    EXPECT_TRUE(client.connected());
    EXPECT_TRUE(client.Send(message));
    auto ack = client.Receive();
    if (!ack) return {};
    size_t msa = ack->find("MSA|");
    return msa == std::string::npos ? std::string() : ack->substr(msa + 4, 2);
  }

  AuditTrailFixture trail_{"registry.region.test"};
  TempDir dir_;
  http::HttpServer server_;
  std::unique_ptr<registry::RegistryActor> registry_;
};

TEST_F(PatientFeedAuditTest, AdmitUpdateAndMergeAreAuditedWithTheirAction) {
  ASSERT_EQ(Send(Adt("A04", "MSG-1", "P1")), "AA");
  ASSERT_EQ(Send(Adt("A08", "MSG-2", "P1")), "AA");
  ASSERT_EQ(Send(Adt("A01", "MSG-3", "P2")), "AA");
  ASSERT_EQ(Send(A40("MSG-4", "P1", "P2")), "AA");

  auto records = trail_.WaitFor(5);
  ASSERT_EQ(records.size(), 5u);
  auto find = [&](const std::string& patient, const std::string& action) {
    return std::find_if(records.begin(), records.end(), [&](const AuditRecord& r) {
      return r.action == action && r.ObjectIds("2") == std::vector<std::string>{Cx(patient)};
    });
  };
  auto admitted = find("P1", "C");
  ASSERT_NE(admitted, records.end());
  EXPECT_EQ(admitted->event_id, "110110");
  EXPECT_EQ(admitted->event_type, "ITI-8");
  EXPECT_EQ(admitted->outcome, "0");
  xml::XmlElement patient = admitted->Objects().front();
  xml::XmlElement detail = FindElement(patient, "ParticipantObjectDetail");
  EXPECT_EQ(detail.Attr("type"), "MSH-10");
  auto control_id = Base64Decode(detail.Attr("value"));
  ASSERT_TRUE(control_id.ok());
  EXPECT_EQ(*control_id, "MSG-1");
  EXPECT_EQ(admitted->Participant("110153").Attr("UserID"), "PIX_SOURCE|HOSPITAL");
  EXPECT_EQ(admitted->Participant("110153").Attr("NetworkAccessPointID"), "127.0.0.1");
  EXPECT_EQ(admitted->Participant("110152").Attr("UserID"), "XDS_REGISTRY|REGION");

  // A08 updates P1; A40 updates the survivor P1 and deletes (merges away) P2.
  EXPECT_NE(find("P2", "C"), records.end());
  EXPECT_NE(find("P2", "D"), records.end());
  EXPECT_EQ(std::count_if(records.begin(), records.end(),
                          [&](const AuditRecord& r) {
                            return r.action == "U" && r.ObjectIds("2") == std::vector<std::string>{Cx("P1")};
                          }),
            2);
}

TEST_F(PatientFeedAuditTest, RefusedMessageIsAuditedAsAFailure) {
  // A merge of a patient the registry never heard of: AE.
  ASSERT_EQ(Send(Adt("A04", "MSG-10", "P3")), "AA");
  ASSERT_EQ(Send(A40("MSG-11", "P3", "NOBODY")), "AE");
  auto records = trail_.WaitFor(2);
  ASSERT_EQ(records.size(), 2u);
  auto failed = std::find_if(records.begin(), records.end(), [](const AuditRecord& r) { return r.outcome == "8"; });
  ASSERT_NE(failed, records.end());
  EXPECT_EQ(failed->event_id, "110110");
  EXPECT_NE(failed->outcome_description.find("AE"), std::string::npos) << failed->outcome_description;
  EXPECT_EQ(failed->ObjectIds("2"), std::vector<std::string>{Cx("P3")});
}

}  // namespace
}  // namespace xds::testing

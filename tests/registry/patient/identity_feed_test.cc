// ITI-8 end to end: HL7 messages go through a real MLLP socket to an
// IdentityFeed over an InMemoryPatientRegistry, and the ACKs come back.
#include "registry/patient/identity_feed.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "registry/patient/hl7_message.h"
#include "registry/patient/mllp_server.h"
#include "tests/registry/patient/in_memory_patient_registry.h"
#include "tests/registry/patient/mllp_test_client.h"

namespace xds::registry {
namespace {

const std::string kDomain = "1.3.6.1.4.1.21367.2005.3.7";
const std::string kOtherDomain = "1.2.840.99999.1";

std::string Msh(const std::string& type, const std::string& control_id, const std::string& version = "2.5") {
  return "MSH|^~\\&|PIX_SOURCE|HOSPITAL|XDS_REGISTRY^1.2.3&ISO|REGION|20240102030405||" + type + "|" +
         control_id + "|P|" + version + "\r";
}

// A CX in PID-3 form, with a namespace id the registry must drop.
std::string Cx(const std::string& id, const std::string& oid = kDomain) {
  return id + "^^^IHEFACILITY&" + oid + "&ISO";
}

std::string XdsId(const std::string& id, const std::string& oid = kDomain) { return id + "^^^&" + oid + "&ISO"; }

std::string Adt(const std::string& trigger, const std::string& control_id, const std::string& pid3,
                const std::string& name = "DOE^JOHN") {
  return Msh("ADT^" + trigger + "^ADT_A01", control_id) + "EVN|" + trigger + "|20240102030405\r" + "PID|||" +
         pid3 + "||" + name + "||19800101|M\r" + "PV1||O\r";
}

std::string A40(const std::string& control_id, const std::string& surviving, const std::string& subsumed) {
  return Msh("ADT^A40^ADT_A39", control_id) + "EVN|A40|20240102030405\r" + "PID|||" + surviving +
         "||DOE^JOHN\r" + "MRG|" + subsumed + "\r";
}

Hl7Message ParseAck(const std::string& text) {
  Result<Hl7Message> ack = Hl7Message::Parse(text);
  if (!ack.ok()) {
    ADD_FAILURE() << "unparsable ACK: " << ack.status().ToString() << "\n" << text;
    return std::move(Hl7Message::Parse("MSH|^~\\&|").value());
  }
  return std::move(ack).value();
}

class IdentityFeedTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(server_.Start().ok()); }

  // Sends one message on a fresh connection and returns the parsed ACK.
  Hl7Message Send(const std::string& message) {
    MllpTestClient client(server_.port());
    EXPECT_TRUE(client.connected());
    std::optional<std::string> ack = client.Call(message);
    EXPECT_TRUE(ack.has_value()) << "no ACK";
    return ParseAck(ack.value_or(""));
  }

  bool Known(const std::string& patient_id) {
    Result<bool> known = registry_.IsKnownPatient(patient_id);
    EXPECT_TRUE(known.ok());
    return known.ok() && *known;
  }

  InMemoryPatientRegistry registry_;
  IdentityFeed feed_{registry_, IdentityFeedOptions{{kDomain}}};
  MllpServer server_{MllpServerOptions{}, [this](std::string_view message) { return feed_.Handle(message); }};
};

TEST_F(IdentityFeedTest, A01CreatesPatient) {
  Hl7Message ack = Send(Adt("A01", "CTRL1", Cx("PAT1")));
  EXPECT_EQ(ack.Get("MSA", 1), "AA");
  EXPECT_EQ(ack.Get("MSA", 2), "CTRL1");
  EXPECT_EQ(ack.Find("ERR"), nullptr);
  std::optional<PatientRecord> patient = registry_.Find(XdsId("PAT1"));
  ASSERT_TRUE(patient.has_value());
  EXPECT_EQ(patient->patient_id, "PAT1^^^&" + kDomain + "&ISO");
  EXPECT_EQ(patient->family_name, "DOE");
  EXPECT_EQ(patient->given_name, "JOHN");
  EXPECT_EQ(patient->birth_date, "19800101");
  EXPECT_EQ(patient->sex, "M");
  EXPECT_TRUE(Known(XdsId("PAT1")));
}

TEST_F(IdentityFeedTest, A04AndA05CreatePatients) {
  EXPECT_EQ(Send(Adt("A04", "C4", Cx("OUT1"))).Get("MSA", 1), "AA");
  EXPECT_EQ(Send(Adt("A05", "C5", Cx("PRE1"))).Get("MSA", 1), "AA");
  EXPECT_TRUE(Known(XdsId("OUT1")));
  EXPECT_TRUE(Known(XdsId("PRE1")));
}

TEST_F(IdentityFeedTest, A08UpdatesDemographics) {
  ASSERT_EQ(Send(Adt("A01", "C1", Cx("PAT1"))).Get("MSA", 1), "AA");
  EXPECT_EQ(Send(Adt("A08", "C2", Cx("PAT1"), "SMITH^JANE")).Get("MSA", 1), "AA");
  std::optional<PatientRecord> patient = registry_.Find(XdsId("PAT1"));
  ASSERT_TRUE(patient.has_value());
  EXPECT_EQ(patient->family_name, "SMITH");
  EXPECT_EQ(patient->given_name, "JANE");
  EXPECT_EQ(registry_.ActiveCount(), 1u);
}

TEST_F(IdentityFeedTest, StoresOnlyIdsOfTheAffinityDomain) {
  // ITI TF-2: 3.8.4.1.3: ids of other domains, or not ISO-typed, are ignored.
  std::string pid3 = Cx("LOCAL9", kOtherDomain) + "~" + Cx("PAT1") + "~PAT2^^^&" + kDomain + "&L";
  EXPECT_EQ(Send(Adt("A01", "C1", pid3)).Get("MSA", 1), "AA");
  EXPECT_TRUE(Known(XdsId("PAT1")));
  EXPECT_EQ(registry_.ActiveCount(), 1u);
}

TEST_F(IdentityFeedTest, UnacceptedAssigningAuthorityIsAnError) {
  Hl7Message ack = Send(Adt("A01", "C1", Cx("LOCAL9", kOtherDomain)));
  EXPECT_EQ(ack.Get("MSA", 1), "AE");
  EXPECT_EQ(ack.Get("MSA", 2), "C1");
  EXPECT_NE(ack.Get("MSA", 3).find("assigning authority"), std::string::npos) << ack.Get("MSA", 3);
  EXPECT_EQ(ack.Get("ERR", 2, 1), "PID");
  EXPECT_EQ(ack.Get("ERR", 2, 3), "3");
  EXPECT_EQ(ack.Get("ERR", 3, 1), "204");
  EXPECT_EQ(ack.Get("ERR", 3, 3), "HL70357");
  EXPECT_EQ(ack.Get("ERR", 4), "E");
  EXPECT_EQ(ack.Get("ERR", 8), ack.Get("MSA", 3));
  EXPECT_EQ(ack.Get("ERR", 1, 4, 1), "204");  // v2.3.1 ERR-1
  EXPECT_EQ(registry_.ActiveCount(), 0u);
}

TEST_F(IdentityFeedTest, IdWithDelimitersIsNotStored) {
  Hl7Message ack = Send(Adt("A01", "C1", "A\\S\\B^^^&" + kDomain + "&ISO"));
  EXPECT_EQ(ack.Get("MSA", 1), "AE");
  EXPECT_EQ(registry_.ActiveCount(), 0u);
}

TEST_F(IdentityFeedTest, EmptyAcceptedListTakesAnyIsoOid) {
  IdentityFeed open_feed(registry_, IdentityFeedOptions{});
  Hl7Message ack = ParseAck(open_feed.Handle(Adt("A01", "C1", Cx("X1", kOtherDomain) + "~Y1^^^&not-an-oid&ISO")));
  EXPECT_EQ(ack.Get("MSA", 1), "AA");
  EXPECT_TRUE(Known(XdsId("X1", kOtherDomain)));
  EXPECT_EQ(registry_.ActiveCount(), 1u);
}

TEST_F(IdentityFeedTest, A40MergesPatients) {
  ASSERT_EQ(Send(Adt("A01", "C1", Cx("SURVIVOR"))).Get("MSA", 1), "AA");
  ASSERT_EQ(Send(Adt("A01", "C2", Cx("SUBSUMED"))).Get("MSA", 1), "AA");
  Hl7Message ack = Send(A40("C3", Cx("SURVIVOR"), Cx("SUBSUMED")));
  EXPECT_EQ(ack.Get("MSA", 1), "AA");
  EXPECT_EQ(ack.Get("MSH", 9), "ACK");
  EXPECT_EQ(ack.Get("MSH", 9, 2), "A40");
  EXPECT_TRUE(Known(XdsId("SURVIVOR")));
  EXPECT_FALSE(Known(XdsId("SUBSUMED")));
  EXPECT_EQ(registry_.MergedInto(XdsId("SUBSUMED")), XdsId("SURVIVOR"));
}

TEST_F(IdentityFeedTest, A40WithUnknownSubsumedIsAnError) {
  ASSERT_EQ(Send(Adt("A01", "C1", Cx("SURVIVOR"))).Get("MSA", 1), "AA");
  Hl7Message ack = Send(A40("C2", Cx("SURVIVOR"), Cx("NOBODY")));
  EXPECT_EQ(ack.Get("MSA", 1), "AE");
  EXPECT_EQ(ack.Get("ERR", 2, 1), "MRG");
  EXPECT_EQ(ack.Get("ERR", 3, 1), "204");
  EXPECT_NE(ack.Get("ERR", 8).find("NOBODY"), std::string::npos);
}

TEST_F(IdentityFeedTest, A40AcrossDomainsOrWithoutMrgIsAnError) {
  ASSERT_EQ(Send(Adt("A01", "C1", Cx("SURVIVOR"))).Get("MSA", 1), "AA");
  EXPECT_EQ(Send(A40("C2", Cx("SURVIVOR"), Cx("OTHER", kOtherDomain))).Get("MSA", 1), "AE");
  std::string no_mrg = Msh("ADT^A40^ADT_A39", "C3") + "PID|||" + Cx("SURVIVOR") + "\r";
  Hl7Message ack = Send(no_mrg);
  EXPECT_EQ(ack.Get("MSA", 1), "AE");
  EXPECT_EQ(ack.Get("ERR", 3, 1), "100");
  EXPECT_EQ(Send(A40("C4", Cx("SURVIVOR"), Cx("SURVIVOR"))).Get("MSA", 1), "AE");
  EXPECT_TRUE(Known(XdsId("SURVIVOR")));
}

TEST_F(IdentityFeedTest, UnsupportedTriggerIsRejected) {
  Hl7Message ack = Send(Adt("A03", "C1", Cx("PAT1")));
  EXPECT_EQ(ack.Get("MSA", 1), "AR");
  EXPECT_NE(ack.Get("MSA", 3).find("unsupported message type"), std::string::npos);
  EXPECT_NE(ack.Get("MSA", 3).find("ADT^A03"), std::string::npos);  // escaped on the wire
  EXPECT_EQ(ack.Get("ERR", 3, 1), "201");
  EXPECT_EQ(ack.Get("MSH", 9, 2), "A03");
  EXPECT_EQ(registry_.ActiveCount(), 0u);
}

TEST_F(IdentityFeedTest, UnsupportedMessageTypeIsRejected) {
  Hl7Message ack = Send(Msh("ORM^O01^ORM_O01", "C1") + "PID|||" + Cx("PAT1") + "\r");
  EXPECT_EQ(ack.Get("MSA", 1), "AR");
  EXPECT_NE(ack.Get("ERR", 8).find("unsupported message type"), std::string::npos);
  EXPECT_EQ(ack.Get("ERR", 3, 1), "200");
}

TEST_F(IdentityFeedTest, MalformedMessagesAreRejected) {
  for (const std::string& text : {std::string("PID|||123\r"), std::string("MSH|^~|A|B\r"), std::string("")}) {
    Hl7Message ack = Send(text);
    EXPECT_EQ(ack.Get("MSA", 1), "AR") << text;
    EXPECT_EQ(ack.Get("MSA", 2), "");
    EXPECT_NE(ack.Get("ERR", 8).find("malformed"), std::string::npos);
  }
}

TEST_F(IdentityFeedTest, MissingRequiredMshFieldsAreRejected) {
  Hl7Message no_control_id = Send(Msh("ADT^A01", "") + "PID|||" + Cx("PAT1") + "\r");
  EXPECT_EQ(no_control_id.Get("MSA", 1), "AR");
  EXPECT_EQ(no_control_id.Get("ERR", 3, 1), "101");
  EXPECT_EQ(no_control_id.Get("ERR", 2, 3), "10");
  Hl7Message bad_version = Send(Msh("ADT^A01", "C2", "3.0") + "PID|||" + Cx("PAT1") + "\r");
  EXPECT_EQ(bad_version.Get("MSA", 1), "AR");
  EXPECT_EQ(bad_version.Get("ERR", 3, 1), "203");
  EXPECT_EQ(registry_.ActiveCount(), 0u);
}

TEST_F(IdentityFeedTest, StoreFailureIsAnError) {
  registry_.FailWith(Status::Busy("database is locked"));
  Hl7Message ack = Send(Adt("A01", "C1", Cx("PAT1")));
  EXPECT_EQ(ack.Get("MSA", 1), "AE");
  EXPECT_EQ(ack.Get("ERR", 3, 1), "207");
  EXPECT_NE(ack.Get("ERR", 8).find("database is locked"), std::string::npos);
  registry_.FailWith(Status::Ok());
  EXPECT_EQ(Send(Adt("A01", "C1", Cx("PAT1"))).Get("MSA", 1), "AA");  // the resend converges
}

TEST_F(IdentityFeedTest, AckSwapsSenderAndReceiverAndKeepsVersion) {
  std::string message = Msh("ADT^A01", "C231", "2.3.1") + "PID|||" + Cx("PAT1") + "||DOE^JOHN\r";
  Hl7Message ack = Send(message);
  EXPECT_EQ(ack.Get("MSA", 1), "AA");
  EXPECT_EQ(ack.Find("MSH")->RawField(3), "XDS_REGISTRY^1.2.3&ISO");
  EXPECT_EQ(ack.Get("MSH", 4), "REGION");
  EXPECT_EQ(ack.Get("MSH", 5), "PIX_SOURCE");
  EXPECT_EQ(ack.Get("MSH", 6), "HOSPITAL");
  EXPECT_FALSE(ack.Get("MSH", 7).empty());
  EXPECT_EQ(ack.Find("MSH")->RawField(9), "ACK^A01^ACK");
  EXPECT_FALSE(ack.Get("MSH", 10).empty());
  EXPECT_NE(ack.Get("MSH", 10), "C231");
  EXPECT_LE(ack.Get("MSH", 10).size(), 20u);  // ST(20) in v2.3.1
  EXPECT_EQ(ack.Get("MSH", 11), "P");
  EXPECT_EQ(ack.Get("MSH", 12), "2.3.1");
  EXPECT_EQ(ack.Get("MSA", 2), "C231");
}

TEST_F(IdentityFeedTest, AckControlIdsAreUnique) {
  MllpTestClient client(server_.port());
  std::optional<std::string> first = client.Call(Adt("A01", "C1", Cx("PAT1")));
  std::optional<std::string> second = client.Call(Adt("A08", "C2", Cx("PAT1")));
  ASSERT_TRUE(first && second);
  EXPECT_NE(ParseAck(*first).Get("MSH", 10), ParseAck(*second).Get("MSH", 10));
}

TEST_F(IdentityFeedTest, TwoMessagesOnOneConnection) {
  MllpTestClient client(server_.port());
  ASSERT_TRUE(client.connected());
  std::optional<std::string> created = client.Call(Adt("A01", "C1", Cx("PAT1")));
  std::optional<std::string> updated = client.Call(Adt("A08", "C2", Cx("PAT1"), "ROE^RICHARD"));
  ASSERT_TRUE(created && updated);
  EXPECT_EQ(ParseAck(*created).Get("MSA", 2), "C1");
  EXPECT_EQ(ParseAck(*updated).Get("MSA", 2), "C2");
  EXPECT_EQ(registry_.Find(XdsId("PAT1"))->family_name, "ROE");
}

TEST_F(IdentityFeedTest, CustomDelimitersAreUnderstoodAndEchoed) {
  std::string message = "MSH#$*@%#SRC#FAC#XDS#REG#20240102##ADT$A01#C1#P#2.5\r"
                        "PID###P7$$$NS%" + kDomain + "%ISO##DOE$ANN\r";
  std::optional<std::string> text = MllpTestClient(server_.port()).Call(message);
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->substr(0, 8), "MSH#$*@%");
  Hl7Message ack = ParseAck(*text);
  EXPECT_EQ(ack.Get("MSA", 1), "AA");
  EXPECT_EQ(ack.Get("MSH", 9, 2), "A01");
  EXPECT_EQ(registry_.Find(XdsId("P7"))->given_name, "ANN");
}

TEST_F(IdentityFeedTest, ErrorTextIsEscaped) {
  Hl7Message ack = Send(Msh("ADT^A9\\F\\9", "C1") + "PID|||" + Cx("PAT1") + "\r");
  EXPECT_EQ(ack.segments().size(), 3u);
  EXPECT_EQ(ack.Get("MSA", 1), "AR");
  EXPECT_NE(ack.Get("MSA", 3).find("ADT^A9|9"), std::string::npos) << ack.Get("MSA", 3);
  EXPECT_EQ(ack.Get("MSH", 9, 2), "A9|9");
}

TEST_F(IdentityFeedTest, HandlesManyConcurrentClients) {
  constexpr int kClients = 16;
  constexpr int kMessagesEach = 5;
  std::vector<std::thread> threads;
  std::vector<int> accepted(kClients, 0);
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      MllpTestClient client(server_.port());
      for (int m = 0; m < kMessagesEach; ++m) {
        std::string id = "P" + std::to_string(c) + "_" + std::to_string(m);
        std::optional<std::string> ack = client.Call(Adt("A01", id, Cx(id)));
        if (ack && ack->find("MSA|AA|" + id + "\r") != std::string::npos) ++accepted[c];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int c = 0; c < kClients; ++c) EXPECT_EQ(accepted[c], kMessagesEach) << "client " << c;
  EXPECT_EQ(registry_.ActiveCount(), static_cast<std::size_t>(kClients * kMessagesEach));
}

}  // namespace
}  // namespace xds::registry

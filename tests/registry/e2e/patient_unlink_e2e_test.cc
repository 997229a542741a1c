// Patient link and unlink through the real registry: after an ITI-8 A40
// merge the surviving id finds both patients' documents; after the A37
// that undoes it, each id finds its own documents again.
#include "tests/registry/e2e/lifecycle_fixture.h"
#include "tests/registry/patient/mllp_test_client.h"

namespace xds::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

constexpr char kDomain[] = "1.3.6.1.4.1.21367.13.20.3000";

std::string Cx(const std::string& id) { return id + "^^^&" + kDomain + "&ISO"; }

std::string Msh(const std::string& trigger, const std::string& structure) {
  return "MSH|^~\\&|PAS|HOSP|XDS_REGISTRY|REGION|20261201010101||ADT^" + trigger + "^" + structure + "|CTRL-" +
         NewUrnUuid().substr(9, 8) + "|P|2.5\rEVN|" + trigger + "|20261201010101\r";
}
std::string Pid(const std::string& id) { return "PID|||" + id + "^^^HOSP&" + kDomain + "&ISO||DOE^JANE||19700101|F\r"; }

std::string AckCode(const std::optional<std::string>& ack) {
  if (!ack) return "no answer";
  size_t msa = ack->find("MSA|");
  return msa == std::string::npos ? "no MSA" : ack->substr(msa + 4, 2);
}

class PatientUnlinkTest : public LifecycleTest {};

TEST_F(PatientUnlinkTest, UnlinkGivesEachPatientItsDocumentsBack) {
  registry::MllpTestClient mllp(static_cast<uint16_t>(server_.mllp_port()));
  ASSERT_TRUE(mllp.connected());
  EXPECT_EQ(AckCode(mllp.Call(Msh("A01", "ADT_A01") + Pid("KEEP"))), "AA");
  EXPECT_EQ(AckCode(mllp.Call(Msh("A01", "ADT_A01") + Pid("WRONG"))), "AA");
  const std::string keep_doc = RegisterDocument({}, Cx("KEEP"));
  const std::string wrong_doc = RegisterDocument({}, Cx("WRONG"));

  const std::string mrg = "MRG|WRONG^^^HOSP&" + std::string(kDomain) + "&ISO\r";
  EXPECT_EQ(AckCode(mllp.Call(Msh("A40", "ADT_A39") + Pid("KEEP") + mrg)), "AA");
  EXPECT_THAT(Ids(Find(Cx("KEEP"))), UnorderedElementsAre(keep_doc, wrong_doc));

  EXPECT_EQ(AckCode(mllp.Call(Msh("A37", "ADT_A37") + Pid("KEEP") + Pid("WRONG"))), "AA");
  EXPECT_THAT(Ids(Find(Cx("KEEP"))), ElementsAre(keep_doc));
  auto own = Find(Cx("WRONG"));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].id, wrong_doc);
  EXPECT_EQ(ihe::PatientIdOf(own[0]), Cx("WRONG"));
  // Both ids are active again: a submission for the unlinked one succeeds.
  RegisterDocument({}, Cx("WRONG"));
  EXPECT_EQ(Find(Cx("WRONG")).size(), 2u);
}

TEST_F(PatientUnlinkTest, UnlinkOfPatientsNeverMergedIsRefused) {
  registry::MllpTestClient mllp(static_cast<uint16_t>(server_.mllp_port()));
  ASSERT_TRUE(mllp.connected());
  EXPECT_EQ(AckCode(mllp.Call(Msh("A01", "ADT_A01") + Pid("ONE"))), "AA");
  EXPECT_EQ(AckCode(mllp.Call(Msh("A01", "ADT_A01") + Pid("TWO"))), "AA");
  EXPECT_EQ(AckCode(mllp.Call(Msh("A37", "ADT_A37") + Pid("ONE") + Pid("TWO"))), "AE");
}

TEST_F(PatientUnlinkTest, UnlinkUndoesOnlyItsOwnMerge) {
  // C merged into B, then B into A: unlinking B from A gives B back C's
  // documents too, since C was merged into B.
  registry::MllpTestClient mllp(static_cast<uint16_t>(server_.mllp_port()));
  ASSERT_TRUE(mllp.connected());
  for (const char* id : {"PA", "PB", "PC"}) EXPECT_EQ(AckCode(mllp.Call(Msh("A01", "ADT_A01") + Pid(id))), "AA");
  const std::string a = RegisterDocument({}, Cx("PA"));
  const std::string b = RegisterDocument({}, Cx("PB"));
  const std::string c = RegisterDocument({}, Cx("PC"));
  auto mrg = [](const char* id) { return "MRG|" + std::string(id) + "^^^HOSP&" + kDomain + "&ISO\r"; };
  EXPECT_EQ(AckCode(mllp.Call(Msh("A40", "ADT_A39") + Pid("PB") + mrg("PC"))), "AA");
  EXPECT_EQ(AckCode(mllp.Call(Msh("A40", "ADT_A39") + Pid("PA") + mrg("PB"))), "AA");
  EXPECT_THAT(Ids(Find(Cx("PA"))), UnorderedElementsAre(a, b, c));
  EXPECT_EQ(AckCode(mllp.Call(Msh("A37", "ADT_A37") + Pid("PA") + Pid("PB"))), "AA");
  EXPECT_THAT(Ids(Find(Cx("PA"))), ElementsAre(a));
  EXPECT_THAT(Ids(Find(Cx("PB"))), UnorderedElementsAre(b, c));
}

}  // namespace
}  // namespace xds::testing

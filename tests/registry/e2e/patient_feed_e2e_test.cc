// ITI-8 through the real registry: patients fed over MLLP become known to
// ITI-42, and after an A40 merge queries for the surviving id find the
// documents of both, shown under the surviving id.
#include <gtest/gtest.h>

#include "tests/registry/patient/mllp_test_client.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

constexpr char kDomain[] = "1.3.6.1.4.1.21367.13.20.2000";

std::string Adt(const std::string& trigger, const std::string& id, const std::string& mrg = "") {
  std::string m = "MSH|^~\\&|PAS|HOSP|XDS_REGISTRY|REGION|20261201010101||ADT^" + trigger + "^ADT_" +
                  (trigger == "A40" ? "A39" : "A01") + "|CTRL-" + trigger + id + "|P|2.5\r" +
                  "EVN|" + trigger + "|20261201010101\r" +
                  "PID|||" + id + "^^^HOSP&" + kDomain + "&ISO||DOE^JANE||19700101|F\r";
  if (!mrg.empty()) m += "MRG|" + mrg + "^^^HOSP&" + kDomain + "&ISO\r";
  return m;
}

std::string Cx(const std::string& id) { return id + "^^^&" + kDomain + "&ISO"; }

std::string AckCode(const std::optional<std::string>& ack) {
  if (!ack) return "no answer";
  size_t msa = ack->find("MSA|");
  return msa == std::string::npos ? "no MSA" : ack->substr(msa + 4, 2);
}

TEST(PatientFeedE2eTest, FedPatientsRegisterAndMergeRedirectsQueries) {
  RegistryServer server;
  registry::MllpTestClient mllp(static_cast<uint16_t>(server.mllp_port()));
  ASSERT_TRUE(mllp.connected());
  soap::SoapClient client(server.url());

  // Not yet fed: refused.
  SubmissionBuilder early(Cx("SURV"));
  early.AddDocument("Doc01");
  auto refused = Register(client, early);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(ErrorCodes(refused->errors), std::vector<std::string>{"XDSUnknownPatientId"});

  EXPECT_EQ(AckCode(mllp.Call(Adt("A01", "SURV"))), "AA");
  EXPECT_EQ(AckCode(mllp.Call(Adt("A04", "GONE"))), "AA");
  for (const char* id : {"SURV", "GONE"}) {
    SubmissionBuilder b(Cx(id));
    b.AddDocument("Doc01");
    auto r = Register(client, b);
    ASSERT_TRUE(r.ok() && r->success()) << id;
  }

  EXPECT_EQ(AckCode(mllp.Call(Adt("A40", "SURV", "GONE"))), "AA");
  auto merged = Query(client, FindDocuments(Cx("SURV")));
  ASSERT_TRUE(merged.ok());
  ASSERT_EQ(merged->objects.size(), 2u) << "the surviving id finds both patients' documents";
  for (const auto& o : merged->objects) EXPECT_EQ(ihe::PatientIdOf(o), Cx("SURV"));
  auto gone = Query(client, FindDocuments(Cx("GONE")));
  ASSERT_TRUE(gone.ok());
  EXPECT_TRUE(gone->objects.empty()) << "a merged-away id finds nothing";

  SubmissionBuilder late(Cx("GONE"));
  late.AddDocument("Doc02");
  auto after = Register(client, late);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(ErrorCodes(after->errors), std::vector<std::string>{"XDSUnknownPatientId"});
}

TEST(PatientFeedE2eTest, UnsupportedMessageIsRejectedWithAr) {
  RegistryServer server;
  registry::MllpTestClient mllp(static_cast<uint16_t>(server.mllp_port()));
  std::string msg = "MSH|^~\\&|PAS|HOSP|XDS|REGION|20261201010101||ORU^R01^ORU_R01|C1|P|2.5\rPID|||X^^^&1.2.3&ISO\r";
  EXPECT_EQ(AckCode(mllp.Call(msg)), "AR");
}

}  // namespace
}  // namespace xds::testing

// `xds sharing-rule` against a real xds-node process that runs the regional
// mode: registry and repository in one process, mutual TLS, sealing between
// structures, every patient opted in. CHU submits a report with `xds
// submit`; the clinic cannot retrieve it until a sharing rule is recorded
// with the administration command, and cannot after CHU revokes it. This
// also proves the composition root's wiring: the repository of xds-node asks
// the registry of its process before it hands a document out.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "tests/security/test_pki.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"

namespace xds::testing {
namespace {

constexpr char kPatient[] = "ACC-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
constexpr char kRepositoryId[] = "1.2.250.1.999.2.7";

std::string ReadFile(const std::string& path) {
  std::stringstream s;
  s << std::ifstream(path).rdbuf();
  return s.str();
}

class CliAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    PemFiles node = pki_.Issue("region", "dc1.region.test", {"IP:127.0.0.1"});
    for (const char* who : {"admin", "chu", "clinic"}) identity_[who] = pki_.Issue("region", std::string(who) + ".region.test");

    int port = FreeLoopbackPort();
    base_ = "https://127.0.0.1:" + std::to_string(port);
    std::string config = dir_.File("node.toml");
    std::ofstream(config)
        << "[server]\nhost = \"127.0.0.1\"\nport = " << port << "\n[log]\nlevel = \"warn\"\n"
        << "[tls]\nca_file = \"" << ca_.certificate << "\"\ncertificate_file = \"" << node.certificate
        << "\"\nprivate_key_file = \"" << node.private_key << "\"\n"
        << "[access]\nsealing = true\nadministrators = [\"cert-cn:admin.region.test\"]\n"
        << "[access.structures.chu]\nsource_ids = [\"1.2.250.1.10\"]\nrequesters = [\"cert-cn:chu.region.test\"]\n"
        << "[access.structures.clinic]\nsource_ids = [\"1.2.250.1.20\"]\n"
        << "requesters = [\"cert-cn:clinic.region.test\"]\n"
        << "[access.consent]\nwithout_consent = \"opt-in\"\n"
        << "[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\nmllp_port = 0\n"
        << "schema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
        << "[repository]\nroot = \"" << dir_.File("repository") << "\"\nrepository_unique_id = \"" << kRepositoryId
        << "\"\n";
    ProgramRun added = RunProgram(XDS_NODE_PATH, {"--config", config, "add-patient", kPatient}, dir_.File("add.err"));
    ASSERT_EQ(added.exit_code, 0) << added.err;
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config, dir_.File("node.log"));
    ASSERT_TRUE(WaitUntilAccepts(port, 30)) << "xds-node did not start; see " << dir_.File("node.log");
  }

  // `xds` with the TLS identity of `who`.
  ProgramRun Xds(const std::string& who, std::vector<std::string> args) {
    const PemFiles& id = identity_.at(who);
    args.insert(args.end(), {"--ca", ca_.certificate, "--cert", id.certificate, "--key", id.private_key});
    return RunProgram(XDS_CLI_PATH, args, dir_.File("cli.err"));
  }

  ProgramRun RetrieveAs(const std::string& who, const std::string& unique_id) {
    return Xds(who, {"retrieve", "--repository", base_ + "/xds/repository", "--repository-id", kRepositoryId,
                     "--out", dir_.File("out-" + who), unique_id});
  }

  ProgramRun Rule(const std::string& who, std::vector<std::string> args) {
    args.insert(args.begin(), {"sharing-rule"});
    args.insert(args.end(), {"--registry", base_ + "/xds/registry"});
    return Xds(who, args);
  }

  TestPki pki_;
  TempDir dir_;
  PemFiles ca_;
  std::map<std::string, PemFiles> identity_;
  std::string base_;
  std::unique_ptr<NodeProcess> node_;
};

TEST_F(CliAccessTest, SharingRulesRecordedWithTheCommandOpenAndCloseRetrieval) {
  std::string report = dir_.File("report.txt");
  std::ofstream(report) << "CT thorax: no anomaly";
  ProgramRun submitted = Xds("chu", {"submit", "--repository", base_ + "/xds/repository", "--patient", kPatient,
                                     "--source-id", "1.2.250.1.10.3", "--class-code",
                                     "REPORTS^1.3.6.1.4.1.19376.1.2.6.1^Reports", report});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  const std::string unique_id = submitted.out.substr(0, submitted.out.find('\t'));
  ASSERT_FALSE(unique_id.empty()) << submitted.out;

  // Sealed: the owner retrieves it, the clinic is told it does not exist.
  EXPECT_EQ(RetrieveAs("chu", unique_id).exit_code, 0);
  ProgramRun refused = RetrieveAs("clinic", unique_id);
  EXPECT_EQ(refused.exit_code, 1) << refused.err;
  EXPECT_NE(refused.err.find("XDSDocumentUniqueIdError"), std::string::npos) << refused.err;

  // The clinic cannot grant itself CHU's documents.
  ProgramRun hijack = Rule("clinic", {"add", "--id", "chu-to-clinic", "--owner", "chu", "--grantee", "clinic"});
  EXPECT_EQ(hijack.exit_code, 1);
  EXPECT_NE(hijack.err.find("HTTP 403"), std::string::npos) << hijack.err;
  ProgramRun bad = Rule("admin", {"add", "--id", "x", "--owner", "chu", "--grantee", "nowhere"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("grantee 'nowhere' is not a structure"), std::string::npos) << bad.err;

  ProgramRun added = Rule("admin", {"add", "--id", "chu-to-clinic", "--owner", "chu", "--grantee", "clinic",
                                    "--class-code", "REPORTS^1.3.6.1.4.1.19376.1.2.6.1", "--until", "20991231"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("chu-to-clinic"), std::string::npos) << added.out;
  ProgramRun granted = RetrieveAs("clinic", unique_id);
  ASSERT_EQ(granted.exit_code, 0) << granted.err;
  EXPECT_EQ(ReadFile(granted.out.substr(granted.out.rfind('\t') + 1, granted.out.size() - granted.out.rfind('\t') - 2)),
            "CT thorax: no anomaly");

  // CHU, the owner, revokes its rule; the clinic is refused again.
  ProgramRun revoked = Rule("chu", {"revoke", "--id", "chu-to-clinic"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_NE(revoked.out.find("REVOKED"), std::string::npos) << revoked.out;
  EXPECT_EQ(RetrieveAs("clinic", unique_id).exit_code, 1);

  ProgramRun history = Rule("admin", {"history", "--id", "chu-to-clinic", "--json"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("\"version\":1"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("\"version\":2"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("\"revoked\":true"), std::string::npos) << history.out;
  ProgramRun listed = Rule("clinic", {"list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out.find("chu-to-clinic"), std::string::npos) << "the clinic sees CHU's rules:\n" << listed.out;
}

}  // namespace
}  // namespace xds::testing

// `xds` against a real xds-node process that serves its registry over
// mutual TLS (ATNA ITI-19) and requires XUA user assertions (ITI-40): the
// client's global options --ca, --cert/--key and --assertion, end to end.
// Without a certificate the handshake fails and the client says what is
// missing (exit 3); with a certificate but no assertion the node refuses
// with a WS-Security fault (exit 1); with both it is answered (exit 0).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "tests/security/test_pki.h"
#include "tests/security/xua_assertions.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"

namespace xds::testing {
namespace {

constexpr char kPatient[] = "XUA-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
constexpr char kAudience[] = "urn:oid:1.3.6.1.4.1.21367.2017.1";

using CliRun = ProgramRun;

CliRun Execute(const std::string& program, const std::vector<std::string>& args, const std::string& err_file) {
  return RunProgram(program, args, err_file);
}

class CliXuaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    node_identity_ = pki_.Issue("region", "registry.region.test", {"IP:127.0.0.1"});
    consumer_ = pki_.Issue("region", "consumer.chsud.test");
    PemFiles idp_ca = pki_.MakeCa("idp-ca");
    PemFiles idp = pki_.Issue("idp-ca", "idp.region.test");
    assertion_file_ = dir_.File("assertion.xml");
    // As an identity provider hands it out: a file with an XML declaration.
    std::ofstream(assertion_file_) << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                   << Signed(AssertionXml({}), idp) << "\n";

    int port = FreeLoopbackPort();
    url_ = "https://127.0.0.1:" + std::to_string(port) + "/xds/registry";
    std::string config = dir_.File("node.toml");
    std::ofstream(config) << "[server]\nhost = \"127.0.0.1\"\nport = " << port << "\n[log]\nlevel = \"warn\"\n"
                          << "[tls]\nca_file = \"" << ca_.certificate << "\"\ncertificate_file = \""
                          << node_identity_.certificate << "\"\nprivate_key_file = \"" << node_identity_.private_key
                          << "\"\n[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\nmllp_port = 0\n"
                          << "schema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
                          << "[xua]\nrequired = true\naudience = \"" << kAudience << "\"\n"
                          << "trusted_issuer_certificates = [\"" << idp_ca.certificate << "\"]\n";
    CliRun added = Execute(XDS_NODE_PATH, {"--config", config, "add-patient", kPatient}, dir_.File("add.err"));
    ASSERT_EQ(added.exit_code, 0) << added.err;
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config, dir_.File("node.log"));
    ASSERT_TRUE(WaitUntilAccepts(port, 30)) << "xds-node did not start; see " << dir_.File("node.log");
  }

  CliRun Find(std::vector<std::string> global) {
    std::vector<std::string> args = {"find", "--registry", url_, "--patient", kPatient};
    args.insert(args.end(), global.begin(), global.end());
    return Execute(XDS_CLI_PATH, args, dir_.File("cli.err"));
  }

  TestPki pki_;
  TempDir dir_;
  PemFiles ca_, node_identity_, consumer_;
  std::string assertion_file_, url_;
  std::unique_ptr<NodeProcess> node_;
};

TEST_F(CliXuaTest, WithoutClientCertificateTheHandshakeFailsWithAClearMessage) {
  CliRun run = Find({"--ca", ca_.certificate, "--assertion", assertion_file_});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("cannot reach the registry at " + url_), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("if the node requires mutual TLS, give your certificate with --cert and --key"),
            std::string::npos)
      << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
}

TEST_F(CliXuaTest, WithCertificateButNoAssertionTheNodeRefusesWithAWsSecurityFault) {
  CliRun run = Find({"--ca", ca_.certificate, "--cert", consumer_.certificate, "--key", consumer_.private_key});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("SOAP fault (wsse:InvalidSecurity)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("requires a XUA user assertion"), std::string::npos) << run.err;
}

TEST_F(CliXuaTest, WithCertificateAndAssertionTheQueryIsAnswered) {
  // Global options may also come before the subcommand.
  std::vector<std::string> args = {"--ca",  ca_.certificate, "--cert",     consumer_.certificate,
                                   "--key", consumer_.private_key, "--assertion", assertion_file_,
                                   "find",  "--registry", url_, "--patient", kPatient, "--json"};
  CliRun run = Execute(XDS_CLI_PATH, args, dir_.File("cli.err"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "[]\n") << run.err;
}

TEST_F(CliXuaTest, AnAssertionFileThatIsNotASamlAssertionIsBadInput) {
  std::string not_saml = dir_.File("not-saml.xml");
  std::ofstream(not_saml) << "<html/>";
  CliRun run = Find({"--ca", ca_.certificate, "--cert", consumer_.certificate, "--key", consumer_.private_key,
                  "--assertion", not_saml});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("does not hold a SAML 2.0 Assertion"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace xds::testing

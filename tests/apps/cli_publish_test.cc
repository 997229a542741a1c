// `xds publish-study` against a real xds-node (registry, repository and
// imaging source in one process) in front of a real dcmqrscp PACS: the
// client asks the running imaging source to publish (RAD-68, POST
// /xds/imaging/publish); the manifest is then registered (`xds find`), a
// second request changes nothing, a study that grew gets a replacement.
// Refusals: an unknown study (404), a manifest the repository refuses
// (422), a caller not on imaging_source.publishers (403); unreachable: no
// node, or a node whose PACS is down (502).
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/site_config.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"
#include "wire/http/http_client.h"

namespace xds::testing {
namespace {

constexpr char kRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.302";
constexpr char kImagingSourceId[] = "1.3.6.1.4.1.21367.2017.4.302";
constexpr char kPatient[] = "PUB-1^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";

// The value of "key":"..." in compact JSON text.
std::string JsonValue(const std::string& json, const std::string& key) {
  std::smatch m;
  if (!std::regex_search(json, m, std::regex("\"" + key + "\": ?\"([^\"]*)\""))) return {};
  return m[1];
}

class CliPublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto study = imaging::testing::StartPacsWithStudy(pacs_, files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
  }

  // Starts xds-node with `publishers_line` (e.g. "publishers = [...]\n")
  // in [imaging_source]; empty: the default (loopback callers). The
  // study's patient is registered unless `known_patient` is false.
  void StartNode(const std::string& publishers_line = "", bool known_patient = true) {
    int port = FreeLoopbackPort();
    base_ = "http://127.0.0.1:" + std::to_string(port);
    imaging::PacsConfig pacs = pacs_.ClientConfig();
    const std::string config = dir_.File("node.toml");
    std::ofstream(config) << "[server]\nhost = \"127.0.0.1\"\nport = " << port << "\n[log]\nlevel = \"info\"\n"
                          << "[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\nmllp_port = 0\n"
                          << "durability = \"process-crash\"\nschema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
                          << "[repository]\nroot = \"" << dir_.File("repository") << "\"\n"
                          << "repository_unique_id = \"" << kRepositoryId << "\"\n"
                          << "[imaging_source]\nrepository_unique_id = \"" << kImagingSourceId << "\"\n"
                          << "repository_url = \"" << base_ << "/xds/repository\"\n"
                          << "state_dir = \"" << dir_.File("imaging") << "\"\n"
                          << publishers_line
                          << imaging::testing::SitePacsAndMetadataToml(pacs, "XDSI_PUB", dir_.path(),
                                                                       "1.3.6.1.4.1.21367.13.80.3", kPatient);
    if (known_patient) {
      ProgramRun added = RunProgram(XDS_NODE_PATH, {"--config", config, "add-patient", kPatient}, dir_.File("add.err"));
      ASSERT_EQ(added.exit_code, 0) << added.err;
    }
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config, NodeLog());
    ASSERT_TRUE(WaitUntilAccepts(port, 30)) << "xds-node did not start; see " << NodeLog();
  }

  ProgramRun Xds(const std::vector<std::string>& args) { return RunProgram(XDS_CLI_PATH, args, dir_.File("cli.err")); }
  ProgramRun Publish(const std::string& study_uid, bool json = false) {
    std::vector<std::string> args = {"publish-study", "--imaging-source", base_ + "/xds/imaging", study_uid};
    if (json) args.push_back("--json");
    return Xds(args);
  }
  // The manifests registered for the patient, as `xds find --json` prints them.
  std::string Registered() {
    ProgramRun found = Xds({"find", "--registry", base_ + "/xds/registry", "--patient", kPatient, "--json"});
    EXPECT_EQ(found.exit_code, 0) << found.err;
    return found.out;
  }
  std::string NodeLog() const { return dir_.File("node.log"); }
  std::string ReadNodeLog() const {
    std::stringstream s;
    s << std::ifstream(NodeLog()).rdbuf();
    return s.str();
  }

  TempDir dir_, files_;
  imaging::testing::DcmqrscpPacs pacs_;
  imaging::testing::GeneratedStudy study_;
  std::unique_ptr<NodeProcess> node_;
  std::string base_;
};

TEST_F(CliPublishTest, PublishesThenFindsTheStudyUnchangedThenReplacesItWhenItGrew) {
  StartNode();
  const std::string counts =
      "(" + std::to_string(study_.series.size()) + " series, " + std::to_string(study_.InstanceCount()) + " instances)";
  ProgramRun first = Publish(study_.study_instance_uid);
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(first.out, m,
                                std::regex("^published Original manifest ([0-9.]+) for study " +
                                           std::regex_replace(study_.study_instance_uid, std::regex("\\."), "\\.") +
                                           " \\(")))
      << first.out;
  const std::string manifest = m[1];
  EXPECT_NE(first.out.find(counts), std::string::npos) << first.out;
  EXPECT_NE(Registered().find(manifest), std::string::npos);

  // Nothing changed on the PACS: nothing is sent, the same manifest is current.
  ProgramRun again = Publish(study_.study_instance_uid, /*json=*/true);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(JsonValue(again.out, "kind"), "unchanged") << again.out;
  EXPECT_EQ(JsonValue(again.out, "uniqueId"), manifest) << again.out;
  EXPECT_EQ(JsonValue(again.out, "studyInstanceUid"), study_.study_instance_uid);
  const std::string entry = JsonValue(again.out, "entryUUID");
  EXPECT_EQ(entry.rfind("urn:uuid:", 0), 0u) << again.out;
  ProgramRun readable = Publish(study_.study_instance_uid);
  ASSERT_EQ(readable.exit_code, 0) << readable.err;
  EXPECT_EQ(readable.out, "unchanged: manifest " + manifest + " for study " + study_.study_instance_uid +
                              " is current " + counts + "\n");

  // A series arrives on the PACS: the manifest is replaced (RPLC).
  imaging::testing::StudySpec more;
  more.study_instance_uid = study_.study_instance_uid;
  more.first_series_number = 10;
  more.series = {{"CT", "1.2.840.10008.1.2.1", 2}};
  auto grown = imaging::testing::GenerateStudy(more, files_.path());
  ASSERT_TRUE(grown.ok()) << grown.status().ToString();
  ASSERT_TRUE(imaging::testing::LoadStudy(pacs_, *grown).ok());
  ProgramRun replaced = Publish(study_.study_instance_uid, /*json=*/true);
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_EQ(JsonValue(replaced.out, "kind"), "replaced") << replaced.out;
  EXPECT_EQ(JsonValue(replaced.out, "replacedEntryUUID"), entry) << replaced.out;
  const std::string replacement = JsonValue(replaced.out, "uniqueId");
  EXPECT_NE(replacement, manifest);
  EXPECT_NE(replaced.out.find("\"series\":" + std::to_string(study_.series.size() + 1)), std::string::npos)
      << replaced.out;
  EXPECT_NE(Registered().find(replacement), std::string::npos);
}

TEST_F(CliPublishTest, AStudyThePacsDoesNotHoldIsRefused) {
  StartNode();
  ProgramRun unknown = Publish("1.2.826.0.1.3680043.2.1143.999999");
  EXPECT_EQ(unknown.exit_code, 1) << unknown.out << unknown.err;
  EXPECT_NE(unknown.err.find("HTTP 404"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.err.find("1.2.826.0.1.3680043.2.1143.999999"), std::string::npos) << unknown.err;
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(Registered(), "[]\n");

  // What the client never sends: bodies the route refuses as malformed.
  http::HttpClient client(base_);
  for (const char* body : {"not json", "{\"studyInstanceUid\": 5}", "{}", "{\"studyInstanceUid\": \"1.2.x\"}"}) {
    auto reply = client.Post("/xds/imaging/publish", "application/json", body);
    ASSERT_TRUE(reply.ok()) << reply.status().ToString();
    EXPECT_EQ(reply->status, 400) << body << ": " << reply->body;
    EXPECT_NE(reply->body.find("\"error\""), std::string::npos) << reply->body;
  }
}

TEST_F(CliPublishTest, AManifestTheRepositoryRefusesIsReportedWithItsErrors) {
  // The registry does not know the study's patient (no ITI-8 feed).
  StartNode("", /*known_patient=*/false);
  ProgramRun refused = Publish(study_.study_instance_uid);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("HTTP 422"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("XDSUnknownPatientId"), std::string::npos) << refused.err;
}

TEST_F(CliPublishTest, ACallerNotOnThePublishersListIsRefused) {
  // Only a site script with its certificate may publish: a loopback caller
  // without one is not listed.
  StartNode("publishers = [\"cert-cn:ris.site-a.test\"]\n");
  ProgramRun refused = Publish(study_.study_instance_uid);
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("HTTP 403"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("imaging_source.publishers"), std::string::npos) << refused.err;
  EXPECT_EQ(Registered(), "[]\n");
  // The refusal names the caller in the node's log.
  EXPECT_NE(ReadNodeLog().find("publish request refused: ip:127.0.0.1"), std::string::npos) << ReadNodeLog();
}

TEST_F(CliPublishTest, UnreachableNodeOrPacsExitsThree) {
  // Nothing listens there.
  base_ = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  ProgramRun nobody = Publish(study_.study_instance_uid);
  EXPECT_EQ(nobody.exit_code, 3) << nobody.out << nobody.err;
  EXPECT_NE(nobody.err.find("unreachable"), std::string::npos) << nobody.err;

  // The node answers, but its PACS is down: the imaging source says 502.
  StartNode();
  pacs_.Stop();
  ProgramRun no_pacs = Publish(study_.study_instance_uid);
  EXPECT_EQ(no_pacs.exit_code, 3) << no_pacs.out << no_pacs.err;
  EXPECT_NE(no_pacs.err.find("HTTP 502"), std::string::npos) << no_pacs.err;
}

TEST_F(CliPublishTest, MalformedCommandLinesExitTwo) {
  base_ = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  EXPECT_EQ(Publish("not-a-uid").exit_code, 2);
  EXPECT_EQ(Xds({"publish-study", study_.study_instance_uid}).exit_code, 2);  // no --imaging-source
  EXPECT_EQ(Xds({"publish-study", "--imaging-source", "127.0.0.1:1", study_.study_instance_uid}).exit_code, 2);
}

}  // namespace
}  // namespace xds::testing

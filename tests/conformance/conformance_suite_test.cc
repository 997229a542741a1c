// The whole conformance catalogue against the project's own actors, as CI
// runs it: a real xds-node process (registry, repository, imaging source)
// in front of a real dcmqrscp PACS holding a generated CT/MR/CR study,
// patients fed over MLLP (ITI-8), the study's manifest published by
// `xds-node publish-study` (RAD-68), then the real xds-conformance
// executable with every endpoint. Every case must pass and none may be
// skipped; the JUnit and HTML reports must name every case.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "conformance/suite/patient_source.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/site_config.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"

namespace xds::testing {
namespace {

constexpr char kRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.201";
constexpr char kImagingSourceId[] = "1.3.6.1.4.1.21367.2017.4.201";
constexpr char kStudyPatient[] = "CONF-IMG-1^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";

struct ProcessRun {
  int exit_code = -1;
  std::string out;
};

ProcessRun Execute(const std::string& command) {
  ProcessRun run;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) run.out.append(buffer.data(), n);
  int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ConformanceSuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pacs_.Start().ok());
    auto study = imaging::testing::GenerateStudy(imaging::testing::MixedStudySpec(), files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_uid_ = study->study_instance_uid;
    instances_ = study->InstanceCount();
    ASSERT_TRUE(imaging::testing::LoadStudy(pacs_, *study).ok());

    http_port_ = FreeLoopbackPort();
    mllp_port_ = FreeLoopbackPort();
    std::string base = "http://127.0.0.1:" + std::to_string(http_port_);
    imaging::PacsConfig pacs = pacs_.ClientConfig();
    config_ = dir_.File("node.toml");
    std::ofstream(config_) << "[server]\nhost = \"127.0.0.1\"\nport = " << http_port_ << "\n"
                           << "[log]\nlevel = \"warn\"\n"
                           << "[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\n"
                           << "durability = \"process-crash\"\nmllp_port = " << mllp_port_ << "\n"
                           << "schema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
                           // MPQ-*: the suite runs ITI-51 from this host.
                           << "multi_patient_query_consumers = [\"ip:127.0.0.1\"]\n"
                           << "[repository]\nroot = \"" << dir_.File("repository") << "\"\n"
                           // RD-*: ITI-86 on, documents still registered kept.
                           << "remove_documents = true\n"
                           << "repository_unique_id = \"" << kRepositoryId << "\"\n"
                           << "[imaging_source]\nrepository_unique_id = \"" << kImagingSourceId << "\"\n"
                           << "repository_url = \"" << base << "/xds/repository\"\n"
                           << "public_base_url = \"" << base << "\"\n"
                           << "state_dir = \"" << dir_.File("imaging") << "\"\n"
                           << imaging::testing::SitePacsAndMetadataToml(pacs, "XDSI_CONF", dir_.path(),
                                                                        "1.3.6.1.4.1.21367.13.80.1", kStudyPatient);
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config_, dir_.File("node.log"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!(Accepts(http_port_) && Accepts(mllp_port_)) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(Accepts(http_port_)) << ReadAll(dir_.File("node.log"));
  }

  TempDir dir_;
  TempDir files_;
  imaging::testing::DcmqrscpPacs pacs_;
  std::unique_ptr<NodeProcess> node_;
  std::string config_, study_uid_;
  size_t instances_ = 0;
  int http_port_ = 0, mllp_port_ = 0;
};

TEST_F(ConformanceSuiteTest, EveryCasePassesAgainstOurActors) {
  auto ack = conformance::SendMllp("127.0.0.1:" + std::to_string(mllp_port_),
                                   conformance::AdtA04(kStudyPatient, "DOE", "JANE"));
  ASSERT_TRUE(ack.ok()) << ack.status().ToString();
  ASSERT_EQ(conformance::AckCode(*ack), "AA") << *ack;

  // RAD-68 by the operator's command, as a site would publish the study.
  ProcessRun publish = Execute(std::string(XDS_NODE_PATH) + " --config " + config_ + " publish-study " + study_uid_);
  ASSERT_EQ(publish.exit_code, 0) << publish.out;
  std::smatch published;
  ASSERT_TRUE(std::regex_search(publish.out, published, std::regex("published\\t([0-9.]+)\\t"))) << publish.out;
  std::string manifest_uid = published[1];

  std::string base = "http://127.0.0.1:" + std::to_string(http_port_);
  std::string junit = dir_.File("junit.xml"), html = dir_.File("report.html");
  ProcessRun suite = Execute(std::string(XDS_CONFORMANCE_PATH) + " -q --registry " + base + "/xds/registry" +
                      " --repository " + base + "/xds/repository --repository-id " + kRepositoryId +
                      " --imaging-source " + base + "/xds/imaging --imaging-source-id " + kImagingSourceId +
                      " --wado-rs " + base + "/wado-rs --imaging-manifest " + manifest_uid +
                      " --mllp 127.0.0.1:" + std::to_string(mllp_port_) + " --junit " + junit + " --html " + html);
  EXPECT_EQ(suite.exit_code, 0) << suite.out;
  std::smatch summary;
  ASSERT_TRUE(std::regex_search(suite.out, summary, std::regex("([0-9]+) cases: ([0-9]+) passed, ([0-9]+) failed, "
                                                               "([0-9]+) skipped")))
      << suite.out;
  int total = std::stoi(summary[1]);
  EXPECT_GE(total, 100) << suite.out;
  EXPECT_EQ(std::stoi(summary[2]), total) << suite.out;
  EXPECT_EQ(std::stoi(summary[3]), 0) << suite.out;
  EXPECT_EQ(std::stoi(summary[4]), 0) << suite.out;

  std::string junit_xml = ReadAll(junit);
  EXPECT_NE(junit_xml.find("name=\"XDSI-010 RAD-69: every instance of the study\""), std::string::npos);
  // The lifecycle cases ran too (ITI-57, ITI-62, ITI-86, ITI-51).
  for (const char* id : {"MU-010 ", "MU-013 ", "RMD-002 ", "RD-001 ", "MPQ-001 "})
    EXPECT_NE(junit_xml.find(std::string("name=\"") + id), std::string::npos) << id;
  EXPECT_EQ(junit_xml.find("<failure"), std::string::npos) << junit_xml.substr(0, 4000);
  std::string page = ReadAll(html);
  EXPECT_NE(page.find("id=\"MDE-049\""), std::string::npos);
  EXPECT_NE(page.find(manifest_uid), std::string::npos);
  EXPECT_GT(instances_, 0u);
}

}  // namespace
}  // namespace xds::testing

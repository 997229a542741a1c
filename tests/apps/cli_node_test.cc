// Every `xds` subcommand end to end against a real xds-node process
// (registry with its MLLP patient feed, repository, imaging source in front
// of a real dcmqrscp PACS): patient, submit (options and a metadata file,
// folders, XFRM_RPLC), folder, query (every output format, errors), and
// retrieve-study by RAD-69 and by WADO-RS. Checks what the client prints,
// the files it writes and its exit codes.
#include <gtest/gtest.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/site_config.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"

namespace xds::testing {
namespace {

constexpr char kRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.301";
constexpr char kImagingSourceId[] = "1.3.6.1.4.1.21367.2017.4.301";
constexpr char kPatient[] = "CLI-7^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";

using CliRun = ProgramRun;

// The value of "key": "..." in JSON text.
std::string JsonValue(const std::string& json, const std::string& key, size_t from = 0) {
  std::smatch m;
  std::string rest = json.substr(from);
  if (!std::regex_search(rest, m, std::regex("\"" + key + "\": \"([^\"]*)\""))) return {};
  return m[1];
}

class CliNodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto study = imaging::testing::StartPacsWithStudy(pacs_, files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    http_port_ = FreeLoopbackPort();
    mllp_port_ = FreeLoopbackPort();
    base_ = "http://127.0.0.1:" + std::to_string(http_port_);
    imaging::PacsConfig pacs = pacs_.ClientConfig();
    config_ = dir_.File("node.toml");
    std::ofstream(config_) << "[server]\nhost = \"127.0.0.1\"\nport = " << http_port_ << "\n[log]\nlevel = \"warn\"\n"
                           << "[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\n"
                           << "durability = \"process-crash\"\nmllp_port = " << mllp_port_ << "\n"
                           << "schema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
                           << "[repository]\nroot = \"" << dir_.File("repository") << "\"\n"
                           << "repository_unique_id = \"" << kRepositoryId << "\"\n"
                           << "[imaging_source]\nrepository_unique_id = \"" << kImagingSourceId << "\"\n"
                           << "repository_url = \"" << base_ << "/xds/repository\"\n"
                           << "state_dir = \"" << dir_.File("imaging") << "\"\n"
                           << imaging::testing::SitePacsAndMetadataToml(pacs, "XDSI_CLI", dir_.path(),
                                                                        "1.3.6.1.4.1.21367.13.80.1", kPatient);
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config_, dir_.File("node.log"));
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!(Accepts(http_port_) && Accepts(mllp_port_)) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_TRUE(Accepts(mllp_port_));
  }

  CliRun Xds(const std::vector<std::string>& args) { return RunProgram(XDS_CLI_PATH, args, dir_.File("stderr.txt")); }
  CliRun Patient(const std::string& id) { return Xds({"patient", "--mllp", Mllp(), id, "--family", "DOE"}); }
  std::string Mllp() const { return "127.0.0.1:" + std::to_string(mllp_port_); }
  std::string Registry() const { return base_ + "/xds/registry"; }
  std::string Repository() const { return base_ + "/xds/repository"; }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_.File(name), std::ios::binary) << bytes;
    return dir_.File(name);
  }

  TempDir dir_, files_;
  imaging::testing::DcmqrscpPacs pacs_;
  imaging::testing::GeneratedStudy study_;
  std::unique_ptr<NodeProcess> node_;
  std::string config_, base_;
  int http_port_ = 0, mllp_port_ = 0;
};

TEST_F(CliNodeTest, PatientThenMetadataFileSubmissionIntoANewFolder) {
  CliRun fed = Patient(kPatient);
  ASSERT_EQ(fed.exit_code, 0) << fed.err;
  EXPECT_NE(fed.out.find("registered"), std::string::npos);
  std::string metadata = Write("meta.json", std::string("{\"patient\": \"") + kPatient +
                                                "\", \"class-code\": \"IMAGES^1.3.6.1.4.1.19376.1.2.6.1^Images\","
                                                " \"event-code\": [\"CT^1.2.840.10008.2.16.4^CT\"],"
                                                " \"title\": \"from the file\"}");
  CliRun submitted = Xds({"submit", "--repository", Repository(), "--metadata", metadata, "--title", "from the option",
                          "--folder-title", "Episode 12", "--folder-code", "EP^1.3.6.1.4.1.21367.100.1^Episode",
                          Write("a.txt", "first"), Write("b.txt", "second")});
  ASSERT_EQ(submitted.exit_code, 0) << submitted.err;
  EXPECT_NE(submitted.out.find("folder\tEpisode 12"), std::string::npos) << submitted.out;

  CliRun folders = Xds({"query", "--registry", Registry(), "FindFolders", "--patient", kPatient, "--format", "json"});
  ASSERT_EQ(folders.exit_code, 0) << folders.err;
  std::string folder_uuid = JsonValue(folders.out, "entryUUID");
  ASSERT_FALSE(folder_uuid.empty()) << folders.out;
  EXPECT_NE(folders.out.find("Episode 12"), std::string::npos);

  CliRun contents = Xds({"query", "--registry", Registry(), "GetFolderAndContents", "--uuid", folder_uuid});
  ASSERT_EQ(contents.exit_code, 0) << contents.err;
  // The folder, two entries, two HasMember associations; the command-line
  // title won over the file's, the file's class code was used.
  EXPECT_NE(contents.out.find("5 object(s)"), std::string::npos) << contents.out;
  EXPECT_NE(contents.out.find("from the option"), std::string::npos) << contents.out;
  EXPECT_EQ(contents.out.find("from the file"), std::string::npos) << contents.out;
  CliRun images = Xds({"query", "--registry", Registry(), "FindDocuments", "--patient", kPatient, "--param",
                       "$XDSDocumentEntryClassCode=('IMAGES^^1.3.6.1.4.1.19376.1.2.6.1')"});
  EXPECT_EQ(images.exit_code, 0) << images.err;
  EXPECT_NE(images.out.find("2 object(s)"), std::string::npos) << images.out;
}

TEST_F(CliNodeTest, FolderOfRegisteredDocumentsAndTransformReplace) {
  ASSERT_EQ(Patient(kPatient).exit_code, 0);
  CliRun first = Xds({"submit", "--repository", Repository(), "--patient", kPatient, Write("v1.txt", "v1")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string unique_id = first.out.substr(0, first.out.find('\t'));
  CliRun doc = Xds({"query", "--registry", Registry(), "GetDocuments", "--unique-id", unique_id, "--format", "json"});
  ASSERT_EQ(doc.exit_code, 0) << doc.err;
  std::string entry_uuid = JsonValue(doc.out, "entryUUID");
  ASSERT_FALSE(entry_uuid.empty()) << doc.out;

  CliRun folder = Xds({"folder", "--repository", Repository(), "--patient", kPatient, "--title", "Follow-up",
                       "--document", entry_uuid});
  ASSERT_EQ(folder.exit_code, 0) << folder.err;
  CliRun holders = Xds({"query", "--registry", Registry(), "GetFoldersForDocument", "--uuid", entry_uuid});
  EXPECT_EQ(holders.exit_code, 0) << holders.err;
  EXPECT_NE(holders.out.find("Follow-up"), std::string::npos) << holders.out;

  CliRun transformed = Xds({"submit", "--repository", Repository(), "--patient", kPatient, "--mime-type",
                            "application/pdf", "--transform-replaces", entry_uuid, Write("v2.pdf", "%PDF-1.4 v2")});
  ASSERT_EQ(transformed.exit_code, 0) << transformed.err;
  CliRun deprecated = Xds({"query", "--registry", Registry(), "FindDocuments", "--patient", kPatient, "--status",
                           "deprecated"});
  EXPECT_NE(deprecated.out.find(unique_id), std::string::npos) << deprecated.out;
  CliRun related = Xds({"query", "--registry", Registry(), "GetRelatedDocuments", "--uuid", entry_uuid,
                        "--association-type", "XFRM_RPLC", "--format", "ebxml"});
  EXPECT_EQ(related.exit_code, 0) << related.err;
  EXPECT_NE(related.out.find("urn:ihe:iti:2007:AssociationType:XFRM_RPLC"), std::string::npos) << related.out;
  EXPECT_NE(related.out.find("AdhocQueryResponse"), std::string::npos);
  CliRun refs = Xds({"query", "--registry", Registry(), "FindDocuments", "--patient", kPatient, "--object-refs"});
  EXPECT_NE(refs.out.find("ObjectRef"), std::string::npos) << refs.out;
}

TEST_F(CliNodeTest, ErrorsAreExplainedWithStableExitCodes) {
  CliRun bad_cx = Patient("12345");
  EXPECT_EQ(bad_cx.exit_code, 2);
  CliRun no_feed = Xds({"patient", "--mllp", "127.0.0.1:1", kPatient});
  EXPECT_EQ(no_feed.exit_code, 3);
  EXPECT_NE(no_feed.err.find("cannot reach the patient identity feed"), std::string::npos) << no_feed.err;
  CliRun unknown_query = Xds({"query", "--registry", Registry(), "FindEverything"});
  EXPECT_EQ(unknown_query.exit_code, 2);
  CliRun both = Xds({"query", "--registry", Registry(), "GetDocuments", "--uuid", "urn:uuid:00000000-0000-4000-8000-000000000000",
                     "--unique-id", "1.2.3"});
  EXPECT_EQ(both.exit_code, 1);
  EXPECT_NE(both.err.find("XDSStoredQueryParamNumber"), std::string::npos) << both.err;
  CliRun unknown_patient = Xds({"folder", "--repository", Repository(), "--patient",
                                "NOBODY^^^&1.3.6.1.4.1.21367.13.20.3000&ISO", "--title", "x"});
  EXPECT_EQ(unknown_patient.exit_code, 1);
  EXPECT_NE(unknown_patient.err.find("XDSUnknownPatientId"), std::string::npos) << unknown_patient.err;
  CliRun bad_file = Xds({"submit", "--repository", Repository(), "--metadata", Write("bad.json", "{\"colour\": \"red\"}"),
                         Write("c.txt", "c")});
  EXPECT_EQ(bad_file.exit_code, 2);
  EXPECT_NE(bad_file.err.find("unknown key \"colour\""), std::string::npos) << bad_file.err;
}

TEST_F(CliNodeTest, RetrieveStudyByRad69AndByWadoRs) {
  ASSERT_EQ(Patient(kPatient).exit_code, 0);
  CliRun publish = RunProgram(XDS_NODE_PATH, {"--config", config_, "publish-study", study_.study_instance_uid},
                       dir_.File("publish.err"));
  ASSERT_EQ(publish.exit_code, 0) << publish.out << publish.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(publish.out, m, std::regex("published\\t([0-9.]+)\\t"))) << publish.out;
  std::string manifest = m[1];
  for (const std::string way : {"--imaging-source", "--wado-rs"}) {
    std::string out = dir_.File("study" + way);
    std::string endpoint = way == "--wado-rs" ? base_ + "/wado-rs" : base_ + "/xds/imaging";
    CliRun got = Xds({"retrieve-study", "--repository", Repository(), "--repository-id", kRepositoryId, "--manifest",
                      manifest, way, endpoint, "--out", out, "--progress"});
    ASSERT_EQ(got.exit_code, 0) << way << " " << got.err;
    EXPECT_NE(got.err.find("retrieved"), std::string::npos) << got.err;  // --progress
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::string head(132, '\0');
      in.read(head.data(), 132);
      EXPECT_EQ(head.substr(128, 4), "DICM") << entry.path();
      EXPECT_NE(study_.Find(entry.path().stem().string()), nullptr) << entry.path();
      ++files;
    }
    EXPECT_EQ(files, study_.InstanceCount()) << way;
  }
}

}  // namespace
}  // namespace xds::testing

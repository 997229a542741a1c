// `xds submit`, `xds find` and `xds retrieve` as a user runs them: the real
// executable against a real repository and registry, checking what it
// prints, the files it writes and its exit codes.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/program_run.h"
#include "tests/support/repository_server.h"
#include "tests/support/temp_dir.h"

namespace xds::testing {
namespace {

// Runs the client with `args`; its stderr is kept in ProgramRun::err.
ProgramRun Xds(const std::vector<std::string>& args) {
  static TempDir logs;
  return RunProgram(XDS_CLI_PATH, args, logs.File("xds.err"));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFile(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

// The first column of each output line.
std::vector<std::string> FirstColumn(const std::string& out) {
  std::vector<std::string> ids;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) ids.push_back(line.substr(0, line.find('\t')));
  return ids;
}

class CliTest : public ::testing::Test {
 protected:
  RepositoryServer server_;
  TempDir work_;
};

TEST_F(CliTest, SubmitFindRetrieveRoundTrip) {
  std::string pdf(200000, '\0');
  for (size_t i = 0; i < pdf.size(); ++i) pdf[i] = static_cast<char>(i * 7);
  WriteFile(work_.File("scan.pdf"), pdf);
  WriteFile(work_.File("report.txt"), "Impression: normal.\n");

  ProgramRun submit = Xds({"submit", "--repository", server_.url(), "--patient", kPatientA, "--author", "^DUPONT^Jean^^^Dr",
                    "--event-code", "CT^1.2.840.10008.2.16.4^Computed Tomography", work_.File("scan.pdf"),
                    work_.File("report.txt")});
  ASSERT_EQ(submit.exit_code, 0) << submit.out;
  std::vector<std::string> ids = FirstColumn(submit.out);
  ASSERT_EQ(ids.size(), 2u) << submit.out;
  EXPECT_NE(submit.out.find("application/pdf"), std::string::npos);

  ProgramRun find = Xds({"find", "--registry", server_.registry_url(), "--patient", kPatientA});
  ASSERT_EQ(find.exit_code, 0) << find.out;
  EXPECT_NE(find.out.find(ids[0]), std::string::npos) << find.out;
  EXPECT_NE(find.out.find(ids[1]), std::string::npos) << find.out;
  EXPECT_NE(find.out.find("2 document(s)"), std::string::npos) << find.out;

  ProgramRun json = Xds({"find", "--registry", server_.registry_url(), "--patient", kPatientA, "--json"});
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"uniqueId\": \"" + ids[0] + "\""), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"size\": \"200000\""), std::string::npos) << json.out;

  std::string out = work_.File("out");
  ProgramRun retrieve = Xds({"retrieve", "--repository", server_.url(), "--repository-id", server_.repository_unique_id(),
                      "--out", out, ids[0], ids[1]});
  ASSERT_EQ(retrieve.exit_code, 0) << retrieve.out;
  EXPECT_EQ(ReadFile(out + "/" + ids[0] + ".pdf"), pdf);
  EXPECT_EQ(ReadFile(out + "/" + ids[1] + ".txt"), "Impression: normal.\n");
}

TEST_F(CliTest, ReplacementDeprecatesTheOriginal) {
  WriteFile(work_.File("v1.txt"), "first version");
  WriteFile(work_.File("v2.txt"), "second version");
  ProgramRun first = Xds({"submit", "--repository", server_.url(), "--patient", kPatientA, work_.File("v1.txt")});
  ASSERT_EQ(first.exit_code, 0) << first.out;
  ProgramRun json = Xds({"find", "--registry", server_.registry_url(), "--patient", kPatientA, "--json"});
  size_t at = json.out.find("\"entryUUID\": \"");
  ASSERT_NE(at, std::string::npos) << json.out;
  std::string entry_uuid = json.out.substr(at + 14, json.out.find('"', at + 14) - at - 14);

  ProgramRun second = Xds({"submit", "--repository", server_.url(), "--patient", kPatientA, "--replaces", entry_uuid,
                    work_.File("v2.txt")});
  ASSERT_EQ(second.exit_code, 0) << second.out;
  ProgramRun deprecated = Xds({"find", "--registry", server_.registry_url(), "--patient", kPatientA, "--status", "deprecated"});
  EXPECT_NE(deprecated.out.find(FirstColumn(first.out)[0]), std::string::npos) << deprecated.out;
  EXPECT_NE(deprecated.out.find("1 document(s)"), std::string::npos) << deprecated.out;
}

TEST_F(CliTest, ExitCodesTellWhatHappened) {
  WriteFile(work_.File("a.txt"), "a");
  ProgramRun unknown_patient = Xds({"submit", "--repository", server_.url(), "--patient",
                             "NOBODY^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", work_.File("a.txt")});
  EXPECT_EQ(unknown_patient.exit_code, 1);

  ProgramRun unreachable = Xds({"submit", "--repository", "http://127.0.0.1:1/xds/repository", "--patient", kPatientA,
                         work_.File("a.txt")});
  EXPECT_EQ(unreachable.exit_code, 3);

  ProgramRun bad_code = Xds({"submit", "--repository", server_.url(), "--patient", kPatientA, "--class-code", "NOSCHEME",
                      work_.File("a.txt")});
  EXPECT_EQ(bad_code.exit_code, 2);

  ProgramRun submitted = Xds({"submit", "--repository", server_.url(), "--patient", kPatientA, work_.File("a.txt")});
  ASSERT_EQ(submitted.exit_code, 0);
  ProgramRun partial = Xds({"retrieve", "--repository", server_.url(), "--repository-id", server_.repository_unique_id(),
                     "--out", work_.File("o"), FirstColumn(submitted.out)[0], "1.2.3.404"});
  EXPECT_EQ(partial.exit_code, 4);
  ProgramRun none = Xds({"retrieve", "--repository", server_.url(), "--repository-id", server_.repository_unique_id(),
                  "--out", work_.File("o"), "1.2.3.404"});
  EXPECT_EQ(none.exit_code, 1);
}

}  // namespace
}  // namespace xds::testing

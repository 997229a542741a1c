// An acknowledged ITI-41 document survives kill -9 of the process: the test
// runs the real xds-node (registry and repository), provides documents,
// kills it with SIGKILL straight after the last acknowledgement, starts it
// again on the same store, and retrieves every acknowledged document whole.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "tests/support/node_process.h"
#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

constexpr char kPatient[] = "KILL-2^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
constexpr char kRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.77";

bool WaitUntilServing(const std::string& url) {
  for (int i = 0; i < 200; ++i) {
    http::HttpClientOptions quick;
    quick.connect_timeout_seconds = 1;
    quick.read_timeout_seconds = 2;
    soap::SoapClient client(url, quick);
    if (Retrieve(client, {{"", kRepositoryId, "1.2.3"}}).ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST(RepositoryDurabilityTest, AcknowledgedDocumentsSurviveKill9) {
  TempDir dir;
  int port = FreeLoopbackPort();
  std::string config = dir.File("node.toml");
  std::ofstream(config) << "[server]\nport = " << port << "\n[log]\nlevel = \"warn\"\n[registry]\ndatabase = \""
                        << dir.File("registry.db") << "\"\nmllp_port = " << FreeLoopbackPort()
                        << "\nschema_dir = \"" << XDS_SCHEMA_DIR << "\"\n[repository]\nroot = \""
                        << dir.File("repository") << "\"\nrepository_unique_id = \"" << kRepositoryId << "\"\n";
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/xds/repository";
  std::map<std::string, std::string> acknowledged;  // uniqueId -> bytes
  {
    NodeProcess node(XDS_NODE_BINARY, config, dir.File("node.log"));
    ASSERT_TRUE(WaitUntilServing(url)) << "xds-node did not start; see " << dir.File("node.log");
    std::string add = std::string(XDS_NODE_BINARY) + " --config " + config + " add-patient '" + kPatient + "' >/dev/null";
    ASSERT_EQ(std::system(add.c_str()), 0);
    soap::SoapClient client(url);
    for (int i = 0; i < 10; ++i) {
      SubmissionBuilder b(kPatient);
      b.AddDocument("Doc01");
      OmitRepositoryAttributes(b, "Doc01");
      std::string bytes = "document " + std::to_string(i) + std::string(50000 + i, static_cast<char>('a' + i));
      auto r = Provide(client, b, {{"Doc01", bytes}});
      ASSERT_TRUE(r.ok() && r->success()) << (r.ok() ? ErrorCodes(r->errors).front() : r.status().ToString());
      acknowledged[ihe::UniqueIdOf(b.Object("Doc01"))] = bytes;
    }
    node.Kill();
  }
  NodeProcess again(XDS_NODE_BINARY, config, dir.File("node.log"));
  ASSERT_TRUE(WaitUntilServing(url));
  soap::SoapClient client(url);
  std::vector<ihe::DocumentRequest> requests;
  for (const auto& [id, bytes] : acknowledged) requests.push_back({"", kRepositoryId, id});
  auto got = Retrieve(client, requests);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->response.errors.empty()) << got->response.errors.front().code_context;
  for (const auto& [id, bytes] : acknowledged) EXPECT_TRUE(got->bytes[id] == bytes) << id << " lost or damaged";
}

}  // namespace
}  // namespace xds::testing

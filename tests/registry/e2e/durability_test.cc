// An acknowledged submission survives kill -9 of the registry process: the
// test runs the real xds-node executable, submits, kills it with SIGKILL,
// starts it again on the same database and finds every acknowledged entry.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <fstream>
#include <thread>

#include "tests/support/registry_calls.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

constexpr char kPatient[] = "KILL-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";

int FreePort() {
  // Let the kernel pick, then release: good enough on loopback for a test.
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

class Node {
 public:
  Node(const std::string& config_path, const std::string& log_path) {
    pid_ = fork();
    if (pid_ == 0) {
      int fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      dup2(fd, 1);
      dup2(fd, 2);
      execl(XDS_NODE_BINARY, XDS_NODE_BINARY, "--config", config_path.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  void Kill() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  ~Node() { Kill(); }

 private:
  pid_t pid_ = -1;
};

bool WaitUntilServing(const std::string& url) {
  for (int i = 0; i < 200; ++i) {
    http::HttpClientOptions options;
    options.connect_timeout_seconds = 1;
    options.read_timeout_seconds = 2;
    soap::SoapClient client(url, options);
    if (Query(client, FindDocuments(kPatient)).ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

class DurabilityTest : public ::testing::TestWithParam<const char*> {};

// Both durability settings must survive kill -9; they differ on power loss.
INSTANTIATE_TEST_SUITE_P(BothSettings, DurabilityTest, ::testing::Values("power-loss", "process-crash"),
                         [](const auto& info) { return std::string(info.param == std::string("power-loss") ? "PowerLoss" : "ProcessCrash"); });

TEST_P(DurabilityTest, AcknowledgedSubmissionsSurviveKill9) {
  TempDir dir;
  int port = FreePort();
  std::string config = dir.File("node.toml");
  std::ofstream(config) << "[server]\nport = " << port << "\n[log]\nlevel = \"warn\"\n[registry]\ndatabase = \""
                        << dir.File("registry.db") << "\"\nmllp_port = " << FreePort() << "\nschema_dir = \"" << XDS_SCHEMA_DIR << "\"\ndurability = \"" << GetParam() << "\"\n";
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/xds/registry";
  std::vector<std::string> acknowledged;
  {
    Node node(config, dir.File("node.log"));
    ASSERT_TRUE(WaitUntilServing(url)) << "xds-node did not start; see " << dir.File("node.log");
    // The patient comes through the node's own store, as a feed would.
    {
      auto add = std::string(XDS_NODE_BINARY) + " --config " + config + " add-patient '" + kPatient + "' >/dev/null";
      ASSERT_EQ(std::system(add.c_str()), 0);
    }
    soap::SoapClient client(url);
    for (int i = 0; i < 20; ++i) {
      SubmissionBuilder b(kPatient);
      DocumentOptions o;
      o.unique_id = SubmissionBuilder::NewOid();
      b.AddDocument("Doc01", o);
      auto r = Register(client, b);
      ASSERT_TRUE(r.ok() && r->success());
      acknowledged.push_back(o.unique_id);
    }
    node.Kill();  // SIGKILL straight after the last acknowledgement
  }
  Node again(config, dir.File("node.log"));
  ASSERT_TRUE(WaitUntilServing(url));
  soap::SoapClient client(url);
  auto q = Query(client, FindDocuments(kPatient));
  ASSERT_TRUE(q.ok());
  std::set<std::string> found;
  for (const auto& o : q->objects) found.insert(ihe::UniqueIdOf(o));
  for (const auto& id : acknowledged) EXPECT_TRUE(found.count(id)) << id << " lost";
  EXPECT_EQ(found.size(), acknowledged.size());
}

}  // namespace
}  // namespace xds::testing

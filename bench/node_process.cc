#include "bench/node_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace xds::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The text after `marker` up to the end of its line, or "".
std::string After(const std::string& text, const std::string& marker) {
  size_t at = text.find(marker);
  if (at == std::string::npos) return {};
  at += marker.size();
  return text.substr(at, text.find('\n', at) - at);
}

std::string ExitText(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

Result<std::unique_ptr<NodeProcess>> NodeProcess::Start(const NodeOptions& o) {
  std::string config_path = o.work_dir + "/xds-node.toml";
  {
    std::ofstream config(config_path);
    config << "[server]\nhost = \"127.0.0.1\"\nport = 0\nthreads = " << o.http_threads
           << "\n\n[log]\nlevel = \"warn\"\n\n[registry]\ndatabase = \"" << o.database
           << "\"\nschema_dir = \"" << o.schema_dir
           << "\"\npath = \"/xds/registry\"\nmllp_host = \"127.0.0.1\"\nmllp_port = 0\n";
    for (const auto& setting : o.registry_settings) config << setting << "\n";
    if (!config) return Status::IoError("cannot write " + config_path);
  }
  std::unique_ptr<NodeProcess> node(new NodeProcess());
  node->log_path_ = o.work_dir + "/xds-node.log";
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) return Status::Internal("fork failed");
  if (pid == 0) {
    // Child: only async-signal-safe calls until exec.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(126);
    int fd = open(node->log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
      close(fd);
    }
    execl(o.binary.c_str(), o.binary.c_str(), "--config", config_path.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  node->pid_ = pid;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string log = ReadFile(node->log_path_);
    if (log.find("Press Ctrl-C to stop.") != std::string::npos) {
      node->url_ = After(log, "(SOAP 1.2): ");
      std::string mllp = After(log, "(HL7 v2 over MLLP): ");
      size_t colon = mllp.rfind(':');
      if (colon != std::string::npos) node->mllp_port_ = std::atoi(mllp.c_str() + colon + 1);
      if (node->url_.empty() || node->mllp_port_ == 0)
        return Status::Internal("cannot read the endpoints from " + node->log_path_ + ":\n" + log);
      return node;
    }
    if (!node->Running())
      return Status::Unavailable("xds-node " + o.binary + " did not start:\n" + log);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Status::Unavailable("xds-node did not print its ready banner within 60 s; see " + node->log_path_);
}

NodeProcess::~NodeProcess() { Stop(); }

bool NodeProcess::Running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

std::string NodeProcess::Stop() {
  if (pid_ <= 0) return "not running";
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 1500; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return ExitText(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return "killed after 15 s: " + ExitText(status);
}

}  // namespace xds::bench

#include "bench/node_process.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/child_process.h"

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
    config << o.extra_sections;
    if (!config) return Status::IoError("cannot write " + config_path);
  }
  std::unique_ptr<NodeProcess> node(new NodeProcess());
  node->log_path_ = o.work_dir + "/xds-node.log";
  auto pid = SpawnChild({o.binary, "--config", config_path}, node->log_path_);
  if (!pid.ok()) return pid.status();
  node->pid_ = *pid;

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

bool NodeProcess::Running() { return ChildRunning(pid_); }

std::string NodeProcess::Stop() { return StopChild(pid_); }

}  // namespace xds::bench

// NodeProcess: the Document Registry under test, run as a child process
// (the real xds-node binary) so that its memory and CPU are its own and the
// bench's client threads do not count against it.
//
// Start() writes a configuration into `work_dir` (HTTP and MLLP on ephemeral
// loopback ports, log level warn, the given database and schema directory,
// everything else at xds-node's defaults), starts xds-node with
// its output in work_dir/xds-node.log, and waits for its "ready" banner to
// learn the endpoint URL and MLLP port. The child gets SIGTERM when the bench
// dies (PR_SET_PDEATHSIG). Stop(), also run by the destructor, sends SIGTERM
// and reaps it.
//
// Not thread-safe; owned by main().
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::bench {

struct NodeOptions {
  std::string binary;        // path of xds-node
  std::string work_dir;      // config and log go here
  std::string database;      // SQLite file
  std::string schema_dir;    // registry.schema_dir (XML Schemas of accepted messages)
  int http_threads = 16;     // [server] threads, as xds-node's default config
  // Extra [registry] settings, one TOML "key = value" each, e.g.
  // durability = "process-crash" or validate_schema = false.
  std::vector<std::string> registry_settings;
  // TOML sections written after [registry], e.g. [tls] and [access]
  // (registry_security.h).
  std::string extra_sections;
};

class NodeProcess {
 public:
  static Result<std::unique_ptr<NodeProcess>> Start(const NodeOptions& options);
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& url() const { return url_; }  // ITI-42/ITI-18 SOAP endpoint
  int mllp_port() const { return mllp_port_; }
  bool Running();
  // Sends SIGTERM and waits (SIGKILL after 15 s). Returns the exit status text.
  std::string Stop();

 private:
  NodeProcess() = default;
  pid_t pid_ = -1;
  std::string url_;
  int mllp_port_ = 0;
  std::string log_path_;
};

}  // namespace xds::bench

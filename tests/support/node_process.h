// NodeProcess: the real xds-node executable as a child process, for tests
// that must kill it (kill -9 durability tests), with its output in a log.
#pragma once

#include <sys/types.h>

#include <string>

namespace xds::testing {

// A loopback port that was free a moment ago (the kernel picks it).
int FreeLoopbackPort();

class NodeProcess {
 public:
  NodeProcess(const std::string& binary, const std::string& config_path, const std::string& log_path);
  ~NodeProcess();
  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  // SIGKILL, then reap: no chance to flush or clean up.
  void Kill();

 private:
  pid_t pid_ = -1;
};

}  // namespace xds::testing

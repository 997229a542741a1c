// A server the bench runs as its child (xds-node, nginx, Orthanc): started
// with its output in a log file, sent SIGTERM if the bench dies
// (PR_SET_PDEATHSIG), and stopped with SIGTERM, then SIGKILL after 15 s.
//
// Not thread-safe; each caller owns its pid.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::bench {

// Starts argv[0] with `argv`, stdout and stderr into `log_path` (truncated),
// and `extra_environment` ("NAME=value") added to the bench's environment.
Result<pid_t> SpawnChild(const std::vector<std::string>& argv, const std::string& log_path,
                         const std::vector<std::string>& extra_environment = {});

// Whether the child still runs; reaps it (and sets `pid` to -1) if not.
bool ChildRunning(pid_t& pid);

// SIGTERM, wait up to 15 s, then SIGKILL; reaps the child and sets `pid` to
// -1. Returns how it ended: "exited with status 0", "killed by signal 9",
// "killed after 15 s: ...", or "not running".
std::string StopChild(pid_t& pid);

}  // namespace xds::bench

// Running the project's executables (xds, xds-node) as real processes from
// tests: one command line, its exit code, its stdout and its stderr; and
// waiting for a node to listen.
#pragma once

#include <string>
#include <vector>

namespace xds::testing {

struct ProgramRun {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;     // stdout
  std::string err;     // stderr (through `err_file`)
};

// Runs `program args...` through the shell (each argument single-quoted);
// stderr goes to `err_file`, then into ProgramRun::err.
ProgramRun RunProgram(const std::string& program, const std::vector<std::string>& args, const std::string& err_file);

// True when something accepts TCP connections on 127.0.0.1:`port`.
bool Accepts(int port);
// Waits up to `seconds` for Accepts(port).
bool WaitUntilAccepts(int port, int seconds);

}  // namespace xds::testing

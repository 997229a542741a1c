// DcmqrscpPacs: a real site PACS for tests — DCMTK's dcmqrscp started as a
// child process on an ephemeral loopback port, with its own configuration
// file and storage folder (each instance gets a fresh temp dir, so index
// files are never shared), loaded through storescu. Both children run with
// TCP_NODELAY=1 (see imaging-source/dicom/dcmtk_env.h for why).
//
// Stop() (and the destructor) ends the dcmqrscp process group. Not
// thread-safe; one fixture per test.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "tests/support/temp_dir.h"
#include "wire/base/status.h"

namespace xds::imaging::testing {

class DcmqrscpPacs {
 public:
  static constexpr char kAeTitle[] = "SITEPACS";

  DcmqrscpPacs();
  ~DcmqrscpPacs();
  DcmqrscpPacs(const DcmqrscpPacs&) = delete;
  DcmqrscpPacs& operator=(const DcmqrscpPacs&) = delete;

  // Before Start: a C-MOVE destination dcmqrscp may send to (its HostTable).
  void AddMoveDestination(const std::string& ae_title, int port);

  // Starts dcmqrscp and waits until it answers C-ECHO.
  Status Start();
  void Stop();
  // C-STOREs the files through storescu, all in transfer syntax `ts`, which
  // storescu is told to propose alone so that the PACS stores them as they
  // are (storescu would otherwise convert to the syntax the PACS prefers).
  Status Load(const std::vector<std::string>& files, const std::string& ts);

  int port() const { return port_; }
  // How our PacsClient reaches it.
  PacsConfig ClientConfig() const;
  const std::string& dir() const { return dir_.path(); }

 private:
  xds::testing::TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::vector<std::pair<std::string, int>> move_destinations_;
};

// A port that was free a moment ago (bind to port 0, read, close).
int FreeLoopbackPort();

// Runs a program with TCP_NODELAY=1, waits, returns its exit code (-1 when
// it could not run). Output goes to `log_file`.
int RunTool(const std::vector<std::string>& argv, const std::string& log_file);

// Starts a server program with TCP_NODELAY=1 in a process group of its own
// (end it with kill(-pid, SIGTERM) and waitpid), output appended to
// `log_file`; -1 when it could not fork.
pid_t StartServer(const std::vector<std::string>& argv, const std::string& log_file);

}  // namespace xds::imaging::testing

#include "tests/imaging-source/support/dcmqrscp_pacs.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "imaging-source/dicom/pacs_client.h"

namespace xds::imaging::testing {
namespace {

pid_t Spawn(const std::vector<std::string>& argv, const std::string& log_file, bool own_group) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  // Child.
  if (own_group) setpgid(0, 0);
  setenv("TCP_NODELAY", "1", 1);
  int fd = open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd >= 0) {
    dup2(fd, 1);
    dup2(fd, 2);
    close(fd);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  _exit(127);
}

}  // namespace

int FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

pid_t StartServer(const std::vector<std::string>& argv, const std::string& log_file) {
  return Spawn(argv, log_file, true);
}

int RunTool(const std::vector<std::string>& argv, const std::string& log_file) {
  pid_t pid = Spawn(argv, log_file, false);
  if (pid < 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

DcmqrscpPacs::DcmqrscpPacs() = default;

void DcmqrscpPacs::AddMoveDestination(const std::string& ae_title, int port) {
  move_destinations_.push_back({ae_title, port});
}
DcmqrscpPacs::~DcmqrscpPacs() { Stop(); }

PacsConfig DcmqrscpPacs::ClientConfig() const {
  PacsConfig c;
  c.host = "127.0.0.1";
  c.port = port_;
  c.called_ae = kAeTitle;
  c.calling_ae = "XDSI_TEST";
  c.connect_timeout_seconds = 5;
  c.acse_timeout_seconds = 10;
  c.dimse_timeout_seconds = 30;
  c.spool_dir = dir_.path();
  return c;
}

Status DcmqrscpPacs::Start() {
  std::string storage = dir_.File("storage");
  std::filesystem::create_directories(storage);
  std::string config = dir_.File("dcmqrscp.cfg");
  // The port can be taken between FreeLoopbackPort and dcmqrscp's bind;
  // then dcmqrscp exits and we try another.
  for (int attempt = 0; attempt < 5; ++attempt) {
    port_ = FreeLoopbackPort();
    {
      std::ofstream f(config);
      f << "NetworkTCPPort  = " << port_ << "\n"
        << "MaxPDUSize      = 65536\n"
        << "MaxAssociations = 16\n\n"
        << "HostTable BEGIN\n";
      for (const auto& [ae, port] : move_destinations_)
        f << ae << " = (" << ae << ", 127.0.0.1, " << port << ")\n";
      f << "HostTable END\n\n"
        << "VendorTable BEGIN\nVendorTable END\n\n"
        << "AETable BEGIN\n"
        << kAeTitle << "  " << storage << "  RW  (1000, 1024mb)  ANY\n"
        << "AETable END\n";
    }
    // --fork: one child per association, so a test can hold several. +xt:
    // accept JPEG-LS lossless as well as the uncompressed syntaxes. (On
    // C-MOVE sub-associations it proposes uncompressed syntaxes only, and
    // cannot decompress: it cannot move JPEG-LS instances.)
    pid_ = Spawn({"dcmqrscp", "-c", config, "--fork", "+xt", std::to_string(port_)}, dir_.File("dcmqrscp.log"),
                 true);
    if (pid_ < 0) return Status::Internal("cannot fork dcmqrscp");
    auto client = NewDcmtkPacsClient(ClientConfig());
    // Wait for the listener: C-ECHO until it answers or the process died.
    for (int i = 0; i < 200; ++i) {
      if (client->Echo().ok()) return Status::Ok();
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      usleep(20 * 1000);
    }
    Stop();
  }
  return Status::Unavailable("dcmqrscp did not start; see " + dir_.File("dcmqrscp.log"));
}

void DcmqrscpPacs::Stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);  // the process group: dcmqrscp and its children
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

Status DcmqrscpPacs::Load(const std::vector<std::string>& files, const std::string& ts) {
  std::string propose = ts == "1.2.840.10008.1.2"        ? "-xi"
                        : ts == "1.2.840.10008.1.2.4.80" ? "-xt"
                                                          : "-xe";
  std::vector<std::string> argv = {"storescu", propose, "-aet", "LOADER", "-aec", kAeTitle, "127.0.0.1",
                                   std::to_string(port_)};
  argv.insert(argv.end(), files.begin(), files.end());
  int rc = RunTool(argv, dir_.File("storescu.log"));
  if (rc != 0) {
    std::ifstream log(dir_.File("storescu.log"));
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    return Status::Internal("storescu exited with " + std::to_string(rc) + ": " + text);
  }
  return Status::Ok();
}

}  // namespace xds::imaging::testing

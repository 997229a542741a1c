#include "tests/security/rsyslog_receiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace xds::testing {
namespace {

int FreePort(int type) {
  int fd = socket(AF_INET, type, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Accepting(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A connected UDP socket learns of an ICMP "port unreachable" at its next
// send: two probes a moment apart tell whether the UDP input is open. The
// probes are not audit records (their MSGID differs) and go to rsyslogd's
// own log.
bool UdpOpen(int port) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  const char probe[] = "<13>1 - - - - probe - ready";
  bool open = send(fd, probe, sizeof probe - 1, 0) >= 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  open = open && send(fd, probe, sizeof probe - 1, 0) >= 0;
  close(fd);
  return open;
}

}  // namespace

RsyslogReceiver::RsyslogReceiver(const std::string& ca_file, const std::string& certificate,
                                 const std::string& key) {
  tls_port_ = FreePort(SOCK_STREAM);
  udp_port_ = FreePort(SOCK_DGRAM);
  config_ = dir_.File("rsyslog.conf");
  std::ofstream conf(config_);
  conf << "global(workDirectory=\"" << dir_.path() << "\"\n"
       << "       maxMessageSize=\"256k\"\n"
       << "       defaultNetstreamDriverCAFile=\"" << ca_file << "\"\n"
       << "       defaultNetstreamDriverCertFile=\"" << certificate << "\"\n"
       << "       defaultNetstreamDriverKeyFile=\"" << key << "\")\n"
       << "module(load=\"imtcp\" streamDriver.name=\"gtls\" streamDriver.mode=\"1\"\n"
       << "       streamDriver.authMode=\"x509/certvalid\")\n"
       << "input(type=\"imtcp\" address=\"127.0.0.1\" port=\"" << tls_port_ << "\")\n"
       << "module(load=\"imudp\")\n"
       << "input(type=\"imudp\" address=\"127.0.0.1\" port=\"" << udp_port_ << "\")\n"
       << "template(name=\"audit\" type=\"string\" string=\"%app-name% %procid% %msgid% %pri% %msg%\\n\")\n"
       << "if $msgid == \"IHE+RFC-3881\" then {\n"
       << "  action(type=\"omfile\" file=\"" << dir_.File("received.log") << "\" template=\"audit\")\n"
       << "  stop\n"
       << "}\n"
       << "action(type=\"omfile\" file=\"" << dir_.File("rsyslogd.log") << "\")\n";
}

RsyslogReceiver::~RsyslogReceiver() { Stop(); }

void RsyslogReceiver::Start() {
  if (pid_ > 0) return;
  std::string pidfile = dir_.File("rsyslogd.pid");
  pid_ = fork();
  if (pid_ == 0) {
    // Its own messages go to a file, not to the test's output (which it
    // would also keep open).
    std::string log = dir_.File("rsyslogd.out");
    FILE* out = std::fopen(log.c_str(), "a");
    if (out) {
      dup2(fileno(out), STDOUT_FILENO);
      dup2(fileno(out), STDERR_FILENO);
    }
    execl("/usr/sbin/rsyslogd", "rsyslogd", "-n", "-f", config_.c_str(), "-i", pidfile.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid_ < 0) throw std::runtime_error("fork failed");
  for (int i = 0; i < 500 && !Accepting(tls_port_); ++i) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("rsyslogd exited at start; see " + dir_.File("rsyslogd.log"));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!Accepting(tls_port_)) throw std::runtime_error("rsyslogd does not listen on its TLS port");
  for (int i = 0; i < 500 && !UdpOpen(udp_port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

void RsyslogReceiver::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::vector<ReceivedRecord> RsyslogReceiver::Records() const {
  std::vector<ReceivedRecord> out;
  std::ifstream in(dir_.File("received.log"));
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // a line rsyslogd is still writing
    ReceivedRecord r;
    std::istringstream fields(line);
    fields >> r.app_name >> r.proc_id >> r.msg_id >> r.pri;
    std::getline(fields, r.msg);
    if (!r.msg.empty() && r.msg[0] == ' ') r.msg.erase(0, 1);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<ReceivedRecord> RsyslogReceiver::WaitFor(size_t count, std::chrono::milliseconds timeout) const {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<ReceivedRecord> records = Records();
  while (records.size() < count && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    records = Records();
  }
  return records;
}

}  // namespace xds::testing

#include "bench/repository_nginx.h"

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/child_process.h"
#include "wire/base/durable_file.h"

namespace xds::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A loopback port nothing listens on right now. Another process may take it
// before nginx binds it; Start() then tries again with another.
int FreeLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

bool Accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

// Run as root, nginx hands requests to workers running as `nobody`, which
// cannot enter the bench's private temp dir: keep the workers' user ours.
std::string UserDirective() {
  if (::geteuid() != 0) return {};
  const passwd* pw = ::getpwuid(::geteuid());
  const group* gr = ::getgrgid(::getegid());
  if (!pw || !gr) return {};
  return std::string("user ") + pw->pw_name + " " + gr->gr_name + ";\n";
}

std::string Config(const std::string& dir, int port) {
  std::ostringstream c;
  c << "# written by repository_bench\n"
    << UserDirective() << "daemon off;\nmaster_process on;\nworker_processes auto;\n"
    << "pid " << dir << "/nginx.pid;\nerror_log " << dir << "/error.log warn;\n"
    << "events { worker_connections 256; }\n"
    << "http {\n"
    << "  access_log off;\n"
    << "  sendfile on;\n  tcp_nopush on;\n  tcp_nodelay on;\n"
    << "  keepalive_requests 100000;\n"
    << "  default_type application/octet-stream;\n"
    << "  client_body_temp_path " << dir << "/tmp/body;\n"
    << "  proxy_temp_path " << dir << "/tmp/proxy;\n"
    << "  fastcgi_temp_path " << dir << "/tmp/fastcgi;\n"
    << "  uwsgi_temp_path " << dir << "/tmp/uwsgi;\n"
    << "  scgi_temp_path " << dir << "/tmp/scgi;\n"
    << "  server {\n"
    << "    listen 127.0.0.1:" << port << ";\n"
    << "    root " << dir << "/www;\n"
    << "    location /files/ { }\n"
    << "    location /upload/ {\n"
    << "      dav_methods PUT;\n"
    << "      create_full_put_path on;\n"
    << "      client_max_body_size 0;\n"
    << "    }\n"
    << "  }\n"
    << "}\n";
  return c.str();
}

}  // namespace

Result<std::unique_ptr<NginxProcess>> NginxProcess::Start(const std::string& binary, const std::string& work_dir) {
  for (const char* sub : {"/www/files", "/www/upload", "/tmp"}) XDS_RETURN_IF_ERROR(MakeDirectories(work_dir + sub));
  const std::string config_path = work_dir + "/nginx.conf";
  const std::string log_path = work_dir + "/nginx.out";
  std::string failures;
  for (int attempt = 0; attempt < 5; ++attempt) {
    const int port = FreeLoopbackPort();
    if (port == 0) return Status::Unavailable("no free loopback port");
    {
      std::ofstream config(config_path, std::ios::trunc);
      config << Config(work_dir, port);
      if (!config) return Status::IoError("cannot write " + config_path);
    }
    auto spawned = SpawnChild({binary, "-p", work_dir, "-c", config_path, "-e", work_dir + "/error.log"}, log_path);
    if (!spawned.ok()) return spawned.status();

    std::unique_ptr<NginxProcess> nginx(new NginxProcess());
    nginx->pid_ = *spawned;
    nginx->port_ = port;
    nginx->files_dir_ = work_dir + "/www/files";
    nginx->upload_dir_ = work_dir + "/www/upload";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (!ChildRunning(nginx->pid_)) break;
      if (Accepts(port)) return nginx;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    failures += ReadFile(log_path) + ReadFile(work_dir + "/error.log");
    // A port taken in the meantime shows as "Address already in use": retry.
    if (failures.find("in use") == std::string::npos) break;
  }
  return Status::Unavailable("nginx " + binary + " did not start (is nginx-light installed?):\n" + failures);
}

NginxProcess::~NginxProcess() { Stop(); }

std::string NginxProcess::Stop() { return StopChild(pid_); }

}  // namespace xds::bench

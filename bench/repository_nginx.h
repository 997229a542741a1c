// NginxProcess: the reference for repository_bench, a plain HTTP file server
// (Debian's nginx-light) run as a child process with its own configuration,
// pid file, temp folders and error log in `work_dir`, on a free loopback
// port. It serves the same bytes the repository serves, and takes the same
// uploads, without SOAP, MTOM, hashing, metadata or fsync:
//
//   GET /files/<name>   a file of work_dir/www/files, sent with sendfile
//                       (sendfile and tcp_nopush on, as in Debian's
//                       nginx.conf)
//   PUT /upload/<name>  a WebDAV PUT (ngx_http_dav_module, built into
//                       nginx-light): the body is written to a temp file
//                       under work_dir, then renamed to work_dir/www/upload/
//                       <name>; nginx does not fsync it
//
// Workers as many as cores (`worker_processes auto`, Debian's default). The
// child gets SIGTERM when the bench dies (PR_SET_PDEATHSIG); Stop(), also
// run by the destructor, sends SIGTERM (nginx's fast shutdown) and reaps it.
//
// Not thread-safe; owned by main().
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "wire/base/status.h"

namespace xds::bench {

class NginxProcess {
 public:
  // `binary`: the nginx executable (default /usr/sbin/nginx).
  static Result<std::unique_ptr<NginxProcess>> Start(const std::string& binary, const std::string& work_dir);
  ~NginxProcess();
  NginxProcess(const NginxProcess&) = delete;
  NginxProcess& operator=(const NginxProcess&) = delete;

  pid_t pid() const { return pid_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // Where a file must be to be served as /files/<name>.
  const std::string& files_dir() const { return files_dir_; }
  const std::string& upload_dir() const { return upload_dir_; }
  std::string Stop();

 private:
  NginxProcess() = default;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string files_dir_;
  std::string upload_dir_;
};

}  // namespace xds::bench

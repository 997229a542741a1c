// HttpServer: the project's one HTTP(S) listener, on cpp-httplib's thread
// pool. Actors register handlers by path; several actors can share one
// server (all-in-one deployment) or each run their own.
//
// Handlers run concurrently on pool threads; they must be thread-safe.
// Exceptions thrown by a handler are caught here (the one catch-all of the
// project) and answered with HTTP 500.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "wire/base/status.h"
#include "wire/http/http_types.h"

namespace xds::http {

struct HttpServerOptions {
  // Largest body a buffered Post handler receives (413 beyond); a route may
  // set its own. Streaming routes enforce their own limits as they read.
  size_t max_body_bytes = 64 * 1024 * 1024;
  int thread_count = 32;  // cpp-httplib holds one per keep-alive connection
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // `max_body_bytes` 0: the server's default (HttpServerOptions).
  void Post(const std::string& path, Handler handler, size_t max_body_bytes = 0);
  void PostStreaming(const std::string& path, StreamingHandler handler);
  void Get(const std::string& path, Handler handler);

  // Binds host:port (port 0 picks a free one) and serves on a background
  // thread until Stop(). Returns the bound port.
  Result<int> Start(const std::string& host, int port);
  void Stop();
  int port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace xds::http

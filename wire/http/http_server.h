// HttpServer: the project's one HTTP(S) listener, on cpp-httplib's thread
// pool. Actors register handlers by path; several actors can share one
// server (all-in-one deployment) or each run their own.
//
// With HttpServerOptions::tls it serves HTTPS only (ATNA ITI-19 secure
// node): TLS >= 1.2, client certificates checked in the handshake, and the
// verified client certificate handed to handlers as
// HttpRequest::peer_certificate. Without it, plain HTTP.
//
// Handlers run concurrently on pool threads; they must be thread-safe.
// Exceptions thrown by a handler are caught here (the one catch-all of the
// project) and answered with HTTP 500.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "wire/base/status.h"
#include "wire/http/http_types.h"
#include "wire/http/tls_settings.h"

namespace xds::audit {
class TransactionAuditor;  // wire/audit/transaction_auditor.h
}
namespace xds::security {
class XuaVerifier;  // wire/security/xua_verifier.h
}

namespace xds::http {

struct HttpServerOptions {
  // Largest body a buffered Post handler receives (413 beyond); a route may
  // set its own. Streaming routes enforce their own limits as they read.
  size_t max_body_bytes = 64 * 1024 * 1024;
  int thread_count = 32;  // cpp-httplib holds one per keep-alive connection
  int read_timeout_seconds = 30;
  int write_timeout_seconds = 30;
  // HTTPS with these settings (see tls_settings.h); unset: plain HTTP.
  std::optional<TlsSettings> tls;
  // Told of each handshake refused (a Security Alert for the audit trail).
  // Called on a pool thread; must be thread-safe.
  TlsRefusalObserver on_tls_refusal;
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
  // thread until Stop(). Returns the bound port; InvalidArgument when the
  // TLS settings could not be used (unreadable file, key not matching).
  Result<int> Start(const std::string& host, int port);
  void Stop();
  int port() const { return port_; }

  // The audit trail of the services mounted on this server (ATNA ITI-20):
  // set by the composition root before the actors mount their endpoints,
  // which pick it up (SoapEndpoint::Mount). Borrowed; null: no audit.
  void set_auditor(const audit::TransactionAuditor* auditor) { auditor_ = auditor; }
  const audit::TransactionAuditor* auditor() const { return auditor_; }
  // The user-assertion check (XUA ITI-40) of the SOAP services mounted on
  // this server, picked up the same way. Borrowed; null: assertions are
  // not read.
  void set_xua_verifier(const security::XuaVerifier* verifier) { xua_verifier_ = verifier; }
  const security::XuaVerifier* xua_verifier() const { return xua_verifier_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::thread thread_;
  int port_ = 0;
  const audit::TransactionAuditor* auditor_ = nullptr;
  const security::XuaVerifier* xua_verifier_ = nullptr;
};

}  // namespace xds::http

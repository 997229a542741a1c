#include "wire/http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <sys/socket.h>

#include <cstdlib>
#include <limits>

#include "wire/http/tls_context.h"

namespace xds::http {

struct HttpServer::Impl {
  std::unique_ptr<httplib::Server> server;  // an httplib::SSLServer with TLS
  size_t default_max_body = 0;
  Status tls_status;  // why the TLS context could not be built, if so
  TlsRefusalObserver on_tls_refusal;  // the TLS context points at it
  // The listening socket, seen by the socket-options callback while Start
  // binds it (-1 before).
  int listen_socket = -1;
};

namespace {

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

// Connections waiting to be accepted. cpp-httplib listens with a backlog of
// 5, compiled into Debian's library: when more clients connect at once (16
// bench clients starting together, sites reconnecting after a link came
// back) the kernel drops the excess SYNs and each of those clients waits
// for its SYN to be sent again, 1 s later (nstat: TcpExtListenOverflows).
constexpr int kListenBacklog = 1024;

HttpRequest ToRequest(const httplib::Request& req) {
  HttpRequest out;
  out.method = req.method;
  out.path = req.path;
  out.content_type = req.get_header_value("Content-Type");
  for (const auto& [k, v] : req.headers) out.headers.emplace(k, v);
  for (const auto& [k, v] : req.params) out.query.emplace(k, v);
  for (size_t i = 1; i < req.matches.size(); ++i) out.path_params.push_back(req.matches[i].str());
  out.body = req.body;
  out.remote_addr = req.remote_addr;
  out.peer_certificate = tls::PeerCertificateOf(req.ssl);
  return out;
}

void FromResponse(HttpResponse&& in, httplib::Response& res) {
  res.status = in.status;
  for (const auto& [k, v] : in.headers) res.set_header(k, v);
  if (in.stream) {
    auto stream = std::make_shared<std::function<bool(const ChunkSink&)>>(std::move(in.stream));
    auto run = [stream](httplib::DataSink& sink) {
      ChunkSink write = [&sink](std::string_view chunk) { return sink.write(chunk.data(), chunk.size()); };
      return (*stream)(write);
    };
    if (in.stream_length) {
      // httplib calls the provider until `length` bytes went out; ours
      // writes them all in its first call.
      res.set_content_provider(static_cast<size_t>(*in.stream_length), in.content_type,
                               [run](size_t, size_t, httplib::DataSink& sink) { return run(sink); });
    } else {
      res.set_chunked_content_provider(in.content_type, [run](size_t, httplib::DataSink& sink) {
        bool ok = run(sink);
        if (ok) sink.done();
        return ok;
      });
    }
    return;
  }
  res.set_content(std::move(in.body), in.content_type);
}

void Refuse(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(message, "text/plain");
  // The rest of the body is still on the socket: this connection cannot
  // carry another request.
  res.set_header("Connection", "close");
}

// Runs `body` with the one catch-all of the project: an exception escaping a
// handler becomes HTTP 500 instead of killing the server.
template <typename Fn>
void Guarded(const httplib::Request& req, httplib::Response& res, Fn&& body) {
  try {
    body();
  } catch (const std::exception& e) {
    spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
    res.status = 500;
    res.set_content("internal error", "text/plain");
  }
}

// cpp-httplib parses multipart/form-data bodies itself when a route reads
// them through a ContentReader; no IHE transaction uses form data.
bool IsFormData(const httplib::Request& req) {
  return req.get_header_value("Content-Type").rfind("multipart/form-data", 0) == 0;
}

uint64_t DeclaredLength(const httplib::Request& req) {
  if (!req.has_header("Content-Length")) return 0;
  return std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10);
}

}  // namespace

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>()) {
  if (options.tls) {
    impl_->on_tls_refusal = std::move(options.on_tls_refusal);
    const TlsRefusalObserver* observer = &impl_->on_tls_refusal;
    Status& status = impl_->tls_status;
    impl_->server = std::make_unique<httplib::SSLServer>([&](SSL_CTX& ctx) {
      status = tls::ConfigureServer(&ctx, *options.tls, observer);
      return status.ok();
    });
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  auto& s = *impl_->server;
  // Limits are per route (Post, PostStreaming); httplib's own cap would
  // also stop streamed uploads of any size.
  s.set_payload_max_length(kNoLimit);
  impl_->default_max_body = options.max_body_bytes;
  // cpp-httplib leaves Nagle's algorithm on: a response written as header
  // then body waits for the peer's delayed ACK (~40 ms on loopback).
  s.set_tcp_nodelay(true);
  // cpp-httplib closes a keep-alive connection after 5 requests by default,
  // so a busy client would pay a TCP handshake every fifth request.
  s.set_keep_alive_max_count(10000);
  // cpp-httplib's default socket options add SO_REUSEPORT, which lets a
  // second process bind the same port and silently share its connections.
  s.set_socket_options([impl = impl_.get()](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
    impl->listen_socket = sock;
  });
  s.set_read_timeout(options.read_timeout_seconds, 0);
  s.set_write_timeout(options.write_timeout_seconds, 0);
  int threads = options.thread_count;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Post(const std::string& path, Handler handler, size_t max_body_bytes) {
  size_t limit = max_body_bytes ? max_body_bytes : impl_->default_max_body;
  impl_->server->Post(path, [handler = std::move(handler), limit](const httplib::Request& req, httplib::Response& res,
                                                                const httplib::ContentReader& reader) {
    Guarded(req, res, [&] {
      if (IsFormData(req)) return Refuse(res, 415, "multipart/form-data is not accepted here");
      if (DeclaredLength(req) > limit)
        return Refuse(res, 413, "request body larger than " + std::to_string(limit) + " bytes");
      std::string body;
      bool too_large = false;
      bool read = reader([&](const char* data, size_t size) {
        if (body.size() + size > limit) return !(too_large = true);
        body.append(data, size);
        return true;
      });
      if (too_large) return Refuse(res, 413, "request body larger than " + std::to_string(limit) + " bytes");
      if (!read) return Refuse(res, 400, "request body could not be read");
      HttpRequest request = ToRequest(req);
      request.body = std::move(body);
      FromResponse(handler(request), res);
    });
  });
}

void HttpServer::PostStreaming(const std::string& path, StreamingHandler handler) {
  impl_->server->Post(path, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                                          const httplib::ContentReader& reader) {
    Guarded(req, res, [&] {
      if (IsFormData(req)) return Refuse(res, 415, "multipart/form-data is not accepted here");
      bool consumed = false;
      BodyReader read_body = [&](const ChunkSink& sink) {
        if (consumed) return false;
        consumed = true;
        return reader([&](const char* data, size_t size) { return sink(std::string_view(data, size)); });
      };
      HttpResponse response = handler(ToRequest(req), read_body);
      FromResponse(std::move(response), res);
      if (!consumed) res.set_header("Connection", "close");
    });
  });
}

void HttpServer::Get(const std::string& path, Handler handler) {
  impl_->server->Get(path, [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    Guarded(req, res, [&] { FromResponse(handler(ToRequest(req)), res); });
  });
}
Result<int> HttpServer::Start(const std::string& host, int port) {
  if (!impl_->tls_status.ok()) return impl_->tls_status;
  auto& s = *impl_->server;
  if (!s.is_valid()) return Status::Internal("TLS: no OpenSSL context for the server");
  int bound = port == 0 ? s.bind_to_any_port(host) : (s.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port));
  // listen() again on a listening socket only changes its backlog (Linux).
  if (impl_->listen_socket < 0 || ::listen(impl_->listen_socket, kListenBacklog) != 0)
    spdlog::warn("http: cannot raise the listen backlog on port {}; clients connecting at once may wait 1 s", bound);
  port_ = bound;
  thread_ = std::thread([this] { impl_->server->listen_after_bind(); });
  // Wait until the accept loop runs so that a caller can connect at once.
  while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return bound;
}

void HttpServer::Stop() {
  if (thread_.joinable()) {
    impl_->server->stop();
    thread_.join();
  }
}

}  // namespace xds::http

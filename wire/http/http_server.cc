#include "wire/http/http_server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

namespace xds::http {

struct HttpServer::Impl {
  httplib::Server server;
};

namespace {

HttpRequest ToRequest(const httplib::Request& req) {
  HttpRequest out;
  out.method = req.method;
  out.path = req.path;
  out.content_type = req.get_header_value("Content-Type");
  for (const auto& [k, v] : req.headers) out.headers.emplace(k, v);
  for (const auto& [k, v] : req.params) out.query.emplace(k, v);
  out.body = req.body;
  out.remote_addr = req.remote_addr;
  return out;
}

void FromResponse(HttpResponse&& in, httplib::Response& res) {
  res.status = in.status;
  for (const auto& [k, v] : in.headers) res.set_header(k, v);
  if (in.stream) {
    auto stream = std::make_shared<std::function<bool(const ChunkSink&)>>(std::move(in.stream));
    res.set_chunked_content_provider(in.content_type, [stream](size_t, httplib::DataSink& sink) {
      ChunkSink write = [&sink](std::string_view chunk) {
        return sink.write(chunk.data(), chunk.size());
      };
      bool ok = (*stream)(write);
      if (ok) sink.done();
      return ok;
    });
    return;
  }
  res.set_content(std::move(in.body), in.content_type);
}

httplib::Server::Handler Wrap(Handler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      FromResponse(handler(ToRequest(req)), res);
    } catch (const std::exception& e) {
      spdlog::error("handler for {} {} threw: {}", req.method, req.path, e.what());
      res.status = 500;
      res.set_content("internal error", "text/plain");
    }
  };
}

}  // namespace

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>()) {
  auto& s = impl_->server;
  s.set_payload_max_length(options.max_body_bytes);
  // cpp-httplib leaves Nagle's algorithm on: a response written as header
  // then body waits for the peer's delayed ACK (~40 ms on loopback).
  s.set_tcp_nodelay(true);
  // cpp-httplib closes a keep-alive connection after 5 requests by default,
  // so a busy client would pay a TCP handshake every fifth request.
  s.set_keep_alive_max_count(10000);
  // cpp-httplib's default socket options add SO_REUSEPORT, which lets a
  // second process bind the same port and silently share its connections.
  s.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
  });
  s.set_read_timeout(options.read_timeout_seconds, 0);
  s.set_write_timeout(options.write_timeout_seconds, 0);
  int threads = options.thread_count;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Post(const std::string& path, Handler handler) {
  impl_->server.Post(path, Wrap(std::move(handler)));
}

void HttpServer::Get(const std::string& path, Handler handler) {
  impl_->server.Get(path, Wrap(std::move(handler)));
}

Result<int> HttpServer::Start(const std::string& host, int port) {
  auto& s = impl_->server;
  int bound = port == 0 ? s.bind_to_any_port(host) : (s.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port));
  port_ = bound;
  thread_ = std::thread([this] { impl_->server.listen_after_bind(); });
  // Wait until the accept loop runs so that a caller can connect at once.
  while (!s.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return bound;
}

void HttpServer::Stop() {
  if (thread_.joinable()) {
    impl_->server.stop();
    thread_.join();
  }
}

}  // namespace xds::http

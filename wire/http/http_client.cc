#include "wire/http/http_client.h"

#include <httplib.h>

#include "wire/http/tls_context.h"

namespace xds::http {

struct HttpClient::Impl {
  std::unique_ptr<httplib::ClientImpl> client;  // an httplib::SSLClient for https
  Status setup;  // why the TLS context could not be built, if so
};

namespace {

struct HostPort {
  bool https = false;
  std::string host;
  int port = 80;
};

// "scheme://host[:port][/...]", host possibly a bracketed IPv6 address.
HostPort ParseBase(const std::string& base_url) {
  HostPort out;
  std::string rest = base_url;
  if (size_t scheme = rest.find("://"); scheme != std::string::npos) {
    out.https = rest.compare(0, scheme, "https") == 0;
    rest = rest.substr(scheme + 3);
  }
  out.port = out.https ? 443 : 80;
  rest = rest.substr(0, rest.find('/'));
  size_t colon = rest.rfind(':');
  if (!rest.empty() && rest[0] == '[') {
    size_t close = rest.find(']');
    out.host = rest.substr(1, close - 1);
    colon = rest.find(':', close);
  } else {
    out.host = rest.substr(0, colon);
  }
  if (colon != std::string::npos) out.port = std::atoi(rest.c_str() + colon + 1);
  return out;
}

}  // namespace

HttpClient::HttpClient(const std::string& base_url, HttpClientOptions options)
    : impl_(std::make_unique<Impl>()) {
  HostPort target = ParseBase(base_url);
  if (target.https) {
    auto ssl = std::make_unique<httplib::SSLClient>(target.host, target.port);
    // Verification is the TLS context's (tls_context.cc), done in the
    // handshake; httplib's own would insist on matching the host name,
    // which ITI-19 makes an option.
    ssl->enable_server_certificate_verification(false);
    impl_->setup = ssl->ssl_context()
                       ? tls::ConfigureClient(ssl->ssl_context(), options.tls.value_or(TlsSettings{}), target.host)
                       : Status::Internal("TLS: no OpenSSL context for the client");
    impl_->client = std::move(ssl);
  } else {
    impl_->client = std::make_unique<httplib::ClientImpl>(target.host, target.port);
  }
  auto& c = *impl_->client;
  c.set_connection_timeout(options.connect_timeout_seconds, 0);
  c.set_read_timeout(options.read_timeout_seconds, 0);
  c.set_keep_alive(true);
  // Without it a request sent as header then body waits ~40 ms for the
  // server's delayed ACK (Nagle).
  c.set_tcp_nodelay(true);
}

HttpClient::~HttpClient() = default;

namespace {

// A failure before the request was whole on the wire means the peer cannot
// have acted on it; a failure while reading the answer means it may have.
Status FailureOf(httplib::Error error) {
  std::string message = "HTTP request failed: " + httplib::to_string(error);
  if (error == httplib::Error::Read) return Status::OutcomeUnknown(message + " (no answer in time)");
  return Status::Unavailable(message);
}

Result<HttpResponse> Convert(const httplib::Result& r) {
  if (!r) return FailureOf(r.error());
  HttpResponse out;
  out.status = r->status;
  out.content_type = r->get_header_value("Content-Type");
  for (const auto& [k, v] : r->headers) out.headers.emplace_back(k, v);
  out.body = r->body;
  return out;
}

}  // namespace

Result<HttpResponse> HttpClient::Post(const std::string& path, const std::string& content_type,
                                      const std::string& body) {
  if (!impl_->setup.ok()) return impl_->setup;
  return Convert(impl_->client->Post(path, body, content_type));
}

Result<HttpResponse> HttpClient::PostStreaming(const std::string& path, const std::string& content_type,
                                               std::optional<uint64_t> length,
                                               const std::function<bool(const ChunkSink&)>& write_body,
                                               const AnswerSinkFactory& open_answer) {
  return SendStreaming("POST", path, content_type, length, write_body, open_answer);
}

Result<HttpResponse> HttpClient::SendStreaming(const std::string& method, const std::string& path,
                                               const std::string& content_type, std::optional<uint64_t> length,
                                               const std::function<bool(const ChunkSink&)>& write_body,
                                               const AnswerSinkFactory& open_answer) {
  return Send(method, path, {}, content_type, length, write_body, open_answer);
}

Result<HttpResponse> HttpClient::GetStreaming(const std::string& path, const Headers& headers,
                                              const AnswerSinkFactory& open_answer) {
  return Send("GET", path, headers, "", std::nullopt, {}, open_answer);
}

Result<HttpResponse> HttpClient::Send(const std::string& method, const std::string& path, const Headers& headers,
                                      const std::string& content_type, std::optional<uint64_t> length,
                                      const std::function<bool(const ChunkSink&)>& write_body,
                                      const AnswerSinkFactory& open_answer) {
  if (!impl_->setup.ok()) return impl_->setup;
  httplib::Request req;
  req.method = method;
  req.path = path;
  for (const auto& [name, value] : headers) req.set_header(name, value);
  auto run = [&write_body](httplib::DataSink& sink) {
    return write_body([&sink](std::string_view chunk) { return sink.write(chunk.data(), chunk.size()); });
  };
  if (!write_body) {
    // No request body (GET).
  } else if (length) {
    req.set_header("Content-Type", content_type);
    req.content_length_ = static_cast<size_t>(*length);
    // httplib calls the provider until `length` bytes went out; ours writes
    // them all in its first call.
    req.content_provider_ = [run](size_t, size_t, httplib::DataSink& sink) { return run(sink); };
  } else {
    req.set_header("Content-Type", content_type);
    req.is_chunked_content_provider_ = true;
    req.content_provider_ = [run](size_t, size_t, httplib::DataSink& sink) {
      bool ok = run(sink);
      if (ok) sink.done();
      return ok;
    };
  }
  HttpResponse head;
  ChunkSink answer;
  bool opened = false;
  auto fill_head = [&head](const httplib::Response& r) {
    head.status = r.status;
    head.content_type = r.get_header_value("Content-Type");
    for (const auto& [k, v] : r.headers) head.headers.emplace_back(k, v);
  };
  req.response_handler = [&](const httplib::Response& r) {
    fill_head(r);
    opened = true;
    answer = open_answer(head);
    return static_cast<bool>(answer);
  };
  req.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) {
    return answer(std::string_view(data, size));
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!impl_->client->send(req, res, error)) return FailureOf(error);
  // httplib skips the response handler for an answer without a body (204).
  if (!opened) fill_head(res);
  return head;
}

Result<HttpResponse> HttpClient::Get(const std::string& path) {
  if (!impl_->setup.ok()) return impl_->setup;
  return Convert(impl_->client->Get(path));
}

Result<UrlParts> SplitUrl(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return Status::InvalidArgument("URL without scheme: " + url);
  size_t slash = url.find('/', scheme + 3);
  if (slash == std::string::npos) return UrlParts{url, "/"};
  return UrlParts{url.substr(0, slash), url.substr(slash)};
}

}  // namespace xds::http

// HttpClient: blocking HTTP POST/GET to another actor (repository to
// registry, tests, bench), over TLS for an https:// URL (ATNA ITI-19: TLS
// >= 1.2, the server checked in the handshake, this node's certificate
// shown). One client per thread; not thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/http_types.h"
#include "wire/http/tls_settings.h"

namespace xds::http {

struct HttpClientOptions {
  int connect_timeout_seconds = 5;
  int read_timeout_seconds = 60;
  // For an https:// URL: this node's certificate (mutual TLS), whom it
  // trusts, and checks (tls_settings.h). Unset: the server is checked
  // against the system's CAs and no certificate is shown. Ignored for
  // http:// URLs.
  std::optional<TlsSettings> tls;
};

class HttpClient {
 public:
  // `base_url` is "http://host:port" or "https://host:port" (a path in it
  // is ignored; pass the path to each call). A TLS setup that fails
  // (unreadable file) makes every call return InvalidArgument.
  explicit HttpClient(const std::string& base_url, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Unavailable when the peer cannot be reached; OutcomeUnknown when the
  // request went out but no answer came back in time.
  Result<HttpResponse> Post(const std::string& path, const std::string& content_type,
                            const std::string& body);
  Result<HttpResponse> Get(const std::string& path);
  // Request headers of a call's own (Accept, ...: DICOMweb picks the media
  // type of the answer by them, PS3.18 8.7).
  using Headers = std::vector<std::pair<std::string, std::string>>;

  // A POST whose body and answer both stream. `write_body` writes the body
  // (exactly `length` bytes when given, else it goes chunked). Once the
  // answer's status and headers are in, `open_answer` is called with them
  // and returns the sink its body is pushed into; the returned HttpResponse
  // then has an empty body. Failures as for Post.
  using AnswerSinkFactory = std::function<ChunkSink(const HttpResponse& head)>;
  Result<HttpResponse> PostStreaming(const std::string& path, const std::string& content_type,
                                     std::optional<uint64_t> length,
                                     const std::function<bool(const ChunkSink&)>& write_body,
                                     const AnswerSinkFactory& open_answer);
  // The same with another method: PUT (a WebDAV upload), or GET with an
  // empty `write_body` (no request body). Benches compare the SOAP
  // transactions with plain HTTP transfers of the same bytes through it.
  Result<HttpResponse> SendStreaming(const std::string& method, const std::string& path,
                                     const std::string& content_type, std::optional<uint64_t> length,
                                     const std::function<bool(const ChunkSink&)>& write_body,
                                     const AnswerSinkFactory& open_answer);
  // A GET whose answer streams into the sink `open_answer` returns, with
  // request headers of its own: a WADO-RS retrieval parsed part by part as
  // it arrives. An answer without a body (204) opens no sink; the returned
  // head still carries its status. A peer that closes before the body is
  // whole (Content-Length or chunked framing) fails as for Post; a body
  // delimited by the connection's close cannot be told from a whole one,
  // so its framing inside (multipart) must say whether it is complete.
  Result<HttpResponse> GetStreaming(const std::string& path, const Headers& headers,
                                    const AnswerSinkFactory& open_answer);

 private:
  Result<HttpResponse> Send(const std::string& method, const std::string& path, const Headers& headers,
                            const std::string& content_type, std::optional<uint64_t> length,
                            const std::function<bool(const ChunkSink&)>& write_body,
                            const AnswerSinkFactory& open_answer);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "http://host:port/path" into base ("http://host:port") and path.
struct UrlParts {
  std::string base;
  std::string path;
};
Result<UrlParts> SplitUrl(const std::string& url);

}  // namespace xds::http

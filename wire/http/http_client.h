// HttpClient: blocking HTTP POST/GET to another actor (repository to
// registry, tests, bench). One client per thread; not thread-safe.
#pragma once

#include <memory>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_types.h"

namespace xds::http {

struct HttpClientOptions {
  int connect_timeout_seconds = 5;
  int read_timeout_seconds = 60;
};

class HttpClient {
 public:
  // `base_url` is "http://host:port" (a path in it is ignored; pass the path
  // to each call).
  explicit HttpClient(const std::string& base_url, HttpClientOptions options = {});
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Unavailable when the peer cannot be reached or times out.
  Result<HttpResponse> Post(const std::string& path, const std::string& content_type,
                            const std::string& body);
  Result<HttpResponse> Get(const std::string& path);

 private:
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

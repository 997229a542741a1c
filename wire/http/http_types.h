// HttpRequest and HttpResponse: the HTTP exchange as the rest of the project
// sees it, free of cpp-httplib types (httplib.h is included only in this
// folder's .cc files).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xds::http {

struct HttpRequest {
  std::string method;
  std::string path;
  std::string content_type;
  std::multimap<std::string, std::string> headers;  // names as received
  std::map<std::string, std::string> query;         // URL query parameters
  std::string body;
  std::string remote_addr;
};

// Writes one chunk of a streamed body; returns false when the client is gone.
using ChunkSink = std::function<bool(std::string_view)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is produced by this function (chunked transfer) and
  // `body` is ignored. It returns false to abort the connection.
  std::function<bool(const ChunkSink&)> stream;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace xds::http

// HttpRequest and HttpResponse: the HTTP exchange as the rest of the project
// sees it, free of cpp-httplib types (httplib.h is included only in this
// folder's .cc files).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
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
  // Groups captured by a route pattern such as "/studies/([^/]+)", in order.
  std::vector<std::string> path_params;
  std::string body;
  std::string remote_addr;
};

// Takes one chunk of a streamed body; returns false to stop (the client is
// gone, or the receiver refuses the rest).
using ChunkSink = std::function<bool(std::string_view)>;

// Pushes a request body, chunk by chunk as it comes off the socket, into
// `sink`, for handlers registered with HttpServer::PostStreaming. Call it at
// most once. Returns false when the body could not be read whole (the client
// went away, the body broke a limit, or `sink` returned false).
using BodyReader = std::function<bool(const ChunkSink&)>;

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is produced by this function and `body` is ignored.
  // It returns false to abort the connection (the client then sees a
  // truncated answer, never a false complete one).
  std::function<bool(const ChunkSink&)> stream;
  // The exact byte count `stream` writes, when known in advance: sent as
  // Content-Length. Unknown: chunked transfer encoding.
  std::optional<uint64_t> stream_length;
};

// A handler for a request whose body has been read whole (up to the route's
// limit) into HttpRequest::body.
using Handler = std::function<HttpResponse(const HttpRequest&)>;
// A handler that reads the body itself, as it arrives; HttpRequest::body is
// empty. Large uploads (ITI-41, RAD-68) never sit in memory.
using StreamingHandler = std::function<HttpResponse(const HttpRequest&, const BodyReader&)>;

}  // namespace xds::http

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

// The certificate a client showed over mutual TLS, verified by the server
// against its trusted CAs / certificates before the request was read
// (ATNA ITI-19). Policy code names the requesting structure from it; audit
// records use it as the source participant.
struct PeerCertificate {
  std::string subject;      // subject DN, RFC 2253 ("CN=repo,O=CH Nord,C=FR")
  std::string common_name;  // the subject's (last) CN, empty if none
  // subjectAltName entries as "DNS:name", "IP:addr", "URI:uri", "email:x".
  std::vector<std::string> subject_alt_names;
  std::string issuer;       // issuer DN, RFC 2253
  std::string serial;       // serial number, hex
};

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
  // Set when the request came over TLS with a verified client certificate;
  // empty over plain HTTP, in-process calls, or TLS without one.
  std::optional<PeerCertificate> peer_certificate;
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

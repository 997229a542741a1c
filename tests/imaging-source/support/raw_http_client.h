// RawHttpClient: a minimal HTTP/1.1 client on a plain socket, for tests that
// need what the project's HttpClient does not offer: request headers of
// their own (Accept), the raw response (chunked decoding done here), and
// hanging up in the middle of a response. One request per connection.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::imaging::testing {

struct RawResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;                            // de-chunked
  std::string Header(const std::string& lower_name) const;
};

// GET or POST `path` on 127.0.0.1:port with `headers` ("Name: value\r\n"
// lines). Unavailable when the connection fails or breaks.
Result<RawResponse> RawRequest(int port, const std::string& method, const std::string& path,
                               const std::string& headers, const std::string& body = {});

// The bodies of the parts of a multipart/related body (WADO-RS), in order.
std::vector<std::string> MultipartParts(const std::string& content_type, const std::string& body);

// Sends the request, reads `read_bytes` of the response, then closes the
// socket. Returns how many bytes were read.
Result<size_t> RequestAndHangUp(int port, const std::string& method, const std::string& path,
                                const std::string& headers, const std::string& body, size_t read_bytes);

}  // namespace xds::imaging::testing

// Timed receipt of one multipart answer (WADO-RS multipart/related, RAD-69
// MTOM) for imaging_bench: a plain HTTP/1.1 client on a socket with
// TCP_NODELAY that reads the whole answer into nothing, and notes when the
// first instance was complete — when the multipart delimiter after the
// first instance's part went by — and how many parts came.
//
// Plain functions; each call uses its own connection.
#pragma once

#include <cstdint>
#include <string>

#include "wire/base/status.h"

namespace xds::bench {

struct TimedTransfer {
  int http_status = 0;
  double seconds = 0;           // request sent -> connection closed by the server
  double first_instance_ms = 0; // request sent -> first instance complete (0: none)
  uint64_t bytes = 0;           // everything after the response head (chunk framing included)
  int parts = 0;                // multipart body parts seen
};

// Sends `method` `path` (with `headers`, "Name: value\r\n" lines, and
// `body`) to 127.0.0.1:port with "Connection: close" and reads the answer.
// `parts_before_first_instance` is how many parts precede the first
// instance's (0 for WADO-RS, 1 for RAD-69, whose root part comes first).
Result<TimedTransfer> TimedMultipartRequest(int port, const std::string& method, const std::string& path,
                                            const std::string& headers, const std::string& body,
                                            int parts_before_first_instance);

}  // namespace xds::bench

// StreamConnection: one outgoing TCP connection, over TLS when given TLS
// settings (the same context set-up as HttpClient: TLS >= 1.2, the peer
// checked in the handshake, this node's certificate shown). For byte-stream
// protocols that are not HTTP: syslog over TLS (RFC 5425) to an Audit
// Record Repository. TLS is 1.2 (see Connect in the .cc for why), which
// RFC 5425 requires and ITI-20 recommends.
//
// Not thread-safe; one owner.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "wire/base/status.h"
#include "wire/http/tls_settings.h"

namespace xds::http {

class StreamConnection {
 public:
  // Unavailable when the peer cannot be reached or the handshake fails.
  static Result<std::unique_ptr<StreamConnection>> Connect(const std::string& host, int port,
                                                           const std::optional<TlsSettings>& tls,
                                                           int timeout_seconds);
  ~StreamConnection();

  // Writes all of `bytes`; Unavailable when the connection broke.
  Status Write(std::string_view bytes);
  // True when the peer closed its side or the connection failed, waiting up
  // to `wait_ms` for it. A syslog receiver never sends, so anything
  // readable means it is going away: a message written now would be lost
  // in the kernel's buffers.
  bool PeerClosed(int wait_ms = 0);

 private:
  struct Impl;
  explicit StreamConnection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds::http

// TlsProbe: a bare OpenSSL client for the handshake cases an HttpClient
// cannot (or must not) make: TLS 1.1 only, no certificate at all. It
// connects to 127.0.0.1:port, sends one GET and reports whether an HTTP
// answer came back or which TLS error ended the exchange. With TLS 1.3 a
// server's refusal of the client certificate arrives after the client
// thinks the handshake is done, hence the GET.
#pragma once

#include <string>

namespace xds::testing {

struct ProbeOptions {
  std::string ca_file;           // whom the probe trusts (empty: no check)
  std::string certificate_file;  // what it shows (empty: nothing)
  std::string private_key_file;
  int max_version = 0;           // e.g. TLS1_1_VERSION; 0: OpenSSL's highest
  std::string path = "/whoami";
};

struct ProbeResult {
  bool served = false;   // an HTTP answer came back
  std::string status_line;
  std::string error;     // OpenSSL's reason, e.g. "tlsv13 alert certificate required"
  std::string protocol;  // negotiated, e.g. "TLSv1.3", when the handshake went through
};

ProbeResult ProbeHttps(int port, const ProbeOptions& options);

}  // namespace xds::testing

#include "tests/security/tls_probe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xds::testing {
namespace {

std::string FirstError() {
  unsigned long e = ERR_peek_last_error();
  std::string out = e ? ERR_reason_error_string(e) ? ERR_reason_error_string(e) : "unknown" : "";
  ERR_clear_error();
  return out;
}

}  // namespace

ProbeResult ProbeHttps(int port, const ProbeOptions& options) {
  ProbeResult result;
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  if (options.max_version) {
    // An old protocol needs OpenSSL's security level 0 (SHA-1 in the
    // handshake) on our side, so that only the server can refuse it.
    SSL_CTX_set_security_level(ctx, 0);
    SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx, options.max_version);
    SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
  }
  if (!options.ca_file.empty()) {
    SSL_CTX_load_verify_locations(ctx, options.ca_file.c_str(), nullptr);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  }
  if (!options.certificate_file.empty()) {
    SSL_CTX_use_certificate_chain_file(ctx, options.certificate_file.c_str());
    SSL_CTX_use_PrivateKey_file(ctx, options.private_key_file.c_str(), SSL_FILETYPE_PEM);
  }
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  SSL* ssl = nullptr;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    result.error = "connect failed";
  } else {
    ssl = SSL_new(ctx);
    SSL_set_fd(ssl, fd);
    if (SSL_connect(ssl) != 1) {
      result.error = FirstError();
    } else {
      result.protocol = SSL_get_version(ssl);
      // With TLS 1.3 the server's verdict on our certificate comes after
      // our handshake is done. Read it before sending anything: were the
      // request on its way, the server's close could reset the connection
      // and discard its alert. A server that accepted us sends nothing
      // (or only session tickets) and the read times out.
      timeval wait{0, 300 * 1000};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
      char probe;
      if (SSL_peek(ssl, &probe, 1) <= 0 && SSL_get_error(ssl, 0) == SSL_ERROR_SSL) {
        result.error = FirstError();
        SSL_free(ssl);
        close(fd);
        SSL_CTX_free(ctx);
        return result;
      }
      ERR_clear_error();
      timeval none{0, 0};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);
      std::string request = "GET " + options.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      std::string answer;
      if (SSL_write(ssl, request.data(), static_cast<int>(request.size())) > 0) {
        char buf[4096];
        int n;
        while ((n = SSL_read(ssl, buf, sizeof buf)) > 0) answer.append(buf, static_cast<size_t>(n));
      }
      if (answer.rfind("HTTP/", 0) == 0) {
        result.served = true;
        result.status_line = answer.substr(0, answer.find("\r\n"));
      } else {
        result.error = FirstError();
      }
    }
  }
  if (ssl) SSL_free(ssl);
  close(fd);
  SSL_CTX_free(ctx);
  return result;
}

}  // namespace xds::testing

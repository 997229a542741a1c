#include "wire/http/stream_connection.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <cstring>

#include "wire/http/tls_context.h"

namespace xds::http {

// OpenSSL writes with write(2), which raises SIGPIPE on a connection the
// peer reset (and kills the process). Block it around the write and
// swallow one raised meanwhile; the write itself then fails with EPIPE.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlocked() {
    timespec zero{0, 0};
    while (sigtimedwait(&pipe_, nullptr, &zero) > 0) {
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }

 private:
  sigset_t pipe_, old_;
};

struct StreamConnection::Impl {
  int fd = -1;
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  ~Impl() {
    SigpipeBlocked blocked;  // close_notify on a reset connection
    if (ssl) {
      SSL_shutdown(ssl);
      SSL_free(ssl);
    }
    if (ctx) SSL_CTX_free(ctx);
    if (fd >= 0) close(fd);
  }
};

namespace {

Result<int> ConnectTcp(const std::string& host, int port, int timeout_seconds) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found)
    return Status::Unavailable("cannot resolve " + host);
  std::string last_error = "no address";
  int fd = -1;
  for (addrinfo* a = found; a; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{timeout_seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
    last_error = std::strerror(errno);
    close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  if (fd < 0) return Status::Unavailable("cannot connect to " + host + ":" + std::to_string(port) + ": " + last_error);
  return fd;
}

std::string SslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    out += (out.empty() ? "" : "; ") + std::string(buf);
  }
  return out;
}

}  // namespace

StreamConnection::StreamConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StreamConnection::~StreamConnection() = default;

Result<std::unique_ptr<StreamConnection>> StreamConnection::Connect(const std::string& host, int port,
                                                                    const std::optional<TlsSettings>& tls,
                                                                    int timeout_seconds) {
  auto impl = std::make_unique<Impl>();
  auto fd = ConnectTcp(host, port, timeout_seconds);
  if (!fd.ok()) return fd.status();
  impl->fd = *fd;
  if (tls) {
    impl->ctx = SSL_CTX_new(TLS_client_method());
    if (!impl->ctx) return Status::Internal("TLS: no OpenSSL context");
    XDS_RETURN_IF_ERROR(tls::ConfigureClient(impl->ctx, *tls, host));
    // TLS 1.2 exactly: with TLS 1.3 a client learns that the server refused
    // its certificate only after its own handshake is over (RFC 8446 4.4),
    // by reading, and a one-way protocol such as syslog never reads: the
    // records written meanwhile would be lost. With TLS 1.2 the server's
    // Finished comes after its verdict, so a refusal fails Connect.
    SSL_CTX_set_max_proto_version(impl->ctx, TLS1_2_VERSION);
    SigpipeBlocked blocked;  // the handshake writes too
    impl->ssl = SSL_new(impl->ctx);
    SSL_set_fd(impl->ssl, impl->fd);
    SSL_set_tlsext_host_name(impl->ssl, host.c_str());
    if (SSL_connect(impl->ssl) != 1)
      return Status::Unavailable("TLS handshake with " + host + ":" + std::to_string(port) + " failed: " + SslErrors());
  }
  return std::unique_ptr<StreamConnection>(new StreamConnection(std::move(impl)));
}

Status StreamConnection::Write(std::string_view bytes) {
  SigpipeBlocked blocked;
  while (!bytes.empty()) {
    ssize_t n;
    if (impl_->ssl) {
      n = SSL_write(impl_->ssl, bytes.data(), static_cast<int>(bytes.size()));
      if (n <= 0) return Status::Unavailable("TLS write failed: " + SslErrors());
    } else {
      n = send(impl_->fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::Unavailable(std::string("write failed: ") + std::strerror(errno));
      }
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

bool StreamConnection::PeerClosed(int wait_ms) {
  pollfd p{impl_->fd, POLLIN, 0};
  if (poll(&p, 1, wait_ms) < 0) return true;
  return (p.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

}  // namespace xds::http

// MllpTestClient: the sending side of MLLP for tests. It connects to a
// loopback port, frames messages (0x0B ... 0x1C 0x0D), and reads framed
// answers, so tests exercise the server through a real TCP socket.
//
// Owns its socket. Every operation gives up after the timeout passed to the
// constructor, so a broken server fails a test instead of hanging it.
// Thread safety: one client per thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace xds::registry {

class MllpTestClient {
 public:
  explicit MllpTestClient(std::uint16_t port,
                          std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return;
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~MllpTestClient() {
    if (fd_ >= 0) close(fd_);
  }
  MllpTestClient(const MllpTestClient&) = delete;
  MllpTestClient& operator=(const MllpTestClient&) = delete;

  bool connected() const { return fd_ >= 0; }

  static std::string Frame(std::string_view message) {
    std::string frame = "\x0b";
    frame.append(message);
    frame += "\x1c\r";
    return frame;
  }

  // Writes bytes as they are; false when the peer reset or the send timed out.
  bool SendRaw(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  bool Send(std::string_view message) { return SendRaw(Frame(message)); }

  // The next framed answer, unframed; nullopt on timeout, close or bad framing.
  std::optional<std::string> Receive() {
    while (true) {
      std::size_t start = pending_.find('\x0b');
      std::size_t end = pending_.find("\x1c\r", start == std::string::npos ? 0 : start);
      if (start != std::string::npos && end != std::string::npos) {
        std::string message = pending_.substr(start + 1, end - start - 1);
        pending_.erase(0, end + 2);
        return message;
      }
      char buffer[4096];
      ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return std::nullopt;
      pending_.append(buffer, static_cast<std::size_t>(n));
    }
  }

  std::optional<std::string> Call(std::string_view message) {
    if (!Send(message)) return std::nullopt;
    return Receive();
  }

  // True when the server closes the connection (EOF or reset) before the
  // timeout; bytes received meanwhile are discarded.
  bool WaitForClose() {
    char buffer[4096];
    while (true) {
      ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
      if (n == 0) return true;
      if (n > 0) continue;
      if (errno == EINTR) continue;
      return errno == ECONNRESET || errno == EPIPE;
    }
  }

 private:
  int fd_ = -1;
  std::string pending_;  // bytes received but not yet returned
};

}  // namespace xds::registry

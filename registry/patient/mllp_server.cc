#include "registry/patient/mllp_server.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <memory>
#include <system_error>
#include <utility>

#include <spdlog/spdlog.h>

namespace xds::registry {
namespace {

constexpr char kStartBlock = 0x0B;
constexpr char kEndBlock = 0x1C;
constexpr char kCarriageReturn = 0x0D;
constexpr int kListenBacklog = 128;
constexpr std::size_t kReadChunkBytes = 64 * 1024;
// Pause after accept() fails for want of descriptors or memory, so that the
// loop does not spin while the condition lasts.
constexpr int kAcceptBackoffMs = 100;

// std::strerror is not guaranteed thread-safe; the error category is.
std::string ErrnoText(int error) { return std::generic_category().message(error); }

std::string PeerName(const sockaddr_storage& addr, socklen_t len) {
  char host[NI_MAXHOST];
  char port[NI_MAXSERV];
  if (getnameinfo(reinterpret_cast<const sockaddr*>(&addr), len, host, sizeof host, port, sizeof port,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return "?";
  }
  return std::string(host) + ":" + port;
}

enum class Wait { kReady, kTimeout, kStopping, kError };

}  // namespace

MllpServer::MllpServer(MllpServerOptions options, Handler handler)
    : MllpServer(std::move(options),
                 PeerHandler([handler = std::move(handler)](std::string_view message, const std::string&) {
                   return handler(message);
                 })) {}

MllpServer::MllpServer(MllpServerOptions options, PeerHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {}

MllpServer::~MllpServer() { Stop(); }

Status MllpServer::Start() {
  if (started_ || stopping_.load()) return Status::InvalidArgument("MllpServer::Start called twice");
  started_ = true;

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(options_.port);
  const char* host = options_.host.empty() ? nullptr : options_.host.c_str();
  if (int rc = getaddrinfo(host, service.c_str(), &hints, &found); rc != 0) {
    return Status::Unavailable("cannot resolve MLLP host " + options_.host + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);

  std::string error = "no address";
  for (const addrinfo* ai = addresses.get(); ai != nullptr && listen_fd_ < 0; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
      error = ErrnoText(errno);
      continue;
    }
    // A restarted registry must rebind while old connections sit in TIME_WAIT.
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, kListenBacklog) == 0) {
      listen_fd_ = fd;
    } else {
      error = ErrnoText(errno);
      close(fd);
    }
  }
  const std::string where = options_.host + ":" + service;
  if (listen_fd_ < 0) return Status::Unavailable("cannot listen for MLLP on " + where + ": " + error);

  sockaddr_storage bound{};
  socklen_t bound_len = sizeof bound;
  int wake[2];
  if (getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &bound_len) != 0 ||
      pipe2(wake, O_CLOEXEC | O_NONBLOCK) != 0) {
    error = ErrnoText(errno);
    close(listen_fd_);
    listen_fd_ = -1;
    return Status::IoError("cannot start MLLP listener on " + where + ": " + error);
  }
  wake_read_fd_ = wake[0];
  wake_write_fd_ = wake[1];
  std::uint16_t port = bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                                   : reinterpret_cast<sockaddr_in*>(&bound)->sin_port;
  port_.store(ntohs(port), std::memory_order_release);

  accept_thread_ = std::thread(&MllpServer::AcceptLoop, this);
  spdlog::info("MLLP: listening on {}:{}", options_.host, this->port());
  return Status::Ok();
}

void MllpServer::Stop() {
  if (stopping_.exchange(true)) return;
  if (wake_write_fd_ >= 0) {
    char byte = 1;
    // A one-byte write to an empty pipe cannot fail short.
    [[maybe_unused]] ssize_t written = write(wake_write_fd_, &byte, 1);
  }
  const bool was_running = accept_thread_.joinable();
  if (was_running) accept_thread_.join();
  // The accept thread is gone, so connections_ is ours alone now.
  for (Connection& connection : connections_) connection.thread.join();
  connections_.clear();
  for (int* fd : {&listen_fd_, &wake_read_fd_, &wake_write_fd_}) {
    if (*fd >= 0) close(*fd);
    *fd = -1;
  }
  if (was_running) spdlog::info("MLLP: stopped listening on port {}", port());
}

void MllpServer::AcceptLoop() {
  while (!stopping_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      spdlog::error("MLLP: poll on listener failed: {}", ErrnoText(errno));
      poll(&fds[1], 1, kAcceptBackoffMs);
      continue;
    }
    if (fds[1].revents != 0) break;
    if (fds[0].revents == 0) continue;

    sockaddr_storage peer{};
    socklen_t peer_len = sizeof peer;
    int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &peer_len, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      int error = errno;
      if (error == EAGAIN || error == EWOULDBLOCK || error == EINTR || error == ECONNABORTED) continue;
      spdlog::warn("MLLP: accept failed: {}", ErrnoText(error));
      poll(&fds[1], 1, kAcceptBackoffMs);
      continue;
    }
    std::string peer_name = PeerName(peer, peer_len);
    ReapFinished();
    if (connections_.size() >= options_.max_connections) {
      spdlog::warn("MLLP: refusing {}: {} connections already open", peer_name, connections_.size());
      close(fd);
      continue;
    }
    // ACKs are small and awaited by the sender: do not let Nagle hold them.
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    Connection& connection = connections_.emplace_back();
    connection.thread = std::thread([this, fd, peer_name = std::move(peer_name), &connection] {
      Serve(fd, peer_name);
      close(fd);
      // Last act: after this the accept thread may join and erase us.
      connection.done.store(true, std::memory_order_release);
    });
  }
}

void MllpServer::ReapFinished() {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (it->done.load(std::memory_order_acquire)) {
      it->thread.join();
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

namespace {

// Waits until fd has `events`, the server stops, or the timeout passes. Stop
// wins over readiness so that a chatty peer cannot delay shutdown.
Wait WaitFor(int fd, short events, int wake_fd, std::chrono::milliseconds timeout) {
  const int timeout_ms = static_cast<int>(std::clamp<long long>(timeout.count(), 0, INT_MAX));
  while (true) {
    pollfd fds[2] = {{fd, events, 0}, {wake_fd, POLLIN, 0}};
    int rc = poll(fds, 2, timeout_ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc < 0) return Wait::kError;
    if (rc == 0) return Wait::kTimeout;
    if (fds[1].revents != 0) return Wait::kStopping;
    return Wait::kReady;  // POLLERR/POLLHUP included: the next recv/send reports them
  }
}

}  // namespace

// MLLP framing as a three-state machine over whatever chunks TCP delivers, so
// frames split across reads and several frames in one read both work.
void MllpServer::Serve(int fd, const std::string& peer) {
  enum class State { kBetweenFrames, kInFrame, kAfterEndBlock };
  State state = State::kBetweenFrames;
  std::string message;
  std::string chunk(kReadChunkBytes, '\0');
  spdlog::debug("MLLP: connection from {}", peer);

  while (true) {
    switch (WaitFor(fd, POLLIN, wake_read_fd_, options_.read_timeout)) {
      case Wait::kReady: break;
      case Wait::kStopping: return;
      case Wait::kTimeout:
        spdlog::info("MLLP: closing {}: nothing received for {} ms", peer, options_.read_timeout.count());
        return;
      case Wait::kError:
        spdlog::warn("MLLP: closing {}: poll failed: {}", peer, ErrnoText(errno));
        return;
    }
    ssize_t n = recv(fd, chunk.data(), chunk.size(), 0);
    if (n == 0) {
      if (state != State::kBetweenFrames) spdlog::warn("MLLP: {} closed the connection inside a frame", peer);
      return;
    }
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
      spdlog::warn("MLLP: closing {}: recv failed: {}", peer, ErrnoText(errno));
      return;
    }

    std::string_view data(chunk.data(), static_cast<std::size_t>(n));
    std::size_t i = 0;
    while (i < data.size()) {
      if (state == State::kBetweenFrames) {
        char c = data[i++];
        if (c == kStartBlock) {
          state = State::kInFrame;
        } else if (c != '\r' && c != '\n') {  // stray line ends between frames are harmless
          spdlog::warn("MLLP: closing {}: byte 0x{:02X} outside a frame", peer, static_cast<unsigned char>(c));
          return;
        }
      } else if (state == State::kInFrame) {
        std::size_t end = data.find(kEndBlock, i);
        std::size_t take = (end == std::string_view::npos ? data.size() : end) - i;
        if (message.size() + take > options_.max_message_bytes) {
          spdlog::warn("MLLP: closing {}: message exceeds {} bytes", peer, options_.max_message_bytes);
          return;
        }
        message.append(data.substr(i, take));
        i += take;
        if (end != std::string_view::npos) {
          state = State::kAfterEndBlock;
          ++i;
        }
      } else {
        if (data[i++] != kCarriageReturn) {
          spdlog::warn("MLLP: closing {}: end block not followed by CR", peer);
          return;
        }
        std::string answer = handler_(message, peer);
        std::string frame;
        frame.reserve(answer.size() + 3);
        frame += kStartBlock;
        frame += answer;
        frame += kEndBlock;
        frame += kCarriageReturn;
        if (!SendAll(fd, frame, peer)) return;
        message.clear();
        state = State::kBetweenFrames;
      }
    }
  }
}

bool MllpServer::SendAll(int fd, std::string_view data, const std::string& peer) const {
  while (!data.empty()) {
    ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      Wait wait = WaitFor(fd, POLLOUT, wake_read_fd_, options_.read_timeout);
      if (wait == Wait::kReady) continue;
      if (wait == Wait::kTimeout) spdlog::warn("MLLP: closing {}: answer not drained in time", peer);
      return false;
    }
    spdlog::warn("MLLP: closing {}: send failed: {}", peer, ErrnoText(errno));
    return false;
  }
  return true;
}

}  // namespace xds::registry

#include "wire/audit/syslog_audit_sink.h"

#include <netdb.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace xds::audit {
namespace {

// Messages sent per pass before the thread looks at its queue again.
constexpr size_t kBatch = 256;

}  // namespace

Result<std::unique_ptr<SyslogAuditSink>> SyslogAuditSink::Start(SyslogSinkOptions options) {
  if (options.spool_directory.empty()) return Status::InvalidArgument("audit: a spool directory is required");
  auto spool = AuditSpool::Open(options.spool_directory);
  if (!spool.ok()) return spool.status();
  std::unique_ptr<SyslogAuditSink> sink(new SyslogAuditSink(std::move(options), std::move(*spool)));
  sink->pending_ = sink->spool_->Count();
  sink->thread_ = std::thread([s = sink.get()] { s->Run(); });
  return sink;
}

SyslogAuditSink::SyslogAuditSink(SyslogSinkOptions options, std::unique_ptr<AuditSpool> spool)
    : options_(std::move(options)), spool_(std::move(spool)) {}

SyslogAuditSink::~SyslogAuditSink() {
  // Give the last records (the Application Stop) a moment to go out; what
  // does not is spooled for the next start.
  WaitDelivered(std::chrono::milliseconds(500));
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (udp_fd_ >= 0) close(udp_fd_);
}

void SyslogAuditSink::Record(const AuditMessage& message) {
  RecordRaw(SyslogMessage(ToXml(message), options_.header, UtcNow()));
}

void SyslogAuditSink::RecordRaw(std::string syslog_message) {
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(syslog_message));
    ++pending_;
  }
  changed_.notify_all();
}

size_t SyslogAuditSink::Pending() const {
  std::lock_guard lock(mutex_);
  return pending_;
}

bool SyslogAuditSink::WaitDelivered(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [this] { return pending_ == 0; });
}

void SyslogAuditSink::Wake() {
  {
    std::lock_guard lock(mutex_);
    wake_ = true;
  }
  changed_.notify_all();
}

void SyslogAuditSink::Run() {
  using Clock = std::chrono::steady_clock;
  Clock::time_point next_attempt = Clock::now();
  bool delivered_all = true;
  while (true) {
    // New records reach the disk at once, even while the repository is
    // away; sending waits for the next attempt.
    SpoolQueued();
    {
      std::lock_guard lock(mutex_);
      if (stopping_) {
        if (queue_.empty()) return;
        continue;
      }
      if (wake_) next_attempt = Clock::now();
      wake_ = false;
    }
    if (Clock::now() >= next_attempt) {
      delivered_all = SendSpooled();
      if (!delivered_all) next_attempt = Clock::now() + options_.retry_interval;
    }
    std::unique_lock lock(mutex_);
    auto woken = [&] { return stopping_ || wake_ || !queue_.empty(); };
    if (delivered_all) changed_.wait(lock, woken);
    else changed_.wait_until(lock, next_attempt, woken);
  }
}

void SyslogAuditSink::SpoolQueued() {
  std::deque<std::string> batch;
  {
    std::lock_guard lock(mutex_);
    batch.swap(queue_);
  }
  size_t stored = 0;
  for (std::string& m : batch) {
    Status s = spool_->Append(m);
    if (!s.ok()) {
      // The disk refused: keep the rest in memory rather than drop them.
      spdlog::error("audit spool: {}", s.ToString());
      std::lock_guard lock(mutex_);
      queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin() + static_cast<long>(stored)),
                    std::make_move_iterator(batch.end()));
      return;
    }
    ++stored;
  }
}

bool SyslogAuditSink::SendSpooled() {
  while (true) {
    std::vector<std::string> paths = spool_->Oldest(kBatch);
    if (paths.empty()) return true;
    for (const std::string& path : paths) {
      auto message = spool_->Read(path);
      if (!message.ok()) {
        spdlog::error("audit spool: {}", message.status().ToString());
        return false;
      }
      Status sent = SendOne(*message);
      if (!sent.ok()) {
        if (!reported_down_)
          spdlog::warn("audit repository {}:{} unreachable ({}); records are spooled in {} until it returns",
                       options_.host, options_.port, sent.message(), options_.spool_directory);
        reported_down_ = true;
        return false;
      }
      if (reported_down_) spdlog::info("audit repository {}:{} reachable again", options_.host, options_.port);
      reported_down_ = false;
      if (Status removed = spool_->Remove(path); !removed.ok()) spdlog::error("audit spool: {}", removed.ToString());
      {
        std::lock_guard lock(mutex_);
        --pending_;
      }
      changed_.notify_all();
    }
    std::lock_guard lock(mutex_);
    if (stopping_ || !queue_.empty()) return queue_.empty();
  }
}

Status SyslogAuditSink::SendOne(const std::string& message) {
  if (options_.transport == SyslogTransport::kUdp) {
    if (udp_fd_ < 0) {
      addrinfo hints{};
      hints.ai_family = AF_UNSPEC;
      hints.ai_socktype = SOCK_DGRAM;
      addrinfo* found = nullptr;
      if (getaddrinfo(options_.host.c_str(), std::to_string(options_.port).c_str(), &hints, &found) != 0 || !found)
        return Status::Unavailable("cannot resolve " + options_.host);
      udp_fd_ = socket(found->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      int connected = udp_fd_ >= 0 ? connect(udp_fd_, found->ai_addr, found->ai_addrlen) : -1;
      freeaddrinfo(found);
      if (connected != 0) {
        if (udp_fd_ >= 0) close(udp_fd_);
        udp_fd_ = -1;
        return Status::Unavailable(std::string("UDP socket: ") + std::strerror(errno));
      }
    }
    // RFC 5426: one message per datagram, no framing.
    if (send(udp_fd_, message.data(), message.size(), 0) < 0) {
      // A connected UDP socket reports an earlier ICMP "port unreachable"
      // here: the repository is not listening.
      Status s = Status::Unavailable(std::string("UDP send: ") + std::strerror(errno));
      close(udp_fd_);
      udp_fd_ = -1;
      return s;
    }
    return Status::Ok();
  }
  if (stream_ && stream_->PeerClosed()) stream_.reset();
  if (!stream_) {
    std::optional<http::TlsSettings> tls;
    if (options_.transport == SyslogTransport::kTls) tls = options_.tls.value_or(http::TlsSettings{});
    auto connected =
        http::StreamConnection::Connect(options_.host, options_.port, tls, options_.connect_timeout_seconds);
    if (!connected.ok()) return connected.status();
    if ((*connected)->PeerClosed(static_cast<int>(options_.connection_confirm.count())))
      return Status::Unavailable("the repository closed the connection after the handshake (certificate refused?)");
    stream_ = std::move(*connected);
  }
  Status s = stream_->Write(OctetCounted(message));
  if (!s.ok()) stream_.reset();
  return s;
}

}  // namespace xds::audit

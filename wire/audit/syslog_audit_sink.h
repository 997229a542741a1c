// SyslogAuditSink: delivers audit records to an Audit Record Repository
// over syslog (ITI-20): RFC 5424 messages, octet-counted over TLS
// (RFC 5425, mutual TLS with the node's certificate) or TCP, or one
// datagram each over UDP (RFC 5426).
//
// Store and forward: Record() formats the message and queues it in memory;
// a background thread writes it to an AuditSpool (fsynced) and then sends
// the spool's messages oldest first, removing each once it is written to a
// live connection. While the repository cannot be reached, records
// accumulate in the spool and go out, in order, when it returns (retried
// every `retry_interval`). A record is lost only if the process dies in the
// moment between Record() and the spool write; it may be sent twice if the
// process dies between the send and the removal (at least once).
//
// UDP gives no delivery signal: a datagram counts as delivered once the
// kernel took it. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "wire/audit/audit_sink.h"
#include "wire/audit/audit_spool.h"
#include "wire/audit/syslog_format.h"
#include "wire/base/status.h"
#include "wire/http/stream_connection.h"
#include "wire/http/tls_settings.h"

namespace xds::audit {

enum class SyslogTransport { kTls, kTcp, kUdp };

struct SyslogSinkOptions {
  SyslogTransport transport = SyslogTransport::kTls;
  std::string host = "127.0.0.1";
  int port = 6514;
  std::optional<http::TlsSettings> tls;  // kTls: whom to trust, what to show
  std::string spool_directory;
  SyslogHeader header;
  std::chrono::milliseconds retry_interval{5000};
  int connect_timeout_seconds = 5;
  // After each new TLS/TCP connection, how long to watch it before the
  // first record goes out. Some repositories (rsyslog's gtls driver) check
  // the client certificate after the handshake and then just close: a
  // record written at once would be lost.
  std::chrono::milliseconds connection_confirm{300};
};

class SyslogAuditSink : public AuditSink {
 public:
  static Result<std::unique_ptr<SyslogAuditSink>> Start(SyslogSinkOptions options);
  // Sends what it can for a moment, then stops; the rest stays spooled.
  ~SyslogAuditSink() override;

  void Record(const AuditMessage& message) override;
  // Queues an already formatted SYSLOG-MSG (tests, relays).
  void RecordRaw(std::string syslog_message);

  // Records not yet delivered (in memory or spooled).
  size_t Pending() const;
  // Waits until nothing is pending or `timeout` passed; true if drained.
  bool WaitDelivered(std::chrono::milliseconds timeout) const;
  // Retries now instead of at the next interval.
  void Wake();

 private:
  explicit SyslogAuditSink(SyslogSinkOptions options, std::unique_ptr<AuditSpool> spool);
  void Run();
  void SpoolQueued();
  bool SendSpooled();
  Status SendOne(const std::string& message);

  SyslogSinkOptions options_;
  std::unique_ptr<AuditSpool> spool_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::string> queue_;  // guarded by mutex_
  size_t pending_ = 0;             // guarded by mutex_: queued + spooled, not yet delivered
  bool wake_ = false;              // guarded by mutex_
  bool stopping_ = false;          // guarded by mutex_
  // Owned by the sender thread only.
  std::unique_ptr<http::StreamConnection> stream_;
  int udp_fd_ = -1;
  bool reported_down_ = false;  // an outage is logged once, not at every retry
  std::thread thread_;
};

}  // namespace xds::audit

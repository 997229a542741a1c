// RsyslogReceiver: a real Audit Record Repository for tests: Debian's
// rsyslogd, started as this test's own child process on loopback ports
// chosen free at run time, with a TLS input (gtls driver, client
// certificates required: RFC 5425 with mutual authentication) and a UDP
// input (RFC 5426). Each audit record that arrives (MSGID IHE+RFC-3881) is
// written as one line "APP-NAME PROCID MSGID PRI MSG" to a file the test
// reads. Stop() and Start() again keep the ports (an outage and its end).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace xds::testing {

struct ReceivedRecord {
  std::string app_name;
  std::string proc_id;
  std::string msg_id;
  std::string pri;
  std::string msg;  // the audit message XML
};

class RsyslogReceiver {
 public:
  // `ca_file` is whom it trusts for client certificates; `certificate` and
  // `key` are its own.
  RsyslogReceiver(const std::string& ca_file, const std::string& certificate, const std::string& key);
  ~RsyslogReceiver();

  void Start();
  void Stop();
  int tls_port() const { return tls_port_; }
  int udp_port() const { return udp_port_; }
  const std::string& dir() const { return dir_.path(); }  // its configuration, logs, output

  // The records written so far.
  std::vector<ReceivedRecord> Records() const;
  // Waits until at least `count` records arrived; returns them.
  std::vector<ReceivedRecord> WaitFor(size_t count, std::chrono::milliseconds timeout) const;

 private:
  TempDir dir_;
  std::string config_;
  int tls_port_ = 0;
  int udp_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace xds::testing

#include "wire/audit/audit_config.h"

#include <unistd.h>

#include "wire/config/tls_config.h"

namespace xds::audit {

Result<std::unique_ptr<SyslogAuditSink>> StartAuditSinkFromConfig(const Config& config) {
  if (!config.Has("audit")) return std::unique_ptr<SyslogAuditSink>();
  SyslogSinkOptions o;
  std::string transport = config.String("audit.transport", "tls");
  if (transport == "tls") o.transport = SyslogTransport::kTls;
  else if (transport == "udp") o.transport = SyslogTransport::kUdp;
  else if (transport == "tcp") o.transport = SyslogTransport::kTcp;
  else return Status::InvalidArgument("audit.transport must be tls, udp or tcp, not '" + transport + "'");
  o.host = config.String("audit.host", "127.0.0.1");
  o.port = static_cast<int>(config.Int("audit.port", o.transport == SyslogTransport::kUdp ? 514 : 6514));
  o.spool_directory = config.String("audit.spool_dir", "data/audit-spool");
  o.retry_interval = std::chrono::seconds(std::max<int64_t>(1, config.Int("audit.retry_seconds", 5)));
  o.header.app_name = config.String("audit.app_name", "xds-node");
  if (o.transport == SyslogTransport::kTls) {
    auto tls = ClientTlsFromConfig(config, "audit.tls");
    if (!tls.ok()) return tls.status();
    o.tls = *tls;
  }
  return SyslogAuditSink::Start(std::move(o));
}

AuditSource AuditSourceFromConfig(const Config& config) {
  AuditSource s;
  s.source_id = config.String("audit.source_id");
  if (s.source_id.empty()) {
    char host[256] = {};
    gethostname(host, sizeof host - 1);
    s.source_id = config.String("audit.app_name", "xds-node") + "@" + host;
  }
  s.enterprise_site_id = config.String("audit.enterprise_site_id");
  return s;
}

}  // namespace xds::audit

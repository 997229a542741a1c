// The audit trail read from the node configuration (ITI-20):
//
//   [audit]
//   transport = "tls"            # "tls" (RFC 5425), "udp" (RFC 5426), or
//                                # "tcp" (octet-counted, unencrypted: labs only)
//   host = "arr.region.example"  # the Audit Record Repository
//   port = 6514
//   spool_dir = "data/audit-spool"   # records waiting for the repository
//   retry_seconds = 5
//   app_name = "xds-node"        # syslog APP-NAME
//   source_id = ""               # AuditSourceID; empty: app_name@hostname
//   enterprise_site_id = ""      # AuditEnterpriseSiteID (e.g. the structure's OID)
//
//   [audit.tls]                  # TLS to the repository; without it, the node's [tls]
//
// No [audit] section: no audit trail.
#pragma once

#include <memory>

#include "wire/audit/audit_events.h"
#include "wire/audit/syslog_audit_sink.h"
#include "wire/base/status.h"
#include "wire/config/config.h"

namespace xds::audit {

// nullptr when the configuration has no [audit] section.
Result<std::unique_ptr<SyslogAuditSink>> StartAuditSinkFromConfig(const Config& config);
AuditSource AuditSourceFromConfig(const Config& config);

}  // namespace xds::audit

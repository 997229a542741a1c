// Syslog framing of audit records (ITI-20): the RFC 5424 message, and the
// octet counting that carries it over a TLS (RFC 5425) or TCP stream.
//
//   <85>1 2026-12-01T07:15:30.123Z reg01 xds-node 4711 IHE+RFC-3881 - <AuditMessage>...
//
// PRI 85 = facility 10 (security/authorization) * 8 + severity 5 (notice);
// MSGID "IHE+RFC-3881" as ITI-20 keeps it for the DICOM format too; no
// structured data.
#pragma once

#include <string>
#include <string_view>

namespace xds::audit {

struct SyslogHeader {
  std::string hostname;  // empty: this machine's name
  std::string app_name = "xds-node";
  std::string proc_id;   // empty: this process's id
};

// The SYSLOG-MSG for one audit record (`xml`: an AuditMessage element).
// Header fields are cut to RFC 5424's lengths, and spaces in them become
// '_', so that the header always parses.
std::string SyslogMessage(std::string_view xml, const SyslogHeader& header, const std::string& timestamp);

// RFC 5425 §4.3 / RFC 6587 octet counting: "<length> <message>".
std::string OctetCounted(std::string_view message);

}  // namespace xds::audit

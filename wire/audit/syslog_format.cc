#include "wire/audit/syslog_format.h"

#include <unistd.h>

namespace xds::audit {
namespace {

// RFC 5424 §6: PRINTUSASCII, at most `max` characters, "-" when empty.
std::string HeaderField(std::string value, size_t max) {
  if (value.empty()) return "-";
  if (value.size() > max) value.resize(max);
  for (char& c : value)
    if (c <= 32 || c >= 127) c = '_';
  return value;
}

std::string ThisHost() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return {};
  return name;
}

}  // namespace

std::string SyslogMessage(std::string_view xml, const SyslogHeader& header, const std::string& timestamp) {
  std::string out = "<85>1 ";
  out += timestamp;
  out += ' ';
  out += HeaderField(header.hostname.empty() ? ThisHost() : header.hostname, 255);
  out += ' ';
  out += HeaderField(header.app_name, 48);
  out += ' ';
  out += HeaderField(header.proc_id.empty() ? std::to_string(getpid()) : header.proc_id, 128);
  out += " IHE+RFC-3881 - ";
  out += xml;
  return out;
}

std::string OctetCounted(std::string_view message) {
  std::string out = std::to_string(message.size());
  out += ' ';
  out += message;
  return out;
}

}  // namespace xds::audit

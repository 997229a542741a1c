#include "wire/config/tls_config.h"

#include <unistd.h>

namespace xds {
namespace {

Result<http::TlsSettings> Read(const Config& config, const std::string& section) {
  http::TlsSettings s;
  s.ca_file = config.String(section + ".ca_file");
  s.certificate_file = config.String(section + ".certificate_file");
  s.private_key_file = config.String(section + ".private_key_file");
  s.require_client_certificate = config.Bool(section + ".require_client_certificate", true);
  s.verify_server_name = config.Bool(section + ".verify_server_name", false);
  s.ciphers = config.String(section + ".ciphers");
  // Found now, at start, rather than at the first connection.
  for (const auto& [key, path] : {std::pair{"ca_file", s.ca_file}, std::pair{"certificate_file", s.certificate_file},
                                  std::pair{"private_key_file", s.private_key_file}})
    if (!path.empty() && access(path.c_str(), R_OK) != 0)
      return Status::InvalidArgument(section + "." + key + ": cannot read '" + path + "'");
  if (s.certificate_file.empty() != s.private_key_file.empty())
    return Status::InvalidArgument(section + ": certificate_file and private_key_file go together");
  return s;
}

}  // namespace

Result<std::optional<http::TlsSettings>> ServerTlsFromConfig(const Config& config) {
  if (config.String("tls.certificate_file").empty()) return std::optional<http::TlsSettings>();
  auto s = Read(config, "tls");
  if (!s.ok()) return s.status();
  return std::optional<http::TlsSettings>(std::move(*s));
}

Result<std::optional<http::TlsSettings>> ClientTlsFromConfig(const Config& config, const std::string& link_section) {
  std::string section = config.Has(link_section) ? link_section : config.Has("tls") ? "tls" : "";
  if (section.empty()) return std::optional<http::TlsSettings>();
  auto s = Read(config, section);
  if (!s.ok()) return s.status();
  return std::optional<http::TlsSettings>(std::move(*s));
}

}  // namespace xds

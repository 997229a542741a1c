// TLS settings read from the node configuration (ATNA ITI-19 secure node).
//
//   [tls]                         the node's identity and trust: its HTTPS
//   ca_file = "pki/ca.pem"        listener and, unless a link has its own
//   certificate_file = "..."      section, its outgoing https:// links
//   private_key_file = "..."
//   require_client_certificate = true   (listener)
//   verify_server_name = false          (outgoing links, FQDN option)
//   ciphers = ""                        (TLS 1.2 list; empty: BCP195 default)
//
//   [repository.registry_tls]     the same keys for one outgoing link
//                                 (another CA, another client certificate)
//
// Keys are documented in wire/http/tls_settings.h; config/xds-node.toml has
// a commented example.
#pragma once

#include <optional>
#include <string>

#include "wire/base/status.h"
#include "wire/config/config.h"
#include "wire/http/tls_settings.h"

namespace xds {

// The listener's settings from [tls]; nullopt (plain HTTP) when [tls] names
// no certificate_file. InvalidArgument when a named file cannot be read.
Result<std::optional<http::TlsSettings>> ServerTlsFromConfig(const Config& config);

// The settings of the outgoing link whose section is `link_section` (e.g.
// "repository.registry_tls"); without that section, the node's [tls]; with
// neither, nullopt (an https:// peer is then checked against the system's
// CAs and no client certificate is shown).
Result<std::optional<http::TlsSettings>> ClientTlsFromConfig(const Config& config, const std::string& link_section);

}  // namespace xds

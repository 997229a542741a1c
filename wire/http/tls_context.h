// TLS contexts for HttpServer and HttpClient: the one place where OpenSSL's
// TLS is configured (protocol floor, cipher list, certificates, trust store,
// peer verification) and where a verified peer certificate is read.
//
// Internal to wire/http: included only by this folder's .cc files, so that
// OpenSSL types stay out of the project's headers.
#pragma once

#include <openssl/ssl.h>

#include <optional>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_types.h"
#include "wire/http/tls_settings.h"

namespace xds::http::tls {

// Sets up a server context (from SSL_CTX_new) per `settings`: TLS >= 1.2,
// the node's certificate and key, the trust store, and peer verification
// (required client certificate unless settings say otherwise). `observer`,
// when not null, is told of every refused handshake; it is borrowed and must
// outlive the context.
Status ConfigureServer(SSL_CTX* ctx, const TlsSettings& settings, const TlsRefusalObserver* observer);

// Sets up a client context for connections to `host`: TLS >= 1.2, the
// node's certificate and key if given (mutual TLS), and verification of the
// server against the trust store (the system's CAs when settings name none),
// with its name checked when settings.verify_server_name.
Status ConfigureClient(SSL_CTX* ctx, const TlsSettings& settings, const std::string& host);

// The verified certificate the peer of `ssl` showed, if any.
std::optional<PeerCertificate> PeerCertificateOf(const SSL* ssl);

}  // namespace xds::http::tls

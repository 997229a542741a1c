// TlsSettings: how one end of an HTTP connection does TLS (ATNA ITI-19
// Authenticate Node): the files naming this node and those it trusts, and
// whether the peer must show a certificate. Plain data, free of OpenSSL
// types; wire/http/tls_context.cc turns it into an OpenSSL context (the one
// place where OpenSSL's TLS is configured).
//
// Whatever the settings, TLS below 1.2 is refused (RFC 8996; ITI-19 "STX:
// TLS 1.2 floor using BCP195") and the TLS 1.2 suites are the BCP195 AEAD
// ones unless `ciphers` says otherwise.
#pragma once

#include <functional>
#include <string>

namespace xds::http {

struct TlsSettings {
  // PEM bundle (or one DER certificate) of what this node trusts: CA
  // certificates (ITI-19 trust model 1) and individually trusted peer
  // certificates, self-signed or not (trust model 2). Every certificate in
  // it is a trust anchor.
  std::string ca_file;
  // This node's certificate (PEM chain, leaf first, or one DER certificate)
  // and its private key (PEM or DER). Required on a server; on a client,
  // what it shows when the server asks (mutual TLS).
  std::string certificate_file;
  std::string private_key_file;
  // Server side: refuse a client that shows no certificate (mutual TLS).
  // Off: a client without one is still served (its request carries no
  // peer identity); a client with a bad one is always refused.
  bool require_client_certificate = true;
  // Client side, ITI-19 "FQDN Validation of Server Certificate" option: the
  // server's certificate must name the host connected to (DNS or IP SAN).
  // Off by default: ITI-19 discourages name matching otherwise.
  bool verify_server_name = false;
  // OpenSSL cipher list for TLS 1.2; empty: kDefaultTls12Ciphers.
  std::string ciphers;
};

// BCP195 / ITI-19: ECDHE and DHE with AES-GCM (the four suites ITI-19 names)
// plus ChaCha20-Poly1305; no CBC, no RSA key transport.
inline constexpr char kDefaultTls12Ciphers[] =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
    "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384";

// A handshake the server refused (ITI-20: a node-authentication failure is
// a Security Alert). Reported once per refused connection.
struct TlsRefusal {
  std::string peer_address;  // the client's IP
  std::string alert;         // the TLS alert sent, e.g. "certificate expired"
  std::string reason;        // why, e.g. the certificate check's error
  std::string peer_subject;  // subject DN of the refused certificate, if one was shown
};
using TlsRefusalObserver = std::function<void(const TlsRefusal&)>;

}  // namespace xds::http

#include "wire/http/tls_context.h"

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

namespace xds::http::tls {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using UniqueBio = std::unique_ptr<BIO, BioFree>;
using UniqueX509 = std::unique_ptr<X509, X509Free>;
using UniquePkey = std::unique_ptr<EVP_PKEY, PkeyFree>;

// OpenSSL's error queue as text (and emptied, so that it does not leak into
// the next, unrelated failure on this thread).
std::string OpenSslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no detail from OpenSSL" : out;
}

Status TlsError(const std::string& what) { return Status::InvalidArgument("TLS: " + what + ": " + OpenSslErrors()); }

Result<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(std::string("TLS: cannot read ") + what + " '" + path + "'");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool IsPem(const std::string& bytes) { return bytes.find("-----BEGIN") != std::string::npos; }

// ITI-19: certificates in PEM or DER (a DER file holds one certificate).
Result<std::vector<UniqueX509>> LoadCertificates(const std::string& path, const char* what) {
  auto bytes = ReadFile(path, what);
  if (!bytes.ok()) return bytes.status();
  std::vector<UniqueX509> out;
  if (IsPem(*bytes)) {
    UniqueBio bio(BIO_new_mem_buf(bytes->data(), static_cast<int>(bytes->size())));
    while (X509* x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(x);
    ERR_clear_error();  // the end of the file reads as an error
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes->data());
    if (X509* x = d2i_X509(nullptr, &p, static_cast<long>(bytes->size()))) out.emplace_back(x);
  }
  if (out.empty()) return TlsError(std::string("no certificate in ") + what + " '" + path + "'");
  return out;
}

Result<UniquePkey> LoadPrivateKey(const std::string& path) {
  auto bytes = ReadFile(path, "private key");
  if (!bytes.ok()) return bytes.status();
  UniqueBio bio(BIO_new_mem_buf(bytes->data(), static_cast<int>(bytes->size())));
  EVP_PKEY* key = IsPem(*bytes) ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                                : d2i_PrivateKey_bio(bio.get(), nullptr);
  if (!key) return TlsError("cannot read private key '" + path + "'");
  return UniquePkey(key);
}

Status CommonSetup(SSL_CTX* ctx, const TlsSettings& settings) {
  // RFC 8996 / ITI-19: no SSL, no TLS 1.0 or 1.1.
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) return TlsError("cannot set TLS 1.2 floor");
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
  const std::string& ciphers = settings.ciphers.empty() ? std::string(kDefaultTls12Ciphers) : settings.ciphers;
  if (SSL_CTX_set_cipher_list(ctx, ciphers.c_str()) != 1) return TlsError("bad cipher list '" + ciphers + "'");
  // The DHE suites need DH parameters; OpenSSL picks them by key size.
  SSL_CTX_set_dh_auto(ctx, 1);

  if (!settings.certificate_file.empty() || !settings.private_key_file.empty()) {
    if (settings.certificate_file.empty() || settings.private_key_file.empty())
      return Status::InvalidArgument("TLS: a certificate needs its private key and the other way round");
    auto chain = LoadCertificates(settings.certificate_file, "certificate");
    if (!chain.ok()) return chain.status();
    if (SSL_CTX_use_certificate(ctx, (*chain)[0].get()) != 1)
      return TlsError("cannot use certificate '" + settings.certificate_file + "'");
    for (size_t i = 1; i < chain->size(); ++i)
      if (SSL_CTX_add1_chain_cert(ctx, (*chain)[i].get()) != 1) return TlsError("cannot add chain certificate");
    auto key = LoadPrivateKey(settings.private_key_file);
    if (!key.ok()) return key.status();
    if (SSL_CTX_use_PrivateKey(ctx, key->get()) != 1 || SSL_CTX_check_private_key(ctx) != 1)
      return TlsError("private key '" + settings.private_key_file + "' does not match the certificate");
  }

  if (!settings.ca_file.empty()) {
    auto trusted = LoadCertificates(settings.ca_file, "CA bundle");
    if (!trusted.ok()) return trusted.status();
    X509_STORE* store = SSL_CTX_get_cert_store(ctx);
    STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
    for (const auto& cert : *trusted) {
      if (X509_STORE_add_cert(store, cert.get()) != 1) ERR_clear_error();  // a duplicate is harmless
      sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(cert.get())));
    }
    // ITI-19 trust model 2: a certificate in the bundle is trusted by
    // itself, even when its issuer is not in the bundle.
    X509_STORE_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN);
    // The names a server sends in its CertificateRequest (a client with
    // several certificates picks by them).
    SSL_CTX_set_client_CA_list(ctx, names);
  }
  return Status::Ok();
}

std::string Dn(const X509_NAME* name) {
  UniqueBio bio(BIO_new(BIO_s_mem()));
  X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

std::string PeerIp(const SSL* ssl) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  int fd = SSL_get_fd(ssl);
  if (fd < 0 || getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return {};
  char text[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(&addr)->sin_addr, text, sizeof text);
  else if (addr.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(&addr)->sin6_addr, text, sizeof text);
  return text;
}

// Where a refusal's details wait between the verify callback (which knows
// why a certificate failed) and the info callback (which sees the alert).
struct RefusalDetail;
void FreeRefusalDetail(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*);
int RefusalDetailIndex() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, FreeRefusalDetail);
  return index;
}
int ObserverIndex() {
  static const int index = SSL_CTX_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

struct RefusalDetail {
  std::string reason;
  std::string subject;
};

// Runs when the SSL object is freed.
void FreeRefusalDetail(void*, void* ptr, CRYPTO_EX_DATA*, int, long, void*) {
  delete static_cast<RefusalDetail*>(ptr);
}

int RecordFailedVerification(int preverify_ok, X509_STORE_CTX* store) {
  if (preverify_ok) return 1;
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  if (ssl && !SSL_get_ex_data(ssl, RefusalDetailIndex())) {
    auto* detail = new RefusalDetail;
    detail->reason = X509_verify_cert_error_string(X509_STORE_CTX_get_error(store));
    if (X509* cert = X509_STORE_CTX_get_current_cert(store)) detail->subject = Dn(X509_get_subject_name(cert));
    SSL_set_ex_data(ssl, RefusalDetailIndex(), detail);
  }
  return 0;
}

void ReportFatalAlerts(const SSL* ssl, int where, int value) {
  auto* detail = static_cast<RefusalDetail*>(SSL_get_ex_data(ssl, RefusalDetailIndex()));
  if ((where & SSL_CB_ALERT) && (where & SSL_CB_WRITE) && (value >> 8) == SSL3_AL_FATAL) {
    const auto* observer =
        static_cast<const TlsRefusalObserver*>(SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ObserverIndex()));
    if (observer && *observer) {
      TlsRefusal refusal;
      refusal.peer_address = PeerIp(ssl);
      refusal.alert = SSL_alert_desc_string_long(value);
      // OpenSSL has no text for the TLS 1.3 alert 116 (RFC 8446 6.2).
      if ((value & 0xff) == 116) refusal.alert = "certificate required";
      refusal.reason = detail ? detail->reason : refusal.alert;
      if (detail) refusal.peer_subject = detail->subject;
      (*observer)(refusal);
    }
  }
}

}  // namespace

Status ConfigureServer(SSL_CTX* ctx, const TlsSettings& settings, const TlsRefusalObserver* observer) {
  if (settings.certificate_file.empty()) return Status::InvalidArgument("TLS: a server needs certificate_file");
  XDS_RETURN_IF_ERROR(CommonSetup(ctx, settings));
  int mode = SSL_VERIFY_PEER | (settings.require_client_certificate ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0);
  if (settings.ca_file.empty() && settings.require_client_certificate)
    return Status::InvalidArgument("TLS: requiring client certificates needs ca_file (whom to trust)");
  SSL_CTX_set_verify(ctx, settings.ca_file.empty() ? SSL_VERIFY_NONE : mode, RecordFailedVerification);
  // Session resumption with client verification needs a context id.
  static const unsigned char kSessionContext[] = "xds-node";
  SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof kSessionContext - 1);
  SSL_CTX_set_ex_data(ctx, ObserverIndex(), const_cast<TlsRefusalObserver*>(observer));
  SSL_CTX_set_info_callback(ctx, ReportFatalAlerts);
  return Status::Ok();
}

Status ConfigureClient(SSL_CTX* ctx, const TlsSettings& settings, const std::string& host) {
  XDS_RETURN_IF_ERROR(CommonSetup(ctx, settings));
  if (settings.ca_file.empty() && SSL_CTX_set_default_verify_paths(ctx) != 1)
    return TlsError("cannot load the system's trusted CAs");
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  if (settings.verify_server_name) {
    X509_VERIFY_PARAM* param = SSL_CTX_get0_param(ctx);
    in6_addr ip{};
    bool is_ip = inet_pton(AF_INET, host.c_str(), &ip) == 1 || inet_pton(AF_INET6, host.c_str(), &ip) == 1;
    int set = is_ip ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                    : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
    if (set != 1) return TlsError("cannot check the server name against '" + host + "'");
  }
  return Status::Ok();
}

std::optional<PeerCertificate> PeerCertificateOf(const SSL* ssl) {
  if (!ssl) return std::nullopt;
  X509* cert = SSL_get0_peer_certificate(ssl);
  if (!cert || SSL_get_verify_result(ssl) != X509_V_OK) return std::nullopt;
  PeerCertificate out;
  const X509_NAME* subject = X509_get_subject_name(cert);
  out.subject = Dn(subject);
  out.issuer = Dn(X509_get_issuer_name(cert));
  int last_cn = -1;
  for (int i = X509_NAME_get_index_by_NID(subject, NID_commonName, -1); i >= 0;
       i = X509_NAME_get_index_by_NID(subject, NID_commonName, i))
    last_cn = i;
  if (last_cn >= 0) {
    unsigned char* utf8 = nullptr;
    int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, last_cn)));
    if (n >= 0) out.common_name.assign(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
    OPENSSL_free(utf8);
  }
  if (const ASN1_INTEGER* serial = X509_get0_serialNumber(cert)) {
    if (BIGNUM* bn = ASN1_INTEGER_to_BN(serial, nullptr)) {
      char* hex = BN_bn2hex(bn);
      out.serial = hex;
      OPENSSL_free(hex);
      BN_free(bn);
    }
  }
  auto* names = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    auto text = [](const ASN1_STRING* s) {
      return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                         static_cast<size_t>(ASN1_STRING_length(s)));
    };
    switch (name->type) {
      case GEN_DNS: out.subject_alt_names.push_back("DNS:" + text(name->d.dNSName)); break;
      case GEN_URI: out.subject_alt_names.push_back("URI:" + text(name->d.uniformResourceIdentifier)); break;
      case GEN_EMAIL: out.subject_alt_names.push_back("email:" + text(name->d.rfc822Name)); break;
      case GEN_IPADD: {
        const ASN1_OCTET_STRING* ip = name->d.iPAddress;
        char buf[INET6_ADDRSTRLEN] = {};
        int family = ASN1_STRING_length(ip) == 4 ? AF_INET : AF_INET6;
        if (inet_ntop(family, ASN1_STRING_get0_data(ip), buf, sizeof buf)) out.subject_alt_names.push_back(std::string("IP:") + buf);
        break;
      }
      default: break;
    }
  }
  GENERAL_NAMES_free(names);
  return out;
}

}  // namespace xds::http::tls

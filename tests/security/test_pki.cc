#include "tests/security/test_pki.h"

#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace xds::testing {

struct TestPki::Impl {
  struct Ca {
    X509* cert = nullptr;
    EVP_PKEY* key = nullptr;
  };
  std::map<std::string, Ca> cas;
  long next_serial = 1;
  ~Impl() {
    for (auto& [name, ca] : cas) {
      X509_free(ca.cert);
      EVP_PKEY_free(ca.key);
    }
  }
};

namespace {

EVP_PKEY* NewKey() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  if (!key) throw std::runtime_error("EC key generation failed");
  return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  if (!ext) throw std::runtime_error("bad extension " + value);
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

X509* NewCertificate(const std::string& common_name, EVP_PKEY* key, long serial, long not_before, long not_after) {
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), serial);
  // Backdating through the API: an expired certificate needs a window
  // entirely in the past, which the openssl x509 command cannot write.
  X509_gmtime_adj(X509_getm_notBefore(cert), not_before);
  X509_gmtime_adj(X509_getm_notAfter(cert), not_after);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("XDS Test Region"), -1,
                             -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(common_name.c_str()),
                             -1, -1, 0);
  return cert;
}

void WritePem(const std::string& path, X509* cert) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f || PEM_write_X509(f, cert) != 1) throw std::runtime_error("cannot write " + path);
  std::fclose(f);
}

void WritePem(const std::string& path, EVP_PKEY* key) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f || PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("cannot write " + path);
  std::fclose(f);
}

}  // namespace

TestPki::TestPki() : impl_(std::make_unique<Impl>()) {}
TestPki::~TestPki() = default;

PemFiles TestPki::MakeCa(const std::string& name) {
  EVP_PKEY* key = NewKey();
  X509* cert = NewCertificate(name, key, impl_->next_serial++, -86400, 10 * 86400);
  X509_set_issuer_name(cert, X509_get_subject_name(cert));
  AddExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExtension(cert, cert, NID_subject_key_identifier, "hash");
  if (X509_sign(cert, key, EVP_sha256()) == 0) throw std::runtime_error("CA signing failed");
  impl_->cas[name] = {cert, key};
  PemFiles out{dir_.File(name + "-ca.pem"), dir_.File(name + "-ca.key")};
  WritePem(out.certificate, cert);
  WritePem(out.private_key, key);
  return out;
}

PemFiles TestPki::Issue(const std::string& ca_name, const std::string& common_name,
                        const std::vector<std::string>& alt_names, long not_before_offset, long not_after_offset) {
  auto it = impl_->cas.find(ca_name);
  if (it == impl_->cas.end()) throw std::runtime_error("no CA " + ca_name);
  EVP_PKEY* key = NewKey();
  X509* cert = NewCertificate(common_name, key, impl_->next_serial++, not_before_offset, not_after_offset);
  X509_set_issuer_name(cert, X509_get_subject_name(it->second.cert));
  AddExtension(cert, it->second.cert, NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(cert, it->second.cert, NID_key_usage, "critical,digitalSignature,keyAgreement");
  AddExtension(cert, it->second.cert, NID_ext_key_usage, "serverAuth,clientAuth");
  AddExtension(cert, it->second.cert, NID_authority_key_identifier, "keyid");
  if (!alt_names.empty()) {
    std::string sans;
    for (const auto& n : alt_names) sans += (sans.empty() ? "" : ",") + n;
    AddExtension(cert, it->second.cert, NID_subject_alt_name, sans);
  }
  if (X509_sign(cert, it->second.key, EVP_sha256()) == 0) throw std::runtime_error("signing failed");
  PemFiles out{dir_.File(common_name + ".pem"), dir_.File(common_name + ".key")};
  WritePem(out.certificate, cert);
  WritePem(out.private_key, key);
  X509_free(cert);
  EVP_PKEY_free(key);
  return out;
}

std::string TestPki::Bundle(const std::string& file_name, const std::vector<std::string>& certificate_files) {
  std::string path = dir_.File(file_name);
  std::ofstream out(path);
  for (const auto& f : certificate_files) {
    std::ifstream in(f);
    out << in.rdbuf();
  }
  return path;
}

}  // namespace xds::testing

#include "wire/base/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace xds {

struct Sha1::Impl {
  EVP_MD_CTX* ctx = nullptr;
};

Sha1::Sha1() : impl_(std::make_unique<Impl>()) {
  impl_->ctx = EVP_MD_CTX_new();
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, EVP_sha1(), nullptr) != 1)
    throw std::runtime_error("SHA-1 init failed");
}

Sha1::~Sha1() { EVP_MD_CTX_free(impl_->ctx); }

void Sha1::Update(std::string_view bytes) {
  EVP_DigestUpdate(impl_->ctx, bytes.data(), bytes.size());
}

std::string Sha1::FinishHex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 0xf]);
  }
  return out;
}

std::string Sha1::HexOf(std::string_view bytes) {
  Sha1 h;
  h.Update(bytes);
  return h.FinishHex();
}

}  // namespace xds

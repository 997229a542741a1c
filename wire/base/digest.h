// Incremental SHA-1, as XDS.b uses for DocumentEntry.hash (ITI TF-3 4.2.3.2.10).
// Fed chunk by chunk so large documents never need to sit in memory.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace xds {

class Sha1 {
 public:
  Sha1();
  ~Sha1();
  Sha1(const Sha1&) = delete;
  Sha1& operator=(const Sha1&) = delete;

  void Update(std::string_view bytes);
  // Lower-case hex of the digest. The object cannot be updated afterwards.
  std::string FinishHex();

  static std::string HexOf(std::string_view bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds

#include "imaging-source/dicom/uid.h"

#include <array>
#include <cstdint>

#include "wire/base/ids.h"

namespace xds::imaging {
namespace {

// Random bytes from the project's CSPRNG-backed UUIDs (wire/base/ids.h).
std::array<uint8_t, 16> RandomBytes() {
  std::string uuid = NewUrnUuid().substr(9);  // strip "urn:uuid:"
  std::array<uint8_t, 16> out{};
  size_t n = 0;
  for (size_t i = 0; i + 1 < uuid.size() && n < out.size();) {
    if (uuid[i] == '-') {
      ++i;
      continue;
    }
    out[n++] = static_cast<uint8_t>(std::stoi(uuid.substr(i, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

// Decimal text of a big-endian unsigned integer (schoolbook division).
std::string Decimal(std::array<uint8_t, 16> n, size_t first) {
  std::string digits;
  bool nonzero = true;
  while (nonzero) {
    nonzero = false;
    unsigned remainder = 0;
    for (size_t i = first; i < n.size(); ++i) {
      unsigned value = remainder * 256 + n[i];
      n[i] = static_cast<uint8_t>(value / 10);
      remainder = value % 10;
      if (n[i] != 0) nonzero = true;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
  }
  return digits;
}

}  // namespace

std::string NewDicomUid(const std::string& root) {
  auto bytes = RandomBytes();
  if (root.empty()) return "2.25." + Decimal(bytes, 0);
  std::string uid = root + "." + Decimal(bytes, 4);
  if (uid.size() > 64) uid.resize(64);
  if (uid.back() == '.') uid.pop_back();
  return uid;
}

}  // namespace xds::imaging

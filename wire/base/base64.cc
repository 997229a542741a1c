#include "wire/base/base64.h"

#include <array>

namespace xds {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> DecodeTable() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kDecode = DecodeTable();

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

Result<std::string> Base64Decode(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4 * 3);
  uint32_t quad = 0;
  int have = 0;     // sextets in `quad`
  int padding = 0;  // '=' seen
  for (char c : text) {
    if (IsXmlSpace(c)) continue;
    if (c == '=') {
      if (have < 2 || ++padding > 2) return Status::InvalidArgument("base64: misplaced '='");
      quad <<= 6;
      ++have;
    } else {
      int8_t v = kDecode[static_cast<unsigned char>(c)];
      if (v < 0 || padding) return Status::InvalidArgument("base64: unexpected character");
      quad = (quad << 6) | static_cast<uint32_t>(v);
      ++have;
    }
    if (have == 4) {
      out.push_back(static_cast<char>(quad >> 16));
      if (padding < 2) out.push_back(static_cast<char>((quad >> 8) & 0xff));
      if (padding < 1) out.push_back(static_cast<char>(quad & 0xff));
      quad = 0;
      have = 0;
      if (padding) padding = 3;  // nothing may follow the final quad
    }
  }
  if (have != 0) return Status::InvalidArgument("base64: truncated input");
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                 static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (size_t rest = bytes.size() - i; rest) {
    uint32_t v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace xds

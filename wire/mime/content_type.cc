#include "wire/mime/content_type.h"

#include <cstddef>
#include <utility>

namespace xds::mime {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// RFC 2045 token: any visible ASCII except tspecials.
bool IsTokenChar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;
  static constexpr std::string_view kTspecials = "()<>@,;:\\\"/[]?=";
  return kTspecials.find(c) == std::string_view::npos;
}

// Reads a token at s[*pos]; empty when there is none.
std::string_view ReadToken(std::string_view s, size_t* pos) {
  size_t start = *pos;
  while (*pos < s.size() && IsTokenChar(s[*pos])) ++*pos;
  return s.substr(start, *pos - start);
}

void SkipSpace(std::string_view s, size_t* pos) {
  while (*pos < s.size() && IsSpace(s[*pos])) ++*pos;
}

// Reads a parameter value (quoted-string or lenient bare value) at s[*pos].
Status ReadValue(std::string_view s, size_t* pos, std::string_view name, std::string* out) {
  out->clear();
  if (*pos < s.size() && s[*pos] == '"') {
    ++*pos;
    while (*pos < s.size()) {
      char c = s[(*pos)++];
      if (c == '"') return Status::Ok();
      if (c == '\\') {
        if (*pos == s.size()) break;
        c = s[(*pos)++];
      }
      if (IsControl(c) && c != '\t') {
        return Status::InvalidArgument("Content-Type parameter '" + std::string(name) +
                                       "' contains a control character");
      }
      out->push_back(c);
    }
    return Status::InvalidArgument("Content-Type parameter '" + std::string(name) +
                                   "' has an unterminated quoted string");
  }
  while (*pos < s.size() && s[*pos] != ';' && !IsSpace(s[*pos])) {
    char c = s[(*pos)++];
    if (c == '"' || IsControl(c)) {
      return Status::InvalidArgument("Content-Type parameter '" + std::string(name) +
                                     "' has an invalid character in its value");
    }
    out->push_back(c);
  }
  if (out->empty()) {
    return Status::InvalidArgument("Content-Type parameter '" + std::string(name) +
                                   "' has no value");
  }
  return Status::Ok();
}

}  // namespace

bool ContentType::Is(std::string_view t, std::string_view s) const {
  return EqualsIgnoreCase(type, t) && EqualsIgnoreCase(subtype, s);
}

std::string ContentType::Param(std::string_view name) const {
  auto it = params.find(AsciiLower(name));
  return it == params.end() ? std::string() : it->second;
}

bool ContentType::HasParam(std::string_view name) const {
  return params.count(AsciiLower(name)) != 0;
}

Result<ContentType> ParseContentType(std::string_view value) {
  ContentType ct;
  size_t pos = 0;
  SkipSpace(value, &pos);
  std::string_view type = ReadToken(value, &pos);
  if (type.empty() || pos >= value.size() || value[pos] != '/') {
    return Status::InvalidArgument("Content-Type '" + std::string(value) +
                                   "' is not of the form type/subtype");
  }
  ++pos;
  std::string_view subtype = ReadToken(value, &pos);
  if (subtype.empty()) {
    return Status::InvalidArgument("Content-Type '" + std::string(value) + "' has no subtype");
  }
  ct.type = AsciiLower(type);
  ct.subtype = AsciiLower(subtype);

  while (true) {
    SkipSpace(value, &pos);
    if (pos == value.size()) break;
    if (value[pos] != ';') {
      return Status::InvalidArgument("Content-Type '" + std::string(value) +
                                     "' has unexpected text at offset " + std::to_string(pos));
    }
    ++pos;
    SkipSpace(value, &pos);
    if (pos == value.size()) break;  // a trailing ';' is common and harmless
    if (value[pos] == ';') continue;
    std::string name = AsciiLower(ReadToken(value, &pos));
    if (name.empty()) {
      return Status::InvalidArgument("Content-Type '" + std::string(value) +
                                     "' has a parameter without a name");
    }
    SkipSpace(value, &pos);
    if (pos == value.size() || value[pos] != '=') {
      return Status::InvalidArgument("Content-Type parameter '" + name + "' has no '='");
    }
    ++pos;
    SkipSpace(value, &pos);
    std::string param_value;
    XDS_RETURN_IF_ERROR(ReadValue(value, &pos, name, &param_value));
    if (!ct.params.emplace(name, std::move(param_value)).second) {
      return Status::InvalidArgument("Content-Type parameter '" + name + "' appears twice");
    }
  }
  return ct;
}

std::string QuoteParam(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string_view StripAngleBrackets(std::string_view msg_id) {
  msg_id = TrimWhitespace(msg_id);
  if (msg_id.size() >= 2 && msg_id.front() == '<' && msg_id.back() == '>') {
    msg_id = TrimWhitespace(msg_id.substr(1, msg_id.size() - 2));
  }
  return msg_id;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string_view TrimWhitespace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace xds::mime

// Content-Type header values (RFC 2045 5.1) and the small pieces of MIME
// header text the codec shares: case folding, quoting, <msg-id> unwrapping.
//
// ContentType is a plain value type; all functions are pure and thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "wire/base/status.h"

namespace xds::mime {

// A parsed Content-Type such as
//   multipart/related; boundary="MIMEBoundary_x"; type="application/xop+xml";
//   start="<0.urn:uuid:...>"; start-info="application/soap+xml"
// Type, subtype and parameter names are lower-cased (they are
// case-insensitive); parameter values are unquoted but otherwise kept as sent,
// because boundary and start values are case-sensitive.
struct ContentType {
  std::string type;     // "multipart"
  std::string subtype;  // "related"
  std::map<std::string, std::string> params;

  // "type/subtype", lower-cased.
  std::string MediaType() const { return type + "/" + subtype; }
  // True when the media type equals `type`/`subtype` ignoring case.
  bool Is(std::string_view type, std::string_view subtype) const;
  // The value of parameter `name` (any case), or empty when absent.
  std::string Param(std::string_view name) const;
  bool HasParam(std::string_view name) const;
};

// Parses a Content-Type value. Quoted-string values may contain ';' and
// backslash escapes. Unquoted values are read up to ';' or whitespace and may
// hold tspecials such as '<' or ':' (RFC 2045 forbids that, but some SOAP
// stacks send start=<cid> bare, and accepting it is harmless because the
// value ends unambiguously at ';'). A repeated parameter is rejected: two
// different boundaries or starts would make the message ambiguous.
Result<ContentType> ParseContentType(std::string_view value);

// `value` as an RFC 822 quoted-string: in double quotes, with '"' and '\'
// backslash-escaped. Used when writing parameters.
std::string QuoteParam(std::string_view value);

// "<id>" -> "id" (surrounding whitespace trimmed). Values without brackets
// are returned trimmed, since some senders omit them in Content-ID.
std::string_view StripAngleBrackets(std::string_view msg_id);

// ASCII-only lower-casing and comparison; header names and MIME tokens are
// ASCII, and locale-dependent tolower would be wrong for them.
std::string AsciiLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// `s` without leading and trailing spaces and horizontal tabs.
std::string_view TrimWhitespace(std::string_view s);

}  // namespace xds::mime

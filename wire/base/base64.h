// Base64 (RFC 4648 section 4), for xs:base64Binary content: documents sent
// inline in an ITI-41 request instead of as MTOM attachments.
#pragma once

#include <string>
#include <string_view>

#include "wire/base/status.h"

namespace xds {

// Decodes `text`, ignoring XML whitespace (base64Binary allows it between
// characters). InvalidArgument on any other character, bad padding, or a
// length that is not a whole number of quads.
Result<std::string> Base64Decode(std::string_view text);

std::string Base64Encode(std::string_view bytes);

}  // namespace xds

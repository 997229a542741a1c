// Identifiers the registry mints: RFC 4122 version-4 UUIDs in the lower-case
// "urn:uuid:" form that ebRIM requires (ITI TF-3 4.2.3.1.7), and UTC DTM
// timestamps (YYYYMMDDhhmmss).
#pragma once

#include <string>
#include <string_view>

namespace xds {

// A fresh "urn:uuid:xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" from OpenSSL's CSPRNG.
std::string NewUrnUuid();
// The same, without the "urn:uuid:" prefix (file names, Content-IDs).
std::string NewUuid();

// A fresh OID under the UUID arc 2.25 (ITU-T X.667): "2.25." followed by a
// random version-4 UUID as one decimal integer. For uniqueIds minted by
// clients without an OID root of their own.
std::string NewUuidOid();

// True for "urn:uuid:" followed by a well-formed UUID in lower-case hex.
bool IsUrnUuid(std::string_view s);

// True for a dotted OID: digits and dots, no empty arc, no leading zero in an
// arc (except "0" itself), at most 64 characters.
bool IsOid(std::string_view s);

// Now, as a 14-digit UTC DTM.
std::string NowDtm();

// True for a DTM of 4, 6, 8, 10, 12 or 14 digits with valid field ranges.
bool IsDtm(std::string_view s);

}  // namespace xds

// New DICOM UIDs (PS3.5 9.1) for the objects the imaging source creates
// (the KOS manifest, its series). Thread-safe.
#pragma once

#include <string>

namespace xds::imaging {

// With an empty `root`: a UUID-derived UID "2.25.<128-bit decimal>"
// (PS3.5 B.2), globally unique without any registration. With a root (the
// organisation's OID): "<root>.<decimal of 96 random bits>", cut to the
// 64-character limit of PS3.5 9.1.
std::string NewDicomUid(const std::string& root = {});

}  // namespace xds::imaging

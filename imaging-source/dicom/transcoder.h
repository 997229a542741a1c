// Transcoding one instance to a transfer syntax a consumer accepts
// (RAD-69 TransferSyntaxUIDList, RAD TF-3 4.69.4.1.2; WADO transferSyntax /
// transfer-syntax parameters). DCMTK codecs: JPEG (dcmjpeg), JPEG-LS
// (dcmjpls), RLE (dcmdata).
//
// Only lossless conversions are made: decoding anything to a native
// syntax, or encoding native pixels with a lossless codec. A lossy target
// is produced only when the instance already is in it, so nothing here ever
// degrades an image the consumer did not ask to degrade.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wire/base/status.h"

namespace xds::imaging {

struct TranscodeResult {
  std::string bytes;                // DICOM Part 10
  std::string transfer_syntax_uid;  // what `bytes` is encoded in
  bool changed = false;             // false: the input, untouched
};

// The first syntax of `accepted` (in the consumer's order of preference)
// that `part10` is in or can be losslessly converted to. An instance already
// in an accepted syntax is returned unchanged, bit for bit. InvalidArgument
// when no accepted syntax can be produced (RAD-69 answers
// XDSRepositoryError for that instance, xds-i.md §5).
Result<TranscodeResult> Transcode(std::string_view part10, const std::vector<std::string>& accepted);

// True for the syntaxes Transcode can produce from a native image.
bool CanProduce(const std::string& transfer_syntax_uid);

}  // namespace xds::imaging

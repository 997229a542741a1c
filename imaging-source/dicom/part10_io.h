// Internal to imaging-source/dicom: DICOM Part 10 files (PS3.10 7.1) held
// in std::strings, read into and written from DcmFileFormat (the writer goes
// through a DcmOutputStream whose consumer appends to the string: no temp
// file, no size guess).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcmetinf.h"
#include "wire/base/status.h"

namespace xds::imaging::internal {

// Parses a file held in memory (the bytes must outlive the call only).
// `stop_at_pixels` reads the header only. InvalidArgument when the bytes are
// not a Part 10 file.
Result<std::unique_ptr<DcmFileFormat>> LoadPart10(std::string_view bytes, bool stop_at_pixels);

// Writes `file` in transfer syntax `xfer`, explicit lengths. `new_meta`
// rebuilds the File Meta Information from the data set (a new object);
// otherwise only its TransferSyntaxUID is brought up to date.
Result<std::string> WritePart10(DcmFileFormat& file, E_TransferSyntax xfer, bool new_meta);

// Reads the whole file at `path` into `out` (one allocation, few reads:
// instances DCMTK spooled to disk). False when it cannot be read.
bool ReadFileBytes(const std::string& path, std::string& out);

}  // namespace xds::imaging::internal

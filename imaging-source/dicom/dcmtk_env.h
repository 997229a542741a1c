// Process-wide DCMTK set-up the imaging source needs before its first
// association: TCP_NODELAY, the data dictionary check and the codec
// registrations used by the transcoder. Idempotent and thread-safe
// (std::call_once); call it from any entry point that touches DCMTK.
#pragma once

#include "wire/base/status.h"

namespace xds::imaging {

// DCMTK's dcmnet reads the environment variable TCP_NODELAY when it opens a
// socket (dcmnet/libsrc/dulfsm.cc) and leaves Nagle's algorithm on unless it
// is set: every DIMSE exchange then waits for the peer's delayed ACK, about
// 40 ms on loopback (C-ECHO 128 ms instead of 0.3 ms, C-GET ~10 MB/s). So it
// is set here, once, before any association — with overwrite=0 so an
// operator's explicit TCP_NODELAY=0 still wins. The codecs (JPEG, JPEG-LS,
// RLE) are registered for transcoding (RAD-69 TransferSyntaxUIDList).
// Fails when the DICOM data dictionary is not loaded.
Status InitDcmtk();

}  // namespace xds::imaging

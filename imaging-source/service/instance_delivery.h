// How RAD-69, WADO-URI and WADO-RS hand one instance to a client, from the
// site's instance cache (cache/instance_cache.h) or as it arrives from the
// PACS, in the transfer syntax the client accepts. One place, so the three
// services serve cached and fetched instances the same way.
//
// Pure functions over their arguments; thread-safe as the cache is.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/pacs_types.h"
#include "wire/http/http_types.h"

namespace xds::imaging {

// Asks for the instances of `request` as files (RetrievedInstance::file)
// in the cache's incoming folder, so that Keep moves them into the cache by
// rename (null cache: files in the PACS configuration's spool folder).
void AsFiles(const InstanceCache* cache, RetrieveRequest& request);

// An instance that arrived from the PACS, kept in `cache` (taken by rename
// when it came as a file, written when in memory) and opened for reading;
// null cache: opened where it is (its spool file, or its bytes). A cache
// that cannot store it (disk full) only logs: the instance is served from
// where it is regardless. IoError when it cannot be read at all.
Result<CachedInstance> Keep(InstanceCache* cache, RetrievedInstance&& instance);

// The header of an instance that arrived from the PACS, from its file or
// its bytes (the audited patient, say).
Result<DicomFileInfo> HeaderOf(const RetrievedInstance& instance);

// True when an instance stored in `stored_syntax` goes out untouched for a
// client accepting `accepted` (empty: as stored). Same rule as Transcode.
bool ServableAsStored(const std::string& stored_syntax, const std::vector<std::string>& accepted);

// The cached instance if it is there and belongs to that study and series
// (a request naming another series must not be answered from the cache).
std::optional<CachedInstanceInfo> PeekIn(const InstanceCache* cache, const std::string& study_uid,
                                         const std::string& series_uid, const std::string& sop_instance_uid);

// Writes `bytes` into `sink` in 64 KiB pieces; false when the sink refused.
bool WriteChunked(const http::ChunkSink& sink, std::string_view bytes);

// Writes an instance (cached, or just arrived: Keep) into `sink` in a
// syntax of `accepted` (empty: as stored): streamed from disk when no
// conversion is needed (memory stays flat), else read, converted and
// written. False when the client went away
// or the instance could not be read or converted.
bool WriteCached(const CachedInstance& cached, const std::vector<std::string>& accepted, const http::ChunkSink& sink);

}  // namespace xds::imaging

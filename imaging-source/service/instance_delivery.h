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
#include "imaging-source/dicom/pacs_types.h"
#include "wire/http/http_types.h"

namespace xds::imaging {

// Wraps `next` so that every instance arriving from the PACS is stored in
// `cache` before it goes on (null cache: `next` unchanged). A cache that
// cannot store (disk full) only logs: the client is served regardless.
InstanceCallback StoringIn(InstanceCache* cache, InstanceCallback next);

// True when an instance stored in `stored_syntax` goes out untouched for a
// client accepting `accepted` (empty: as stored). Same rule as Transcode.
bool ServableAsStored(const std::string& stored_syntax, const std::vector<std::string>& accepted);

// The cached instance if it is there and belongs to that study and series
// (a request naming another series must not be answered from the cache).
std::optional<CachedInstanceInfo> PeekIn(const InstanceCache* cache, const std::string& study_uid,
                                         const std::string& series_uid, const std::string& sop_instance_uid);

// Writes `bytes` into `sink` in 64 KiB pieces; false when the sink refused.
bool WriteChunked(const http::ChunkSink& sink, std::string_view bytes);

// Writes a cached instance into `sink` in a syntax of `accepted` (empty: as
// stored): streamed from disk when no conversion is needed (memory stays
// flat), else read, converted and written. False when the client went away
// or the instance could not be read or converted.
bool WriteCached(const CachedInstance& cached, const std::vector<std::string>& accepted, const http::ChunkSink& sink);

}  // namespace xds::imaging

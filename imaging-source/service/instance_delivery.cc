#include "imaging-source/service/instance_delivery.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "imaging-source/dicom/transcoder.h"

namespace xds::imaging {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

InstanceCallback StoringIn(InstanceCache* cache, InstanceCallback next) {
  if (cache == nullptr) return next;
  return [cache, next = std::move(next)](RetrievedInstance&& instance) -> Status {
    Status stored = cache->Put(instance);
    if (!stored.ok()) spdlog::warn("instance cache: {}", stored.ToString());
    return next(std::move(instance));
  };
}

bool ServableAsStored(const std::string& stored_syntax, const std::vector<std::string>& accepted) {
  return accepted.empty() || std::find(accepted.begin(), accepted.end(), stored_syntax) != accepted.end();
}

std::optional<CachedInstanceInfo> PeekIn(const InstanceCache* cache, const std::string& study_uid,
                                         const std::string& series_uid, const std::string& sop_instance_uid) {
  if (cache == nullptr) return std::nullopt;
  auto info = cache->Peek(sop_instance_uid);
  if (!info || info->study_instance_uid != study_uid || info->series_instance_uid != series_uid) return std::nullopt;
  return info;
}

bool WriteChunked(const http::ChunkSink& sink, std::string_view bytes) {
  for (size_t at = 0; at < bytes.size(); at += kChunkBytes)
    if (!sink(bytes.substr(at, kChunkBytes))) return false;
  return true;
}

bool WriteCached(const CachedInstance& cached, const std::vector<std::string>& accepted, const http::ChunkSink& sink) {
  if (ServableAsStored(cached.info().transfer_syntax_uid, accepted)) return cached.StreamTo(sink);
  auto bytes = cached.ReadAll();
  if (!bytes.ok()) {
    spdlog::warn("instance cache: {}", bytes.status().ToString());
    return false;
  }
  auto converted = Transcode(*bytes, accepted);
  if (!converted.ok()) {
    spdlog::warn("cached instance {}: {}", cached.info().sop_instance_uid, converted.status().ToString());
    return false;
  }
  return WriteChunked(sink, converted->bytes);
}

}  // namespace xds::imaging

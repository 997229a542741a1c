#include "imaging-source/service/instance_delivery.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "imaging-source/dicom/transcoder.h"

namespace xds::imaging {
namespace {

constexpr size_t kChunkBytes = 64 * 1024;

}  // namespace

void AsFiles(const InstanceCache* cache, RetrieveRequest& request) {
  request.as_files = true;
  request.files_dir = cache != nullptr ? cache->incoming_dir() : std::string();
}

Result<CachedInstance> Keep(InstanceCache* cache, RetrievedInstance&& instance) {
  CachedInstanceInfo info{instance.study_instance_uid, instance.series_instance_uid, instance.sop_class_uid,
                          instance.sop_instance_uid, instance.transfer_syntax_uid, 0};
  if (!instance.file.empty()) {
    if (cache == nullptr) return CachedInstance::OpenFile(instance.file, std::move(info));
    auto taken = cache->Take(instance.file, info);
    if (taken.ok()) return taken;
    // Not kept (the file is gone with it): the client cannot be served.
    spdlog::warn("instance cache: {}", taken.status().ToString());
    return taken.status();
  }
  if (cache != nullptr) {
    Status stored = cache->Put(instance);
    if (!stored.ok()) spdlog::warn("instance cache: {}", stored.ToString());
  }
  return CachedInstance::InMemory(std::move(info), std::move(instance.bytes));
}

Result<DicomFileInfo> HeaderOf(const RetrievedInstance& instance) {
  return instance.file.empty() ? ReadDicomInfo(instance.bytes) : ReadDicomFileInfo(instance.file);
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

#include "imaging-source/service/cache_prefetch.h"

#include <spdlog/spdlog.h>

namespace xds::imaging {

CachePrefetch::CachePrefetch(PacsClient& pacs, InstanceCache& cache, std::vector<RetrieveRequest> requests)
    : pacs_(pacs), cache_(cache), thread_([this, r = std::move(requests)]() mutable { Run(std::move(r)); }) {}

CachePrefetch::~CachePrefetch() {
  cancelled_ = true;
  if (thread_.joinable()) thread_.join();
}

void CachePrefetch::Run(std::vector<RetrieveRequest> requests) {
  // One association for every batch; a new one after a failure.
  std::unique_ptr<RetrieveSession> session;
  for (const auto& request : requests) {
    if (cancelled_) break;
    if (!session) {
      auto opened = pacs_.OpenSession(request.sop_class_uids);
      if (!opened.ok()) {
        spdlog::warn("prefetch: {}", opened.status().ToString());
        break;
      }
      session = std::move(*opened);
    }
    auto summary = session->Fetch(request, [this](RetrievedInstance&& instance) -> Status {
      // The reply went away: stop the PACS rather than fill the cache.
      if (cancelled_) return Status::Unavailable("the reply was abandoned");
      Status stored = cache_.Put(instance);
      if (!stored.ok()) spdlog::warn("prefetch: {}", stored.ToString());
      std::lock_guard<std::mutex> lock(mutex_);
      arrived_.insert(instance.sop_instance_uid);
      arrived_cv_.notify_all();
      return Status::Ok();
    });
    if (!summary.ok()) {
      if (!cancelled_) spdlog::warn("prefetch in series {}: {}", request.series_instance_uid, summary.status().ToString());
      session.reset();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  done_ = true;
  arrived_cv_.notify_all();
}

void CachePrefetch::WaitFor(const std::string& sop_instance_uid) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_cv_.wait(lock, [&] { return done_ || arrived_.count(sop_instance_uid) != 0; });
}

}  // namespace xds::imaging

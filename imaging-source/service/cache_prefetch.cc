#include "imaging-source/service/cache_prefetch.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "imaging-source/service/instance_delivery.h"

namespace xds::imaging {

CachePrefetch::CachePrefetch(PacsClient& pacs, InstanceCache& cache, std::vector<RetrieveRequest> requests,
                             size_t associations)
    : pacs_(pacs), cache_(cache), requests_(std::move(requests)) {
  const size_t workers = std::max<size_t>(1, std::min(associations, requests_.size()));
  running_ = workers;
  for (size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { Run(); });
}

CachePrefetch::~CachePrefetch() {
  cancelled_ = true;
  for (auto& t : threads_) t.join();
}

void CachePrefetch::Run() {
  // One association per worker for every batch it takes; a new one after a
  // failure. Workers take the batches in order, so the first attachments'
  // batches are the first fetched.
  std::unique_ptr<RetrieveSession> session;
  for (size_t i = next_++; i < requests_.size() && !cancelled_; i = next_++) {
    const RetrieveRequest& request = requests_[i];
    if (!session) {
      auto opened = pacs_.OpenSession(request.sop_class_uids);
      if (!opened.ok()) {
        spdlog::warn("prefetch: {}", opened.status().ToString());
        break;
      }
      session = std::move(*opened);
    }
    // As files in the cache's incoming folder: each is renamed into the
    // cache, never copied.
    RetrieveRequest as_files = request;
    AsFiles(&cache_, as_files);
    auto summary = session->Fetch(as_files, [this](RetrievedInstance&& instance) -> Status {
      // The reply went away: stop the PACS rather than fill the cache.
      if (cancelled_) return Status::Unavailable("the reply was abandoned");
      const std::string uid = instance.sop_instance_uid;
      auto kept = Keep(&cache_, std::move(instance));  // logs what it cannot keep
      (void)kept;
      std::lock_guard<std::mutex> lock(mutex_);
      arrived_.insert(uid);
      arrival_order_.push_back(uid);
      arrived_cv_.notify_all();
      return Status::Ok();
    });
    if (!summary.ok()) {
      if (!cancelled_) spdlog::warn("prefetch in series {}: {}", request.series_instance_uid, summary.status().ToString());
      session.reset();
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (--running_ == 0) done_ = true;  // the last worker out
  arrived_cv_.notify_all();
}

void CachePrefetch::WaitFor(const std::string& sop_instance_uid) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_cv_.wait(lock, [&] { return done_ || arrived_.count(sop_instance_uid) != 0; });
}

std::optional<std::string> CachePrefetch::NextArrived() {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_cv_.wait(lock, [&] { return done_ || handed_out_ < arrival_order_.size(); });
  if (handed_out_ == arrival_order_.size()) return std::nullopt;
  return arrival_order_[handed_out_++];
}

PrefetchQueue::PrefetchQueue(PacsClient& pacs, InstanceCache* cache, std::vector<RetrieveRequest> requests,
                             size_t depth)
    : pacs_(pacs),
      cache_(cache),
      depth_(std::max<size_t>(1, depth)),
      thread_([this, r = std::move(requests)]() mutable { Run(std::move(r)); }) {}

PrefetchQueue::~PrefetchQueue() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PrefetchQueue::Run(std::vector<RetrieveRequest> requests) {
  Status status;
  for (RetrieveRequest& request : requests) {
    AsFiles(cache_, request);
    auto summary = pacs_.Retrieve(request, [this](RetrievedInstance&& instance) -> Status {
      auto kept = Keep(cache_, std::move(instance));
      if (!kept.ok()) return kept.status();
      std::unique_lock<std::mutex> lock(mutex_);
      // Bounded: a slow consumer holds the C-STORE response, so the PACS.
      changed_.wait(lock, [&] { return cancelled_ || ready_.size() < depth_; });
      if (cancelled_) return Status::Unavailable("the reply was abandoned");
      ready_.push_back(std::move(*kept));
      changed_.notify_all();
      return Status::Ok();
    });
    if (!summary.ok()) {
      status = summary.status();
      break;
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  status_ = status;
  done_ = true;
  changed_.notify_all();
}

std::optional<CachedInstance> PrefetchQueue::Next() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return done_ || !ready_.empty(); });
  if (ready_.empty()) return std::nullopt;
  CachedInstance next = std::move(ready_.front());
  ready_.pop_front();
  changed_.notify_all();
  return next;
}

Status PrefetchQueue::status() {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

}  // namespace xds::imaging

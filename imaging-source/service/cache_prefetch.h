// CachePrefetch: fetches, on a thread of its own, a list of instances from
// the PACS into the site instance cache — a few instances per C-GET, on
// one association, instead of one per instance — while the
// caller writes them out in its own order, waiting for each as it needs it.
//
// Why: RAD-69 settles its envelope first and then writes the attachments
// in the envelope's order. Fetching them instance by instance costs a
// C-GET round trip (and the PACS's lookup) per instance, during which
// nothing flows; fetching ahead lets the PACS stream while the reply
// follows right behind it. The
// cache is the buffer between the two (disk, not memory); an instance
// evicted before it was written is fetched again by the caller.
//
// With several `associations`, as many workers take the requests in order,
// each on an association of its own: the PACS looks up and sends the next
// batch while the current one is still coming.
//
// Thread-safe. The destructor stops the retrieval (its associations are
// aborted) and joins the threads.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/pacs_client.h"

namespace xds::imaging {

class CachePrefetch {
 public:
  // Starts fetching `requests`, in order, into `cache`. Both borrowed; they
  // must outlive this object.
  CachePrefetch(PacsClient& pacs, InstanceCache& cache, std::vector<RetrieveRequest> requests,
                size_t associations = 1);
  ~CachePrefetch();
  CachePrefetch(const CachePrefetch&) = delete;
  CachePrefetch& operator=(const CachePrefetch&) = delete;

  // Blocks until `sop_instance_uid` has been stored in the cache, or the
  // prefetch is over (everything fetched, or the PACS failed).
  void WaitFor(const std::string& sop_instance_uid);
  // The next instance stored in the cache, in arrival order, each once
  // (waiting for it); nullopt once the prefetch is over and every arrival
  // was handed out. O(1) per call: a reply of N attachments asks N times.
  std::optional<std::string> NextArrived();

 private:
  void Run();  // one worker

  PacsClient& pacs_;
  InstanceCache& cache_;
  const std::vector<RetrieveRequest> requests_;
  std::atomic<size_t> next_{0};  // the next request a worker takes
  std::mutex mutex_;
  std::condition_variable arrived_cv_;
  std::set<std::string> arrived_;  // guarded by mutex_
  std::vector<std::string> arrival_order_;  // guarded by mutex_
  size_t handed_out_ = 0;                   // of arrival_order_ (NextArrived); guarded by mutex_
  size_t running_ = 0;             // workers not yet done; guarded by mutex_
  bool done_ = false;              // guarded by mutex_
  std::atomic<bool> cancelled_{false};
  std::vector<std::thread> threads_;  // started by the constructor's body, once the rest is built
};

// PrefetchQueue: fetches `requests` from the PACS on a thread of its own
// and hands the instances over in arrival order, each opened for reading
// (kept in the cache on the way when there is one, service/instance_delivery.h
// Keep), at most `depth` ahead of the consumer.
//
// Why: WADO-RS writes instances in whatever order the PACS sends them; on
// the calling thread the PACS would wait for each C-STORE response until
// the instance had been written to the client. Here the PACS sends N+1
// while the reply writes N, and a slow client still slows the PACS down
// (the queue is bounded). What waits is an open file (the cache's, or an
// unlinked spool file), never the instance in memory.
//
// Thread-safe. The destructor stops the retrieval (its association is
// aborted) and joins the thread.
class PrefetchQueue {
 public:
  // `pacs` and `cache` (may be null) are borrowed and must outlive this.
  PrefetchQueue(PacsClient& pacs, InstanceCache* cache, std::vector<RetrieveRequest> requests, size_t depth);
  ~PrefetchQueue();
  PrefetchQueue(const PrefetchQueue&) = delete;
  PrefetchQueue& operator=(const PrefetchQueue&) = delete;

  // The next instance, waiting for it; nullopt once every request is done
  // or one failed (status() says which).
  std::optional<CachedInstance> Next();
  // OK, or why the retrieval stopped; meaningful once Next returned nullopt.
  Status status();

 private:
  void Run(std::vector<RetrieveRequest> requests);

  PacsClient& pacs_;
  InstanceCache* const cache_;
  const size_t depth_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<CachedInstance> ready_;  // guarded by mutex_
  bool done_ = false;                 // guarded by mutex_
  bool cancelled_ = false;            // guarded by mutex_
  Status status_;                     // guarded by mutex_
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace xds::imaging

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
// Thread-safe. The destructor stops the retrieval (its association is
// aborted) and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
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
  CachePrefetch(PacsClient& pacs, InstanceCache& cache, std::vector<RetrieveRequest> requests);
  ~CachePrefetch();
  CachePrefetch(const CachePrefetch&) = delete;
  CachePrefetch& operator=(const CachePrefetch&) = delete;

  // Blocks until `sop_instance_uid` has been stored in the cache, or the
  // prefetch is over (everything fetched, or the PACS failed).
  void WaitFor(const std::string& sop_instance_uid);

 private:
  void Run(std::vector<RetrieveRequest> requests);

  PacsClient& pacs_;
  InstanceCache& cache_;
  std::mutex mutex_;
  std::condition_variable arrived_cv_;
  std::set<std::string> arrived_;  // guarded by mutex_
  bool done_ = false;              // guarded by mutex_
  std::atomic<bool> cancelled_{false};
  std::thread thread_;  // last: starts once the rest is built
};

}  // namespace xds::imaging

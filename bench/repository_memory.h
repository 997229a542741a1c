// The memory phase of repository_bench: a fresh xds-node stores one large
// document (ITI-41, the attachment read from a file as it is sent) and
// serves it back (ITI-43, the reply spooled to a file by the client and its
// SHA-1 checked against the source), while its resident memory is watched.
//
// "Idle" is VmRSS once the node has started and served one small ITI-41
// and ITI-43 (so that what every request touches once, such as thread
// stacks and the SQLite caches, is in); the peak is VmHWM, reset after that
// warm-up through /proc/<pid>/clear_refs when the kernel allows it, and
// also the highest VmRSS seen by a sampler every 20 ms.
//
// Not thread-safe; called from main().
#pragma once

#include <cstdint>
#include <string>

#include "wire/base/status.h"

namespace xds::bench {

struct MemorySetup {
  std::string node_binary;
  std::string schema_dir;
  std::string work_dir;  // the node's and the files' (removed by the caller)
  int http_threads = 16;
  int timeout_seconds = 600;
  uint64_t size = 0;
};

struct MemoryFigures {
  uint64_t size = 0;
  int64_t rss_start_kib = 0;    // after start, before any request
  int64_t rss_idle_kib = 0;     // after the warm-up
  int64_t peak_kib = 0;         // max(VmHWM after reset, sampled VmRSS)
  bool hwm_reset = false;       // clear_refs worked
  int64_t rss_after_kib = 0;    // once both transfers are done
  double store_mb_per_s = 0;    // ITI-41 of the large document
  double retrieve_mb_per_s = 0;
  int64_t client_peak_kib = 0;  // the bench's own peak above its RSS before the transfers
  int64_t PeakAboveIdleKib() const { return peak_kib - rss_idle_kib; }
};

Result<MemoryFigures> MeasureMemory(const MemorySetup& setup);

}  // namespace xds::bench

// The durability floor under ITI-41: what no repository that keeps its
// promises can skip, measured alone in the bench process on the same disk,
// so that the ITI-41 ÷ nginx PUT ratio can be read against the best any
// implementation could reach here.
//
// nginx's WebDAV PUT writes the body to page cache and renames it; it never
// fsyncs. An ITI-41 that acknowledges only durable documents (issue 3) must
// in addition:
//   - fsync the document, rename it into place and fsync the folder
//     (measured: FileWriter::CommitAs, with the spool's 8 MiB write-behind,
//     minus the same writes without fsync);
//   - commit the registry's rows for the entry with an fsync (the registry
//     floor of bench/floor.h: bare SQLite, one entry per transaction,
//     synchronous=FULL).
// Both wait for the last byte: nothing can be made durable before it has
// arrived. The floor ratio is PUT time ÷ (PUT time + those two): the
// ITI-41 ÷ PUT ratio of a repository whose SOAP, MTOM, metadata and
// validation cost nothing at all.
// The SHA-1 the registry records (DocumentEntry.hash) is measured and shown
// but not counted: it is computed as the bytes arrive, and while the
// client is still sending it can overlap the transfer (100 MB documents
// show it does).
//
// Not thread-safe; called from main().
#pragma once

#include <cstdint>
#include <string>

#include "wire/base/status.h"

namespace xds::bench {

struct DurabilityFloor {
  uint64_t size = 0;
  double page_cache_write_ms = 0;  // write in 16 KiB pieces, close, rename: no fsync
  double durable_write_ms = 0;     // the same with fsync, rename, folder fsync
  double sha1_ms = 0;              // SHA-1 of the bytes, from memory
  double registry_commit_ms = 0;   // one entry's registry rows, one fsynced commit

  double FsyncMs() const { return durable_write_ms > page_cache_write_ms ? durable_write_ms - page_cache_write_ms : 0; }
  // What durability adds, after the last byte, to a plain upload of this size.
  double ExtraMs() const { return FsyncMs() + registry_commit_ms; }
  // The best ITI-41 ÷ PUT ratio reachable, given nginx's PUT time per document.
  double BestRatio(double put_ms) const { return put_ms / (put_ms + ExtraMs()); }
};

// Writes `repetitions` files of `size` bytes under `dir` (removed after),
// medians of each step.
Result<DurabilityFloor> MeasureDurabilityFloor(const std::string& dir, uint64_t size, int repetitions);

}  // namespace xds::bench

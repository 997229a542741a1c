// InstanceCache: the site-side cache of DICOM instances the imaging source
// has fetched from its PACS, so that a viewer opening the same study again
// (RAD-69, WADO-URI, WADO-RS) is served from local disk instead of another
// C-GET. It lives at the site, next to the PACS: nothing here ever goes to
// the regional data center (XDS-I.b keeps pixel data at the source).
//
// On disk: one file per SOP Instance UID in one folder, "<uid>.dcm", made of
// the Part 10 bytes exactly as the PACS sent them, then a short text
// trailer naming the study, series, SOP class and transfer syntax (format 2;
// format 1 files, header first, written by earlier versions, are still
// read). Data first so that a file C-GET wrote (dicom/get_session.cc) joins
// the cache by appending the trailer and renaming it (Take): no copy. A file
// is completed under a temporary name (or in the incoming folder) and
// renamed into place, so a reader never sees a partial file; a crash leaves
// at worst a "put-*" file or something in incoming/, which the next Open
// removes. No fsync: a file lost in a power cut is just a miss.
//
// Bounded by bytes, least recently used first out. Recency is kept in
// memory and mirrored in each file's modification time (touched on every
// hit), so a restart rebuilds the index from the folder in LRU order.
//
// Readers hold an open file descriptor (CachedInstance): an entry evicted
// while it is being streamed disappears from the folder, but the reader
// finishes from the unlinked file. Memory: a small index record per entry;
// bytes are streamed in 64 KiB reads.
//
// Thread-safe: one mutex guards the index; file writes happen outside it.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging {

// What the cache knows of one instance without opening it.
struct CachedInstanceInfo {
  std::string study_instance_uid;
  std::string series_instance_uid;
  std::string sop_class_uid;
  std::string sop_instance_uid;
  std::string transfer_syntax_uid;
  uint64_t part10_bytes = 0;  // size of the Part 10 data, without our header
};

// One instance opened for reading: a cached file (or a file about to go,
// still readable through the descriptor), or, for an instance that came in
// memory and was not kept, its bytes. Move-only; closes its descriptor.
class CachedInstance {
 public:
  CachedInstance(CachedInstanceInfo info, int fd, uint64_t data_offset);
  // A Part 10 file opened where it is (info.part10_bytes is set from its
  // size); it may be removed afterwards. IoError when it cannot be opened.
  static Result<CachedInstance> OpenFile(const std::string& path, CachedInstanceInfo info);
  // Bytes held in memory (info.part10_bytes is set from their size).
  static CachedInstance InMemory(CachedInstanceInfo info, std::string part10);
  CachedInstance(CachedInstance&& other) noexcept;
  CachedInstance& operator=(CachedInstance&& other) noexcept;
  CachedInstance(const CachedInstance&) = delete;
  ~CachedInstance();

  const CachedInstanceInfo& info() const { return info_; }
  // Hands the Part 10 bytes to `sink` in 64 KiB pieces; false when the sink
  // refused a piece or the file could not be read.
  bool StreamTo(const std::function<bool(std::string_view)>& sink) const;
  // The whole Part 10 file in memory (for transcoding or frame extraction).
  Result<std::string> ReadAll() const;

 private:
  CachedInstanceInfo info_;
  int fd_ = -1;  // -1: the bytes are in memory_
  uint64_t data_offset_ = 0;
  std::string memory_;
};

class InstanceCache {
 public:
  // Opens (creating it if needed) the cache folder `dir`, holding at most
  // `max_bytes`. Rebuilds the index from the files there, removes leftover
  // temporary and unreadable files and whatever incoming/ holds, and evicts
  // down to the budget.
  static Result<std::unique_ptr<InstanceCache>> Open(const std::string& dir, uint64_t max_bytes);

  // Stores one instance as the PACS delivered it. Instances already cached,
  // without a UID, or larger than the whole budget are not stored (OK).
  // Evicts least recently used entries to stay within the budget.
  Status Put(const RetrievedInstance& instance);

  // Takes the Part 10 file at `path` into the cache by appending the
  // trailer and renaming it into place: no copy when it is on the cache's
  // filesystem (under incoming_dir(), say), a copy otherwise. `info` says
  // what it holds (part10_bytes is measured here). Returns it opened for
  // reading whether or not it was kept (already cached, larger than the
  // whole budget, not a UID, or it could not be completed or copied, which
  // is logged: the file is unlinked and only the returned reader still has
  // it). `path` is gone after the call, whatever the outcome. Evicts as Put
  // does. IoError only when the file cannot be opened.
  Result<CachedInstance> Take(const std::string& path, CachedInstanceInfo info);

  // A folder on the cache's filesystem for files on their way in (Take);
  // emptied by Open.
  std::string incoming_dir() const { return dir_ + "/incoming"; }

  // Opens a cached instance and marks it most recently used; nullopt on a
  // miss (or when its file has gone).
  std::optional<CachedInstance> Get(const std::string& sop_instance_uid);

  // What is known of a cached instance, without touching its recency.
  std::optional<CachedInstanceInfo> Peek(const std::string& sop_instance_uid) const;

  // How many instances of a series are cached (0: asking the PACS which
  // instances the series holds would find none of them here).
  size_t CountInSeries(const std::string& series_instance_uid) const;

  uint64_t bytes() const;
  size_t entries() const;
  uint64_t max_bytes() const { return max_bytes_; }
  const std::string& dir() const { return dir_; }

 private:
  struct Entry {
    CachedInstanceInfo info;
    uint64_t file_bytes = 0;
    uint64_t data_offset = 0;  // where the Part 10 bytes start (format 1: after the header)
    std::list<std::string>::iterator lru;  // position in lru_
  };

  InstanceCache(std::string dir, uint64_t max_bytes) : dir_(std::move(dir)), max_bytes_(max_bytes) {}
  Status Rebuild();
  std::string PathOf(const std::string& uid) const;
  // Adds (or refreshes) an entry as most recently used. Caller holds mutex_.
  void Insert(CachedInstanceInfo info, uint64_t file_bytes, uint64_t data_offset);
  // Renames `from` to the entry's path and indexes it. Caller holds mutex_.
  bool Install(const std::string& from, CachedInstanceInfo info, uint64_t file_bytes);
  // Unlinks least recently used entries until within budget. Caller holds mutex_.
  void EvictToBudget();
  // Drops an entry from the index (not its file). Caller holds mutex_.
  void Forget(std::unordered_map<std::string, Entry>::iterator it);

  const std::string dir_;
  const uint64_t max_bytes_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> index_;  // by SOP Instance UID
  std::list<std::string> lru_;                    // front: most recently used
  std::unordered_map<std::string, size_t> per_series_;  // series UID -> entries
  uint64_t bytes_ = 0;
};

}  // namespace xds::imaging

// WalFileSync: makes what the writer connection committed durable, outside
// the writer's critical section.
//
// Why: with synchronous=FULL SQLite fsyncs the WAL inside COMMIT, while the
// one writer connection is held, so the next batch of submissions waits for
// the disk flush of the previous one (1-2 ms here, more than the batch's own
// work). Instead the writer commits with synchronous=NORMAL (no fsync at
// COMMIT; checkpoints still sync the WAL before copying it and the database
// after) and the group-commit leader, having handed the writer to the next
// batch, calls Sync() before it acknowledges its own. fdatasync flushes every
// byte written to the file before the call, so a batch is on disk when its
// Sync() returns, and so is every batch committed before it.
//
// What this changes: a query may see a batch during its flush, before it is
// acknowledged; a power cut then loses it, as it loses any unacknowledged
// submission, and its submitter, never told "Success", sends it again. No
// acknowledged submission is ever lost, and one acknowledged after another
// that it saw never survives without it (the later flush covers the
// earlier bytes). InnoDB releases its commits the same way.
//
// Thread-safe: Sync() may run on several leaders at once.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::registry {

class WalFileSync {
 public:
  // `wal_path`: the database path plus "-wal".
  explicit WalFileSync(std::string wal_path) : wal_path_(std::move(wal_path)) {}
  ~WalFileSync();
  WalFileSync(const WalFileSync&) = delete;
  WalFileSync& operator=(const WalFileSync&) = delete;

  // fdatasync of the WAL file as it is now on disk (reopened when SQLite
  // has replaced it since the last call).
  Status Sync();

 private:
  // The descriptor for the current WAL file, opened or reopened as needed.
  Result<int> Descriptor();

  const std::string wal_path_;
  std::mutex mutex_;  // guards fd_, ino_, retired_
  int fd_ = -1;
  unsigned long ino_ = 0;
  std::vector<int> retired_;  // descriptors of replaced WAL files
};

}  // namespace xds::registry

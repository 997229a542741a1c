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

#include <memory>
#include <string>

#include "wire/base/status.h"

namespace xds::registry {

class WalFileSync {
 public:
  // Opens `wal_path` (the database path plus "-wal"), which must exist.
  // Call it with the writer connection open: SQLite removes or replaces the
  // WAL file only when its last connection closes, so this one descriptor
  // stays the file the writer appends to for the store's whole life.
  static Result<std::unique_ptr<WalFileSync>> Open(const std::string& wal_path);
  ~WalFileSync();
  WalFileSync(const WalFileSync&) = delete;
  WalFileSync& operator=(const WalFileSync&) = delete;

  // fdatasync of the WAL file.
  Status Sync();

 private:
  WalFileSync(std::string wal_path, int fd) : wal_path_(std::move(wal_path)), fd_(fd) {}

  const std::string wal_path_;
  const int fd_;
};

}  // namespace xds::registry

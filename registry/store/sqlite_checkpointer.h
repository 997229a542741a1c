// WalCheckpointer: copies the WAL back into the database file on a thread
// of its own, so that the group-commit leader seldom has to.
//
// Why: with SQLite's automatic checkpoint (every 1,000 WAL frames) the
// connection whose COMMIT crosses the threshold copies the whole WAL into
// the database and, with synchronous=FULL, fsyncs the WAL and the database
// before its COMMIT returns. Every ITI-42 goes through the one writer
// connection, and a K=1 registration adds ~14 frames, so that was a
// checkpoint every ~70 submissions during which no submission could commit.
//
// Here the writer only reports the WAL size after each commit (Notify).
// Each time kBackgroundFrames frames wait to be copied, this thread runs a
// PASSIVE checkpoint, which neither waits for nor blocks the writer or the
// readers and does the bulk of the copying and the database fsync. Not
// more often: a checkpoint per commit (as this thread once ran) fsyncs the
// database as often as the writer fsyncs the WAL, the two flushes queue on
// the same disk, and each COMMIT waited about three times as long; and a
// page that several commits changed is copied once per chunk, not once per
// commit. A PASSIVE checkpoint racing a busy writer
// rarely catches up with the WAL's last frame, and SQLite only starts the
// WAL over from its beginning once it has; so past kWriterFrames the writer
// runs one itself right after its commit (SQLite's own autocheckpoint does
// the same), which by then has only the last few frames left to copy. The
// WAL thus stays bounded by about kWriterFrames frames.
//
// Thread-safe: Notify() is called by the writer connection's committing
// thread; the destructor stops and joins the thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "registry/store/sqlite_connection.h"
#include "wire/base/status.h"

namespace xds::registry {

class WalCheckpointer {
 public:
  // WAL sizes, in frames (one page each, 4 KiB).
  static constexpr int kBackgroundFrames = 1000;  // SQLite's default autocheckpoint
  static constexpr int kWriterFrames = 4000;

  // Opens the checkpointing connection on `path` and starts the thread.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path, bool fsync_each_commit);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // A commit left `wal_frames` frames in the WAL. True when the writer
  // should now checkpoint itself (past kWriterFrames).
  bool Notify(int wal_frames);

 private:
  explicit WalCheckpointer(std::unique_ptr<SqliteConnection> connection)
      : connection_(std::move(connection)) {}
  void Run();

  std::unique_ptr<SqliteConnection> connection_;  // used by thread_ only
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;     // guarded by mutex_
  bool pending_ = false;  // guarded by mutex_: a checkpoint was asked for, or runs
  // What the last commit and the last checkpoint saw, guarded by mutex_:
  int wal_frames_ = 0;     // frames in the WAL
  int backfilled_ = 0;     // of those, copied into the database
  uint64_t restarts_ = 0;  // times the WAL was seen to start over
  std::thread thread_;
};

}  // namespace xds::registry

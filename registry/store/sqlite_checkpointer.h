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
// commit.
//
// SQLite starts the WAL over from its beginning only once a checkpoint has
// copied its last frame, which a PASSIVE checkpoint racing a busy writer
// never quite does. So once the WAL holds kWriterFrames frames, this thread
// runs checkpoints back to back until fewer than kCatchUpFrames remain, and
// only then does the writer run one itself, right after its commit, with
// just those last frames to copy. No submission commits while it runs, and
// most of what it costs is its two fsyncs (WAL, then database), so it runs
// seldom: the writer used to checkpoint at once past 4,000 frames, with up
// to a whole chunk left to copy, for 10-20 ms every 0.15 s at 16 clients
// (registry_bench, K=1); now about once every 16,000 frames. Should this
// thread fall behind for good, the writer still checkpoints at
// kForceFrames whatever remains, so the WAL stays bounded.
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
  static constexpr int kWriterFrames = 16000;     // 64 MiB
  static constexpr int kCatchUpFrames = 256;
  static constexpr int kForceFrames = 2 * kWriterFrames;

  // Opens the checkpointing connection on `path` and starts the thread.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path, bool fsync_each_commit);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // A commit left `wal_frames` frames in the WAL. True when the writer
  // should now checkpoint itself (see above).
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

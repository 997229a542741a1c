#include "registry/store/sqlite_checkpointer.h"

namespace xds::registry {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path,
                                                                bool fsync_each_commit) {
  auto connection = SqliteConnection::Open(path, fsync_each_commit);
  if (!connection.ok()) return connection.status();
  std::unique_ptr<WalCheckpointer> c(new WalCheckpointer(std::move(*connection)));
  c->thread_ = std::thread([p = c.get()] { p->Run(); });
  return c;
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

bool WalCheckpointer::Notify(int wal_frames) {
  bool wake = false;
  bool writer_checkpoints = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (wal_frames < wal_frames_) {  // SQLite started the WAL over from its beginning
      backfilled_ = 0;
      ++restarts_;
    }
    wal_frames_ = wal_frames;
    const int behind = wal_frames - backfilled_;
    const bool catching_up = wal_frames >= kWriterFrames;
    if (wal_frames >= kForceFrames) {
      writer_checkpoints = true;
    } else if (catching_up && !pending_ && behind < kCatchUpFrames) {
      writer_checkpoints = true;
    } else if (!pending_ && (behind >= kBackgroundFrames || catching_up)) {
      wake = pending_ = true;
    }
  }
  if (wake) wake_.notify_one();
  return writer_checkpoints;
}

void WalCheckpointer::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    const uint64_t restarts = restarts_;
    lock.unlock();
    // Busy (the writer, or another process, is checkpointing) and I/O
    // errors are left for the next round: the WAL keeps every commit
    // durable either way, and the writer's own checkpoint bounds it.
    int backfilled = -1;
    Status s = connection_->CheckpointPassive(&backfilled);
    lock.lock();
    // A WAL started over meanwhile has nothing of the old one backfilled.
    if (s.ok() && backfilled >= 0 && restarts == restarts_) backfilled_ = backfilled;
    pending_ = false;
  }
}

}  // namespace xds::registry

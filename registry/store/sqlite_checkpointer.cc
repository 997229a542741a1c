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
  if (wal_frames >= kBackgroundFrames) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      pending_ = true;
    }
    wake_.notify_one();
  }
  return wal_frames >= kWriterFrames;
}

void WalCheckpointer::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || pending_; });
    if (stop_) return;
    pending_ = false;
    lock.unlock();
    // Busy (the writer, or another process, is checkpointing) and I/O
    // errors are left for the next round: the WAL keeps every commit
    // durable either way, and the writer's own checkpoint bounds it.
    (void)connection_->CheckpointPassive();
    lock.lock();
  }
}

}  // namespace xds::registry

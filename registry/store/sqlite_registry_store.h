// SqliteRegistryStore: the RegistryStore on an embedded SQLite database.
//
// Durability: WAL journal. With Durability::kPowerLoss (the default) a
// commit is on disk (fdatasync of the WAL) before ReadWrite() returns, so an
// acknowledged submission survives kill -9 and power loss alike; the flush
// runs after the writer connection has gone on to the next batch
// (wal_file_sync.h). With kProcessCrash it survives kill -9 of the process
// but the last commits before a power cut may be lost; the fsync then
// happens at checkpoints only.
//
// Concurrency: readers each take a pooled connection and see a snapshot
// (WAL lets them run while a writer commits). Writers go through one writer
// connection with group commit: the first waiting writer becomes the leader,
// runs every queued write in one BEGIN IMMEDIATE transaction, each inside
// its own SAVEPOINT (so each stays all-or-nothing on its own), and commits
// once — one fsync for the whole batch instead of one per submission.
// A second process on the same file is handled by SQLite's busy timeout plus
// a bounded retry, so SQLITE_BUSY never reaches a client. The WAL is copied
// back into the database by a thread of the store's own
// (sqlite_checkpointer.h) rather than by whichever commit crosses SQLite's
// threshold.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/store/registry_store.h"

namespace xds::registry {

class SqliteConnection;
class WalCheckpointer;
class WalFileSync;

enum class Durability { kPowerLoss, kProcessCrash };

class SqliteRegistryStore : public RegistryStore {
 public:
  // Opens (creating if needed) the database file and applies the schema.
  static Result<std::unique_ptr<SqliteRegistryStore>> Open(const std::string& path,
                                                           Durability durability = Durability::kPowerLoss);
  ~SqliteRegistryStore() override;

  Status ReadWrite(const std::function<Status(WriteTxn&)>& fn) override;
  Status ReadOnly(const std::function<Status(ReadTxn&)>& fn) override;

 private:
  SqliteRegistryStore(std::string path, Durability durability);
  Result<std::unique_ptr<SqliteConnection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<SqliteConnection> connection);

  struct PendingWrite;
  // Runs a batch of writes in one transaction on writer_ (leader only).
  void CommitBatch(const std::vector<PendingWrite*>& batch);

  const std::string path_;
  const Durability durability_;
  std::unique_ptr<SqliteConnection> writer_;  // used only by the current leader
  std::mutex queue_mutex_;                    // guards queue_, leader_active_, PendingWrite::done
  std::deque<PendingWrite*> queue_;
  bool leader_active_ = false;
  std::mutex pool_mutex_;    // guards readers_
  std::vector<std::unique_ptr<SqliteConnection>> readers_;
  std::unique_ptr<WalFileSync> wal_sync_;  // with Durability::kPowerLoss only
  // Declared last so that it stops first: writer_'s commit hook uses it.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace xds::registry

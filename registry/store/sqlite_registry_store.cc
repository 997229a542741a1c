#include "registry/store/sqlite_registry_store.h"

#include <chrono>
#include <random>
#include <thread>

#include "registry/store/registry_schema.h"
#include "registry/store/sqlite_checkpointer.h"
#include "registry/store/sqlite_connection.h"
#include "registry/store/sqlite_transaction.h"
#include "registry/store/wal_file_sync.h"

namespace xds::registry {
namespace {

constexpr int kMaxBusyRetries = 8;
// Bounds the latency a writer adds to the others in its batch.
constexpr size_t kMaxBatch = 64;
// Idle readers kept open; each holds an 8 MiB page cache at most.
constexpr size_t kMaxPooledReaders = 16;

// Runs body between `begin` and COMMIT, rolling back when body fails.
// Busy errors (another process holds the lock past the busy timeout) are
// retried with jittered backoff.
Status RunInTransaction(SqliteConnection& db, const char* begin,
                        const std::function<Status(SqliteTransaction&)>& body) {
  static thread_local std::minstd_rand jitter(std::random_device{}());
  Status last;
  for (int attempt = 0; attempt < kMaxBusyRetries; ++attempt) {
    if (attempt > 0)
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt + jitter() % 10));
    last = db.Run(begin);
    if (!last.ok()) {
      if (IsBusy(last)) continue;
      return last;
    }
    SqliteTransaction txn(db);
    Status s = body(txn);
    if (s.ok()) s = db.Run("COMMIT");
    if (s.ok()) return s;
    (void)db.Run("ROLLBACK");
    if (!IsBusy(s)) return s;
    last = s;
  }
  return Status::Busy("registry database stayed locked: " + last.message());
}

// True when `table` has `column` (PRAGMA table_info).
Result<bool> HasColumn(SqliteConnection& db, const std::string& table, const std::string& column) {
  auto q = db.Prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
  if (!q.ok()) return q.status();
  (*q)->Bind(1, table).Bind(2, column);
  auto row = (*q)->Step();
  if (!row.ok()) return row.status();
  const bool found = *row;
  (*q)->Reset();
  return found;
}

// Brings a version 1 database (no object.lid) to version 2 in one
// transaction (schemas/sql/registry_002_metadata_lifecycle.sql). A new
// database takes the same path right after version 1 is created.
Status UpgradeSchema(SqliteConnection& db) {
  auto has_lid = HasColumn(db, "object", "lid");
  if (!has_lid.ok()) return has_lid.status();
  if (*has_lid) return db.Exec(
      "CREATE TABLE IF NOT EXISTS patient_merge (subsumed INTEGER PRIMARY KEY REFERENCES patient(id), "
      "surviving INTEGER NOT NULL REFERENCES patient(id), merged_time TEXT NOT NULL)");
  XDS_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = db.Exec(kRegistrySchemaV2Sql);
  if (!s.ok()) {
    (void)db.Exec("ROLLBACK");
    return Status::Internal("upgrading the registry database to schema version 2 failed: " + s.message());
  }
  return db.Exec("COMMIT");
}

}  // namespace

SqliteRegistryStore::SqliteRegistryStore(std::string path, Durability durability)
    : path_(std::move(path)), durability_(durability) {}
SqliteRegistryStore::~SqliteRegistryStore() = default;

Result<std::unique_ptr<SqliteRegistryStore>> SqliteRegistryStore::Open(const std::string& path,
                                                                      Durability durability) {
  std::unique_ptr<SqliteRegistryStore> store(new SqliteRegistryStore(path, durability));
  // The writer commits without an fsync; with kPowerLoss the leader syncs
  // the WAL itself, off the writer (wal_file_sync.h).
  auto writer = SqliteConnection::Open(path, /*fsync_each_commit=*/false);
  if (!writer.ok()) return writer.status();
  store->writer_ = std::move(*writer);
  XDS_RETURN_IF_ERROR(RunInTransaction(*store->writer_, "BEGIN IMMEDIATE",
                                       [](SqliteTransaction&) { return Status::Ok(); }));
  XDS_RETURN_IF_ERROR(store->writer_->Exec(kRegistrySchemaSql));
  XDS_RETURN_IF_ERROR(UpgradeSchema(*store->writer_));
  XDS_RETURN_IF_ERROR(store->writer_->Exec(kRegistrySchemaV3Sql));
  XDS_RETURN_IF_ERROR(store->writer_->Exec(kRegistrySchemaV4Sql));
  auto checkpointer = WalCheckpointer::Start(path, durability == Durability::kPowerLoss);
  if (!checkpointer.ok()) return checkpointer.status();
  store->checkpointer_ = std::move(*checkpointer);
  if (durability == Durability::kPowerLoss) {
    // The WAL exists: the schema was written through it.
    auto wal_sync = WalFileSync::Open(path + "-wal");
    if (!wal_sync.ok()) return wal_sync.status();
    store->wal_sync_ = std::move(*wal_sync);
  }
  SqliteConnection* writer_connection = store->writer_.get();
  WalCheckpointer* background = store->checkpointer_.get();
  store->writer_->SetWalCommitHook([writer_connection, background](int wal_frames) {
    // Runs on the committing leader, after its COMMIT, write lock released.
    if (background->Notify(wal_frames)) (void)writer_connection->CheckpointPassive();
  });
  return store;
}

// A queued write. Each has its own condition variable so that the end of a
// batch wakes exactly the writers it finished plus the next leader, not
// every writer queued behind them (a dozen needless context switches per
// batch with 16 clients).
struct SqliteRegistryStore::PendingWrite {
  const std::function<Status(WriteTxn&)>* fn;
  Status result;
  bool taken = false;  // in a leader's batch
  bool done = false;   // committed (and synced), or failed
  std::condition_variable wake;
};

Status SqliteRegistryStore::ReadWrite(const std::function<Status(WriteTxn&)>& fn) {
  PendingWrite me{&fn, Status::Ok(), false, false, {}};
  std::unique_lock<std::mutex> lock(queue_mutex_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leader_active_ || me.taken) {
      me.wake.wait(lock);
      continue;
    }
    // Become the leader: take everything queued so far (including me).
    leader_active_ = true;
    std::vector<PendingWrite*> batch;
    while (!queue_.empty() && batch.size() < kMaxBatch) {
      batch.push_back(queue_.front());
      batch.back()->taken = true;
      queue_.pop_front();
    }
    lock.unlock();
    CommitBatch(batch);
    lock.lock();
    leader_active_ = false;
    // The oldest writer still queued leads the next batch (unless a new
    // arrival takes the lead first) while this one is flushed.
    if (!queue_.empty()) queue_.front()->wake.notify_one();
    if (wal_sync_ != nullptr) {
      lock.unlock();
      Status synced = wal_sync_->Sync();
      lock.lock();
      // Committed but perhaps not on disk: never acknowledged as stored.
      if (!synced.ok())
        for (PendingWrite* p : batch)
          if (p->result.ok()) p->result = Status::IoError("the registry could not make the submission durable: " +
                                                          synced.message());
    }
    for (PendingWrite* p : batch) {
      p->done = true;
      if (p != &me) p->wake.notify_one();
    }
  }
  return me.result;
}

void SqliteRegistryStore::CommitBatch(const std::vector<PendingWrite*>& batch) {
  CodeCache& codes = writer_->codes();
  Status commit = RunInTransaction(*writer_, "BEGIN IMMEDIATE", [&](SqliteTransaction& txn) {
    codes.BeginBatch();  // a retried attempt starts from committed state
    for (PendingWrite* p : batch) {
      XDS_RETURN_IF_ERROR(writer_->Run("SAVEPOINT write"));
      // An exception must not escape the leader: the writers waiting on this
      // batch would wait for ever. It fails this write only.
      try {
        p->result = (*p->fn)(txn);
      } catch (const std::exception& e) {
        p->result = Status::Internal(std::string("write failed: ") + e.what());
      }
      codes.EndWrite(p->result.ok());
      if (!p->result.ok()) XDS_RETURN_IF_ERROR(writer_->Run("ROLLBACK TO write"));
      XDS_RETURN_IF_ERROR(writer_->Run("RELEASE write"));
    }
    return Status::Ok();
  });
  codes.EndBatch(commit.ok());
  // A failed COMMIT undoes every write of the batch, successful or not.
  if (!commit.ok())
    for (PendingWrite* p : batch)
      if (p->result.ok()) p->result = commit;
}

Result<std::unique_ptr<SqliteConnection>> SqliteRegistryStore::AcquireReader() {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!readers_.empty()) {
      auto c = std::move(readers_.back());
      readers_.pop_back();
      return c;
    }
  }
  return SqliteConnection::Open(path_, durability_ == Durability::kPowerLoss);
}

void SqliteRegistryStore::ReleaseReader(std::unique_ptr<SqliteConnection> connection) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (readers_.size() < kMaxPooledReaders) readers_.push_back(std::move(connection));
}

Status SqliteRegistryStore::ReadOnly(const std::function<Status(ReadTxn&)>& fn) {
  auto reader = AcquireReader();
  if (!reader.ok()) return reader.status();
  Status s = RunInTransaction(**reader, "BEGIN", [&](SqliteTransaction& txn) { return fn(txn); });
  ReleaseReader(std::move(*reader));
  return s;
}

}  // namespace xds::registry

#include "registry/store/sqlite_registry_store.h"

#include <chrono>
#include <random>
#include <thread>

#include "registry/store/registry_schema.h"
#include "registry/store/sqlite_connection.h"
#include "registry/store/sqlite_transaction.h"

namespace xds::registry {
namespace {

constexpr int kMaxBusyRetries = 8;
constexpr size_t kMaxPooledReaders = 32;

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
    last = db.Exec(begin);
    if (!last.ok()) {
      if (IsBusy(last)) continue;
      return last;
    }
    SqliteTransaction txn(db);
    Status s = body(txn);
    if (s.ok()) s = db.Exec("COMMIT");
    if (s.ok()) return s;
    (void)db.Exec("ROLLBACK");
    if (!IsBusy(s)) return s;
    last = s;
  }
  return Status::Busy("registry database stayed locked: " + last.message());
}

}  // namespace

SqliteRegistryStore::SqliteRegistryStore(std::string path) : path_(std::move(path)) {}
SqliteRegistryStore::~SqliteRegistryStore() = default;

Result<std::unique_ptr<SqliteRegistryStore>> SqliteRegistryStore::Open(const std::string& path) {
  std::unique_ptr<SqliteRegistryStore> store(new SqliteRegistryStore(path));
  auto writer = SqliteConnection::Open(path);
  if (!writer.ok()) return writer.status();
  store->writer_ = std::move(*writer);
  XDS_RETURN_IF_ERROR(RunInTransaction(*store->writer_, "BEGIN IMMEDIATE",
                                       [](SqliteTransaction&) { return Status::Ok(); }));
  XDS_RETURN_IF_ERROR(store->writer_->Exec(kRegistrySchemaSql));
  return store;
}

Status SqliteRegistryStore::ReadWrite(const std::function<Status(WriteTxn&)>& fn) {
  std::lock_guard<std::mutex> lock(writer_mutex_);
  return RunInTransaction(*writer_, "BEGIN IMMEDIATE",
                          [&](SqliteTransaction& txn) { return fn(txn); });
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
  return SqliteConnection::Open(path_);
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

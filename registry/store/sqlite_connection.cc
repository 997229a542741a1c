#include "registry/store/sqlite_connection.h"

#include <sqlite3.h>

namespace xds::registry {
namespace {

constexpr size_t kMaxCachedStatements = 512;

Status Error(sqlite3* db, int rc, std::string_view what) {
  std::string msg = std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Busy(msg);
  if (primary == SQLITE_CONSTRAINT) return Status::AlreadyExists(msg);
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR) return Status::IoError(msg);
  return Status::Internal(msg);
}

}  // namespace

bool IsBusy(const Status& status) { return status.code() == Status::Code::kBusy; }

Stmt::~Stmt() {
  if (owned_) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Stmt& Stmt::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Stmt& Stmt::Bind(int index, const std::string& value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Stmt& Stmt::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Stmt& Stmt::BindOptional(int index, const std::string& value) {
  return value.empty() ? BindNull(index) : Bind(index, value);
}

Stmt& Stmt::Bind(int index, const SqlValue& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) return Bind(index, *i);
  return Bind(index, std::get<std::string>(value));
}

void Stmt::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Result<bool> Stmt::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(sqlite3_db_handle(stmt_), rc, "step");
}

Status Stmt::Run() {
  for (;;) {
    auto r = Step();
    if (!r.ok()) return r.status();
    if (!*r) return Status::Ok();
  }
}

int64_t Stmt::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Stmt::Text(int column) const {
  const unsigned char* t = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return t != nullptr ? std::string(reinterpret_cast<const char*>(t), n) : std::string();
}

bool Stmt::IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                bool fsync_each_commit) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = Error(db, rc, "open " + path);
    sqlite3_close(db);
    return s;
  }
  std::unique_ptr<SqliteConnection> c(new SqliteConnection(db));
  // A writer may hold the lock while it fsyncs; wait rather than fail.
  sqlite3_busy_timeout(db, 10000);
  XDS_RETURN_IF_ERROR(c->Exec(
      std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") + (fsync_each_commit ? "FULL" : "NORMAL") +
      "; PRAGMA foreign_keys=OFF; "
      // ITI TF-2 Appendix F: string comparisons (author LIKE) are case-sensitive.
      "PRAGMA case_sensitive_like=ON; "
      // A small private page cache per connection: the OS page cache holds
      // the hot pages once for all of them, resident memory stays bounded
      // with many readers, and SQLite's per-COMMIT walk of the cache
      // (pcache1TruncateUnsafe) stays short.
      "PRAGMA cache_size=-8192; PRAGMA temp_store=MEMORY;"));
  return c;
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteConnection::Exec(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) return Status::Busy(msg);
    return Status::Internal("sqlite: " + msg);
  }
  return Status::Ok();
}

Status SqliteConnection::Run(std::string_view sql) {
  auto stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  return (*stmt)->Run();
}

Result<std::unique_ptr<Stmt>> SqliteConnection::Prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return std::make_unique<Stmt>(it->second, false);
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(db_, rc, "prepare");
  // Stored-query SQL varies with the number of values given, so the set of
  // texts is open-ended: past a bound, statements are used once and freed.
  if (cache_.size() >= kMaxCachedStatements) return std::make_unique<Stmt>(stmt, true);
  cache_.emplace(std::string(sql), stmt);
  return std::make_unique<Stmt>(stmt, false);
}

void SqliteConnection::SetWalCommitHook(std::function<void(int wal_frames)> hook) {
  wal_commit_hook_ = std::move(hook);
  sqlite3_wal_hook(
      db_,
      [](void* self, sqlite3*, const char*, int frames) {
        static_cast<SqliteConnection*>(self)->wal_commit_hook_(frames);
        return SQLITE_OK;
      },
      this);
}

Status SqliteConnection::CheckpointPassive(int* backfilled) {
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, backfilled);
  return rc == SQLITE_OK ? Status::Ok() : Error(db_, rc, "checkpoint");
}

int64_t SqliteConnection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int SqliteConnection::Changes() const { return sqlite3_changes(db_); }

}  // namespace xds::registry

// SqliteConnection: one sqlite3 handle with its cache of prepared
// statements, and Stmt, a borrowed prepared statement that resets itself
// when it goes out of scope. Only files named sqlite_* include sqlite3.h.
//
// A connection is used by one thread at a time (the store hands it out).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "registry/store/registry_store.h"
#include "registry/store/sqlite_code_cache.h"
#include "wire/base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace xds::registry {

class Stmt {
 public:
  // `owned`: finalize on destruction (statements not kept in the cache).
  Stmt(sqlite3_stmt* stmt, bool owned) : stmt_(stmt), owned_(owned) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& Bind(int index, int64_t value);
  Stmt& Bind(int index, const std::string& value);
  Stmt& BindNull(int index);
  Stmt& BindOptional(int index, const std::string& value);  // NULL when empty
  Stmt& Bind(int index, const SqlValue& value);

  // Steps once: true when a row is available, false when done.
  Result<bool> Step();
  // Makes the statement ready to be bound and stepped again.
  void Reset();
  // Runs to completion (for statements without result rows).
  Status Run();

  int64_t Int(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

 private:
  sqlite3_stmt* stmt_;
  bool owned_;
};

class SqliteConnection {
 public:
  // `fsync_each_commit`: synchronous=FULL, else NORMAL (see the store).
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path, bool fsync_each_commit);
  ~SqliteConnection();

  // Runs SQL text (several statements allowed), compiling it each time.
  Status Exec(std::string_view sql);
  // Runs one statement without result rows through the statement cache:
  // for the fixed statements run on every transaction (BEGIN, COMMIT,
  // SAVEPOINT ...), which Exec would compile again each time.
  Status Run(std::string_view sql);
  // A cached prepared statement for `sql`; the Stmt borrows it.
  Result<std::unique_ptr<Stmt>> Prepare(std::string_view sql);
  int64_t LastInsertRowId() const;
  int Changes() const;

  // Calls `hook` with the number of frames in the WAL after each commit of
  // this connection, on the committing thread, in place of SQLite's own
  // automatic checkpoint (which this turns off; see sqlite_checkpointer.h).
  void SetWalCommitHook(std::function<void(int wal_frames)> hook);
  // One PASSIVE checkpoint: copies what it can of the WAL into the database
  // without waiting for (or blocking) readers and writers. Busy when
  // another connection is checkpointing. `backfilled`, when given, receives
  // how many of the WAL's frames are now in the database.
  Status CheckpointPassive(int* backfilled = nullptr);

  // Interned codes known to this connection (used on the writer only).
  CodeCache& codes() { return codes_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}

  // Heterogeneous lookup: statement texts are mostly literals, looked up
  // without building a std::string each time.
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
  CodeCache codes_;
  std::function<void(int)> wal_commit_hook_;
};

// True when the Status came from SQLITE_BUSY / SQLITE_LOCKED.
bool IsBusy(const Status& status);

}  // namespace xds::registry

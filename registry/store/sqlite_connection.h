// SqliteConnection: one sqlite3 handle with its cache of prepared
// statements, and Stmt, a borrowed prepared statement that resets itself
// when it goes out of scope. Only files named sqlite_* include sqlite3.h.
//
// A connection is used by one thread at a time (the store hands it out).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "registry/store/registry_store.h"
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

  Status Exec(std::string_view sql);
  // A cached prepared statement for `sql`; the Stmt borrows it.
  Result<std::unique_ptr<Stmt>> Prepare(const std::string& sql);
  int64_t LastInsertRowId() const;
  int Changes() const;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// True when the Status came from SQLITE_BUSY / SQLITE_LOCKED.
bool IsBusy(const Status& status);

}  // namespace xds::registry

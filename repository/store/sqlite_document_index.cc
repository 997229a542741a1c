#include <sqlite3.h>

#include <mutex>

#include "repository/store/document_index.h"

namespace xds::repository {

extern const char* const kRepositorySchemaSql;  // generated from schemas/sql

namespace {

// A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int i) const {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, i)))
             : std::string();
  }
  int64_t Int(int i) const { return sqlite3_column_int64(stmt_, i); }
  // Ready for the next row: bindings cleared.
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr char kSelectColumns[] =
    "SELECT unique_id, file, mime_type, size, sha1, state, submission, stored_at FROM document ";

IndexedDocument RowOf(const Statement& s) {
  IndexedDocument d;
  d.unique_id = s.Text(0);
  d.file = s.Text(1);
  d.mime_type = s.Text(2);
  d.size = static_cast<uint64_t>(s.Int(3));
  d.sha1 = s.Text(4);
  d.available = s.Text(5) == "available";
  d.submission = s.Text(6);
  d.stored_at = s.Int(7);
  return d;
}

}  // namespace

struct DocumentIndex::Impl {
  sqlite3* db = nullptr;
  std::mutex mutex;  // one connection, one user at a time

  ~Impl() { sqlite3_close_v2(db); }

  Status Error(const std::string& what) const { return Status::IoError(what + ": " + sqlite3_errmsg(db)); }

  Status Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Status::IoError(std::string("repository index: ") + text);
  }

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back on error.
  template <typename Fn>
  Status InTransaction(Fn&& body) {
    XDS_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    Status s = body();
    if (!s.ok()) {
      Exec("ROLLBACK");
      return s;
    }
    return Exec("COMMIT");
  }
};

DocumentIndex::DocumentIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DocumentIndex::~DocumentIndex() = default;

Result<std::unique_ptr<DocumentIndex>> DocumentIndex::Open(const std::string& path) {
  auto impl = std::make_unique<Impl>();
  if (sqlite3_open_v2(path.c_str(), &impl->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    return Status::IoError("cannot open repository index " + path + ": " +
                           (impl->db ? sqlite3_errmsg(impl->db) : "out of memory"));
  sqlite3_busy_timeout(impl->db, 5000);
  // WAL with synchronous=FULL: every commit is fsynced before it returns.
  XDS_RETURN_IF_ERROR(impl->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
  XDS_RETURN_IF_ERROR(impl->Exec(kRepositorySchemaSql));
  return std::unique_ptr<DocumentIndex>(new DocumentIndex(std::move(impl)));
}

Status DocumentIndex::AddPending(const std::vector<IndexedDocument>& documents) {
  std::lock_guard lock(impl_->mutex);
  return impl_->InTransaction([&]() -> Status {
    Statement insert(impl_->db,
                     "INSERT INTO document (unique_id, file, mime_type, size, sha1, state, submission, stored_at) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7)");
    if (!insert.ok()) return impl_->Error("repository index");
    for (const IndexedDocument& d : documents) {
      insert.Bind(1, d.unique_id).Bind(2, d.file).Bind(3, d.mime_type).Bind(4, static_cast<int64_t>(d.size));
      insert.Bind(5, d.sha1).Bind(6, d.submission).Bind(7, d.stored_at);
      int rc = insert.Step();
      if (rc == SQLITE_CONSTRAINT) return Status::AlreadyExists(d.unique_id);
      if (rc != SQLITE_DONE) return impl_->Error("cannot index document " + d.unique_id);
      insert.Reset();
    }
    return Status::Ok();
  });
}

Status DocumentIndex::Publish(const std::string& submission) {
  std::lock_guard lock(impl_->mutex);
  return impl_->InTransaction([&]() -> Status {
    Statement update(impl_->db, "UPDATE document SET state = 'available' WHERE submission = ?1");
    if (!update.ok() || update.Bind(1, submission).Step() != SQLITE_DONE)
      return impl_->Error("cannot publish submission " + submission);
    return Status::Ok();
  });
}

Result<std::vector<std::string>> DocumentIndex::Remove(const std::string& submission) {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> files;
  Status s = impl_->InTransaction([&]() -> Status {
    Statement select(impl_->db, "SELECT file FROM document WHERE submission = ?1");
    if (!select.ok()) return impl_->Error("repository index");
    select.Bind(1, submission);
    int rc;
    while ((rc = select.Step()) == SQLITE_ROW) files.push_back(select.Text(0));
    if (rc != SQLITE_DONE) return impl_->Error("cannot list submission " + submission);
    Statement remove(impl_->db, "DELETE FROM document WHERE submission = ?1");
    if (!remove.ok() || remove.Bind(1, submission).Step() != SQLITE_DONE)
      return impl_->Error("cannot remove submission " + submission);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return files;
}

Result<std::optional<std::string>> DocumentIndex::RemoveAvailable(const std::string& unique_id) {
  std::lock_guard lock(impl_->mutex);
  std::optional<std::string> file;
  Status s = impl_->InTransaction([&]() -> Status {
    Statement select(impl_->db, "SELECT file FROM document WHERE unique_id = ?1 AND state = 'available'");
    if (!select.ok()) return impl_->Error("repository index");
    int rc = select.Bind(1, unique_id).Step();
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW) return impl_->Error("cannot look up " + unique_id);
    file = select.Text(0);
    Statement remove(impl_->db, "DELETE FROM document WHERE unique_id = ?1");
    if (!remove.ok() || remove.Bind(1, unique_id).Step() != SQLITE_DONE)
      return impl_->Error("cannot remove document " + unique_id);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return file;
}

Result<std::optional<IndexedDocument>> DocumentIndex::Find(const std::string& unique_id) {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db, (std::string(kSelectColumns) + "WHERE unique_id = ?1").c_str());
  if (!select.ok()) return impl_->Error("repository index");
  int rc = select.Bind(1, unique_id).Step();
  if (rc == SQLITE_DONE) return std::optional<IndexedDocument>();
  if (rc != SQLITE_ROW) return impl_->Error("cannot look up " + unique_id);
  return std::optional<IndexedDocument>(RowOf(select));
}

Result<std::vector<IndexedDocument>> DocumentIndex::PendingBefore(int64_t before) {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db,
                   (std::string(kSelectColumns) + "WHERE state = 'pending' AND stored_at < ?1 ORDER BY submission")
                       .c_str());
  if (!select.ok()) return impl_->Error("repository index");
  select.Bind(1, before);
  std::vector<IndexedDocument> out;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) out.push_back(RowOf(select));
  if (rc != SQLITE_DONE) return impl_->Error("cannot list pending documents");
  return out;
}

Result<std::vector<std::string>> DocumentIndex::AllFiles() {
  std::lock_guard lock(impl_->mutex);
  Statement select(impl_->db, "SELECT file FROM document");
  if (!select.ok()) return impl_->Error("repository index");
  std::vector<std::string> out;
  int rc;
  while ((rc = select.Step()) == SQLITE_ROW) out.push_back(select.Text(0));
  if (rc != SQLITE_DONE) return impl_->Error("cannot list documents");
  return out;
}

}  // namespace xds::repository

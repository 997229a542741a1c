// PublicationLog on SQLite: one table, WAL journal, synchronous=FULL (a
// confirmed publication survives a power cut; see publication_log.h).
#include <sqlite3.h>

#include <ctime>
#include <mutex>

#include "imaging-source/store/publication_log.h"

namespace xds::imaging {
namespace {

// Schema version 1 (PRAGMA user_version). Small enough to live here; a
// later version adds an upgrade step keyed on user_version.
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS publication ("
    " study_instance_uid TEXT PRIMARY KEY,"
    " entry_uuid TEXT NOT NULL DEFAULT '',"
    " document_unique_id TEXT NOT NULL DEFAULT '',"
    " fingerprint TEXT NOT NULL DEFAULT '',"
    " series_count INTEGER NOT NULL DEFAULT 0,"
    " instance_count INTEGER NOT NULL DEFAULT 0,"
    " published_at INTEGER NOT NULL DEFAULT 0,"
    " pending_entry_uuid TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "PRAGMA user_version = 1;";

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
  int Step() { return sqlite3_step(stmt_); }
  std::string Text(int i) const {
    const unsigned char* t = sqlite3_column_text(stmt_, i);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, i)))
             : std::string();
  }
  int64_t Int(int i) const { return sqlite3_column_int64(stmt_, i); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

struct PublicationLog::Impl {
  sqlite3* db = nullptr;
  std::mutex mutex;
  ~Impl() { sqlite3_close_v2(db); }

  Status Error(const std::string& what) const { return Status::IoError(what + ": " + sqlite3_errmsg(db)); }

  Status Exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    return Status::IoError(std::string("publication log: ") + text);
  }

  // Runs one write statement built by `bind`; a single statement is its own
  // transaction, so no BEGIN is needed.
  template <typename Bind>
  Status Write(const char* sql, Bind bind) {
    std::lock_guard<std::mutex> lock(mutex);
    Statement s(db, sql);
    if (!s.ok()) return Error("publication log: prepare");
    bind(s);
    if (s.Step() != SQLITE_DONE) return Error("publication log: write");
    return Status::Ok();
  }
};

PublicationLog::PublicationLog() : impl_(std::make_unique<Impl>()) {}
PublicationLog::~PublicationLog() = default;

Result<std::unique_ptr<PublicationLog>> PublicationLog::Open(const std::string& path) {
  std::unique_ptr<PublicationLog> log(new PublicationLog());
  Impl& d = *log->impl_;
  if (sqlite3_open_v2(path.c_str(), &d.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK)
    return d.Error("cannot open the publication log " + path);
  sqlite3_busy_timeout(d.db, 5000);
  XDS_RETURN_IF_ERROR(d.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
  XDS_RETURN_IF_ERROR(d.Exec(kSchema));
  return log;
}

Result<std::optional<Publication>> PublicationLog::Find(const std::string& study_uid) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Statement s(impl_->db,
              "SELECT entry_uuid, document_unique_id, fingerprint, series_count, instance_count, published_at,"
              " pending_entry_uuid FROM publication WHERE study_instance_uid = ?1");
  if (!s.ok()) return impl_->Error("publication log: prepare");
  s.Bind(1, study_uid);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::optional<Publication>();
  if (rc != SQLITE_ROW) return impl_->Error("publication log: read");
  Publication p;
  p.study_instance_uid = study_uid;
  p.entry_uuid = s.Text(0);
  p.document_unique_id = s.Text(1);
  p.fingerprint = s.Text(2);
  p.series_count = s.Int(3);
  p.instance_count = s.Int(4);
  p.published_at = s.Int(5);
  p.pending_entry_uuid = s.Text(6);
  return std::optional<Publication>(std::move(p));
}

Status PublicationLog::MarkPending(const std::string& study_uid, const std::string& entry_uuid) {
  return impl_->Write(
      "INSERT INTO publication (study_instance_uid, pending_entry_uuid) VALUES (?1, ?2)"
      " ON CONFLICT(study_instance_uid) DO UPDATE SET pending_entry_uuid = excluded.pending_entry_uuid",
      [&](Statement& s) { s.Bind(1, study_uid).Bind(2, entry_uuid); });
}

Status PublicationLog::Confirm(const Publication& p) {
  int64_t at = p.published_at != 0 ? p.published_at : static_cast<int64_t>(std::time(nullptr));
  return impl_->Write(
      "INSERT INTO publication (study_instance_uid, entry_uuid, document_unique_id, fingerprint, series_count,"
      " instance_count, published_at, pending_entry_uuid) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '')"
      " ON CONFLICT(study_instance_uid) DO UPDATE SET entry_uuid = excluded.entry_uuid,"
      " document_unique_id = excluded.document_unique_id, fingerprint = excluded.fingerprint,"
      " series_count = excluded.series_count, instance_count = excluded.instance_count,"
      " published_at = excluded.published_at, pending_entry_uuid = ''",
      [&](Statement& s) {
        s.Bind(1, p.study_instance_uid).Bind(2, p.entry_uuid).Bind(3, p.document_unique_id).Bind(4, p.fingerprint);
        s.Bind(5, p.series_count).Bind(6, p.instance_count).Bind(7, at);
      });
}

Status PublicationLog::ClearPending(const std::string& study_uid) {
  return impl_->Write("UPDATE publication SET pending_entry_uuid = '' WHERE study_instance_uid = ?1",
                      [&](Statement& s) { s.Bind(1, study_uid); });
}

Result<std::string> PublicationLog::GetState(const std::string& key) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Statement s(impl_->db, "SELECT value FROM state WHERE key = ?1");
  if (!s.ok()) return impl_->Error("publication log: prepare");
  s.Bind(1, key);
  int rc = s.Step();
  if (rc == SQLITE_DONE) return std::string();
  if (rc != SQLITE_ROW) return impl_->Error("publication log: read");
  return s.Text(0);
}

Status PublicationLog::SetState(const std::string& key, const std::string& value) {
  return impl_->Write("INSERT INTO state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                      [&](Statement& s) { s.Bind(1, key).Bind(2, value); });
}

}  // namespace xds::imaging

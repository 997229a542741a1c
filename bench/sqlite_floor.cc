// SqliteFloor: the registry's rows written by bare sqlite3 (see floor.h).
#include <sqlite3.h>
#include <sys/stat.h>

#include <memory>
#include <unordered_map>
#include <vector>

#include "bench/bench_stats.h"
#include "bench/floor.h"
#include "registry/store/registry_schema.h"
#include "registry/submit/submission_rows.h"
#include "registry/submit/symbolic_ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::bench {
namespace {

using registry::AssociationRow;
using registry::DocumentEntryRow;
using registry::SubmissionSetRow;

struct Submission {
  int64_t patient_row = 0;
  SubmissionSetRow set;
  std::vector<DocumentEntryRow> entries;
  std::vector<AssociationRow> associations;
};

// The rows the registry would write for submission s (as RegisterDocumentSet
// prepares them: ids resolved, status Approved, versionName 1).
Submission Prepare(int64_t s, const LoadShape& shape) {
  ihe::SubmitObjectsRequest request = BuildSubmission(s, shape).Build();
  registry::ResolveSymbolicIds(request);
  Submission out;
  out.patient_row = PatientOf(s, shape) + 1;  // patients are inserted in index order
  for (auto& o : request.objects) {
    o.status = std::string(vocab::kApproved);
    if (o.version_name.empty()) o.version_name.assign(1, '1');  // as RegisterDocumentSet
    switch (ihe::XdsTypeOf(o)) {
      case ihe::XdsObjectType::kDocumentEntry: out.entries.push_back(registry::DocumentEntryRowOf(o)); break;
      case ihe::XdsObjectType::kSubmissionSet: out.set = registry::SubmissionSetRowOf(o); break;
      default:
        if (o.kind == ihe::ObjectKind::kAssociation) out.associations.push_back(registry::AssociationRowOf(o));
    }
  }
  return out;
}

class Db {
 public:
  ~Db() {
    for (auto* s : stmts_) sqlite3_finalize(s);
    if (db_ != nullptr) sqlite3_close(db_);
  }
  Status Open(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK)
      return Status::IoError("open " + path + ": " + sqlite3_errmsg(db_));
    return Status::Ok();
  }
  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK) return Status::Ok();
    Status s = Status::Internal("sqlite: " + std::string(err ? err : "?"));
    sqlite3_free(err);
    return s;
  }
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    stmts_.push_back(s);
    return s;
  }
  int64_t LastId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> stmts_;
};

void Text(sqlite3_stmt* s, int i, const std::string& v) {
  if (v.empty()) sqlite3_bind_null(s, i);
  else sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}
void Int(sqlite3_stmt* s, int i, int64_t v) { sqlite3_bind_int64(s, i, v); }

class Writer {
 public:
  explicit Writer(Db& db) : db_(db) {
    object_ = db.Prepare("INSERT INTO object(entry_uuid, kind, status, body) VALUES (?, ?, 1, ?)");
    entry_ = db.Prepare(
        "INSERT INTO document_entry(object_id, patient, status, on_demand, unique_id, class_code, type_code, "
        "practice_setting_code, healthcare_facility_type_code, format_code, creation_time, service_start_time, "
        "service_stop_time, hash, size, repository_unique_id, mime_type) "
        "VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    entry_code_ = db.Prepare("INSERT OR IGNORE INTO document_entry_code(object_id, attribute, code) VALUES (?, ?, ?)");
    entry_author_ = db.Prepare("INSERT OR IGNORE INTO document_entry_author(object_id, author_person) VALUES (?, ?)");
    entry_ref_ = db.Prepare("INSERT OR IGNORE INTO document_entry_reference_id(object_id, reference_id) VALUES (?, ?)");
    set_ = db.Prepare(
        "INSERT INTO submission_set(object_id, patient, status, unique_id, source_id, submission_time, "
        "content_type_code) VALUES (?, ?, 1, ?, ?, ?, ?)");
    set_author_ = db.Prepare("INSERT OR IGNORE INTO submission_set_author(object_id, author_person) VALUES (?, ?)");
    association_ = db.Prepare(
        "INSERT INTO association(object_id, type, source_uuid, target_uuid, status) VALUES (?, ?, ?, ?, 1)");
    code_ = db.Prepare("INSERT INTO code(code, scheme) VALUES (?, ?)");
  }

  Status Insert(const Submission& s) {
    auto id = Object(s.set.entry_uuid, 2, s.set.body);
    Int(set_, 1, id);
    Int(set_, 2, s.patient_row);
    Text(set_, 3, s.set.unique_id);
    Text(set_, 4, s.set.source_id);
    Text(set_, 5, s.set.submission_time);
    BindCode(set_, 6, s.set.content_type_code);
    XDS_RETURN_IF_ERROR(Run(set_));
    for (const auto& a : s.set.author_persons) XDS_RETURN_IF_ERROR(Pair(set_author_, id, a));
    for (const auto& e : s.entries) XDS_RETURN_IF_ERROR(Entry(e, s.patient_row));
    for (const auto& a : s.associations) {
      auto aid = Object(a.entry_uuid, 4, a.body);
      Int(association_, 1, aid);
      Int(association_, 2, static_cast<int64_t>(a.kind));
      Text(association_, 3, a.source_uuid);
      Text(association_, 4, a.target_uuid);
      XDS_RETURN_IF_ERROR(Run(association_));
    }
    return status_;
  }

 private:
  Status Entry(const DocumentEntryRow& e, int64_t patient_row) {
    auto id = Object(e.entry_uuid, 1, e.body);
    Int(entry_, 1, id);
    Int(entry_, 2, patient_row);
    Int(entry_, 3, e.on_demand ? 1 : 0);
    Text(entry_, 4, e.unique_id);
    BindCode(entry_, 5, e.class_code);
    BindCode(entry_, 6, e.type_code);
    BindCode(entry_, 7, e.practice_setting_code);
    BindCode(entry_, 8, e.healthcare_facility_type_code);
    BindCode(entry_, 9, e.format_code);
    Text(entry_, 10, e.creation_time);
    Text(entry_, 11, e.service_start_time);
    Text(entry_, 12, e.service_stop_time);
    Text(entry_, 13, e.hash);
    if (e.size >= 0) Int(entry_, 14, e.size); else sqlite3_bind_null(entry_, 14);
    Text(entry_, 15, e.repository_unique_id);
    Text(entry_, 16, e.mime_type);
    XDS_RETURN_IF_ERROR(Run(entry_));
    for (int attribute : {1, 2}) {
      for (const auto& c : attribute == 1 ? e.event_codes : e.confidentiality_codes) {
        Int(entry_code_, 1, id);
        Int(entry_code_, 2, attribute);
        Int(entry_code_, 3, CodeId(c));
        XDS_RETURN_IF_ERROR(Run(entry_code_));
      }
    }
    for (const auto& a : e.author_persons) XDS_RETURN_IF_ERROR(Pair(entry_author_, id, a));
    for (const auto& r : e.reference_ids) XDS_RETURN_IF_ERROR(Pair(entry_ref_, id, r));
    return Status::Ok();
  }

  int64_t Object(const std::string& uuid, int kind, const std::string& body) {
    Text(object_, 1, uuid);
    Int(object_, 2, kind);
    Text(object_, 3, body);
    if (Status s = Run(object_); !s.ok() && status_.ok()) status_ = s;
    return db_.LastId();
  }

  Status Pair(sqlite3_stmt* stmt, int64_t id, const std::string& value) {
    Int(stmt, 1, id);
    Text(stmt, 2, value);
    return Run(stmt);
  }

  int64_t CodeId(const ihe::CodedValue& c) {
    std::string key = c.code + '\x1f' + c.scheme;
    auto it = codes_.find(key);
    if (it != codes_.end()) return it->second;
    Text(code_, 1, c.code);
    Text(code_, 2, c.scheme);
    if (Status s = Run(code_); !s.ok() && status_.ok()) status_ = s;
    return codes_[key] = db_.LastId();
  }

  void BindCode(sqlite3_stmt* stmt, int i, const std::optional<ihe::CodedValue>& c) {
    if (c) Int(stmt, i, CodeId(*c)); else sqlite3_bind_null(stmt, i);
  }

  Status Run(sqlite3_stmt* stmt) {
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    if (rc == SQLITE_DONE) return Status::Ok();
    return Status::Internal(std::string("sqlite step: ") + sqlite3_errmsg(db_.handle()));
  }

  Db& db_;
  Status status_;
  sqlite3_stmt *object_, *entry_, *entry_code_, *entry_author_, *entry_ref_, *set_, *set_author_,
      *association_, *code_;
  std::unordered_map<std::string, int64_t> codes_;
};

}  // namespace

Result<FloorRate> SqliteFloor(const LoadShape& shape, const std::string& database,
                              const SqliteFloorOptions& options) {
  struct stat st;
  if (stat(database.c_str(), &st) == 0) return Status::AlreadyExists(database + " exists");
  Db db;
  XDS_RETURN_IF_ERROR(db.Open(database));
  // The registry's own connection settings (registry/store/sqlite_connection.cc),
  // with the synchronous mode under test.
  XDS_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=" + options.synchronous +
                              "; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"));
  XDS_RETURN_IF_ERROR(db.Exec(registry::kRegistrySchemaSql));
  {
    sqlite3_stmt* p = db.Prepare(
        "INSERT INTO patient(id, patient_id, family_name, given_name, birth_date, sex, updated_time) "
        "VALUES (?, ?, ?, ?, ?, ?, '20260101000000')");
    XDS_RETURN_IF_ERROR(db.Exec("BEGIN"));
    for (int64_t i = 0; i < shape.patients; ++i) {
      auto rec = BenchPatient(i);
      Int(p, 1, i + 1);
      Text(p, 2, rec.patient_id);
      Text(p, 3, rec.family_name);
      Text(p, 4, rec.given_name);
      Text(p, 5, rec.birth_date);
      Text(p, 6, rec.sex);
      sqlite3_step(p);
      sqlite3_reset(p);
    }
    XDS_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  Writer writer(db);
  FloorRate out;
  const int64_t total = shape.submissions();
  const int64_t group = std::max(1, options.submissions_per_transaction);
  constexpr int64_t kChunk = 256;  // submissions prepared ahead, outside the clock
  for (int64_t s = 0; s < total && out.seconds < options.max_seconds;) {
    std::vector<Submission> chunk;
    for (int64_t i = s; i < std::min(total, s + kChunk); ++i) chunk.push_back(Prepare(i, shape));
    Stopwatch clock;
    for (size_t i = 0; i < chunk.size(); i += static_cast<size_t>(group)) {
      XDS_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
      size_t end = std::min(chunk.size(), i + static_cast<size_t>(group));
      for (size_t j = i; j < end; ++j) {
        XDS_RETURN_IF_ERROR(writer.Insert(chunk[j]));
        out.entries += static_cast<int64_t>(chunk[j].entries.size());
        ++out.submissions;
      }
      XDS_RETURN_IF_ERROR(db.Exec("COMMIT"));
      if (out.seconds + clock.Seconds() >= options.max_seconds) break;
    }
    out.seconds += clock.Seconds();
    s += static_cast<int64_t>(chunk.size());
  }
  return out;
}

}  // namespace xds::bench

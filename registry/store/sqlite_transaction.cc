#include "registry/store/sqlite_transaction.h"

#include "wire/base/ids.h"

namespace xds::registry {

#define XDS_ASSIGN_STMT(var, sql)          \
  auto var##_result = db_.Prepare(sql);    \
  if (!var##_result.ok()) return var##_result.status(); \
  Stmt& var = **var##_result

Result<std::optional<PatientInfo>> SqliteTransaction::FindPatient(const std::string& patient_id) {
  XDS_ASSIGN_STMT(q,
      "SELECT p.merged_into IS NULL, COALESCE(s.patient_id, p.patient_id) FROM patient p "
      "LEFT JOIN patient s ON s.id = p.merged_into WHERE p.patient_id = ?");
  q.Bind(1, patient_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<PatientInfo>();
  return std::optional<PatientInfo>(PatientInfo{patient_id, q.Text(1), q.Int(0) != 0});
}

Result<std::optional<ObjectInfo>> SqliteTransaction::FindObject(const std::string& entry_uuid) {
  XDS_ASSIGN_STMT(q,
      "SELECT o.kind, o.status, COALESCE(ps.patient_id, p.patient_id), d.on_demand, "
      "a.type, a.source_uuid, a.target_uuid, COALESCE(o.lid, o.entry_uuid), o.version, o.latest, "
      "o.entry_uuid "
      "FROM object o "
      "LEFT JOIN document_entry d ON d.object_id = o.id "
      "LEFT JOIN submission_set s ON s.object_id = o.id "
      "LEFT JOIN folder f ON f.object_id = o.id "
      "LEFT JOIN association a ON a.object_id = o.id "
      "LEFT JOIN patient p ON p.id = COALESCE(d.patient, s.patient, f.patient) "
      "LEFT JOIN patient ps ON ps.id = p.merged_into "
      "WHERE o.entry_uuid = ?");
  q.Bind(1, entry_uuid);
  return ReadObjectInfo(q);
}

Result<std::optional<ObjectInfo>> SqliteTransaction::FindLatestVersion(const std::string& lid) {
  XDS_ASSIGN_STMT(q,
      "SELECT o.kind, o.status, COALESCE(ps.patient_id, p.patient_id), d.on_demand, "
      "a.type, a.source_uuid, a.target_uuid, COALESCE(o.lid, o.entry_uuid), o.version, o.latest, "
      "o.entry_uuid "
      "FROM object o "
      "LEFT JOIN document_entry d ON d.object_id = o.id "
      "LEFT JOIN submission_set s ON s.object_id = o.id "
      "LEFT JOIN folder f ON f.object_id = o.id "
      "LEFT JOIN association a ON a.object_id = o.id "
      "LEFT JOIN patient p ON p.id = COALESCE(d.patient, s.patient, f.patient) "
      "LEFT JOIN patient ps ON ps.id = p.merged_into "
      // (registry_004_later_versions.sql: each term has its index)
      "WHERE o.entry_uuid = ? OR (o.lid = ? AND o.lid <> o.entry_uuid) ORDER BY o.version DESC LIMIT 1");
  q.Bind(1, lid).Bind(2, lid);
  return ReadObjectInfo(q);
}

// Reads the row of FindObject / FindLatestVersion (same columns).
Result<std::optional<ObjectInfo>> SqliteTransaction::ReadObjectInfo(Stmt& q) {
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ObjectInfo>();
  ObjectInfo info;
  info.entry_uuid = q.Text(10);
  info.lid = q.Text(7);
  info.version = q.Int(8);
  info.latest = q.Int(9) != 0;
  info.kind = static_cast<StoredKind>(q.Int(0));
  info.status = static_cast<Availability>(q.Int(1));
  info.patient_id = q.Text(2);
  info.on_demand = q.Int(3) != 0;
  if (info.kind == StoredKind::kAssociation) {
    info.association_kind = static_cast<AssociationKind>(q.Int(4));
    info.source_uuid = q.Text(5);
    info.target_uuid = q.Text(6);
  }
  return std::optional<ObjectInfo>(std::move(info));
}

Result<std::vector<DocumentEntryIdentity>> SqliteTransaction::FindDocumentEntriesByUniqueId(
    const std::string& unique_id) {
  XDS_ASSIGN_STMT(q,
      "SELECT o.entry_uuid, d.hash, d.size FROM document_entry d JOIN object o ON o.id = d.object_id "
      "WHERE d.unique_id = ?");
  q.Bind(1, unique_id);
  std::vector<DocumentEntryIdentity> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back({q.Text(0), q.Text(1), q.IsNull(2) ? -1 : q.Int(2)});
  }
  return out;
}

Result<bool> SqliteTransaction::UniqueIdInUse(const std::string& unique_id) {
  XDS_ASSIGN_STMT(q,
      "SELECT EXISTS(SELECT 1 FROM submission_set WHERE unique_id = ?1) "
      "OR EXISTS(SELECT 1 FROM folder WHERE unique_id = ?1) "
      "OR EXISTS(SELECT 1 FROM document_entry WHERE unique_id = ?1)");
  q.Bind(1, unique_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  return q.Int(0) != 0;
}

Result<std::vector<std::string>> SqliteTransaction::FoldersHolding(const std::string& entry_uuid) {
  XDS_ASSIGN_STMT(q,
      "SELECT a.source_uuid FROM association a "
      "JOIN object fo ON fo.entry_uuid = a.source_uuid AND fo.kind = 3 AND fo.status = 1 "
      "WHERE a.target_uuid = ? AND a.type = 1 AND a.status = 1");
  q.Bind(1, entry_uuid);
  std::vector<std::string> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(q.Text(0));
  }
  return out;
}

Result<std::vector<std::string>> SqliteTransaction::SelectColumn(const SqlQuery& query) {
  auto prepared = db_.Prepare(query.sql);
  if (!prepared.ok()) return prepared.status();
  Stmt& q = **prepared;
  for (size_t i = 0; i < query.params.size(); ++i) q.Bind(static_cast<int>(i + 1), query.params[i]);
  std::vector<std::string> out;
  for (;;) {
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(q.Text(0));
  }
  return out;
}

Status SqliteTransaction::Execute(const SqlQuery& statement) {
  auto prepared = db_.Prepare(statement.sql);
  if (!prepared.ok()) return prepared.status();
  Stmt& q = **prepared;
  for (size_t i = 0; i < statement.params.size(); ++i) q.Bind(static_cast<int>(i + 1), statement.params[i]);
  return q.Run();
}

Result<std::vector<StoredObject>> SqliteTransaction::LoadObjects(
    const std::vector<std::string>& entry_uuids) {
  XDS_ASSIGN_STMT(q,
      "SELECT o.kind, o.status, o.body, COALESCE(ps.patient_id, p.patient_id), f.last_update_time, "
      "ps.id IS NOT NULL "
      "FROM object o "
      "LEFT JOIN document_entry d ON d.object_id = o.id "
      "LEFT JOIN submission_set s ON s.object_id = o.id "
      "LEFT JOIN folder f ON f.object_id = o.id "
      "LEFT JOIN patient p ON p.id = COALESCE(d.patient, s.patient, f.patient) "
      "LEFT JOIN patient ps ON ps.id = p.merged_into "
      "WHERE o.entry_uuid = ?");
  std::vector<StoredObject> out;
  out.reserve(entry_uuids.size());
  for (const auto& uuid : entry_uuids) {
    q.Reset();
    q.Bind(1, uuid);
    auto row = q.Step();
    if (!row.ok()) return row.status();
    if (*row) {
      StoredObject o;
      o.entry_uuid = uuid;
      o.kind = static_cast<StoredKind>(q.Int(0));
      o.status = static_cast<Availability>(q.Int(1));
      o.body = q.Text(2);
      o.current_patient_id = q.Text(3);
      o.last_update_time = q.Text(4);
      o.patient_merged = q.Int(5) != 0;
      out.push_back(std::move(o));
    }
  }
  return out;
}

Result<std::optional<int64_t>> SqliteTransaction::FindCode(const std::string& code,
                                                           const std::string& scheme) {
  XDS_ASSIGN_STMT(q, "SELECT id FROM code WHERE code = ? AND scheme = ?");
  q.Bind(1, code).Bind(2, scheme);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  return std::optional<int64_t>(q.Int(0));
}

Result<int64_t> SqliteTransaction::InternCode(const ihe::CodedValue& code) {
  // Only the writer interns; its connection remembers ids across
  // transactions (sqlite_code_cache.h says when an id may be trusted).
  CodeCache& cache = db_.codes();
  if (auto known = cache.Find(code.code, code.scheme)) return *known;
  auto found = FindCode(code.code, code.scheme);
  if (!found.ok()) return found.status();
  int64_t id = 0;
  if (found->has_value()) {
    id = **found;
  } else {
    XDS_ASSIGN_STMT(q, "INSERT INTO code(code, scheme) VALUES (?, ?)");
    q.Bind(1, code.code).Bind(2, code.scheme);
    XDS_RETURN_IF_ERROR(q.Run());
    id = db_.LastInsertRowId();
  }
  cache.Learn(code.code, code.scheme, id);
  return id;
}

Status SqliteTransaction::BindCode(Stmt& stmt, int index, const std::optional<ihe::CodedValue>& code) {
  if (!code) {
    stmt.BindNull(index);
    return Status::Ok();
  }
  auto id = InternCode(*code);
  if (!id.ok()) return id.status();
  stmt.Bind(index, *id);
  return Status::Ok();
}

Result<int64_t> SqliteTransaction::PatientRow(const std::string& patient_id) {
  XDS_ASSIGN_STMT(q, "SELECT COALESCE(merged_into, id) FROM patient WHERE patient_id = ?");
  q.Bind(1, patient_id);
  auto row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("unknown patient " + patient_id);
  return q.Int(0);
}

Status SqliteTransaction::InsertValues(std::string_view sql, int64_t object_id,
                                       const std::vector<std::string>& values) {
  for (const auto& value : values) {
    XDS_ASSIGN_STMT(q, sql);
    q.Bind(1, object_id).Bind(2, value);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Result<int64_t> SqliteTransaction::InsertObject(const std::string& entry_uuid, StoredKind kind,
                                                const std::string& body, const ObjectVersion& version) {
  XDS_ASSIGN_STMT(q,
      "INSERT INTO object(entry_uuid, kind, status, body, lid, version, latest, offline) "
      "VALUES (?, ?, 1, ?, ?, ?, 1, ?)");
  q.Bind(1, entry_uuid).Bind(2, static_cast<int64_t>(kind)).Bind(3, body);
  q.Bind(4, version.lid.empty() ? entry_uuid : version.lid).Bind(5, version.version);
  q.Bind(6, int64_t{version.offline});
  XDS_RETURN_IF_ERROR(q.Run());
  return db_.LastInsertRowId();
}

Status SqliteTransaction::InsertDocumentEntry(const DocumentEntryRow& row) {
  auto patient = PatientRow(row.patient_id);
  if (!patient.ok()) return patient.status();
  auto id = InsertObject(row.entry_uuid, StoredKind::kDocumentEntry, row.body,
                         {row.lid, row.version, row.offline});
  if (!id.ok()) return id.status();
  {
    XDS_ASSIGN_STMT(q,
        "INSERT INTO document_entry(object_id, patient, status, on_demand, unique_id, class_code, "
        "type_code, practice_setting_code, healthcare_facility_type_code, format_code, "
        "creation_time, service_start_time, service_stop_time, hash, size, repository_unique_id, "
        "mime_type) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q.Bind(1, *id).Bind(2, *patient).Bind(3, int64_t{row.on_demand}).Bind(4, row.unique_id);
    XDS_RETURN_IF_ERROR(BindCode(q, 5, row.class_code));
    XDS_RETURN_IF_ERROR(BindCode(q, 6, row.type_code));
    XDS_RETURN_IF_ERROR(BindCode(q, 7, row.practice_setting_code));
    XDS_RETURN_IF_ERROR(BindCode(q, 8, row.healthcare_facility_type_code));
    XDS_RETURN_IF_ERROR(BindCode(q, 9, row.format_code));
    q.BindOptional(10, row.creation_time)
        .BindOptional(11, row.service_start_time)
        .BindOptional(12, row.service_stop_time)
        .BindOptional(13, row.hash);
    if (row.size >= 0) q.Bind(14, row.size); else q.BindNull(14);
    q.BindOptional(15, row.repository_unique_id).Bind(16, row.mime_type);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  auto insert_codes = [&](const std::vector<ihe::CodedValue>& codes, int64_t attribute) -> Status {
    for (const auto& c : codes) {
      auto code_id = InternCode(c);
      if (!code_id.ok()) return code_id.status();
      XDS_ASSIGN_STMT(q,
          "INSERT OR IGNORE INTO document_entry_code(object_id, attribute, code) VALUES (?, ?, ?)");
      q.Bind(1, *id).Bind(2, attribute).Bind(3, *code_id);
      XDS_RETURN_IF_ERROR(q.Run());
    }
    return Status::Ok();
  };
  XDS_RETURN_IF_ERROR(insert_codes(row.event_codes, 1));
  XDS_RETURN_IF_ERROR(insert_codes(row.confidentiality_codes, 2));
  XDS_RETURN_IF_ERROR(InsertValues(
      "INSERT OR IGNORE INTO document_entry_author(object_id, author_person) VALUES (?, ?)", *id, row.author_persons));
  return InsertValues("INSERT OR IGNORE INTO document_entry_reference_id(object_id, reference_id) VALUES (?, ?)", *id,
                      row.reference_ids);
}

Status SqliteTransaction::InsertSubmissionSet(const SubmissionSetRow& row) {
  auto patient = PatientRow(row.patient_id);
  if (!patient.ok()) return patient.status();
  auto id = InsertObject(row.entry_uuid, StoredKind::kSubmissionSet, row.body, {row.lid, row.version, false});
  if (!id.ok()) return id.status();
  {
    XDS_ASSIGN_STMT(q,
        "INSERT INTO submission_set(object_id, patient, status, unique_id, source_id, "
        "submission_time, content_type_code) VALUES (?, ?, 1, ?, ?, ?, ?)");
    q.Bind(1, *id).Bind(2, *patient).Bind(3, row.unique_id).Bind(4, row.source_id);
    q.BindOptional(5, row.submission_time);
    XDS_RETURN_IF_ERROR(BindCode(q, 6, row.content_type_code));
    XDS_RETURN_IF_ERROR(q.Run());
  }
  return InsertValues("INSERT OR IGNORE INTO submission_set_author(object_id, author_person) VALUES (?, ?)", *id,
                      row.author_persons);
}

Status SqliteTransaction::InsertFolder(const FolderRow& row) {
  auto patient = PatientRow(row.patient_id);
  if (!patient.ok()) return patient.status();
  auto id = InsertObject(row.entry_uuid, StoredKind::kFolder, row.body, {row.lid, row.version, false});
  if (!id.ok()) return id.status();
  {
    XDS_ASSIGN_STMT(q,
        "INSERT INTO folder(object_id, patient, status, unique_id, last_update_time) "
        "VALUES (?, ?, 1, ?, ?)");
    q.Bind(1, *id).Bind(2, *patient).Bind(3, row.unique_id).Bind(4, row.last_update_time);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  for (const auto& c : row.codes) {
    auto code_id = InternCode(c);
    if (!code_id.ok()) return code_id.status();
    XDS_ASSIGN_STMT(q, "INSERT OR IGNORE INTO folder_code(object_id, code) VALUES (?, ?)");
    q.Bind(1, *id).Bind(2, *code_id);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status SqliteTransaction::InsertAssociation(const AssociationRow& row) {
  auto id = InsertObject(row.entry_uuid, StoredKind::kAssociation, row.body, {row.lid, row.version, false});
  if (!id.ok()) return id.status();
  XDS_ASSIGN_STMT(q,
      "INSERT INTO association(object_id, type, source_uuid, target_uuid, status) "
      "VALUES (?, ?, ?, ?, 1)");
  q.Bind(1, *id).Bind(2, static_cast<int64_t>(row.kind)).Bind(3, row.source_uuid).Bind(4, row.target_uuid);
  return q.Run();
}

Status SqliteTransaction::SetAvailability(const std::string& entry_uuid, Availability status) {
  const int64_t s = static_cast<int64_t>(status);
  {
    XDS_ASSIGN_STMT(q, "UPDATE object SET status = ? WHERE entry_uuid = ?");
    q.Bind(1, s).Bind(2, entry_uuid);
    XDS_RETURN_IF_ERROR(q.Run());
    if (db_.Changes() == 0) return Status::NotFound("no object " + entry_uuid);
  }
  // Mirror the status into the per-kind table that queries scan.
  for (const char* table : {"document_entry", "submission_set", "folder", "association"}) {
    std::string sql = std::string("UPDATE ") + table +
                      " SET status = ? WHERE object_id = (SELECT id FROM object WHERE entry_uuid = ?)";
    XDS_ASSIGN_STMT(q, sql);
    q.Bind(1, s).Bind(2, entry_uuid);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  return Status::Ok();
}

Status SqliteTransaction::SetFolderLastUpdateTime(const std::string& entry_uuid, const std::string& dtm) {
  XDS_ASSIGN_STMT(q,
      "UPDATE folder SET last_update_time = ? "
      "WHERE object_id = (SELECT id FROM object WHERE entry_uuid = ?)");
  q.Bind(1, dtm).Bind(2, entry_uuid);
  return q.Run();
}

Status SqliteTransaction::SetLatest(const std::string& entry_uuid, bool latest) {
  XDS_ASSIGN_STMT(q, "UPDATE object SET latest = ? WHERE entry_uuid = ?");
  q.Bind(1, int64_t{latest}).Bind(2, entry_uuid);
  return q.Run();
}

Status SqliteTransaction::DeleteObject(const std::string& entry_uuid) {
  XDS_ASSIGN_STMT(find, "SELECT id FROM object WHERE entry_uuid = ?");
  find.Bind(1, entry_uuid);
  auto row = find.Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound("no object " + entry_uuid);
  const int64_t id = find.Int(0);
  // Every table keyed by object_id (schemas/sql/registry_001_init.sql).
  for (const char* table : {"document_entry_code", "document_entry_author", "document_entry_reference_id",
                            "document_entry", "submission_set_author", "submission_set", "folder_code",
                            "folder", "association"}) {
    XDS_ASSIGN_STMT(q, std::string("DELETE FROM ") + table + " WHERE object_id = ?");
    q.Bind(1, id);
    XDS_RETURN_IF_ERROR(q.Run());
  }
  XDS_ASSIGN_STMT(q, "DELETE FROM object WHERE id = ?");
  q.Bind(1, id);
  return q.Run();
}

Status SqliteTransaction::UpsertPatient(const PatientRecord& p) {
  XDS_ASSIGN_STMT(q,
      "INSERT INTO patient(patient_id, family_name, given_name, birth_date, sex, updated_time) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(patient_id) DO UPDATE SET "
      "family_name = excluded.family_name, given_name = excluded.given_name, "
      "birth_date = excluded.birth_date, sex = excluded.sex, updated_time = excluded.updated_time");
  q.Bind(1, p.patient_id).Bind(2, p.family_name).Bind(3, p.given_name).Bind(4, p.birth_date)
      .Bind(5, p.sex).Bind(6, NowDtm());
  return q.Run();
}

Status SqliteTransaction::MergePatient(const std::string& surviving, const std::string& subsumed) {
  if (surviving == subsumed) return Status::InvalidArgument("a patient cannot be merged into itself");
  auto gone = FindPatient(subsumed);
  if (!gone.ok()) return gone.status();
  if (!gone->has_value()) return Status::NotFound("unknown subsumed patient " + subsumed);
  // The surviving patient may be new to the registry (A40 may be its first
  // message): create it so the merge has a target.
  auto keep = FindPatient(surviving);
  if (!keep.ok()) return keep.status();
  if (!keep->has_value()) XDS_RETURN_IF_ERROR(UpsertPatient(PatientRecord{surviving, {}, {}, {}, {}}));
  auto target = PatientRow(surviving);
  if (!target.ok()) return target.status();
  XDS_ASSIGN_STMT(sub, "SELECT id FROM patient WHERE patient_id = ?");
  sub.Bind(1, subsumed);
  auto row = sub.Step();
  if (!row.ok()) return row.status();
  int64_t subsumed_row = sub.Int(0);
  if (subsumed_row == *target) return Status::InvalidArgument(subsumed + " is already merged into " + surviving);
  // Keep merged_into pointing at a root: everything that pointed at the
  // subsumed patient now points at the survivor.
  XDS_ASSIGN_STMT(move, "UPDATE patient SET merged_into = ? WHERE id = ? OR merged_into = ?");
  move.Bind(1, *target).Bind(2, subsumed_row).Bind(3, subsumed_row);
  XDS_RETURN_IF_ERROR(move.Run());
  // The merge as received, so that an unlink can undo exactly it.
  // (Not the text of `sub` above: the connection caches statements by
  // text, and `sub` is still open.)
  XDS_ASSIGN_STMT(keep_row, "SELECT id FROM patient WHERE patient_id = ?1");
  keep_row.Bind(1, surviving);
  auto kept = keep_row.Step();
  if (!kept.ok()) return kept.status();
  if (!*kept) return Status::NotFound("unknown surviving patient " + surviving);
  XDS_ASSIGN_STMT(history,
      "INSERT OR REPLACE INTO patient_merge(subsumed, surviving, merged_time) VALUES (?, ?, ?)");
  history.Bind(1, subsumed_row).Bind(2, keep_row.Int(0)).Bind(3, NowDtm());
  return history.Run();
}

Status SqliteTransaction::UnmergePatient(const std::string& surviving, const std::string& subsumed) {
  XDS_ASSIGN_STMT(ids, "SELECT id, merged_into FROM patient WHERE patient_id = ?");
  ids.Bind(1, subsumed);
  auto found = ids.Step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("unknown patient " + subsumed);
  const int64_t subsumed_row = ids.Int(0);
  if (ids.IsNull(1)) return Status::NotFound(subsumed + " is not merged into another patient");
  const int64_t root = ids.Int(1);
  ids.Reset();
  ids.Bind(1, surviving);
  found = ids.Step();
  if (!found.ok()) return found.status();
  if (!*found) return Status::NotFound("unknown patient " + surviving);
  const int64_t surviving_row = ids.Int(0);
  const int64_t surviving_root = ids.IsNull(1) ? surviving_row : ids.Int(1);
  ids.Reset();

  XDS_ASSIGN_STMT(recorded, "SELECT surviving FROM patient_merge WHERE subsumed = ?");
  recorded.Bind(1, subsumed_row);
  auto has = recorded.Step();
  if (!has.ok()) return has.status();
  // Recorded merges must name the same survivor; one from before the
  // history was kept (schema version 1) only needs the same root.
  if (*has ? recorded.Int(0) != surviving_row : root != surviving_root)
    return Status::NotFound(subsumed + " was not merged into " + surviving);
  recorded.Reset();
  {
    XDS_ASSIGN_STMT(forget, "DELETE FROM patient_merge WHERE subsumed = ?");
    forget.Bind(1, subsumed_row);
    XDS_RETURN_IF_ERROR(forget.Run());
  }
  // Recompute the root of every patient under the old root from the
  // recorded merges: those merged into `subsumed` (directly or not) follow
  // it out; the rest stay. A patient without history keeps its root,
  // except `subsumed` itself.
  auto members = SelectColumn(SqlQuery{"SELECT id FROM patient WHERE merged_into = ?", {root}});
  if (!members.ok()) return members.status();
  for (const auto& text : *members) {
    const int64_t member = std::stoll(text);
    int64_t at = member;
    for (int hops = 0; hops < 1000; ++hops) {  // merge chains are short; the bound guards a cycle
      recorded.Bind(1, at);
      auto next = recorded.Step();
      if (!next.ok()) return next.status();
      if (!*next) break;
      at = recorded.Int(0);
      recorded.Reset();
    }
    recorded.Reset();
    const bool no_history = at == member && member != subsumed_row;
    if (no_history) continue;
    XDS_ASSIGN_STMT(set, "UPDATE patient SET merged_into = ? WHERE id = ?");
    if (at == member) set.BindNull(1); else set.Bind(1, at);
    set.Bind(2, member);
    XDS_RETURN_IF_ERROR(set.Run());
  }
  return Status::Ok();
}

}  // namespace xds::registry

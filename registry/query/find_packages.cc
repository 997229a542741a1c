// FindSubmissionSets and FindFolders (ITI TF-2: 3.18.4.1.2.3.7.2 and
// 3.18.4.1.2.3.7.3; stored-queries.md §4.2, §4.3): the RegistryPackage
// counterparts of FindDocuments, driven by the (patient, status) indexes of
// submission_set and folder.
#include "registry/query/code_match.h"
#include "registry/query/metadata_level.h"
#include "registry/query/patient_scope.h"
#include "registry/query/query_catalog.h"

namespace xds::registry {
Status RunFindSubmissionSets(QueryRun& run) {
  constexpr std::string_view kPatientId = "$XDSSubmissionSetPatientId";
  QueryParameters& p = run.params;
  std::string patient_id = p.PatientId(kPatientId);
  std::vector<std::string> source_ids =
      p.StringList("$XDSSubmissionSetSourceId", Presence::kOptional);
  TimeRange submission_time =
      p.Times("$XDSSubmissionSetSubmissionTimeFrom", "$XDSSubmissionSetSubmissionTimeTo");
  // Single-valued, unlike its DocumentEntry counterpart (stored-queries.md §4.2).
  std::optional<std::string> author =
      p.String("$XDSSubmissionSetAuthorPerson", Presence::kOptional);
  std::vector<ihe::CodedValue> content_types = p.Codes("$XDSSubmissionSetContentType");
  std::vector<Availability> statuses = p.Statuses("$XDSSubmissionSetStatus");
  if (!p.ok()) return Status::Ok();

  auto patients = PatientRows(run, kPatientId, patient_id);
  if (!patients.ok()) return patients.status();
  if (patients->empty()) return Status::Ok();

  SqlWhere where;
  where.AddIn("s.patient", ToSqlValues(*patients));
  where.AddIn("s.status", ToSqlValues(statuses));
  if (!source_ids.empty()) where.AddIn("s.source_id", ToSqlValues(source_ids));
  AddTimeRange(where, "s.submission_time", submission_time);
  if (author)
    where.Add("EXISTS (SELECT 1 FROM submission_set_author a WHERE a.object_id = s.object_id "
              "AND " + LikeCondition("a.author_person") + ")",
              {XdsLikeToSql(*author)});
  auto possible = AddCodeColumnFilter(run.txn, where, "s.content_type_code", content_types);
  if (!possible.ok()) return possible.status();
  if (!*possible) return Status::Ok();
  if (run.metadata_level == 1) where.Add(std::string(kVisibleAtLevel1));
  return AddSelected(
      run, where.Build("SELECT o.entry_uuid FROM submission_set s JOIN object o ON o.id = s.object_id"));
}

Status RunFindFolders(QueryRun& run) {
  constexpr std::string_view kPatientId = "$XDSFolderPatientId";
  QueryParameters& p = run.params;
  std::string patient_id = p.PatientId(kPatientId);
  TimeRange last_update =
      p.Times("$XDSFolderLastUpdateTimeFrom", "$XDSFolderLastUpdateTimeTo");
  std::vector<std::vector<ihe::CodedValue>> codes = p.CodesAndOr("$XDSFolderCodeList");
  std::vector<Availability> statuses = p.Statuses("$XDSFolderStatus");
  if (!p.ok()) return Status::Ok();

  auto patients = PatientRows(run, kPatientId, patient_id);
  if (!patients.ok()) return patients.status();
  if (patients->empty()) return Status::Ok();

  SqlWhere where;
  where.AddIn("f.patient", ToSqlValues(*patients));
  where.AddIn("f.status", ToSqlValues(statuses));
  AddTimeRange(where, "f.last_update_time", last_update);
  // Folder.codeList is multi-valued: AND over Slots, OR within one.
  auto possible = AddCodeGroupFilter(
      run.txn, where,
      "EXISTS (SELECT 1 FROM folder_code c WHERE c.object_id = f.object_id AND c.code IN ({in}))",
      codes);
  if (!possible.ok()) return possible.status();
  if (!*possible) return Status::Ok();
  if (run.metadata_level == 1) where.Add(std::string(kVisibleAtLevel1));
  return AddSelected(run, where.Build("SELECT o.entry_uuid FROM folder f JOIN object o ON o.id = f.object_id"));
}

}  // namespace xds::registry

// ITI-51 Multi-Patient Stored Query (ITI TF-2b 3.51.4.1.2):
// FindDocumentsForMultiplePatients and FindFoldersForMultiplePatients, the
// FindDocuments / FindFolders of ITI-18 with the patient id turned into an
// optional list. Without a patient id they scan every patient, so
// FindDocumentsForMultiplePatients then needs one of the selective codes
// (classCode, eventCodeList, healthcareFacilityTypeCode) to bound the
// answer. Who may run them is the service's decision
// (multi_patient_access.h).
#include "registry/query/code_match.h"
#include "registry/query/document_filter.h"
#include "registry/query/metadata_level.h"
#include "registry/query/patient_scope.h"
#include "registry/query/query_catalog.h"
#include "wire/ihe/stored_queries.h"

namespace xds::registry {
namespace {

// Row ids of the listed patients (and those merged into them). An unknown
// id simply adds nothing here: the query concerns many patients.
Result<std::vector<int64_t>> PatientsOf(QueryRun& run, std::string_view name, const std::vector<std::string>& ids) {
  std::vector<int64_t> rows;
  for (const auto& id : ids) {
    auto one = PatientRows(run, name, id);
    if (!one.ok()) return one.status();
    rows.insert(rows.end(), one->begin(), one->end());
  }
  return rows;
}

Status RunFindDocumentsForMultiplePatients(QueryRun& run) {
  constexpr std::string_view kPatientIds = "$XDSDocumentEntryPatientId";
  QueryParameters& p = run.params;
  std::vector<std::string> patient_ids = p.StringList(kPatientIds, Presence::kOptional);
  DocumentEntryFilter filter = ReadFindDocumentsFilter(p);
  if (patient_ids.empty() && filter.class_codes.empty() && filter.event_codes.empty() &&
      filter.healthcare_facility_type_codes.empty() && p.ok())
    p.AddError(ihe::ErrorCode::kStoredQueryMissingParam,
               "FindDocumentsForMultiplePatients needs $XDSDocumentEntryPatientId or one of "
               "$XDSDocumentEntryClassCode, $XDSDocumentEntryEventCodeList, "
               "$XDSDocumentEntryHealthcareFacilityTypeCode");
  if (!p.ok()) return Status::Ok();

  SqlWhere where;
  if (!patient_ids.empty()) {
    auto patients = PatientsOf(run, kPatientIds, patient_ids);
    if (!patients.ok()) return patients.status();
    if (patients->empty()) return Status::Ok();
    where.AddIn("d.patient", ToSqlValues(*patients));
  }
  return SelectDocumentEntries(run, filter, where);
}

Status RunFindFoldersForMultiplePatients(QueryRun& run) {
  constexpr std::string_view kPatientIds = "$XDSFolderPatientId";
  QueryParameters& p = run.params;
  std::vector<std::string> patient_ids = p.StringList(kPatientIds, Presence::kOptional);
  TimeRange last_update = p.Times("$XDSFolderLastUpdateTimeFrom", "$XDSFolderLastUpdateTimeTo");
  std::vector<std::vector<ihe::CodedValue>> codes = p.CodesAndOr("$XDSFolderCodeList");
  std::vector<Availability> statuses = p.Statuses("$XDSFolderStatus");
  if (!p.ok()) return Status::Ok();

  SqlWhere where;
  if (!patient_ids.empty()) {
    auto patients = PatientsOf(run, kPatientIds, patient_ids);
    if (!patients.ok()) return patients.status();
    if (patients->empty()) return Status::Ok();
    where.AddIn("f.patient", ToSqlValues(*patients));
  }
  where.AddIn("f.status", ToSqlValues(statuses));
  AddTimeRange(where, "f.last_update_time", last_update);
  auto possible = AddCodeGroupFilter(
      run.txn, where,
      "EXISTS (SELECT 1 FROM folder_code c WHERE c.object_id = f.object_id AND c.code IN ({in}))", codes);
  if (!possible.ok()) return possible.status();
  if (!*possible) return Status::Ok();
  if (run.metadata_level == 1) where.Add(std::string(kVisibleAtLevel1));
  return AddSelected(run, where.Build("SELECT o.entry_uuid FROM folder f JOIN object o ON o.id = f.object_id"));
}

constexpr StoredQueryDef kMultiPatientQueries[] = {
    {ihe::query_id::kFindDocumentsForMultiplePatients, "FindDocumentsForMultiplePatients",
     RunFindDocumentsForMultiplePatients, false, true},
    {ihe::query_id::kFindFoldersForMultiplePatients, "FindFoldersForMultiplePatients",
     RunFindFoldersForMultiplePatients, false, true},
};

}  // namespace

const StoredQueryDef* FindMultiPatientQuery(std::string_view query_id) {
  for (const auto& q : kMultiPatientQueries)
    if (q.id == query_id) return &q;
  return nullptr;
}

}  // namespace xds::registry

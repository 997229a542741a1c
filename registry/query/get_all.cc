// GetAll (ITI TF-2: 3.18.4.1.2.3.7.4; stored-queries.md §4.4): every
// SubmissionSet, DocumentEntry and Folder of a patient that passes the
// status and DocumentEntry filters, plus the Associations that have one of
// them at either end. Such an Association may point at an object outside
// the answer (a Deprecated entry when only Approved was asked for, another
// patient's entry referenced by a SubmissionSet); consumers cope with that.
#include "registry/query/object_lookup.h"
#include "registry/query/document_filter.h"
#include "registry/query/patient_scope.h"
#include "registry/query/query_catalog.h"

namespace xds::registry {
Status RunGetAll(QueryRun& run) {
  constexpr std::string_view kPatientId = "$patientId";
  QueryParameters& p = run.params;
  std::string patient_id = p.PatientId(kPatientId);
  DocumentEntryFilter documents = ReadContentFilter(p);
  documents.statuses = p.Statuses("$XDSDocumentEntryStatus");
  std::vector<Availability> ss_statuses = p.Statuses("$XDSSubmissionSetStatus");
  std::vector<Availability> folder_statuses = p.Statuses("$XDSFolderStatus");
  if (!p.ok()) return Status::Ok();

  auto patients = PatientRows(run, kPatientId, patient_id);
  if (!patients.ok()) return patients.status();
  if (patients->empty()) return Status::Ok();
  const std::vector<SqlValue> patient_rows = ToSqlValues(*patients);

  SqlWhere ss;
  ss.AddIn("s.patient", patient_rows);
  ss.AddIn("s.status", ToSqlValues(ss_statuses));
  XDS_RETURN_IF_ERROR(AddSelected(
      run, ss.Build("SELECT o.entry_uuid FROM submission_set s JOIN object o ON o.id = s.object_id")));

  SqlWhere de;
  de.AddIn("d.patient", patient_rows);
  auto possible = AddDocumentEntryConditions(run.txn, documents, de);
  if (!possible.ok()) return possible.status();
  if (*possible)
    XDS_RETURN_IF_ERROR(AddSelected(
        run, de.Build("SELECT o.entry_uuid FROM document_entry d JOIN object o ON o.id = d.object_id")));

  SqlWhere fd;
  fd.AddIn("f.patient", patient_rows);
  fd.AddIn("f.status", ToSqlValues(folder_statuses));
  XDS_RETURN_IF_ERROR(AddSelected(
      run, fd.Build("SELECT o.entry_uuid FROM folder f JOIN object o ON o.id = f.object_id")));

  const std::vector<std::string> members = run.result.uuids();
  auto associations = AssociationsTouching(run.txn, members);
  if (!associations.ok()) return associations.status();
  run.result.AddAll(*associations);
  return Status::Ok();
}

}  // namespace xds::registry

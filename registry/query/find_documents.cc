// FindDocuments and FindDocumentsByReferenceId (ITI TF-2: 3.18.4.1.2.3.7.1
// and 3.18.4.1.2.3.7.14; stored-queries.md §4.1, §4.14).
//
// One statement driven by the document_entry(patient, status, on_demand)
// index: the patient rows (the id and the ids merged into it) times the
// requested statuses and objectTypes give a handful of index ranges; every
// other parameter is a column test or an EXISTS probe on those rows only.
// This keeps a filtered FindDocuments for one patient independent of the
// size of the registry.
#include "registry/query/document_filter.h"
#include "registry/query/metadata_level.h"
#include "registry/query/patient_scope.h"
#include "registry/query/query_catalog.h"

namespace xds::registry {
namespace {

constexpr std::string_view kPatientId = "$XDSDocumentEntryPatientId";

Status FindDocumentEntries(QueryRun& run, bool by_reference_id) {
  QueryParameters& p = run.params;
  std::string patient_id = p.PatientId(kPatientId);
  DocumentEntryFilter filter = ReadFindDocumentsFilter(p);
  if (by_reference_id)
    filter.reference_ids =
        p.StringListAndOr("$XDSDocumentEntryReferenceIdList", Presence::kRequired);
  if (!p.ok()) return Status::Ok();

  auto patients = PatientRows(run, kPatientId, patient_id);
  if (!patients.ok()) return patients.status();
  if (patients->empty()) return Status::Ok();

  SqlWhere where;
  where.AddIn("d.patient", ToSqlValues(*patients));
  return SelectDocumentEntries(run, filter, where);
}

}  // namespace

Status SelectDocumentEntries(QueryRun& run, const DocumentEntryFilter& filter, SqlWhere& where) {
  auto possible = AddDocumentEntryConditions(run.txn, filter, where);
  if (!possible.ok()) return possible.status();
  if (!*possible) return Status::Ok();
  // A column test on the object row the statement joins anyway.
  if (run.metadata_level == 1) where.Add(std::string(kVisibleAtLevel1));
  return AddSelected(
      run, where.Build("SELECT o.entry_uuid FROM document_entry d JOIN object o ON o.id = d.object_id"));
}

Status RunFindDocuments(QueryRun& run) { return FindDocumentEntries(run, false); }

Status RunFindDocumentsByReferenceId(QueryRun& run) { return FindDocumentEntries(run, true); }

}  // namespace xds::registry

// DocumentEntryFilter: the DocumentEntry conditions of the stored queries
// that select DocumentEntries by their metadata (FindDocuments,
// FindDocumentsByReferenceId, and the content filters of GetAll,
// GetSubmissionSetAndContents, GetFolderAndContents, GetRelatedDocuments),
// read from the request and turned into SQL over `document_entry d`.
//
// Each condition is chosen for the schema (schemas/sql/registry_001_init.sql):
// status and objectType are columns of the (patient, status, on_demand)
// index; single-valued codes are columns of the row; multi-valued codes,
// authors and reference ids are EXISTS probes into narrow tables keyed by
// object_id, evaluated only for the rows the index yields.
//
// Plain values and free functions; run inside the caller's transaction.
#pragma once

#include <string>
#include <vector>

#include "registry/query/query_parameters.h"
#include "registry/query/sql_builder.h"
#include "registry/query/time_range.h"
#include "registry/store/registry_store.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

struct DocumentEntryFilter {
  std::vector<Availability> statuses;  // empty: any status
  EntryTypes types;
  // Single-valued coded attributes: OR over the values.
  std::vector<ihe::CodedValue> class_codes, type_codes, practice_setting_codes,
      healthcare_facility_type_codes, format_codes;
  // Multi-valued coded attributes: AND over Slots, OR within one.
  std::vector<std::vector<ihe::CodedValue>> event_codes, confidentiality_codes;
  TimeRange creation_time, service_start_time, service_stop_time;
  std::vector<std::string> author_persons;              // XDS LIKE patterns, OR-ed
  std::vector<std::vector<std::string>> reference_ids;  // AND over Slots, OR within one
};

// Every FindDocuments parameter except the patient id (ITI TF-2:
// 3.18.4.1.2.3.7.1, stored-queries.md §4.1).
DocumentEntryFilter ReadFindDocumentsFilter(QueryParameters& params);

// $XDSDocumentEntryFormatCode, $XDSDocumentEntryConfidentialityCode
// (AND/OR) and $XDSDocumentEntryType: the DocumentEntry filters of GetAll,
// GetSubmissionSetAndContents and GetFolderAndContents (stored-queries.md
// §4.4, §4.10, §4.11). Any status.
DocumentEntryFilter ReadContentFilter(QueryParameters& params);

// Adds the filter's conditions on `d` to `where`. Returns false when the
// filter can match nothing (every value of a coded parameter unknown to
// the registry), so the caller can skip the statement.
Result<bool> AddDocumentEntryConditions(ReadTxn& txn, const DocumentEntryFilter& filter,
                                        SqlWhere& where);

}  // namespace xds::registry

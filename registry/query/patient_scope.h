// Which patients a patient-scoped stored query (FindDocuments,
// FindDocumentsByReferenceId, FindSubmissionSets, FindFolders, GetAll)
// covers.
//
// After an ITI-8 merge (A40) the surviving patient id stands for both
// patients: a query for it finds the objects registered under the ids
// merged into it, while a query for a merged-away id finds nothing
// (ITI TF-2: 3.18.4.1.3, stored-queries.md §6 items 5-6). A merged-away id
// is treated like an unknown one: by affinity-domain policy
// (QueryOptions::unknown_patient_is_error) either XDSUnknownPatientId or an
// empty Success.
//
// Free function; runs inside the caller's read transaction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/query/query_catalog.h"
#include "wire/base/status.h"

namespace xds::registry {

// Row ids (patient.id) of `patient_id` and of every patient merged into
// it. Empty when the id is unknown or merged away; then, under the error
// policy, XDSUnknownPatientId naming `param_name` is added to run.errors.
Result<std::vector<int64_t>> PatientRows(QueryRun& run, std::string_view param_name,
                                         const std::string& patient_id);

}  // namespace xds::registry

// $MetadataLevel (XDS Metadata Update, ITI TF-2a 3.18.4.1.2.3.5.1): what a
// stored query may return once objects have versions.
//
// Level 1 (the default, also what a consumer unaware of Metadata Update
// gets) hides: DocumentEntry and Folder versions that are not the latest,
// DocumentEntries whose documentAvailability is Offline, Deprecated
// Folders and Deprecated Associations. Level 2 hides nothing.
//
// The rule is one SQL condition over `object o` (schemas/sql/
// registry_002_*.sql keeps latest and offline there): the patient-driven
// Find* queries add it to their own statement; every other query's result
// is filtered afterwards by KeepVisibleAtLevel1, in one batched statement.
//
// Free functions; run inside the caller's read transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/query/query_parameters.h"
#include "registry/store/registry_store.h"
#include "wire/base/status.h"

namespace xds::registry {

// True for `o` rows a level-1 answer may contain.
inline constexpr std::string_view kVisibleAtLevel1 =
    "(o.latest = 1 AND o.offline = 0 AND NOT (o.kind IN (3, 4) AND o.status = 2))";

// $MetadataLevel: 1 when absent; 1 or 2, else an error is recorded.
int ReadMetadataLevel(QueryParameters& params);

// `uuids` without the objects a level-1 answer hides, order kept.
Result<std::vector<std::string>> KeepVisibleAtLevel1(ReadTxn& txn, const std::vector<std::string>& uuids);

}  // namespace xds::registry

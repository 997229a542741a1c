// Finding registry objects by identifier and by Association, for the
// by-id stored queries (GetDocuments, GetFolders, GetAssociations,
// GetDocumentsAndAssociations, GetSubmissionSets, GetFoldersForDocument,
// Get*AndContents, GetRelatedDocuments) and GetAll.
//
// Objects are reached through object(entry_uuid) and the per-kind
// unique_id indexes; Associations through the (source_uuid, type) and
// (target_uuid, type) indexes. Lists of any length are sent in chunks.
//
// Free functions; run inside the caller's read transaction.
#pragma once

#include <string>
#include <vector>

#include "registry/query/query_parameters.h"
#include "registry/store/registry_store.h"
#include "wire/base/status.h"

namespace xds::registry {

// entryUUIDs of the objects of `kind` that `ids` names (by entryUUID or by
// uniqueId). By entryUUID the request order is kept, and ids of other
// kinds or unknown ids are dropped. A uniqueId may name several
// DocumentEntries (identical copies), all returned.
Result<std::vector<std::string>> LookUpEntries(ReadTxn& txn, StoredKind kind, const IdSelector& ids);

// entryUUIDs of the Associations whose sourceObject or targetObject is one
// of `uuids`: those from them first, then those to them (duplicates
// possible; ResultSet drops them).
Result<std::vector<std::string>> AssociationsTouching(ReadTxn& txn,
                                                      const std::vector<std::string>& uuids);

// One Association with its ends, for queries that must check both ends.
struct AssociationEdge {
  std::string uuid;
  AssociationKind kind = AssociationKind::kOther;
  std::string source;
  std::string target;
};

// The edges of the given Association entryUUIDs (others skipped).
Result<std::vector<AssociationEdge>> LoadEdges(ReadTxn& txn, const std::vector<std::string>& uuids);

}  // namespace xds::registry

// The registry-state half of registering a submission, inside one write
// transaction: patients known and active, uniqueIds, association ends
// (existence, type, status, patient), then the inserts and the effects of
// RPLC/XFRM_RPLC and folder membership (ITI TF-2b 3.42.4.1.3, ITI TF-3
// 4.2.2). Shared by ITI-42 (register_document_set.h) and ITI-57
// (registry/update), which adds its own checks around it.
//
// Runs on the caller's thread inside the caller's transaction.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

// The rows of a submission, built before its write transaction so that the
// serialised section (one writer at a time) only runs SQL.
struct PreparedRows {
  std::vector<DocumentEntryRow> document_entries;
  std::vector<SubmissionSetRow> submission_sets;
  std::vector<FolderRow> folders;
  std::vector<AssociationRow> associations;
};

// `request` has its ids resolved and its objects' status/version set.
PreparedRows PrepareRows(const ihe::SubmitObjectsRequest& request, const std::string& now);

// Checks `request` against the registry and, when `errors` holds no Error
// (including errors the caller recorded before), inserts it. `symbolic`
// maps new UUIDs to the symbolic ids they replaced (for messages).
// `new_versions`: ids of objects that are new versions of registered
// logical objects (ITI-57), exempt from the uniqueId checks. Returns
// InvalidArgument when errors were recorded (the caller rolls back), or the
// store's failure.
Status RegisterInTransaction(WriteTxn& txn, const ihe::SubmitObjectsRequest& request, const PreparedRows& rows,
                             const std::map<std::string, std::string>& symbolic, const std::string& now,
                             ihe::RegistryErrors& errors, const std::set<std::string>& new_versions = {});

}  // namespace xds::registry

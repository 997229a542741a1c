// Matching coded parameters (classCode, eventCodeList, Folder codeList ...)
// against the interned `code` table.
//
// A registry compares codes as (code, codingScheme) pairs and never by
// display name (ITI TF-3 4.2.3.1.2). The store interns each pair it has
// seen; a pair it never saw cannot be on any object, so it matches nothing.
// When no value of a parameter (or of one AND/OR Slot) was ever seen, the
// whole query can match nothing, and the helpers say so, letting the
// caller skip the statement.
//
// Free functions; run inside the caller's read transaction.
#pragma once

#include <string_view>
#include <vector>

#include "registry/query/sql_builder.h"
#include "registry/store/registry_store.h"
#include "wire/base/status.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

// Interned ids of the codes the store knows, in order; unknown ones left out.
Result<std::vector<SqlValue>> ResolveCodes(ReadTxn& txn, const std::vector<ihe::CodedValue>& codes);

// OR within the parameter: adds "<column> IN (ids)" for a single-valued
// coded attribute. No-op when `codes` is empty (parameter absent). Returns
// false when no code is known, i.e. nothing can match.
Result<bool> AddCodeColumnFilter(ReadTxn& txn, SqlWhere& where, std::string_view column,
                                 const std::vector<ihe::CodedValue>& codes);

// AND/OR parameters (ITI TF-2: 3.18.4.1.2.3, stored-queries.md §2): one
// `exists_template` condition per Slot, each with its "{in}" marker bound
// to that Slot's codes, so an object must hold one code of every Slot.
// Returns false when some Slot has no known code.
Result<bool> AddCodeGroupFilter(ReadTxn& txn, SqlWhere& where, std::string_view exists_template,
                                const std::vector<std::vector<ihe::CodedValue>>& groups);

}  // namespace xds::registry

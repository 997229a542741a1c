// TimeRange: the From/To pair of a stored-query time parameter
// ($XDSDocumentEntryCreationTimeFrom/To, ...ServiceStartTime..., ...,
// $XDSSubmissionSetSubmissionTimeFrom/To, $XDSFolderLastUpdateTimeFrom/To).
//
// Precision (ITI TF-2: 3.18.4.1.2.3, stored-queries.md §2 "Time ranges"):
// a DTM may carry 4 to 14 digits (YYYY[MM[DD[hh[mm[ss]]]]]). The store keeps
// every time right-padded with '0' to 14 digits (PadDtm in
// registry/store/registry_store.h), and parameters are padded the same way,
// so plain string comparison of two padded values is time order. A bound
// thus stands for the first instant of the period it names:
//   From 2004     ->  >= 20040000000000  (everything in 2004 or later)
//   To   20041225 ->  <  20041225000000  (everything before Christmas day)
// Padding with '0' gives month/day "00", which sorts before "01", so a
// coarse bound never excludes an entry of that same period from From.
//
// Plain values; no thread-safety concerns.
#pragma once

#include <string>
#include <string_view>

#include "registry/query/sql_builder.h"

namespace xds::registry {

struct TimeRange {
  std::string from;  // padded DTM, inclusive bound; empty when not given
  std::string to;    // padded DTM, exclusive bound; empty when not given
  bool bounded() const { return !from.empty() || !to.empty(); }
};

// True for a well-formed DTM: 4, 6, 8, 10, 12 or 14 digits with month 01-12,
// day 01-31, hour 00-23, minute and second 00-59 (ITI TF-3 Table
// 4.2.3.1.7-2). No time zone, no fraction.
bool IsValidDtm(std::string_view dtm);

// Adds "from <= column < to" to `where` (ITI TF-2: 3.18.4.1.2.3.7.1, the
// normative formula; the bound words "inclusive" in the TF prose do not
// apply to To). A row whose column is NULL is not excluded: an entry
// lacking the attribute is not filtered by that range. `exempt`, when not
// empty, is an extra SQL condition (without parameters) under which a row
// passes regardless, e.g. "d.on_demand = 1" for creationTime.
void AddTimeRange(SqlWhere& where, std::string_view column, const TimeRange& range,
                  std::string_view exempt = {});

}  // namespace xds::registry

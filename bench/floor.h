// The floors: what the registry's two expensive ingredients cost alone, on
// the same submissions as the load (bench_data.h), to put the registry's
// entries/s in proportion.
//
//   XmlParseFloor  libxml2 alone: xmlCtxtReadMemory + xmlFreeDoc of the ITI-42
//                  SOAP envelopes as sent, with wire/xml/xml_document.cc's
//                  options; one thread.
//   SqliteFloor    bare sqlite3 alone: the registry schema
//                  (schemas/sql/registry_001_init.sql, compiled in), the same
//                  pragmas as the registry's connections, and per submission
//                  the same rows the registry writes (object + document_entry
//                  + codes + authors + reference ids, the SubmissionSet, the
//                  HasMember associations) in one transaction; patient and
//                  code ids come from memory, no reads, no validation.
//
// Row and envelope preparation is outside the timed region.
#pragma once

#include <cstdint>
#include <string>

#include "bench/bench_data.h"
#include "wire/base/status.h"

namespace xds::bench {

struct FloorRate {
  int64_t submissions = 0;
  int64_t entries = 0;
  double seconds = 0;  // timed work only
  double entries_per_second() const { return seconds > 0 ? entries / seconds : 0; }
  double submissions_per_second() const { return seconds > 0 ? submissions / seconds : 0; }
};

// Parses a sample of up to 1,000 distinct envelopes round-robin for `seconds`.
FloorRate XmlParseFloor(const LoadShape& shape, double seconds);

struct SqliteFloorOptions {
  std::string synchronous = "FULL";  // PRAGMA synchronous
  int submissions_per_transaction = 1;
  double max_seconds = 20;           // stops earlier when every submission is in
};
// Creates `database` (must not exist) and inserts the load's submissions.
Result<FloorRate> SqliteFloor(const LoadShape& shape, const std::string& database,
                              const SqliteFloorOptions& options);

}  // namespace xds::bench

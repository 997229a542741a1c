// The bench's synthetic but realistic XDS data, derived deterministically
// from indices so that a database loaded by one run can be queried by the
// next (--reuse) and the floor programs see the very same submissions.
//
//   patient i        "BENCH-<i>^^^&<kBenchDomain>&ISO"
//   DocumentEntry i  entryUUID = EntryUuid(i) (random-looking, so index
//                    inserts land at random places as with real UUIDs)
//   submission s     DocumentEntries [s*K, s*K+K) of patient PatientOf(s)
//
// Every entry has an author, class/type/format/practice/facility codes
// drawn from small weighted code sets, 1-3 event codes, a confidentiality
// code, creation/service times spread over 2021-2025, and on ~20% a
// referenceIdList (accession number).
//
// Stateless functions; safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "registry/patient/patient_registry.h"
#include "tests/support/submission_builder.h"

namespace xds::bench {

inline constexpr char kBenchDomain[] = "1.3.6.1.4.1.21367.13.20.3000";

std::string PatientId(int64_t index);
std::string EntryUuid(int64_t index);

// Counter-based generator: cheap to seed per entry, good enough for data.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  int64_t Uniform(int64_t n) { return static_cast<int64_t>(Next() % static_cast<uint64_t>(n)); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }

 private:
  uint64_t state_;
};

struct LoadShape {
  int64_t patients = 0;
  int64_t entries = 0;
  int64_t entries_per_submission = 1;
  int64_t submissions() const {
    return (entries + entries_per_submission - 1) / entries_per_submission;
  }
};

int64_t PatientOf(int64_t submission, const LoadShape& shape);

// Submission s of the load, ready to send (BuildXml) or to turn into rows.
testing::SubmissionBuilder BuildSubmission(int64_t submission, const LoadShape& shape);

// ITI-18 request bodies (query:AdhocQueryRequest) for the query phase.
// FindDocuments: one random patient, Approved, one classCode, a one-year
// creationTime window, and on 30% an eventCode.
std::string FindDocumentsBody(Rng& rng, int64_t patients);
// GetDocuments: 1-5 registered entryUUIDs of one patient (a query across
// patients is answered XDSResultNotSinglePatient): a random entry and up to
// four more of its patient, from `by_patient` (EntriesByPatient).
std::string GetDocumentsBody(Rng& rng, const LoadShape& shape,
                             const std::vector<std::vector<int32_t>>& by_patient);
// DocumentEntry indices of each patient.
std::vector<std::vector<int32_t>> EntriesByPatient(const LoadShape& shape);

// Patient i as the identity feed would register it.
registry::PatientRecord BenchPatient(int64_t index);
// ADT^A01 (ITI-8) for patient i, as a PAS would send it.
std::string AdtA01(int64_t patient_index);

}  // namespace xds::bench

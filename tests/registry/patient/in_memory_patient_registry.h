// InMemoryPatientRegistry: a PatientRegistry held in a map, for tests of the
// Patient Identity Feed. It stands in for the SQLite registry store, which
// integration tests plug in instead; it is not a production implementation.
//
// Merge semantics follow the PatientRegistry contract: the subsumed id stops
// being known and is remembered as merged into the surviving one. Both ids
// must be known (NotFound otherwise). A later AddOrUpdatePatient of a merged
// id makes it active again.
//
// FailWith() makes every call fail with a given Status, to test how the feed
// reports store failures.
//
// Thread safety: every method takes one mutex; safe for concurrent use.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "registry/patient/patient_registry.h"

namespace xds::registry {

class InMemoryPatientRegistry : public PatientRegistry {
 public:
  Status AddOrUpdatePatient(const PatientRecord& patient) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    merged_into_.erase(patient.patient_id);
    patients_[patient.patient_id] = patient;
    return Status::Ok();
  }

  Status MergePatients(const std::string& surviving, const std::string& subsumed) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    if (patients_.count(subsumed) == 0) return Status::NotFound("unknown patient " + subsumed);
    if (patients_.count(surviving) == 0) return Status::NotFound("unknown patient " + surviving);
    patients_.erase(subsumed);
    merged_into_[subsumed] = surviving;
    return Status::Ok();
  }

  Status UnmergePatients(const std::string& surviving, const std::string& subsumed) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    auto it = merged_into_.find(subsumed);
    if (it == merged_into_.end() || it->second != surviving)
      return Status::NotFound(subsumed + " is not merged into " + surviving);
    merged_into_.erase(it);
    patients_[subsumed] = PatientRecord{subsumed, {}, {}, {}, {}};
    return Status::Ok();
  }

  Result<bool> IsKnownPatient(const std::string& patient_id) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!failure_.ok()) return failure_;
    return patients_.count(patient_id) > 0;
  }

  // The active record for an id, if any.
  std::optional<PatientRecord> Find(const std::string& patient_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = patients_.find(patient_id);
    if (it == patients_.end()) return std::nullopt;
    return it->second;
  }

  // The id a merged-away id was merged into, if any.
  std::optional<std::string> MergedInto(const std::string& patient_id) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = merged_into_.find(patient_id);
    if (it == merged_into_.end()) return std::nullopt;
    return it->second;
  }

  std::size_t ActiveCount() const {
    std::lock_guard<std::mutex> lock(mu_);
    return patients_.size();
  }

  // Every later call fails with `status` until FailWith(Status::Ok()).
  void FailWith(Status status) {
    std::lock_guard<std::mutex> lock(mu_);
    failure_ = std::move(status);
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, PatientRecord> patients_;   // guarded by mu_; active ids
  std::map<std::string, std::string> merged_into_;  // guarded by mu_; subsumed -> surviving
  Status failure_;                                  // guarded by mu_
};

}  // namespace xds::registry

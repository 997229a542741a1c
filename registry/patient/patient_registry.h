// PatientRegistry: what the patient identity feed (ITI-8) changes in the
// registry. The registry store implements it; the MLLP listener and the
// "add patient" command call it.
//
// Patient ids are HL7 CX strings in the XDS form "id^^^&oid&ISO".
// Implementations are safe for concurrent use.
#pragma once

#include <string>

#include "wire/base/status.h"

namespace xds::registry {

struct PatientRecord {
  std::string patient_id;  // "id^^^&1.2.3&ISO"
  std::string family_name;
  std::string given_name;
  std::string birth_date;  // YYYYMMDD, may be empty
  std::string sex;         // PID-8, may be empty
};

class PatientRegistry {
 public:
  virtual ~PatientRegistry() = default;
  // Creates the patient, or updates demographics when already known.
  virtual Status AddOrUpdatePatient(const PatientRecord& patient) = 0;
  // A40: `subsumed` is merged into `surviving`. Afterwards queries for
  // `surviving` find both patients' documents, and `subsumed` is no longer
  // an active id (submissions for it get XDSUnknownPatientId). NotFound when
  // `subsumed` is unknown.
  virtual Status MergePatients(const std::string& surviving, const std::string& subsumed) = 0;
  // Reverses an earlier MergePatients(surviving, subsumed) (patient
  // unlink): both ids are active again and each finds its own documents.
  // NotFound when `subsumed` was not merged into `surviving`.
  virtual Status UnmergePatients(const std::string& surviving, const std::string& subsumed) = 0;
  // True when the id is known and active (not merged away).
  virtual Result<bool> IsKnownPatient(const std::string& patient_id) = 0;
};

}  // namespace xds::registry

// PatientSource: where cases get their patients. With an MLLP endpoint each
// case gets a fresh patient, fed to the registry by an HL7 v2 ADT^A04
// (ITI-8, ITI TF-2a 3.8); for a registry that cannot be fed, the tester
// lists pre-registered patient ids and cases take them in turn (queries then
// compare only the objects the case itself created).
//
// Thread safety: one per run, used from one thread.
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::conformance {

// Sends one HL7 v2 message over MLLP to host:port and returns the answer
// (unframed). Unavailable when nothing listens or the answer does not come
// within `timeout_seconds`.
Result<std::string> SendMllp(const std::string& host_port, const std::string& message, int timeout_seconds = 10);

// An ADT^A04 (register outpatient) for `patient_id` (CX, id^^^&oid&ISO).
std::string AdtA04(const std::string& patient_id, const std::string& family, const std::string& given);

// MSA-1 of an ACK ("AA", "AE", "AR"), empty when unreadable.
std::string AckCode(const std::string& ack);

class PatientSource {
 public:
  PatientSource(std::string mllp, std::vector<std::string> preregistered, std::string assigning_authority)
      : mllp_(std::move(mllp)), preregistered_(std::move(preregistered)), authority_(std::move(assigning_authority)) {}

  // A patient the registry knows: freshly fed, or the next pre-registered.
  Result<std::string> Next();
  // True when every case gets a patient of its own.
  bool fresh() const { return !mllp_.empty(); }
  // A patient id in the same domain that was never fed.
  std::string Unknown() const;

 private:
  std::string mllp_;
  std::vector<std::string> preregistered_;
  std::string authority_;
  size_t next_ = 0;
};

}  // namespace xds::conformance

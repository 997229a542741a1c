// CaseContext: what one case runs with — the endpoints, its own fresh
// patient, the ids it minted (by label), the bytes of the documents it
// sent, and the record of every exchange (setup steps and the request under
// test) for the report.
//
// Labels make cases declarative: a case says "de1", the context mints a
// fresh entryUUID (Id) or uniqueId (Uid) for it on first use and gives the
// same value afterwards, so expectations name objects before they exist.
//
// One per case; not thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "conformance/suite/case.h"
#include "conformance/suite/patient_source.h"
#include "wire/base/status.h"
#include "wire/ihe/rim.h"

namespace xds::conformance {

// One request/answer pair as the report shows it.
struct Exchange {
  std::string step;  // "setup" or "request under test"
  std::string transaction;
  std::string url;
  std::string request;  // SOAP body (+ attachment summary) or the GET line
  std::string answer;   // the envelope / status line and headers as received
};

class CaseContext {
 public:
  CaseContext(const Endpoints& endpoints, PatientSource& patients) : endpoints_(endpoints), patients_(patients) {}

  const Endpoints& endpoints() const { return endpoints_; }

  // The case's patient (fed on first use) and a second one, for mismatch cases.
  Result<std::string> Patient();
  Result<std::string> OtherPatient();
  // The patient once Patient() succeeded (the runner resolves it first).
  const std::string& patient() const { return patient_; }
  // OtherPatient(), or "" when none could be had (the request then fails).
  std::string other_patient() {
    auto p = OtherPatient();
    return p.ok() ? *p : std::string();
  }
  // The patient id without feeding it: a syntactically valid id nobody fed.
  std::string UnknownPatient() const;

  // entryUUID / uniqueId for a label, minted on first use.
  std::string Id(const std::string& label);
  std::string Uid(const std::string& label);
  // Fixes a label's uniqueId (e.g. a KOS SOP Instance UID).
  void SetUid(const std::string& label, const std::string& uid) { uids_[label] = uid; }
  // The label an id was minted for ("" when none).
  std::string LabelOf(const std::string& id) const;

  // Document bytes by label (the template stores what it sends).
  std::map<std::string, std::string>& contents() { return contents_; }

  // Sends `request`, records the exchange, and reduces the reply. A setup
  // step (`step` = "setup") must succeed: SendSetup fails otherwise.
  Result<Answer> Send(const Request& request, const std::string& step);
  Status SendSetup(const Request& request);

  const std::vector<Exchange>& exchanges() const { return exchanges_; }

  // A KOS manifest read from the repository (image retrieval cases).
  struct Manifest;
  const Manifest* manifest() const { return manifest_; }
  void set_manifest(const Manifest* m) { manifest_ = m; }

 private:
  const Endpoints& endpoints_;
  PatientSource& patients_;
  std::string patient_, other_patient_;
  std::map<std::string, std::string> ids_, uids_, contents_;
  std::vector<Exchange> exchanges_;
  const Manifest* manifest_ = nullptr;
};

// The study a manifest lists: where each instance is, for RAD-69/WADO-RS.
struct CaseContext::Manifest {
  std::string bytes;  // the KOS as retrieved
  std::string study_uid;
  std::string patient_id;  // the manifest's DocumentEntry patientId
  struct Instance {
    std::string series_uid, sop_class_uid, sop_instance_uid;
  };
  std::vector<Instance> instances;
};

}  // namespace xds::conformance

// What the imaging source tells the node's audit trail (ATNA ITI-20) about
// the DICOM instances it hands out: WADO-URI (RAD-55) and WADO-RS (RAD-107)
// requests, 110104 DICOM Instances Transferred (RAD TF-3 4.55.4.1.4 /
// 4.107 Security Considerations), and the patient of a RAD-69 study, which
// the SOAP record (made by the endpoint from the request, which names
// studies only) cannot know.
//
// The patient is audited under the affinity domain's id when the site's
// rules map the department's id (manifest_metadata.h AffinityPatientId, as
// in the manifest), else as the department's id "ID^^^ISSUER".
//
// A null auditor audits nothing. WadoAuditRecord is used by one request at
// a time (its answer may stream on another thread, never concurrently).
#pragma once

#include <memory>
#include <string>

#include "imaging-source/manifest/manifest_metadata.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/http/http_server.h"

namespace xds::imaging {

// The id a patient is audited under (see above); empty for an empty id.
std::string AuditedPatientId(const ManifestOptions* rules, const std::string& patient_id,
                             const std::string& issuer_of_patient_id);

// One WADO request's record: made when the request arrives, recorded once
// by Finish (the first call wins) or, if the answer never finished (a
// stream dropped unused), as a failure when destroyed.
class WadoAuditRecord {
 public:
  WadoAuditRecord(const audit::TransactionAuditor* auditor, audit::Transaction transaction,
                  const http::HttpRequest& request, const std::string& study_uid);
  ~WadoAuditRecord();
  WadoAuditRecord(const WadoAuditRecord&) = delete;
  WadoAuditRecord& operator=(const WadoAuditRecord&) = delete;

  bool has_patient() const { return !facts_.patient_ids.empty(); }
  void SetPatient(std::string audited_patient_id);
  // Success, or a serious failure (8) saying why.
  void Finish(bool ok, const std::string& why = {});

 private:
  const audit::TransactionAuditor* auditor_;
  audit::TransactionFacts facts_;
  bool done_ = false;
};

// Wraps a WADO answer so that `record` is finished when it is complete:
// at once for a plain answer (200 success, anything else a failure whose
// text is the reason), after the last byte for a streamed one.
http::HttpResponse FinishAudit(http::HttpResponse response, std::shared_ptr<WadoAuditRecord> record);

}  // namespace xds::imaging

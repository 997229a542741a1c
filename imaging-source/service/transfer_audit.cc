#include "imaging-source/service/transfer_audit.h"

namespace xds::imaging {

std::string AuditedPatientId(const ManifestOptions* rules, const std::string& patient_id,
                             const std::string& issuer_of_patient_id) {
  if (patient_id.empty()) return {};
  if (rules != nullptr) {
    StudyInfo study;
    study.patient_id = patient_id;
    study.issuer_of_patient_id = issuer_of_patient_id;
    auto mapped = AffinityPatientId(study, *rules);
    if (mapped.ok()) return *mapped;
  }
  return issuer_of_patient_id.empty() ? patient_id : patient_id + "^^^" + issuer_of_patient_id;
}

WadoAuditRecord::WadoAuditRecord(const audit::TransactionAuditor* auditor, audit::Transaction transaction,
                                 const http::HttpRequest& request, const std::string& study_uid)
    : auditor_(auditor) {
  if (auditor_ == nullptr) return;
  facts_.transaction = transaction;
  facts_.side = audit::Side::kDestination;
  facts_.source = audit::TransactionAuditor::ClientOf(request);
  facts_.destination = auditor_->Self(request.path);
  if (!study_uid.empty()) facts_.study_uids.push_back(study_uid);
}

WadoAuditRecord::~WadoAuditRecord() { Finish(false, "the answer was not delivered"); }

void WadoAuditRecord::SetPatient(std::string audited_patient_id) {
  if (audited_patient_id.empty()) return;
  facts_.patient_ids = {std::move(audited_patient_id)};
}

void WadoAuditRecord::Finish(bool ok, const std::string& why) {
  if (done_ || auditor_ == nullptr) return;
  done_ = true;
  facts_.outcome = ok ? audit::Outcome::kSuccess : audit::Outcome::kSeriousFailure;
  facts_.outcome_description = why;
  auditor_->Record(facts_);
}

http::HttpResponse FinishAudit(http::HttpResponse response, std::shared_ptr<WadoAuditRecord> record) {
  if (response.stream) {
    response.stream = [inner = std::move(response.stream), record](const http::ChunkSink& sink) {
      bool ok = inner(sink);
      record->Finish(ok, ok ? std::string() : "the answer broke off (PACS failure or client gone)");
      return ok;
    };
    return response;
  }
  if (response.status == 200) {
    record->Finish(true);
  } else {
    std::string why = response.body;
    while (!why.empty() && (why.back() == '\n' || why.back() == '\r')) why.pop_back();
    record->Finish(false, "HTTP " + std::to_string(response.status) + ": " + why);
  }
  return response;
}

}  // namespace xds::imaging

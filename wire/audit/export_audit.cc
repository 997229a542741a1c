#include "wire/audit/export_audit.h"

#include "wire/ihe/xds_metadata.h"

namespace xds::audit {

void RecordExport(const TransactionAuditor& auditor, Transaction transaction,
                  const ihe::SubmitObjectsRequest& metadata, const std::string& destination_url,
                  const Result<ihe::RegistryResponse>& answer) {
  TransactionFacts facts;
  facts.transaction = transaction;
  facts.side = Side::kSource;
  facts.source = auditor.Self();
  facts.destination = TransactionAuditor::RemoteOf(destination_url);
  for (const ihe::RegistryObject& o : metadata.objects) {
    if (ihe::XdsTypeOf(o) != ihe::XdsObjectType::kSubmissionSet) continue;
    facts.submission_set_unique_id = ihe::UniqueIdOf(o);
    std::string patient = ihe::PatientIdOf(o);
    if (!patient.empty()) facts.patient_ids.push_back(std::move(patient));
  }
  if (!answer.ok()) {
    facts.outcome = Outcome::kSeriousFailure;
    facts.outcome_description = answer.status().ToString();
  } else if (answer->status.find("PartialSuccess") != std::string::npos) {
    facts.outcome = Outcome::kMinorFailure;
  } else if (!answer->success()) {
    facts.outcome = Outcome::kSeriousFailure;
    if (!answer->errors.empty())
      facts.outcome_description = answer->errors.front().error_code + ": " + answer->errors.front().code_context;
  }
  auditor.Record(facts);
}

}  // namespace xds::audit

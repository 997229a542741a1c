// Patient consent (BPPC, ITI TF-1 19): the registry reads the consent
// documents registered for a patient — DocumentEntries whose formatCode is
// a BPPC format — and their eventCodeList, which names the privacy
// policies the patient acknowledged. The affinity domain configures which
// policy codes mean opt-in (sharing allowed under the sharing rules) and
// which mean opt-out (nothing leaves the structure that produced it):
//
//   [access.consent]
//   opt_in_policies  = ["1.2.250.1.999.1.1"]        policy codes, or "code^scheme"
//   opt_out_policies = ["1.2.250.1.999.1.2"]
//   without_consent  = "opt-out"                    or "opt-in": a patient with no consent
//
// A consent is in force from its serviceStartTime (else creationTime) until
// its serviceStopTime; of those in force, the one that started last wins,
// and opt-out wins a tie. Deprecated consents (a replaced or withdrawn
// document) no longer count.
#pragma once

#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/config/config.h"

namespace xds::registry {

enum class ConsentState { kOptIn, kOptOut };

struct ConsentOptions {
  std::vector<std::string> format_codes = {"urn:ihe:iti:bppc:2007", "urn:ihe:iti:bppc-sd:2007"};
  std::vector<std::string> opt_in_policies;
  std::vector<std::string> opt_out_policies;
  ConsentState without_consent = ConsentState::kOptOut;

  static Result<ConsentOptions> FromConfig(const Config& config);
};

// The patient's consent at `now` (14-digit DTM). `patient_id` may be any id
// of the patient: consents registered under ids merged into it count.
Result<ConsentState> CurrentConsent(ReadTxn& txn, const std::string& patient_id, const ConsentOptions& options,
                                    const std::string& now);

}  // namespace xds::registry

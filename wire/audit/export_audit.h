// The audit record (ITI-20) of a submission this node sent, as its source:
// ITI-41 / RAD-68 (the imaging source to the repository) and ITI-42 (the
// repository to the registry), 110106 Export, action R (ITI TF-2 3.41.5.1.1,
// 3.42.5.1.1; RAD TF-3 4.68.5.1.1): the SubmissionSet's patient and
// uniqueId, this node as source, the peer's endpoint URL as destination,
// and the outcome of the peer's answer: Failure → 8, PartialSuccess → 4,
// no usable answer (unreachable, timeout, unreadable) → 8 saying why.
//
// Stateless; thread-safe as the auditor is.
#pragma once

#include <string>

#include "wire/audit/transaction_auditor.h"
#include "wire/base/status.h"
#include "wire/ihe/rim_codec.h"

namespace xds::audit {

// Records the exchange once the peer answered (or failed to).
void RecordExport(const TransactionAuditor& auditor, Transaction transaction,
                  const ihe::SubmitObjectsRequest& metadata, const std::string& destination_url,
                  const Result<ihe::RegistryResponse>& answer);

}  // namespace xds::audit

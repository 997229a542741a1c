// ScuSession: internal to imaging-source/dicom. Configures a DCMTK DcmSCU
// from PacsConfig, negotiates the association and maps DCMTK conditions to
// Status. Owns nothing but the SCU it is given; one per association, used on
// one thread. DCMTK types appear here and in the .cc files of this folder
// only.
#pragma once

#include <string>
#include <vector>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmnet/scu.h"
#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging::internal {

// Applies host/port/AE titles/timeouts/PDU size to `scu`.
void ConfigureScu(DcmSCU& scu, const PacsConfig& config);

// initNetwork + negotiateAssociation. Unavailable when the PACS cannot be
// reached or rejects the association (PS3.8 9.3.4 A-ASSOCIATE-RJ).
Status Connect(DcmSCU& scu, const PacsConfig& config);

// "PACS host:port AE": for messages.
std::string Describe(const PacsConfig& config);

// Status for a failed DIMSE exchange.
Status FromCondition(const OFCondition& cond, const std::string& what);

// Transfer syntaxes proposed for receiving instances, most wanted first.
const std::vector<std::string>& DefaultStorageTransferSyntaxes();
// Storage SOP classes proposed when the caller names none.
const std::vector<std::string>& DefaultStorageSopClasses();

}  // namespace xds::imaging::internal

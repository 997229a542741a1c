// ScuSession: internal to imaging-source/dicom. Configures a DCMTK DcmSCU
// from PacsConfig, negotiates the association and maps DCMTK conditions to
// Status. Owns nothing but the SCU it is given; one per association, used on
// one thread. DCMTK types appear here and in the .cc files of this folder
// only.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmnet/scu.h"
#include "dcmtk/dcmtls/tlslayer.h"
#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging::internal {

// The TLS layer an Scu holds; a base of Scu placed before DcmSCU so that it
// outlives the association DcmSCU's destructor releases.
struct ScuTlsHolder {
  std::unique_ptr<DcmTLSTransportLayer> tls_layer;
};

// A DcmSCU that can run over DICOM TLS (DcmSCU::useSecureConnection is
// protected). Every SCU of this folder is one.
class Scu : private ScuTlsHolder, public DcmSCU {
 public:
  // Applies host/port/AE titles/timeouts/PDU size and, when config.tls is
  // set, DICOM TLS (a layer of its own). InvalidArgument when the TLS files
  // cannot be loaded.
  Status Configure(const PacsConfig& config);
  // After initNetwork (DCMTK attaches the layer to the network): puts the
  // association on TLS when Configure made a layer.
  OFCondition AttachTls();
};

// initNetwork + negotiateAssociation. Unavailable when the PACS cannot be
// reached, rejects the association (PS3.8 9.3.4 A-ASSOCIATE-RJ) or, over
// TLS, the handshake fails either way (the message says "TLS handshake
// failed" and why: untrusted certificate, none shown...).
Status Connect(Scu& scu, const PacsConfig& config);

// "PACS host:port AE": for messages.
std::string Describe(const PacsConfig& config);

// Status for a failed DIMSE exchange.
Status FromCondition(const OFCondition& cond, const std::string& what);

// Transfer syntaxes proposed for receiving instances, most wanted first.
const std::vector<std::string>& DefaultStorageTransferSyntaxes();
// Storage SOP classes proposed when the caller names none.
const std::vector<std::string>& DefaultStorageSopClasses();

}  // namespace xds::imaging::internal

// Internal to imaging-source/dicom: DICOM over TLS with the site PACS
// (PS3.15 B.9 "BCP 195 Non-Downgrading TLS Secure Transport Connection
// Profile", ATNA ITI-19 for DICOM): a DCMTK DcmTLSTransportLayer made from
// the node's TLS settings (wire/http/tls_settings.h, the shape every TLS
// link of the node uses): its certificate and key, its trust anchors
// (ca_file), the peer's certificate required and verified on both sides.
// TLS below 1.2 is refused, as on the node's HTTPS links.
//
// One layer serves an SCU association (made per association, so a renewed
// certificate is used from the next association on) or a listening SCP
// (kept while it listens). DCMTK types appear in this folder only.
#pragma once

#include <memory>
#include <string>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmnet/assoc.h"
#include "dcmtk/dcmtls/tlslayer.h"
#include "wire/base/status.h"
#include "wire/http/tls_settings.h"

namespace xds::imaging::internal {

// A TLS layer for `role` (NET_REQUESTOR: our SCUs; NET_ACCEPTOR: our
// Storage SCPs). InvalidArgument when a file cannot be loaded or the key
// does not match the certificate. `require_client_certificate` is honoured
// on the acceptor side only (a requestor always requires the PACS's).
Result<std::unique_ptr<DcmTLSTransportLayer>> MakeDicomTlsLayer(const http::TlsSettings& settings,
                                                                T_ASC_NetworkRole role);

// "TLS handshake failed: <DCMTK's reason>" for a condition from a TLS
// association, else the condition's text.
std::string DescribeTlsCondition(const OFCondition& cond);

}  // namespace xds::imaging::internal

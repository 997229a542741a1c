#include "imaging-source/dicom/scu_session.h"

#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"
#include "imaging-source/dicom/dicom_tls.h"

namespace xds::imaging::internal {

Status Scu::Configure(const PacsConfig& config) {
  DcmSCU& scu = *this;
  scu.setAETitle(config.calling_ae.c_str());
  scu.setPeerAETitle(config.called_ae.c_str());
  scu.setPeerHostName(config.host.c_str());
  scu.setPeerPort(static_cast<Uint16>(config.port));
  scu.setMaxReceivePDULength(config.max_pdu);
  scu.setConnectionTimeout(config.connect_timeout_seconds);
  scu.setACSETimeout(static_cast<Uint32>(config.acse_timeout_seconds));
  // Non-blocking DIMSE with a timeout: a PACS that stops answering
  // mid-retrieval ends the request instead of holding a worker forever.
  scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  scu.setDIMSETimeout(static_cast<Uint32>(config.dimse_timeout_seconds));
  scu.setVerbosePCMode(OFFalse);
  scu.setProgressNotificationMode(OFFalse);
  if (!config.tls) return Status::Ok();
  auto layer = MakeDicomTlsLayer(*config.tls, NET_REQUESTOR);
  if (!layer.ok()) return layer.status();
  tls_layer = std::move(*layer);
  return Status::Ok();
}

OFCondition Scu::AttachTls() { return tls_layer ? useSecureConnection(tls_layer.get()) : EC_Normal; }

std::string Describe(const PacsConfig& config) {
  return "PACS " + config.called_ae + "@" + config.host + ":" + std::to_string(config.port) +
         (config.tls ? " (DICOM TLS)" : "");
}

Status FromCondition(const OFCondition& cond, const std::string& what) {
  std::string text = cond.text();
  if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_PEERREQUESTEDRELEASE ||
      cond == DIMSE_READPDVFAILED || cond == DIMSE_NODATAAVAILABLE ||
      cond == DUL_NETWORKCLOSED || cond == DUL_READTIMEOUT)
    return Status::Unavailable(what + ": " + text);
  return Status::Internal(what + ": " + text);
}

Status Connect(Scu& scu, const PacsConfig& config) {
  OFCondition cond = scu.initNetwork();
  if (cond.bad()) return Status::Internal("DICOM network init failed: " + std::string(cond.text()));
  cond = scu.AttachTls();
  if (cond.bad()) return Status::Internal("DICOM TLS: " + std::string(cond.text()));
  cond = scu.negotiateAssociation();
  if (cond.bad()) {
    // Refused (A-ASSOCIATE-RJ), unreachable or timed out: all mean the
    // PACS cannot serve us now.
    return Status::Unavailable("association with " + Describe(config) + " failed: " + DescribeTlsCondition(cond));
  }
  return Status::Ok();
}

const std::vector<std::string>& DefaultStorageTransferSyntaxes() {
  // Uncompressed first (every PACS can send them), then the lossless
  // compressed syntaxes, then lossy ones a PACS may hold as acquired.
  static const std::vector<std::string> kSyntaxes = {
      UID_LittleEndianExplicitTransferSyntax,
      UID_LittleEndianImplicitTransferSyntax,
      UID_JPEGLSLosslessTransferSyntax,
      UID_RLELosslessTransferSyntax,
      UID_JPEGProcess14SV1TransferSyntax,
      UID_JPEG2000LosslessOnlyTransferSyntax,
      UID_JPEGProcess1TransferSyntax,
      UID_JPEGProcess2_4TransferSyntax,
      UID_JPEG2000TransferSyntax,
      UID_JPEGLSLossyTransferSyntax,
      UID_DeflatedExplicitVRLittleEndianTransferSyntax,
  };
  return kSyntaxes;
}

const std::vector<std::string>& DefaultStorageSopClasses() {
  static const std::vector<std::string> kClasses = {
      UID_CTImageStorage,
      UID_MRImageStorage,
      UID_ComputedRadiographyImageStorage,
      UID_DigitalXRayImageStorageForPresentation,
      UID_DigitalMammographyXRayImageStorageForPresentation,
      UID_UltrasoundImageStorage,
      UID_UltrasoundMultiframeImageStorage,
      UID_SecondaryCaptureImageStorage,
      UID_NuclearMedicineImageStorage,
      UID_PositronEmissionTomographyImageStorage,
      UID_XRayAngiographicImageStorage,
      UID_EnhancedCTImageStorage,
      UID_EnhancedMRImageStorage,
      UID_KeyObjectSelectionDocumentStorage,
      UID_BasicTextSRStorage,
      UID_EnhancedSRStorage,
      UID_ComprehensiveSRStorage,
      UID_GrayscaleSoftcopyPresentationStateStorage,
      UID_EncapsulatedPDFStorage,
  };
  return kClasses;
}

}  // namespace xds::imaging::internal

#include "imaging-source/dicom/storage_scp.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"
#include "dcmtk/dcmnet/scp.h"
#include "imaging-source/dicom/dcmtk_env.h"
#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/dicom_tls.h"
#include "imaging-source/dicom/scu_session.h"

namespace xds::imaging {
namespace {

// PS3.4 Table B.2-1: Refused: Out of Resources.
constexpr Uint16 kStatusOutOfResources = 0xA700;

const std::vector<std::string>& DefaultAcceptedSyntaxes() {
  // Uncompressed first: a sender proposing one context per SOP class with
  // several syntaxes (dcmqrscp does) must then send every instance in the
  // accepted one, and every PACS can send uncompressed what it stores
  // uncompressed, most studies; compressed syntaxes are accepted when they
  // are all a sender offers.
  static const std::vector<std::string> kSyntaxes = {
      UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
      UID_JPEGLSLosslessTransferSyntax,       UID_RLELosslessTransferSyntax,
      UID_JPEGProcess14SV1TransferSyntax,     UID_JPEG2000LosslessOnlyTransferSyntax,
      UID_DeflatedExplicitVRLittleEndianTransferSyntax,
      UID_JPEGProcess1TransferSyntax,         UID_JPEGProcess2_4TransferSyntax,
      UID_JPEG2000TransferSyntax,             UID_JPEGLSLossyTransferSyntax,
  };
  return kSyntaxes;
}

// Only UID characters in a file name built from a peer's value.
bool IsUidText(const char* s) {
  if (s == nullptr || *s == '\0') return false;
  for (const char* c = s; *c; ++c)
    if (!((*c >= '0' && *c <= '9') || *c == '.')) return false;
  return true;
}

class Scp : public DcmSCP {
 public:
  Scp(const StorageScpConfig& config, StoredCallback on_stored)
      : config_(config), on_stored_(std::move(on_stored)) {}

  void RequestStop() { stop_ = true; }

 protected:
  OFBool stopAfterConnectionTimeout() override { return stop_.load(); }
  OFBool stopAfterCurrentAssociation() override { return stop_.load(); }

  OFCondition handleIncomingCommand(T_DIMSE_Message* message, const DcmPresentationContextInfo& info) override {
    if (message->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(message, info);
    T_DIMSE_C_StoreRQ& request = message->msg.CStoreRQ;
    // The spool file is named by a counter, not by anything the peer sent.
    std::string path = config_.spool_dir + "/recv-" + std::to_string(::getpid()) + "-" +
                       std::to_string(++counter_) + ".dcm";
    OFCondition cond = receiveSTORERequest(request, info.presentationContextID, OFString(path.c_str()));
    if (cond.bad()) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
      return cond;  // the association is broken; DcmSCP ends it
    }
    Uint16 status = Hand(request, info, path);
    return sendSTOREResponse(info.presentationContextID, request, status);
  }

 private:
  Uint16 Hand(const T_DIMSE_C_StoreRQ& request, const DcmPresentationContextInfo& info, const std::string& path) {
    StoredInstance in;
    in.path = path;
    in.calling_ae = getPeerAETitle().c_str();
    in.sop_class_uid = request.AffectedSOPClassUID;
    in.sop_instance_uid = request.AffectedSOPInstanceUID;
    in.transfer_syntax_uid = info.acceptedTransferSyntax.c_str();
    if (request.opts & O_STORE_MOVEORIGINATORAETITLE) in.move_originator_ae = request.MoveOriginatorApplicationEntityTitle;
    if (request.opts & O_STORE_MOVEORIGINATORID) in.move_originator_message_id = request.MoveOriginatorID;
    Status s = IsUidText(request.AffectedSOPInstanceUID) ? Status::Ok()
                                                         : Status::InvalidArgument("SOP Instance UID is not a UID");
    if (s.ok()) {
      // The routing attributes, from the header only (the file may be large).
      auto header = ReadDicomFileInfo(path);
      if (header.ok()) {
        in.study_instance_uid = header->study_instance_uid;
        in.series_instance_uid = header->series_instance_uid;
      }
      if (in.study_instance_uid.empty()) s = Status::InvalidArgument("no Study Instance UID in the data set");
    }
    if (s.ok()) s = on_stored_(std::move(in));
    if (s.ok()) return STATUS_Success;
    spdlog::warn("C-STORE from {} of {} refused: {}", getPeerAETitle().c_str(), request.AffectedSOPInstanceUID,
                 s.ToString());
    std::error_code ec;
    std::filesystem::remove(path, ec);
    return kStatusOutOfResources;
  }

  const StorageScpConfig config_;
  StoredCallback on_stored_;
  std::atomic<bool> stop_{false};
  uint64_t counter_ = 0;
};

}  // namespace

struct StorageScp::Impl {
  StorageScpConfig config;
  // Before scp: the SCP's network refers to it until the SCP is gone.
  std::unique_ptr<DcmTLSTransportLayer> tls_layer;
  std::unique_ptr<Scp> scp;
  std::thread thread;
};

StorageScp::StorageScp() : impl_(std::make_unique<Impl>()) {}

StorageScp::~StorageScp() {
  if (!impl_->scp) return;
  impl_->scp->RequestStop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

const StorageScpConfig& StorageScp::config() const { return impl_->config; }

Result<std::unique_ptr<StorageScp>> StorageScp::Start(const StorageScpConfig& config, StoredCallback on_stored) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  if (config.port <= 0 || config.port > 65535) return Status::InvalidArgument("storage SCP port out of range");
  std::unique_ptr<StorageScp> out(new StorageScp());
  out->impl_->config = config;
  auto scp = std::make_unique<Scp>(config, std::move(on_stored));
  scp->setPort(static_cast<Uint16>(config.port));
  scp->setAETitle(config.ae_title.c_str());
  scp->setMaxReceivePDULength(config.max_pdu);
  scp->setACSETimeout(static_cast<Uint32>(config.acse_timeout_seconds));
  scp->setDIMSEBlockingMode(DIMSE_NONBLOCKING);
  scp->setDIMSETimeout(static_cast<Uint32>(config.dimse_timeout_seconds));
  // Non-blocking accept with a 1 s timeout: how the loop notices Stop.
  scp->setConnectionBlockingMode(DUL_NOBLOCK);
  scp->setConnectionTimeout(1);
  scp->setHostLookupEnabled(OFFalse);
  scp->setVerbosePCMode(OFFalse);
  if (config.tls) {
    auto layer = internal::MakeDicomTlsLayer(*config.tls, NET_ACCEPTOR);
    if (!layer.ok()) return layer.status();
    out->impl_->tls_layer = std::move(*layer);
    scp->getConfig().setTransportLayer(out->impl_->tls_layer.get());
  }
  const std::vector<std::string>& syntaxes =
      config.transfer_syntaxes.empty() ? DefaultAcceptedSyntaxes() : config.transfer_syntaxes;
  OFList<OFString> ts;
  for (const auto& s : syntaxes) ts.push_back(s.c_str());
  OFList<OFString> echo_ts;
  echo_ts.push_back(UID_LittleEndianImplicitTransferSyntax);
  scp->addPresentationContext(UID_VerificationSOPClass, echo_ts);
  for (const auto& sop_class : internal::DefaultStorageSopClasses()) scp->addPresentationContext(sop_class.c_str(), ts);
  OFCondition cond = scp->openListenPort();
  if (cond.bad())
    return Status::Unavailable("cannot listen on DICOM port " + std::to_string(config.port) + ": " + cond.text());
  // A refused TLS handshake ends only that association: acceptAssociations
  // goes on listening (DcmSCP logs the reason through DCMTK's logger).
  Scp* raw = scp.get();
  out->impl_->scp = std::move(scp);
  out->impl_->thread = std::thread([raw] {
    OFCondition c = raw->acceptAssociations();
    if (c.bad() && c != NET_EC_StopAfterConnectionTimeout && c != NET_EC_StopAfterAssociation)
      spdlog::error("storage SCP stopped: {}", c.text());
  });
  return out;
}

}  // namespace xds::imaging

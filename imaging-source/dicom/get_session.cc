// C-GET with bit-preserving, instance-at-a-time delivery.
//
// DcmSCU in DCMSCU_STORAGE_BIT_PRESERVING mode writes each incoming C-STORE
// data set to a file exactly as it came off the wire (DIMSE_createFilestream
// + DIMSE_receiveDataSetInFile), never parsing it into a DcmDataset. We hook
// handleSTORERequestFile: let DCMTK write the file into a spool folder,
// read its header (unless the C-GET named the series), and hand it to the
// callback before the C-STORE response goes out — as that file when the
// request asked for files (the callback may rename it into the instance
// cache: the data is never copied on our side), else read back into memory
// — then delete what is left. So at most one instance is in flight at a
// time, and the PACS does not send the next one until we have passed this
// one on (back-pressure from a slow HTTP client reaches the PACS).
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"
#include "dcmtk/dcmnet/scu.h"
#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/part10_io.h"
#include "imaging-source/dicom/query_keys.h"
#include "imaging-source/dicom/retrieve_session.h"
#include "imaging-source/dicom/scu_session.h"

namespace xds::imaging::internal {
namespace {

bool IsUidText(const char* s) {
  if (s == nullptr || *s == '\0') return false;
  for (; *s != '\0'; ++s)
    if (!((*s >= '0' && *s <= '9') || *s == '.')) return false;
  return true;
}

// A spool folder of its own, removed with everything left in it.
class SpoolDir {
 public:
  explicit SpoolDir(const std::string& parent) {
    std::string pattern = (parent.empty() ? std::string("/tmp") : parent) + "/xds-imaging-XXXXXX";
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~SpoolDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class GetScu : public Scu {
 public:
  // Points the store hook at one C-GET's callback and tally.
  // `files_dir`: where instances go as files (empty: the storage dir).
  // `study_uid`/`series_uid`: what the C-GET named (empty: not named).
  void Arm(const InstanceCallback* on_instance, SessionOutcome* outcome, bool as_files, std::string files_dir,
           std::string study_uid = {}, std::string series_uid = {}) {
    on_instance_ = on_instance;
    study_uid_ = std::move(study_uid);
    series_uid_ = std::move(series_uid);
    outcome_ = outcome;
    as_files_ = as_files;
    files_dir_ = std::move(files_dir);
    stop_ = Status::Ok();
  }
  const Status& stop() const { return stop_; }

  OFCondition handleSTORERequestFile(T_ASC_PresentationContextID* presID, const OFString& filename,
                                     T_DIMSE_C_StoreRQ* request) override {
    // The file name is the SOP Instance UID; refuse anything that is not a
    // UID so that a hostile PACS cannot name a path outside the spool.
    if (on_instance_ == nullptr || !stop_.ok() || !IsUidText(request->AffectedSOPInstanceUID))
      return EC_IllegalParameter;
    // DCMTK names the file after the SOP Instance UID in the storage dir
    // (a folder of this association's own). Straight into `files_dir_`
    // instead, the name made unique in this process: no folder per C-GET
    // (a mkdir costs more than the file on ext4).
    static std::atomic<uint64_t> received{0};
    const OFString target =
        files_dir_.empty() ? filename
                           : OFString((files_dir_ + "/" + request->AffectedSOPInstanceUID + "." +
                                       std::to_string(::getpid()) + "-" + std::to_string(++received) + ".part")
                                          .c_str());
    OFCondition cond = DcmSCU::handleSTORERequestFile(presID, target, request);
    if (cond.bad()) {
      ::unlink(target.c_str());
      return cond;
    }

    RetrievedInstance instance;
    Result<DicomFileInfo> info = Status::Internal("unread");
    // Every sub-operation of a C-GET that named the study and series
    // delivers an instance of that series (PS3.4 C.4.3.2): its header need
    // not be opened and parsed again. The PACS waits for our C-STORE
    // response meanwhile, so this is time the whole retrieval waits.
    const bool named = !study_uid_.empty() && !series_uid_.empty();
    if (as_files_) {
      instance.file = target.c_str();
      if (named) {
        DicomFileInfo known;
        known.study_instance_uid = study_uid_;
        known.series_instance_uid = series_uid_;
        info = known;
      } else {
        info = ReadDicomFileInfo(instance.file);
      }
    } else {
      if (!internal::ReadFileBytes(target.c_str(), instance.bytes)) instance.bytes.clear();
      ::unlink(target.c_str());
      info = ReadDicomInfo(instance.bytes);
    }
    instance.sop_class_uid = request->AffectedSOPClassUID;
    instance.sop_instance_uid = request->AffectedSOPInstanceUID;
    OFString abstract_syntax, transfer_syntax;
    findPresentationContext(*presID, abstract_syntax, transfer_syntax);
    instance.transfer_syntax_uid = transfer_syntax.c_str();
    if (info.ok()) {
      instance.study_instance_uid = info->study_instance_uid;
      instance.series_instance_uid = info->series_instance_uid;
    }
    std::string uid = instance.sop_instance_uid;
    Status s = (*on_instance_)(std::move(instance));
    if (as_files_) ::unlink(target.c_str());  // unless the callback took it
    if (!s.ok()) {
      stop_ = s;
      return EC_IllegalCall;  // ends the C-GET session; the caller aborts
    }
    outcome_->delivered.insert(uid);
    ++outcome_->summary.delivered;
    return EC_Normal;
  }

 private:
  const InstanceCallback* on_instance_ = nullptr;
  SessionOutcome* outcome_ = nullptr;
  bool as_files_ = false;
  std::string files_dir_;
  std::string study_uid_, series_uid_;
  Status stop_;
};

}  // namespace

static void ProposeStorage(DcmSCU& scu, const RetrieveRequest& request,
                    const std::vector<std::string>& syntaxes, T_ASC_SC_ROLE role) {
  const std::vector<std::string>& classes =
      request.sop_class_uids.empty() ? DefaultStorageSopClasses() : request.sop_class_uids;
  // At most 128 presentation contexts per association (PS3.8 9.3.2.2: odd
  // ids 1..255); keep one for the Q/R model.
  size_t per_class = std::max<size_t>(1, 126 / std::max<size_t>(1, classes.size()));
  size_t n = std::min(per_class, syntaxes.size());
  for (const auto& sop_class : classes) {
    for (size_t i = 0; i < n; ++i) {
      OFList<OFString> ts;
      ts.push_back(syntaxes[i].c_str());
      scu.addPresentationContext(sop_class.c_str(), ts, role);
    }
  }
}

struct GetAssociation::Impl {
  explicit Impl(const PacsConfig& config) : config(config) {}
  PacsConfig config;
  std::unique_ptr<SpoolDir> spool;  // made at the first C-GET that needs it
  GetScu scu;
  T_ASC_PresentationContextID pc = 0;
  bool open = false;
};

GetAssociation::GetAssociation() = default;

GetAssociation::~GetAssociation() {
  if (impl_ && impl_->open) impl_->scu.releaseAssociation();
}

Result<std::unique_ptr<GetAssociation>> GetAssociation::Open(const PacsConfig& config,
                                                             const std::vector<std::string>& sop_classes,
                                                             const std::vector<std::string>& syntaxes) {
  std::unique_ptr<GetAssociation> a(new GetAssociation());
  a->impl_ = std::make_unique<Impl>(config);
  Impl& d = *a->impl_;
  XDS_RETURN_IF_ERROR(d.scu.Configure(config));
  d.scu.setStorageMode(DCMSCU_STORAGE_BIT_PRESERVING);
  OFList<OFString> qr_syntaxes;
  qr_syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
  qr_syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
  d.scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, qr_syntaxes);
  // The requestor takes the SCP role for storage sub-operations on a C-GET
  // association (PS3.7 D.3.3.4 SCP/SCU Role Selection).
  RetrieveRequest classes;
  classes.sop_class_uids = sop_classes;
  ProposeStorage(d.scu, classes, syntaxes, ASC_SC_ROLE_SCP);
  XDS_RETURN_IF_ERROR(Connect(d.scu, config));
  d.open = true;
  d.pc = d.scu.findPresentationContextID(UID_GETStudyRootQueryRetrieveInformationModel, "");
  if (d.pc == 0) {
    d.scu.abortAssociation();
    d.open = false;
    return Status::Unavailable(Describe(config) + " does not accept Study Root C-GET");
  }
  return a;
}

bool GetAssociation::is_open() const { return impl_ && impl_->open; }

Result<SessionOutcome> GetAssociation::Get(const RetrieveRequest& request, const InstanceCallback& on_instance) {
  Impl& d = *impl_;
  if (!d.open) return Status::Unavailable("the C-GET association with " + Describe(d.config) + " is closed");
  SessionOutcome outcome;
  // Files asked for in a folder go straight there (on the cache's
  // filesystem, so that they can be renamed into it); the rest through
  // this association's spool folder.
  const bool to_folder = request.as_files && !request.files_dir.empty();
  if (!to_folder && !d.spool) {
    d.spool = std::make_unique<SpoolDir>(d.config.spool_dir);
    if (d.spool->path().empty()) {
      d.spool.reset();
      return Status::IoError("cannot create a spool folder in " + d.config.spool_dir);
    }
    d.scu.setStorageDir(d.spool->path().c_str());
  }
  d.scu.Arm(&on_instance, &outcome, request.as_files, to_folder ? request.files_dir : std::string(),
            request.study_instance_uid,
            request.level == QueryLevel::kStudy ? std::string() : request.series_instance_uid);
  DcmDataset keys;
  FillRetrieveKeys(keys, request);
  OFList<RetrieveResponse*> responses;
  OFCondition cond = d.scu.sendCGETRequest(d.pc, &keys, &responses);
  Status stop = d.scu.stop();
  d.scu.Arm(nullptr, nullptr, false, std::string());
  if (!responses.empty()) {
    const RetrieveResponse* last = responses.back();
    outcome.summary.final_status = last->m_status;
    outcome.summary.completed = last->m_numberOfCompletedSubops;
    outcome.summary.failed = last->m_numberOfFailedSubops;
    outcome.summary.warning = last->m_numberOfWarningSubops;
  }
  for (auto* r : responses) delete r;
  if (!stop.ok() || cond.bad()) {
    // Our consumer gave up (client gone) or the exchange broke: abort
    // rather than let the PACS push the rest of the study into nothing.
    d.scu.abortAssociation();
    d.open = false;
    return stop.ok() ? FromCondition(cond, "C-GET from " + Describe(d.config)) : stop;
  }
  if (outcome.summary.failed > 0 || outcome.summary.final_status != STATUS_Success) {
    // A final response other than Success carries the Failed SOP Instance
    // UID List as a data set (PS3.4 C.4.3.1.3.1), which DcmSCU does not
    // read; the association is unusable after it. Abort; the next Get
    // needs a new one.
    d.scu.abortAssociation();
    d.open = false;
  }
  return outcome;
}

Result<SessionOutcome> RunGetSession(const PacsConfig& config, const RetrieveRequest& request,
                                     const std::vector<std::string>& syntaxes,
                                     const InstanceCallback& on_instance) {
  auto association = GetAssociation::Open(config, request.sop_class_uids, syntaxes);
  if (!association.ok()) return association.status();
  return (*association)->Get(request, on_instance);
}

}  // namespace xds::imaging::internal

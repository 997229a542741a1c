// PacsClient on DCMTK's DcmSCU: one association per call.
#include <algorithm>
#include <mutex>
#include <set>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"
#include "dcmtk/dcmnet/scu.h"
#include "imaging-source/dicom/dcmtk_env.h"
#include "imaging-source/dicom/move_destination.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/dicom/query_keys.h"
#include "imaging-source/dicom/retrieve_session.h"
#include "imaging-source/dicom/scu_session.h"

namespace xds::imaging {
namespace {

using internal::Connect;
using internal::Describe;

// Runs one C-FIND at the level `fill` sets up; `read` turns each match
// (status Pending, PS3.4 C.4.1.1.4) into a record.
template <typename T, typename Fill, typename Read>
Result<std::vector<T>> RunFind(const PacsConfig& config, Fill fill, Read read) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  internal::Scu scu;
  XDS_RETURN_IF_ERROR(scu.Configure(config));
  OFList<OFString> syntaxes;
  syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
  syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
  scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, syntaxes);
  XDS_RETURN_IF_ERROR(Connect(scu, config));
  T_ASC_PresentationContextID pc = scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
  if (pc == 0) {
    scu.abortAssociation();
    return Status::Unavailable(Describe(config) + " does not accept Study Root C-FIND");
  }
  DcmDataset keys;
  fill(keys);
  OFList<QRResponse*> responses;
  OFCondition cond = scu.sendFINDRequest(pc, &keys, &responses);
  std::vector<T> out;
  uint16_t final_status = 0;
  for (QRResponse* r : responses) {
    if (r->m_status == STATUS_Pending || r->m_status == STATUS_FIND_Pending_WarningUnsupportedOptionalKeys) {
      if (r->m_dataset != nullptr) out.push_back(read(*r->m_dataset));
    } else {
      final_status = r->m_status;
    }
    delete r;
  }
  if (cond.bad()) {
    scu.abortAssociation();
    return internal::FromCondition(cond, "C-FIND at " + Describe(config));
  }
  scu.releaseAssociation();
  if (final_status != STATUS_Success)
    return Status::Unavailable("C-FIND at " + Describe(config) + " ended with status " +
                               DU_cfindStatusString(final_status));
  return out;
}

class DcmtkPacsClient : public PacsClient {
 public:
  explicit DcmtkPacsClient(PacsConfig config) : config_(std::move(config)) {
    if (config_.move_destination_ae.empty()) config_.move_destination_ae = config_.calling_ae;
  }

  Status Echo() override {
    XDS_RETURN_IF_ERROR(InitDcmtk());
    internal::Scu scu;
    XDS_RETURN_IF_ERROR(scu.Configure(config_));
    OFList<OFString> syntaxes;
    syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
    scu.addPresentationContext(UID_VerificationSOPClass, syntaxes);
    XDS_RETURN_IF_ERROR(Connect(scu, config_));
    OFCondition cond = scu.sendECHORequest(0);
    if (cond.bad()) {
      scu.abortAssociation();
      return internal::FromCondition(cond, "C-ECHO to " + Describe(config_));
    }
    scu.releaseAssociation();
    return Status::Ok();
  }

  Result<std::vector<StudyInfo>> FindStudies(const StudyQuery& query) override {
    return RunFind<StudyInfo>(
        config_, [&](DcmDataset& k) { internal::FillStudyFindKeys(k, query); }, internal::ReadStudy);
  }

  Result<std::vector<SeriesInfo>> FindSeries(const std::string& study_uid) override {
    return RunFind<SeriesInfo>(
        config_, [&](DcmDataset& k) { internal::FillSeriesFindKeys(k, study_uid); }, internal::ReadSeries);
  }

  Result<std::vector<InstanceInfo>> FindInstances(const std::string& study_uid,
                                                  const std::string& series_uid) override {
    return RunFind<InstanceInfo>(
        config_, [&](DcmDataset& k) { internal::FillInstanceFindKeys(k, study_uid, series_uid); },
        internal::ReadInstance);
  }

  Result<RetrieveSummary> Retrieve(const RetrieveRequest& request, const InstanceCallback& on_instance) override;
  Result<std::unique_ptr<RetrieveSession>> OpenSession(const std::vector<std::string>& sop_classes) override;

  // Fetches what `first` left out, offering one transfer syntax at a time.
  Result<RetrieveSummary> Complete(const RetrieveRequest& request, internal::SessionOutcome first,
                                   const InstanceCallback& on_instance);

 private:
  Result<internal::SessionOutcome> Session(const RetrieveRequest& request, const std::vector<std::string>& syntaxes,
                                           const InstanceCallback& on_instance) {
    if (config_.retrieve_method == RetrieveMethod::kGet)
      return internal::RunGetSession(config_, request, syntaxes, on_instance);
    auto destination = MoveDestination();
    if (!destination.ok()) return destination.status();
    return internal::RunMoveSession(config_, **destination, request, on_instance);
  }

  // Our C-MOVE destination, started at the first move and kept while the
  // client lives (the PACS knows it by AE title, host and port).
  Result<internal::MoveDestination*> MoveDestination() {
    std::lock_guard<std::mutex> lock(move_mutex_);
    if (!move_destination_) {
      auto started = internal::MoveDestination::Start(config_);
      if (!started.ok()) return started.status();
      move_destination_ = std::move(*started);
    }
    return move_destination_.get();
  }

  // Instance-level requests, per series, for what `request` asked for but
  // did not arrive.
  Result<std::vector<RetrieveRequest>> Missing(const RetrieveRequest& request, const std::set<std::string>& delivered);

  PacsConfig config_;
  std::mutex move_mutex_;
  std::unique_ptr<internal::MoveDestination> move_destination_;  // guarded by move_mutex_ until set
};

Result<std::vector<RetrieveRequest>> DcmtkPacsClient::Missing(const RetrieveRequest& request,
                                                              const std::set<std::string>& delivered) {
  std::vector<RetrieveRequest> out;
  auto add = [&](const std::string& series, const std::vector<std::string>& uids) {
    RetrieveRequest r;
    r.level = QueryLevel::kInstance;
    r.study_instance_uid = request.study_instance_uid;
    r.series_instance_uid = series;
    r.sop_class_uids = request.sop_class_uids;
    r.as_files = request.as_files;
    r.files_dir = request.files_dir;
    for (const auto& uid : uids)
      if (!delivered.count(uid)) r.sop_instance_uids.push_back(uid);
    if (!r.sop_instance_uids.empty()) out.push_back(std::move(r));
  };
  if (request.level == QueryLevel::kInstance) {
    add(request.series_instance_uid, request.sop_instance_uids);
    return out;
  }
  std::vector<std::string> series;
  if (request.level == QueryLevel::kSeries) {
    series.push_back(request.series_instance_uid);
  } else {
    auto found = FindSeries(request.study_instance_uid);
    if (!found.ok()) return found.status();
    for (const auto& s : *found) series.push_back(s.series_instance_uid);
  }
  for (const auto& s : series) {
    auto instances = FindInstances(request.study_instance_uid, s);
    if (!instances.ok()) return instances.status();
    std::vector<std::string> uids;
    for (const auto& i : *instances) uids.push_back(i.sop_instance_uid);
    add(s, uids);
  }
  return out;
}

Result<RetrieveSummary> DcmtkPacsClient::Retrieve(const RetrieveRequest& request,
                                                  const InstanceCallback& on_instance) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  auto first = Session(request, internal::DefaultStorageTransferSyntaxes(), on_instance);
  if (!first.ok()) return first.status();
  return Complete(request, std::move(*first), on_instance);
}

Result<RetrieveSummary> DcmtkPacsClient::Complete(const RetrieveRequest& request, internal::SessionOutcome total,
                                                  const InstanceCallback& on_instance) {
  const std::vector<std::string>& all = internal::DefaultStorageTransferSyntaxes();
  if (total.summary.failed == 0) {
    if (total.summary.delivered == 0 && total.summary.completed == 0)
      return Status::NotFound("the PACS holds nothing that matches study " + request.study_instance_uid);
    return total.summary;
  }
  // Some sub-operations failed. A PACS that cannot transcode (dcmqrscp)
  // sends every instance of a SOP class over the first context accepted for
  // that class and fails those stored in another syntax. Ask again for what
  // is missing, offering one transfer syntax at a time so that the PACS's
  // only choice is the stored one (PS3.4 C.4.3.3.1).
  auto missing = Missing(request, total.delivered);
  if (!missing.ok()) return missing.status();
  // With C-MOVE the PACS proposes the syntaxes, not us: asking again
  // changes nothing.
  size_t passes = config_.retrieve_method == RetrieveMethod::kMove ? 1 : all.size();
  for (size_t i = 1; i < passes && !missing->empty(); ++i) {
    std::vector<RetrieveRequest> still;
    for (const auto& r : *missing) {
      auto pass = Session(r, {all[i]}, on_instance);
      if (!pass.ok()) return pass.status();
      total.summary.delivered += pass->summary.delivered;
      total.delivered.insert(pass->delivered.begin(), pass->delivered.end());
      RetrieveRequest left = r;
      left.sop_instance_uids.clear();
      for (const auto& uid : r.sop_instance_uids)
        if (!pass->delivered.count(uid)) left.sop_instance_uids.push_back(uid);
      if (!left.sop_instance_uids.empty()) still.push_back(std::move(left));
    }
    *missing = std::move(still);
  }
  size_t left = 0;
  for (const auto& r : *missing) left += r.sop_instance_uids.size();
  total.summary.completed = total.summary.delivered;
  total.summary.failed = static_cast<int>(left);
  if (total.summary.delivered == 0) return Status::NotFound("the PACS delivered none of what was asked");
  return total.summary;
}

// C-MOVE: one association per fetch (the sub-operations come on the
// PACS's own association to our destination anyway).
class MoveRetrieveSession : public RetrieveSession {
 public:
  explicit MoveRetrieveSession(PacsClient& client) : client_(client) {}
  Result<RetrieveSummary> Fetch(const RetrieveRequest& request, const InstanceCallback& on_instance) override {
    return client_.Retrieve(request, on_instance);
  }

 private:
  PacsClient& client_;
};

// C-GETs on one association; what it cannot deliver goes through
// DcmtkPacsClient::Complete on associations of their own.
class DcmtkRetrieveSession : public RetrieveSession {
 public:
  DcmtkRetrieveSession(DcmtkPacsClient& client, const PacsConfig& config, std::vector<std::string> sop_classes,
                       std::unique_ptr<internal::GetAssociation> association)
      : client_(client), config_(config), sop_classes_(std::move(sop_classes)), association_(std::move(association)) {}

  Result<RetrieveSummary> Fetch(const RetrieveRequest& request, const InstanceCallback& on_instance) override {
    if (!association_->is_open()) {
      // The last C-GET ended the association (see GetAssociation::Get).
      auto reopened = internal::GetAssociation::Open(config_, sop_classes_,
                                                     internal::DefaultStorageTransferSyntaxes());
      if (!reopened.ok()) return reopened.status();
      association_ = std::move(*reopened);
    }
    auto first = association_->Get(request, on_instance);
    if (!first.ok()) return first.status();
    return client_.Complete(request, std::move(*first), on_instance);
  }

 private:
  DcmtkPacsClient& client_;
  const PacsConfig& config_;
  std::vector<std::string> sop_classes_;
  std::unique_ptr<internal::GetAssociation> association_;
};

Result<std::unique_ptr<RetrieveSession>> DcmtkPacsClient::OpenSession(const std::vector<std::string>& sop_classes) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  if (config_.retrieve_method == RetrieveMethod::kMove)
    return std::unique_ptr<RetrieveSession>(new MoveRetrieveSession(*this));
  auto association =
      internal::GetAssociation::Open(config_, sop_classes, internal::DefaultStorageTransferSyntaxes());
  if (!association.ok()) return association.status();
  return std::unique_ptr<RetrieveSession>(new DcmtkRetrieveSession(*this, config_, sop_classes, std::move(*association)));
}

}  // namespace

std::unique_ptr<PacsClient> NewDcmtkPacsClient(PacsConfig config) {
  (void)InitDcmtk();  // TCP_NODELAY before anyone opens an association
  return std::make_unique<DcmtkPacsClient>(std::move(config));
}

Result<StudyTree> FindStudyTree(PacsClient& pacs, const std::string& study_uid) {
  StudyQuery q;
  q.study_instance_uid = study_uid;
  auto studies = pacs.FindStudies(q);
  if (!studies.ok()) return studies.status();
  if (studies->empty()) return Status::NotFound("study " + study_uid + " is not in the PACS");
  StudyTree tree;
  tree.study = studies->front();
  auto series = pacs.FindSeries(study_uid);
  if (!series.ok()) return series.status();
  for (auto& s : *series) {
    auto instances = pacs.FindInstances(study_uid, s.series_instance_uid);
    if (!instances.ok()) return instances.status();
    tree.series.push_back({std::move(s), std::move(*instances)});
  }
  return tree;
}

}  // namespace xds::imaging

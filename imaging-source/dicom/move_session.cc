// C-MOVE retrieval (PS3.4 C.4.2) for a PACS without C-GET: the C-MOVE runs
// on a helper thread, the PACS C-STOREs each instance to our own Storage
// SCP (MoveDestination), and the calling thread hands them to the callback
// as they arrive, so the contract of PacsClient::Retrieve (callback on the
// calling thread, in arrival order) holds as with C-GET.
#include <spdlog/spdlog.h>

#include <thread>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmnet/diutil.h"
#include "dcmtk/dcmnet/scu.h"
#include "imaging-source/dicom/move_destination.h"
#include "imaging-source/dicom/query_keys.h"
#include "imaging-source/dicom/retrieve_session.h"
#include "imaging-source/dicom/scu_session.h"

namespace xds::imaging::internal {
namespace {

struct MoveResult {
  Status status;
  RetrieveSummary summary;
};

// One C-MOVE on an association of its own; blocks until the final response.
MoveResult Move(const PacsConfig& config, const RetrieveRequest& request) {
  MoveResult out;
  Scu scu;
  out.status = scu.Configure(config);
  if (!out.status.ok()) return out;
  OFList<OFString> syntaxes;
  syntaxes.push_back(UID_LittleEndianExplicitTransferSyntax);
  syntaxes.push_back(UID_LittleEndianImplicitTransferSyntax);
  scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel, syntaxes);
  out.status = Connect(scu, config);
  if (!out.status.ok()) return out;
  T_ASC_PresentationContextID pc = scu.findPresentationContextID(UID_MOVEStudyRootQueryRetrieveInformationModel, "");
  if (pc == 0) {
    scu.abortAssociation();
    out.status = Status::Unavailable(Describe(config) + " does not accept Study Root C-MOVE");
    return out;
  }
  DcmDataset keys;
  FillRetrieveKeys(keys, request);
  OFList<RetrieveResponse*> responses;
  OFCondition cond = scu.sendMOVERequest(pc, config.move_destination_ae.c_str(), &keys, &responses);
  if (!responses.empty()) {
    const RetrieveResponse* last = responses.back();
    out.summary.final_status = last->m_status;
    out.summary.completed = last->m_numberOfCompletedSubops;
    out.summary.failed = last->m_numberOfFailedSubops;
    out.summary.warning = last->m_numberOfWarningSubops;
  }
  for (auto* r : responses) delete r;
  if (cond.bad()) {
    scu.abortAssociation();
    out.status = FromCondition(cond, "C-MOVE from " + Describe(config));
    return out;
  }
  // A final status other than Success may carry a Failed SOP Instance UID
  // List (PS3.4 C.4.2.1.3.1) that DcmSCU does not read; abort rather than
  // release an association in an unknown state.
  if (out.summary.final_status == STATUS_Success) scu.releaseAssociation();
  else scu.abortAssociation();
  return out;
}

}  // namespace

Result<SessionOutcome> RunMoveSession(const PacsConfig& config, MoveDestination& destination,
                                      const RetrieveRequest& request, const InstanceCallback& on_instance) {
  auto waiter = destination.Expect(request);
  MoveResult moved;
  std::thread mover([&] {
    moved = Move(config, request);
    waiter->Close();
  });
  SessionOutcome outcome;
  Status stop;
  while (auto instance = waiter->Take()) {
    if (!stop.ok()) continue;
    std::string uid = instance->sop_instance_uid;
    stop = on_instance(std::move(*instance));
    if (!stop.ok()) {
      // The consumer is gone: refuse the rest so the PACS ends the move.
      waiter->Cancel();
      continue;
    }
    outcome.delivered.insert(uid);
    ++outcome.summary.delivered;
  }
  mover.join();
  destination.Release(waiter);
  if (!stop.ok()) return stop;
  if (!moved.status.ok()) return moved.status;
  outcome.summary.final_status = moved.summary.final_status;
  outcome.summary.completed = moved.summary.completed;
  outcome.summary.failed = moved.summary.failed;
  outcome.summary.warning = moved.summary.warning;
  return outcome;
}

}  // namespace xds::imaging::internal

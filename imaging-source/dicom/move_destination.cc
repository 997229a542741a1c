#include "imaging-source/dicom/move_destination.h"

#include <algorithm>
#include <filesystem>

#include "imaging-source/dicom/part10_io.h"

namespace xds::imaging::internal {

bool MoveWaiter::Matches(const RetrievedInstance& in) const {
  if (in.study_instance_uid != request_.study_instance_uid) return false;
  if (request_.level != QueryLevel::kStudy && in.series_instance_uid != request_.series_instance_uid) return false;
  if (request_.level == QueryLevel::kInstance)
    return std::find(request_.sop_instance_uids.begin(), request_.sop_instance_uids.end(), in.sop_instance_uid) !=
           request_.sop_instance_uids.end();
  return true;
}

bool MoveWaiter::Offer(const RetrievedInstance& instance) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return !slot_ || closed_ || cancelled_; });
  if (closed_ || cancelled_ || !seen_.insert(instance.sop_instance_uid).second) return false;
  slot_ = instance;
  changed_.notify_all();
  // Taken (or given up) before the PACS hears back: back-pressure.
  changed_.wait(lock, [&] { return !slot_ || cancelled_; });
  return !cancelled_;
}

std::optional<RetrievedInstance> MoveWaiter::Take() {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return slot_ || closed_; });
  if (!slot_) return std::nullopt;
  std::optional<RetrievedInstance> out = std::move(slot_);
  slot_.reset();
  changed_.notify_all();
  return out;
}

void MoveWaiter::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void MoveWaiter::Cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelled_ = true;
  slot_.reset();
  changed_.notify_all();
}

Result<std::unique_ptr<MoveDestination>> MoveDestination::Start(const PacsConfig& config) {
  std::unique_ptr<MoveDestination> d(new MoveDestination());
  StorageScpConfig scp;
  scp.ae_title = config.move_destination_ae.empty() ? config.calling_ae : config.move_destination_ae;
  scp.port = config.move_port;
  scp.spool_dir = config.spool_dir + "/move-" + std::to_string(config.move_port);
  scp.max_pdu = config.max_pdu;
  scp.acse_timeout_seconds = config.acse_timeout_seconds;
  scp.dimse_timeout_seconds = config.dimse_timeout_seconds;
  scp.tls = config.tls;  // the PACS's C-STOREs come over TLS too
  std::error_code ec;
  std::filesystem::create_directories(scp.spool_dir, ec);
  if (ec) return Status::IoError("cannot create " + scp.spool_dir + ": " + ec.message());
  MoveDestination* self = d.get();
  auto started = StorageScp::Start(scp, [self](StoredInstance&& s) { return self->Deliver(std::move(s)); });
  if (!started.ok()) return started.status();
  d->scp_ = std::move(*started);
  return d;
}

MoveDestination::~MoveDestination() { scp_.reset(); }

std::shared_ptr<MoveWaiter> MoveDestination::Expect(const RetrieveRequest& request) {
  auto waiter = std::make_shared<MoveWaiter>(request);
  std::lock_guard<std::mutex> lock(mutex_);
  waiters_.push_back(waiter);
  return waiter;
}

void MoveDestination::Release(const std::shared_ptr<MoveWaiter>& waiter) {
  waiter->Cancel();
  std::lock_guard<std::mutex> lock(mutex_);
  waiters_.erase(std::remove(waiters_.begin(), waiters_.end(), waiter), waiters_.end());
}

Status MoveDestination::Deliver(StoredInstance&& stored) {
  RetrievedInstance instance;
  if (!ReadFileBytes(stored.path, instance.bytes)) instance.bytes.clear();
  std::error_code ec;
  std::filesystem::remove(stored.path, ec);
  instance.study_instance_uid = stored.study_instance_uid;
  instance.series_instance_uid = stored.series_instance_uid;
  instance.sop_class_uid = stored.sop_class_uid;
  instance.sop_instance_uid = stored.sop_instance_uid;
  instance.transfer_syntax_uid = stored.transfer_syntax_uid;
  std::vector<std::shared_ptr<MoveWaiter>> matching;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& w : waiters_)
      if (w->Matches(instance)) matching.push_back(w);
  }
  bool taken = false;
  for (const auto& w : matching) taken = w->Offer(instance) || taken;
  if (!taken) return Status::NotFound("no retrieval waits for " + instance.sop_instance_uid);
  return Status::Ok();
}

}  // namespace xds::imaging::internal

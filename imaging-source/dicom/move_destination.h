// Internal to imaging-source/dicom: the imaging source's own Storage SCP
// for C-MOVE (PS3.4 C.4.2): the PACS opens a second association to it and
// C-STOREs what a C-MOVE asked for. One destination serves every concurrent
// move of a PacsClient; each move registers a Waiter naming what it asked
// for (study, series, instance UIDs), and each arriving instance goes to
// every waiter it matches (two consumers retrieving the same study each get
// it). An instance nobody waits for is refused (A700).
//
// Hand-over: the SCP thread offers an instance to the waiter and waits
// until the waiter's thread (the one that called Retrieve) has taken it, so
// the PACS is paced by the consumer, as with C-GET. A cancelled waiter
// (its consumer went away) takes nothing more; the rest of its move is
// refused and the PACS ends the move early with failures.
//
// Thread-safe. Limitation: DcmSCP handles one association at a time, so
// concurrent moves are received one after the other.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "imaging-source/dicom/storage_scp.h"

namespace xds::imaging::internal {

class MoveWaiter {
 public:
  explicit MoveWaiter(RetrieveRequest request) : request_(std::move(request)) {}
  bool Matches(const RetrievedInstance& instance) const;
  // SCP thread: blocks until taken; false when the waiter is closed or
  // cancelled (or already had this instance).
  bool Offer(const RetrievedInstance& instance);
  // Consumer thread: the next instance; nullopt once closed and drained.
  std::optional<RetrievedInstance> Take();
  void Close();   // the C-MOVE is over: nothing more will come
  void Cancel();  // the consumer stopped: refuse whatever comes

 private:
  const RetrieveRequest request_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<RetrievedInstance> slot_;
  std::set<std::string> seen_;
  bool closed_ = false;
  bool cancelled_ = false;
};

class MoveDestination {
 public:
  // Listens on config.move_port as config.move_destination_ae.
  static Result<std::unique_ptr<MoveDestination>> Start(const PacsConfig& config);
  ~MoveDestination();

  std::shared_ptr<MoveWaiter> Expect(const RetrieveRequest& request);
  void Release(const std::shared_ptr<MoveWaiter>& waiter);

 private:
  MoveDestination() = default;
  Status Deliver(StoredInstance&& stored);  // SCP thread

  std::mutex mutex_;
  std::vector<std::shared_ptr<MoveWaiter>> waiters_;
  std::unique_ptr<StorageScp> scp_;
};

}  // namespace xds::imaging::internal

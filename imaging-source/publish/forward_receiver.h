// ForwardReceiver: the publishing trigger for a PACS that forwards studies
// to the imaging source (issue 4, "when the PACS sends it"). A Storage SCP
// (dicom/storage_scp.h) takes each instance only to learn which study
// arrived; once a study has been quiet for `quiet_seconds` (no new
// instance), it is published from what the PACS holds (StudyPublisher:
// Original, or RPLC when it was published before) and what was received
// for it is deleted. Nothing received outlives its publication.
//
// Received files wait under incoming/<StudyInstanceUID>/ so that a study
// received but not yet published when the process stops is published after
// a restart (they are the durable record of "this study needs publishing").
// Before publishing, the PACS is asked (C-FIND) whether it holds every
// instance received: a PACS may forward before it has indexed them. After
// kMaxIncompleteChecks quiet periods with instances still missing, the
// study is published as the PACS holds it (the manifest lists only what is
// retrievable).
//
// Thread safety: the SCP thread adds instances, one worker thread
// publishes; both lock one mutex. Public methods are thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/dicom/storage_scp.h"
#include "imaging-source/publish/study_publisher.h"

namespace xds::imaging {

struct ForwardReceiverConfig {
  StorageScpConfig scp;        // scp.spool_dir is set from incoming_dir
  std::string incoming_dir;    // <state_dir>/incoming
  int quiet_seconds = 30;      // a study is complete after this long without a new instance
  int retry_seconds = 60;      // after a failed publication (PACS or repository down)
};

class ForwardReceiver {
 public:
  static constexpr int kMaxIncompleteChecks = 5;

  // `pacs` and `publisher` are borrowed and must outlive the receiver.
  static Result<std::unique_ptr<ForwardReceiver>> Start(const ForwardReceiverConfig& config, PacsClient& pacs,
                                                        StudyPublisher& publisher);
  // Stops the SCP and the worker; studies still waiting stay on disk.
  ~ForwardReceiver();

  // Blocks until no study waits (all published and deleted) or `timeout`
  // passes; true when idle. For tests and orderly shutdown.
  bool WaitUntilIdle(std::chrono::milliseconds timeout);
  size_t waiting_studies() const;
  // Studies published since start (any PublishKind).
  int published_count() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiting {
    std::set<std::string> sop_instance_uids;  // received, in incoming/<study>/
    Clock::time_point due;                    // when to look at it next
    int incomplete_checks = 0;
    uint64_t generation = 0;                  // bumped by every arrival
  };

  ForwardReceiver(ForwardReceiverConfig config, PacsClient& pacs, StudyPublisher& publisher);
  Status Take(StoredInstance&& instance);  // SCP thread
  void Run();                              // worker thread
  enum class Settled { kPublished, kIncomplete, kFailed };
  // Publishes `study` if the PACS has it all; `why` says what stopped it.
  Settled Settle(const std::string& study, const Waiting& snapshot, std::string* why);
  void Forget(const std::string& study, const std::set<std::string>& published_uids);
  void Recover();  // re-queues what an earlier run left in incoming/

  const ForwardReceiverConfig config_;
  PacsClient& pacs_;
  StudyPublisher& publisher_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;  // an arrival or stop
  std::condition_variable idle_;  // waiting_ became empty
  std::map<std::string, Waiting> waiting_;
  bool stop_ = false;
  int published_ = 0;
  std::thread worker_;
  std::unique_ptr<StorageScp> scp_;  // last: stopped first
};

}  // namespace xds::imaging

#include "imaging-source/publish/forward_receiver.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "imaging-source/manifest/study_manifest.h"

namespace fs = std::filesystem;

namespace xds::imaging {
namespace {

bool IsUid(const std::string& s) {
  return !s.empty() && s.size() <= 64 && s.find_first_not_of("0123456789.") == std::string::npos;
}

}  // namespace

ForwardReceiver::ForwardReceiver(ForwardReceiverConfig config, PacsClient& pacs, StudyPublisher& publisher)
    : config_(std::move(config)), pacs_(pacs), publisher_(publisher) {}

Result<std::unique_ptr<ForwardReceiver>> ForwardReceiver::Start(const ForwardReceiverConfig& config,
                                                                PacsClient& pacs, StudyPublisher& publisher) {
  ForwardReceiverConfig c = config;
  // Received files land in incoming/.spool and are renamed into their
  // study's folder: one file system, so taking an instance is a rename.
  c.scp.spool_dir = c.incoming_dir + "/.spool";
  std::error_code ec;
  fs::remove_all(c.scp.spool_dir, ec);  // half-received files of an earlier run
  fs::create_directories(c.scp.spool_dir, ec);
  if (ec) return Status::IoError("cannot create " + c.scp.spool_dir + ": " + ec.message());
  std::unique_ptr<ForwardReceiver> r(new ForwardReceiver(c, pacs, publisher));
  r->Recover();
  ForwardReceiver* self = r.get();
  auto scp = StorageScp::Start(c.scp, [self](StoredInstance&& in) { return self->Take(std::move(in)); });
  if (!scp.ok()) return scp.status();
  r->scp_ = std::move(*scp);
  r->worker_ = std::thread([self] { self->Run(); });
  spdlog::info("C-STORE receiver {} on port {}: publishes a study {} s after its last instance",
               c.scp.ae_title, c.scp.port, c.quiet_seconds);
  return r;
}

ForwardReceiver::~ForwardReceiver() {
  scp_.reset();  // no more arrivals
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void ForwardReceiver::Recover() {
  std::error_code ec;
  for (const auto& dir : fs::directory_iterator(config_.incoming_dir, ec)) {
    std::string study = dir.path().filename().string();
    if (!dir.is_directory() || !IsUid(study)) continue;
    Waiting w;
    for (const auto& f : fs::directory_iterator(dir.path(), ec))
      if (f.is_regular_file()) w.sop_instance_uids.insert(f.path().stem().string());
    if (w.sop_instance_uids.empty()) {
      fs::remove_all(dir.path(), ec);
      continue;
    }
    w.due = Clock::now() + std::chrono::seconds(config_.quiet_seconds);
    spdlog::info("C-STORE receiver: study {} ({} instances) received before a restart, to publish",
                 study, w.sop_instance_uids.size());
    waiting_[study] = std::move(w);
  }
}

Status ForwardReceiver::Take(StoredInstance&& in) {
  // Both UIDs become path components: nothing but UID characters.
  if (!IsUid(in.study_instance_uid) || !IsUid(in.sop_instance_uid))
    return Status::InvalidArgument("instance without valid Study / SOP Instance UIDs");
  fs::path dir = fs::path(config_.incoming_dir) / in.study_instance_uid;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!ec) fs::rename(in.path, dir / (in.sop_instance_uid + ".dcm"), ec);
  if (ec) return Status::IoError("cannot keep a received instance: " + ec.message());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    Waiting& w = waiting_[in.study_instance_uid];
    w.sop_instance_uids.insert(in.sop_instance_uid);
    w.due = Clock::now() + std::chrono::seconds(config_.quiet_seconds);
    w.incomplete_checks = 0;
    ++w.generation;
  }
  wake_.notify_all();
  return Status::Ok();
}

ForwardReceiver::Settled ForwardReceiver::Settle(const std::string& study, const Waiting& snapshot, std::string* why) {
  if (snapshot.incomplete_checks < kMaxIncompleteChecks) {
    auto tree = FindStudyTree(pacs_, study);
    if (!tree.ok()) {
      *why = tree.status().ToString();
      return Settled::kFailed;
    }
    std::set<std::string> held;
    for (const auto& s : tree->series)
      for (const auto& i : s.instances) held.insert(i.sop_instance_uid);
    size_t missing = 0;
    for (const auto& uid : snapshot.sop_instance_uids) missing += held.count(uid) == 0;
    if (missing > 0) {
      *why = std::to_string(missing) + " received instances are not in the PACS yet";
      return Settled::kIncomplete;
    }
  }
  auto outcome = publisher_.Publish(study);
  if (!outcome.ok()) {
    *why = outcome.status().ToString();
    return Settled::kFailed;
  }
  return Settled::kPublished;
}

void ForwardReceiver::Forget(const std::string& study, const std::set<std::string>& published_uids) {
  // What was published is deleted; instances that arrived meanwhile stay
  // and bring the study back after another quiet period.
  fs::path dir = fs::path(config_.incoming_dir) / study;
  std::error_code ec;
  for (const auto& uid : published_uids) fs::remove(dir / (uid + ".dcm"), ec);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = waiting_.find(study);
  if (it != waiting_.end()) {
    for (const auto& uid : published_uids) it->second.sop_instance_uids.erase(uid);
    if (it->second.sop_instance_uids.empty()) {
      fs::remove(dir, ec);
      waiting_.erase(it);
    }
  }
  ++published_;
  if (waiting_.empty()) idle_.notify_all();
}

void ForwardReceiver::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    // The study due first, if any is due now.
    auto next = Clock::time_point::max();
    std::string due_study;
    for (const auto& [study, w] : waiting_) {
      if (w.due <= Clock::now()) {
        due_study = study;
        break;
      }
      next = std::min(next, w.due);
    }
    if (due_study.empty()) {
      if (next == Clock::time_point::max()) wake_.wait(lock);
      else wake_.wait_until(lock, next);
      continue;
    }
    Waiting snapshot = waiting_[due_study];
    lock.unlock();
    std::string why;
    Settled settled = Settle(due_study, snapshot, &why);
    bool done = settled == Settled::kPublished;
    if (done) Forget(due_study, snapshot.sop_instance_uids);
    lock.lock();
    if (done) continue;
    auto it = waiting_.find(due_study);
    if (it == waiting_.end() || it->second.generation != snapshot.generation) continue;  // new arrivals reset it
    bool incomplete = settled == Settled::kIncomplete;
    if (incomplete) ++it->second.incomplete_checks;
    it->second.due = Clock::now() + std::chrono::seconds(incomplete ? config_.quiet_seconds : config_.retry_seconds);
    spdlog::warn("C-STORE receiver: study {} not published yet: {}", due_study, why);
  }
}

bool ForwardReceiver::WaitUntilIdle(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return waiting_.empty(); });
}

size_t ForwardReceiver::waiting_studies() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_.size();
}

int ForwardReceiver::published_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return published_;
}

}  // namespace xds::imaging

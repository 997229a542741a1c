#include "imaging-source/publish/pacs_poller.h"

#include <spdlog/spdlog.h>

#include <ctime>

namespace xds::imaging {
namespace {

// DA (YYYYMMDD) minus `days`, in local time.
std::string DateMinusDays(const std::string& da, int days) {
  std::tm tm{};
  if (da.size() != 8) return LocalDateMinusDays(days);
  tm.tm_year = std::stoi(da.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(da.substr(4, 2)) - 1;
  tm.tm_mday = std::stoi(da.substr(6, 2)) - days;
  tm.tm_hour = 12;  // away from DST edges
  std::mktime(&tm);  // normalises the day
  char out[9];
  std::strftime(out, sizeof out, "%Y%m%d", &tm);
  return out;
}

}  // namespace

std::string LocalDateMinusDays(int days) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char today[9];
  std::strftime(today, sizeof today, "%Y%m%d", &tm);
  return days == 0 ? std::string(today) : DateMinusDays(today, days);
}

PacsPoller::PacsPoller(PacsClient& pacs, StudyPublisher& publisher, PublicationLog& log, PollConfig config)
    : pacs_(pacs), publisher_(publisher), log_(log), config_(config) {
  if (config_.interval_seconds > 0) thread_ = std::thread([this] { Run(); });
}

PacsPoller::~PacsPoller() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<PollSummary> PacsPoller::PollOnce() {
  std::lock_guard<std::mutex> poll_lock(poll_mutex_);
  // The date is taken before the query, so a study dated today that lands
  // during this poll is inside the next poll's window too.
  const std::string today = LocalDateMinusDays(0);
  auto last = log_.GetState(kLastPollKey);
  if (!last.ok()) return last.status();
  PollSummary summary;
  summary.date_from = last->empty() ? LocalDateMinusDays(config_.lookback_days)
                                    : DateMinusDays(*last, config_.lookback_days);
  StudyQuery query;
  query.study_date_from = summary.date_from;
  auto studies = pacs_.FindStudies(query);
  if (!studies.ok()) return studies.status();
  summary.studies_found = static_cast<int>(studies->size());
  for (const auto& study : *studies) {
    auto outcome = publisher_.Publish(study.study_instance_uid);
    if (!outcome.ok()) {
      // Tried again by the next poll: its window still holds the study.
      ++summary.failed;
      spdlog::warn("PACS poll: study {}: {}", study.study_instance_uid, outcome.status().ToString());
    } else if (outcome->kind == PublishKind::kUnchanged) {
      ++summary.unchanged;
    } else {
      ++summary.published;
    }
  }
  XDS_RETURN_IF_ERROR(log_.SetState(kLastPollKey, today));
  spdlog::info("PACS poll from {}: {} studies, {} published, {} unchanged, {} failed", summary.date_from,
               summary.studies_found, summary.published, summary.unchanged, summary.failed);
  return summary;
}

void PacsPoller::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    if (changed_.wait_for(lock, std::chrono::seconds(config_.interval_seconds), [this] { return stop_; })) break;
    lock.unlock();
    auto summary = PollOnce();
    if (!summary.ok()) spdlog::warn("PACS poll failed: {}", summary.status().ToString());
    lock.lock();
    ++completed_;
    changed_.notify_all();
  }
}

int PacsPoller::completed_polls() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_;
}

bool PacsPoller::WaitForPolls(int n, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return completed_ >= n; });
}

}  // namespace xds::imaging

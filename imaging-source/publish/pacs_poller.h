// PacsPoller: the periodic publishing trigger (issue 4, "a periodic query
// for new studies"). Every `interval_seconds` it asks the PACS for studies
// by Study Date (STUDY-level C-FIND with a date range, PS3.4 C.2.2.2.5):
// from the date of the last poll, less `lookback_days` for studies that
// reach the PACS late, to open end. Each study found goes to the
// StudyPublisher, which sends nothing for a study whose manifest is current
// (PublishKind::kUnchanged), an Original for a new one and an RPLC for one
// that grew. The date of the last completed poll is kept in the
// PublicationLog, so a restart continues where it stopped.
//
// C-FIND matches Study Date, not arrival time: a study dated before the
// window that reaches the PACS later is found only by a longer lookback or
// by the other triggers.
//
// Thread safety: PollOnce may run from any thread; polls are serialised.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/publish/study_publisher.h"
#include "imaging-source/store/publication_log.h"

namespace xds::imaging {

struct PollConfig {
  int interval_seconds = 0;  // 0: no periodic poll (PollOnce still works)
  int lookback_days = 1;
};

struct PollSummary {
  std::string date_from;  // DA the C-FIND matched from
  int studies_found = 0;
  int published = 0;      // Original or replaced
  int unchanged = 0;
  int failed = 0;
};

class PacsPoller {
 public:
  // Borrowed collaborators must outlive the poller. With interval_seconds
  // > 0 a thread polls: first after one interval.
  PacsPoller(PacsClient& pacs, StudyPublisher& publisher, PublicationLog& log, PollConfig config);
  ~PacsPoller();

  // One poll, now. Unavailable when the PACS cannot be queried (the last
  // poll date is then left as it was).
  Result<PollSummary> PollOnce();
  // Polls completed by the thread (for tests and status).
  int completed_polls() const;
  // Blocks until `n` polls have completed or `timeout` passed.
  bool WaitForPolls(int n, std::chrono::milliseconds timeout);

  static constexpr char kLastPollKey[] = "poll.last_date";

 private:
  void Run();

  PacsClient& pacs_;
  StudyPublisher& publisher_;
  PublicationLog& log_;
  const PollConfig config_;
  std::mutex poll_mutex_;  // one poll at a time
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stop_ = false;
  int completed_ = 0;
  std::thread thread_;
};

// Today's date in local time, minus `days`, as DICOM DA (YYYYMMDD).
std::string LocalDateMinusDays(int days);

}  // namespace xds::imaging

// PublicationLog: what the imaging source has published, one row per study:
// the entryUUID and uniqueId of the study's current manifest and a
// fingerprint of the instances it lists. It is what makes a study that
// gains series get a replacement manifest (RPLC, ITI TF-3 4.2.2.2.3; RAD TF
// lifecycle, xds-i.md §3) instead of a second Original, and what lets a
// repeated publish of an unchanged study send nothing.
//
// Crash safety: the entryUUID of a submission is recorded as `pending`
// before the RAD-68 request leaves (SQLite WAL, synchronous=FULL), and made
// current after the repository's Success. A crash in between leaves the
// pending UUID, which the next publish of the study tries to replace first
// (it may or may not have been registered).
//
// Also a small key/value table for the other durable bits of the imaging
// source (the PACS poll's last date).
//
// Thread-safe: one connection behind a mutex (publishing is rare and short).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "wire/base/status.h"

namespace xds::imaging {

struct Publication {
  std::string study_instance_uid;
  std::string entry_uuid;          // current manifest's DocumentEntry entryUUID (may be empty: only pending)
  std::string document_unique_id;  // its uniqueId = the KOS SOP Instance UID
  std::string fingerprint;         // SHA-1 over the sorted series/instance UIDs
  int64_t series_count = 0;
  int64_t instance_count = 0;
  int64_t published_at = 0;        // Unix seconds
  std::string pending_entry_uuid;  // sent, not yet confirmed (see header)
};

class PublicationLog {
 public:
  // Opens (creating if needed) the log at `path` (its folder must exist).
  static Result<std::unique_ptr<PublicationLog>> Open(const std::string& path);
  ~PublicationLog();

  // The row of a study, nullopt when it was never published.
  Result<std::optional<Publication>> Find(const std::string& study_uid);
  // Records that a submission with `entry_uuid` is about to be sent.
  Status MarkPending(const std::string& study_uid, const std::string& entry_uuid);
  // Records a confirmed publication (clears the pending UUID).
  Status Confirm(const Publication& publication);
  // Forgets a pending UUID the registry never took (the submission failed).
  Status ClearPending(const std::string& study_uid);

  // Small named values other parts keep durably (the PACS poll's last
  // date). Empty when never set.
  Result<std::string> GetState(const std::string& key);
  Status SetState(const std::string& key, const std::string& value);

 private:
  PublicationLog();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds::imaging

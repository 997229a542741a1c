// DocumentStore: the repository's documents on disk. A folder holds
//   index.db            the DocumentIndex (SQLite)
//   incoming/           uploads being received (spool; emptied at start)
//   documents/xx/<id>   one file per document, never rewritten
// `incoming` and `documents` share one file system, so keeping an upload is
// a rename, not a copy.
//
// Writes follow one order, so that a crash at any point leaves no document
// that is registered but missing, and nothing visible that was not
// acknowledged: bytes fsynced and renamed into documents/ → rows added as
// pending (fsynced) → registry asked → rows published (fsynced) → answer.
//
// Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "repository/store/document_index.h"
#include "wire/base/file_source.h"
#include "wire/base/status.h"
#include "wire/mime/received_part.h"

namespace xds::repository {

// A document about to be kept: its bytes, and what the index records.
struct NewDocument {
  std::string unique_id;
  std::string mime_type;
  mime::ReceivedPart* part = nullptr;  // bytes from the request (spool or memory)
};

class DocumentStore {
 public:
  // Opens (creating if needed) the store in `root`. Removes what an earlier
  // run left in incoming/ and document files no row refers to (a crash
  // between the rename and the index insert).
  static Result<std::unique_ptr<DocumentStore>> Open(const std::string& root);

  const std::string& root() const { return root_; }
  std::string spool_directory() const { return root_ + "/incoming"; }

  // Makes every document durable under documents/ and indexes them as
  // pending under `submission`, all or none. AlreadyExists (naming the
  // uniqueId) when one is already held.
  Status KeepPending(const std::string& submission, std::vector<NewDocument>& documents);
  Status Publish(const std::string& submission);
  // Removes the documents of a submission, rows then files.
  Status Discard(const std::string& submission);
  // Deletes one available document (ITI-86): its row (fsynced), then its
  // file; a crash in between leaves a file the next start sweeps away.
  // False when no available document has that uniqueId.
  Result<bool> Remove(const std::string& unique_id);

  // An available document and its open file; nullopt when it is unknown or
  // still pending.
  struct Retrieved {
    IndexedDocument entry;
    std::shared_ptr<FileSource> file;
  };
  Result<std::optional<Retrieved>> OpenAvailable(const std::string& unique_id);

  DocumentIndex& index() { return *index_; }

 private:
  DocumentStore(std::string root, std::unique_ptr<DocumentIndex> index)
      : root_(std::move(root)), index_(std::move(index)) {}
  Status SweepOrphans();

  std::string root_;
  std::unique_ptr<DocumentIndex> index_;
};

}  // namespace xds::repository

// DocumentIndex: which documents the repository holds, where their bytes
// are, and whether they may be retrieved yet (schemas/sql/repository_001_init.sql).
// The only file of the repository that knows SQL is its implementation,
// sqlite_document_index.cc.
//
// Thread-safe: one SQLite connection behind a mutex. Every write is one
// transaction, fsynced before it returns (synchronous=FULL): a document
// the repository acknowledged survives a power cut.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::repository {

struct IndexedDocument {
  std::string unique_id;
  std::string file;  // relative to the store root
  std::string mime_type;
  uint64_t size = 0;
  std::string sha1;
  bool available = false;
  std::string submission;
  int64_t stored_at = 0;
};

class DocumentIndex {
 public:
  static Result<std::unique_ptr<DocumentIndex>> Open(const std::string& path);
  ~DocumentIndex();

  // Adds the documents of one submission as pending, all or none.
  // AlreadyExists naming the uniqueId when one is already indexed.
  Status AddPending(const std::vector<IndexedDocument>& documents);
  // Makes every document of `submission` available.
  Status Publish(const std::string& submission);
  // Removes the rows of `submission`; returns their files (for deletion).
  Result<std::vector<std::string>> Remove(const std::string& submission);
  // Removes the row of one available document (ITI-86); returns its file,
  // or nullopt when no available document has that uniqueId.
  Result<std::optional<std::string>> RemoveAvailable(const std::string& unique_id);

  Result<std::optional<IndexedDocument>> Find(const std::string& unique_id);
  // Pending documents stored before `before` (Unix seconds), by submission.
  Result<std::vector<IndexedDocument>> PendingBefore(int64_t before);
  // Every file the index refers to (for the orphan sweep at start).
  Result<std::vector<std::string>> AllFiles();

 private:
  struct Impl;
  explicit DocumentIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds::repository

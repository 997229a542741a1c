// AuditSpool: the audit records not yet delivered to the Audit Record
// Repository, one file each in a directory, named by a sequence number so
// that they go out in the order they were made. ITI-20 wants records kept
// while the repository cannot be reached; these survive a restart of the
// node too (each file is fsynced before it counts as spooled).
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::audit {

class AuditSpool {
 public:
  // Creates `directory` when missing; continues the numbering of the files
  // already there (left by an earlier run).
  static Result<std::unique_ptr<AuditSpool>> Open(const std::string& directory);

  // Stores one message durably.
  Status Append(const std::string& message);
  // The spooled messages' paths, oldest first (at most `limit`).
  std::vector<std::string> Oldest(size_t limit) const;
  Result<std::string> Read(const std::string& path) const;
  // Forgets a message once it has been delivered.
  Status Remove(const std::string& path);
  size_t Count() const;

 private:
  explicit AuditSpool(std::string directory, uint64_t next) : directory_(std::move(directory)), next_(next) {}
  std::string directory_;
  mutable std::mutex mutex_;
  uint64_t next_;  // guarded by mutex_
};

}  // namespace xds::audit

// FileSource: an open file read out in chunks, for answers that stream a
// stored document to a client (ITI-43, WADO). The file is opened when the
// answer is prepared, so a document removed while the answer waits for its
// turn is still sent whole. Not thread-safe; one reader at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "wire/base/status.h"

namespace xds {

class FileSource {
 public:
  static Result<std::shared_ptr<FileSource>> Open(const std::string& path);
  ~FileSource();
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  uint64_t size() const { return size_; }
  // Writes the whole file from its start into `sink`, in chunks; false when
  // the sink refused or the file could not be read.
  bool WriteTo(const std::function<bool(std::string_view)>& sink);

 private:
  FileSource(int fd, uint64_t size, std::string path) : fd_(fd), size_(size), path_(std::move(path)) {}
  int fd_;
  uint64_t size_;
  std::string path_;
};

}  // namespace xds

// Durable file operations: what "an acknowledged document survives a crash
// or a power cut" needs from the file system (POSIX). A file is written in
// full, fsynced, then renamed into place, and the directory that holds the
// new name is fsynced too; readers never see a partial file under its final
// name.
//
// Stateless functions, safe from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "wire/base/status.h"

namespace xds {

// An open file being written, closed (and removed, unless Commit succeeded)
// when destroyed. Move-only.
class FileWriter {
 public:
  // Creates `path` exclusively (it must not exist) with mode 0640.
  static Result<FileWriter> Create(const std::string& path);
  FileWriter(FileWriter&& other) noexcept;
  FileWriter& operator=(FileWriter&& other) noexcept;
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  ~FileWriter();

  Status Write(std::string_view bytes);
  // fsync, close, rename to `final_path` (replacing it), fsync its directory.
  Status CommitAs(const std::string& final_path);
  // fsync and close, keeping the file under its current name.
  Status Close();
  // Close without fsync and keep the file: its new owner decides when it
  // must be durable (a spooled upload is not acknowledged yet).
  void Release();
  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }

 private:
  FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  void Discard();
  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;
  bool keep_ = false;
};

// Renames `from` to `to` and fsyncs the directory of `to` (and of `from`
// when it differs). Both must be on one file system.
Status RenameDurably(const std::string& from, const std::string& to);

// fsyncs the file at `path` (its data and size).
Status SyncFile(const std::string& path);

// fsyncs a directory, so that names created or removed in it persist.
Status SyncDirectory(const std::string& dir);

// Creates `dir` and its parents (mode 0750) when missing.
Status MakeDirectories(const std::string& dir);

// Removes a file; a missing file is not an error.
Status RemoveFile(const std::string& path);

// The directory part of `path` ("." when it has none).
std::string DirectoryOf(const std::string& path);

}  // namespace xds

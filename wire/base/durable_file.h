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
//
// Writes are gathered into a buffer of kBufferBytes and reach the file in
// larger pieces: received attachments arrive in 4 KiB reads, and one
// write(2) per 4 KiB costs ext4 about twice the CPU of 16 KiB writes. Not
// larger: on kernel 6.18 a write of 32 KiB or more gets page-cache folios of
// that order, and on the development VM those come from memory handed back
// to the hypervisor, so once a few hundred MB have been written each new
// page faults in the host (measured with dd: 100 MB in 64 KiB writes, 0.20 s
// of system time; in 16 KiB writes, 0.03 s, steadily). Bytes still in the
// buffer are written by Flush, Close, CommitAs and Release; size() counts
// them.
class FileWriter {
 public:
  static constexpr size_t kBufferBytes = 16 * 1024;

  // Creates `path` exclusively (it must not exist) with mode 0640.
  static Result<FileWriter> Create(const std::string& path);
  FileWriter(FileWriter&& other) noexcept;
  FileWriter& operator=(FileWriter&& other) noexcept;
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;
  ~FileWriter();

  // Write-behind: from now on, each time `every_bytes` more bytes reached
  // the file, ask the kernel to start writing them to disk
  // (sync_file_range, without waiting). Nothing is durable until an fsync,
  // but the fsync that follows a large write then finds most pages already
  // on disk instead of writing them all while the caller waits. For files
  // that will be fsynced; 0 turns it off.
  void WriteBehind(uint64_t every_bytes) { write_behind_ = every_bytes; }

  Status Write(std::string_view bytes);
  // Hands the buffered bytes to the file (no fsync).
  Status Flush();
  // fsync, close, rename to `final_path` (replacing it), fsync its directory.
  Status CommitAs(const std::string& final_path);
  // fsync and close, keeping the file under its current name.
  Status Close();
  // Flush and close without fsync, and keep the file: its new owner decides
  // when it must be durable (a spooled upload is not acknowledged yet). The
  // file is kept even when the flush fails, which the Status reports.
  Status Release();
  const std::string& path() const { return path_; }
  uint64_t size() const { return size_; }

 private:
  FileWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Status WriteOut(std::string_view bytes);
  void Discard();
  int fd_ = -1;
  std::string path_;
  uint64_t size_ = 0;     // bytes accepted, buffered ones included
  uint64_t written_ = 0;  // bytes handed to the file
  uint64_t write_behind_ = 0;
  uint64_t behind_from_ = 0;  // first byte not yet sent to disk by write-behind
  std::string buffer_;
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

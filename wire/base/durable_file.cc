#include "wire/base/durable_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

namespace xds {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return Status::IoError(std::string(what) + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<FileWriter> FileWriter::Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return Errno("cannot create", path);
  return FileWriter(fd, path);
}

FileWriter::FileWriter(FileWriter&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      size_(other.size_),
      written_(other.written_),
      write_behind_(other.write_behind_),
      behind_from_(other.behind_from_),
      buffer_(std::move(other.buffer_)),
      keep_(std::exchange(other.keep_, true)) {}

FileWriter& FileWriter::operator=(FileWriter&& other) noexcept {
  if (this != &other) {
    Discard();
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    size_ = other.size_;
    written_ = other.written_;
    write_behind_ = other.write_behind_;
    behind_from_ = other.behind_from_;
    buffer_ = std::move(other.buffer_);
    keep_ = std::exchange(other.keep_, true);
  }
  return *this;
}

FileWriter::~FileWriter() { Discard(); }

void FileWriter::Discard() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  std::string().swap(buffer_);
  if (!keep_ && !path_.empty()) ::unlink(path_.c_str());
  keep_ = true;
}

Status FileWriter::Write(std::string_view bytes) {
  if (fd_ < 0) return Status::Internal("write to a closed file " + path_);
  size_ += bytes.size();
  if (!buffer_.empty()) {
    const size_t take = std::min(bytes.size(), kBufferBytes - buffer_.size());
    buffer_.append(bytes.data(), take);
    bytes.remove_prefix(take);
    if (buffer_.size() < kBufferBytes) return Status::Ok();
    XDS_RETURN_IF_ERROR(Flush());
  }
  // A piece as large as the buffer goes straight to the file: copying it
  // first would gain nothing.
  if (bytes.size() >= kBufferBytes) return WriteOut(bytes);
  if (!bytes.empty()) {
    if (buffer_.capacity() < kBufferBytes) buffer_.reserve(kBufferBytes);
    buffer_.append(bytes);
  }
  return Status::Ok();
}

Status FileWriter::Flush() {
  if (fd_ < 0) return Status::Internal("flush of a closed file " + path_);
  if (buffer_.empty()) return Status::Ok();
  Status s = WriteOut(buffer_);
  buffer_.clear();
  return s;
}

Status FileWriter::WriteOut(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path_);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
    written_ += static_cast<uint64_t>(n);
  }
  if (write_behind_ && written_ - behind_from_ >= write_behind_) {
    // Starts writeback of the range and returns without waiting for it.
    // Advisory: a failure shows at the fsync that must follow anyway.
    ::sync_file_range(fd_, static_cast<off_t>(behind_from_), static_cast<off_t>(written_ - behind_from_),
                      SYNC_FILE_RANGE_WRITE);
    behind_from_ = written_;
  }
  return Status::Ok();
}

Status FileWriter::Close() {
  if (fd_ < 0) return Status::Internal("file already closed: " + path_);
  XDS_RETURN_IF_ERROR(Flush());
  std::string().swap(buffer_);
  if (::fsync(fd_) != 0) return Errno("cannot fsync", path_);
  int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return Errno("cannot close", path_);
  keep_ = true;
  return Status::Ok();
}

Status FileWriter::Release() {
  Status flushed = fd_ >= 0 ? Flush() : Status::Ok();
  std::string().swap(buffer_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  keep_ = true;
  return flushed;
}

Status FileWriter::CommitAs(const std::string& final_path) {
  XDS_RETURN_IF_ERROR(Close());
  Status renamed = RenameDurably(path_, final_path);
  if (!renamed.ok()) {
    ::unlink(path_.c_str());
    return renamed;
  }
  path_ = final_path;
  return Status::Ok();
}

Status RenameDurably(const std::string& from, const std::string& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return Errno("cannot rename " + from + " to", to);
  XDS_RETURN_IF_ERROR(SyncDirectory(DirectoryOf(to)));
  if (DirectoryOf(from) != DirectoryOf(to)) XDS_RETURN_IF_ERROR(SyncDirectory(DirectoryOf(from)));
  return Status::Ok();
}

Status SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot fsync", path);
}

Status SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open directory", dir);
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("cannot fsync directory", dir);
}

Status MakeDirectories(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::Internal("cannot create directory " + dir + ": " + ec.message());
  return Status::Ok();
}

Status RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("cannot remove", path);
  return Status::Ok();
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace xds

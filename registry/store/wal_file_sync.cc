#include "registry/store/wal_file_sync.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace xds::registry {

WalFileSync::~WalFileSync() {
  if (fd_ >= 0) ::close(fd_);
  for (int fd : retired_) ::close(fd);
}

Result<int> WalFileSync::Descriptor() {
  std::lock_guard<std::mutex> lock(mutex_);
  // SQLite keeps one WAL file while any connection is open, but a file
  // deleted and created again under the same name would leave an old
  // descriptor syncing nothing: compare inodes (one stat per batch).
  struct stat on_disk {};
  if (::stat(wal_path_.c_str(), &on_disk) != 0)
    return Status::IoError("stat " + wal_path_ + ": " + std::strerror(errno));
  if (fd_ >= 0 && on_disk.st_ino == ino_) return fd_;
  int fd = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("open " + wal_path_ + ": " + std::strerror(errno));
  // Another leader may be syncing the old descriptor right now: closing it
  // could hand its number to an unrelated file. It is kept until the end.
  if (fd_ >= 0) retired_.push_back(fd_);
  fd_ = fd;
  ino_ = static_cast<unsigned long>(on_disk.st_ino);
  return fd_;
}

Status WalFileSync::Sync() {
  auto fd = Descriptor();
  if (!fd.ok()) return fd.status();
  if (::fdatasync(*fd) == 0) return Status::Ok();
  return Status::IoError("fdatasync " + wal_path_ + ": " + std::strerror(errno));
}

}  // namespace xds::registry

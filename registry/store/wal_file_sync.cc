#include "registry/store/wal_file_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace xds::registry {

Result<std::unique_ptr<WalFileSync>> WalFileSync::Open(const std::string& wal_path) {
  int fd = ::open(wal_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("open " + wal_path + ": " + std::strerror(errno));
  return std::unique_ptr<WalFileSync>(new WalFileSync(wal_path, fd));
}

WalFileSync::~WalFileSync() { ::close(fd_); }

Status WalFileSync::Sync() {
  if (::fdatasync(fd_) == 0) return Status::Ok();
  return Status::IoError("fdatasync " + wal_path_ + ": " + std::strerror(errno));
}

}  // namespace xds::registry

#include "wire/base/file_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <algorithm>
#include <memory>

namespace xds {
namespace {

// Large enough that syscalls stay a small share of a 100 MB transfer.
constexpr size_t kChunk = 512 * 1024;

}  // namespace

Result<std::shared_ptr<FileSource>> FileSource::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IoError("cannot stat " + path + ": " + std::strerror(errno));
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::shared_ptr<FileSource>(new FileSource(fd, static_cast<uint64_t>(st.st_size), path));
}

FileSource::~FileSource() { ::close(fd_); }

bool FileSource::WriteTo(const std::function<bool(std::string_view)>& sink) {
  // Not zero-filled (for_overwrite), and no larger than the file: a small
  // document does not pay for touching half a megabyte of fresh memory.
  const size_t capacity = static_cast<size_t>(std::clamp<uint64_t>(size_, 1, kChunk));
  auto buffer = std::make_unique_for_overwrite<char[]>(capacity);
  off_t offset = 0;
  for (;;) {
    ssize_t n = ::pread(fd_, buffer.get(), capacity, offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return static_cast<uint64_t>(offset) == size_;
    if (!sink(std::string_view(buffer.get(), static_cast<size_t>(n)))) return false;
    offset += n;
  }
}

}  // namespace xds

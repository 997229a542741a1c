#include "imaging-source/cache/instance_cache.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace xds::imaging {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[] = "XDSI-CACHE 1\n";
constexpr size_t kMaxHeaderBytes = 1024;
constexpr size_t kReadChunk = 64 * 1024;
constexpr char kSuffix[] = ".dcm";

// A UID is digits and dots (PS3.5 9.1), at most 64 characters. Only such
// names become file names, so no request can name a path outside the folder.
bool IsUid(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string Header(const CachedInstanceInfo& i) {
  return std::string(kMagic) + "study=" + i.study_instance_uid + "\nseries=" + i.series_instance_uid +
         "\nclass=" + i.sop_class_uid + "\ninstance=" + i.sop_instance_uid + "\nts=" + i.transfer_syntax_uid + "\n\n";
}

// Parses our header at the start of `text`; the offset of the Part 10 bytes
// (0 when `text` does not start with a complete, valid header).
size_t ParseHeader(std::string_view text, CachedInstanceInfo& info) {
  if (text.substr(0, sizeof(kMagic) - 1) != kMagic) return 0;
  size_t end = text.find("\n\n");
  if (end == std::string_view::npos) return 0;
  std::string_view body = text.substr(sizeof(kMagic) - 1, end + 1 - (sizeof(kMagic) - 1));
  while (!body.empty()) {
    size_t nl = body.find('\n');
    std::string_view line = body.substr(0, nl);
    body.remove_prefix(nl + 1);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return 0;
    std::string_view key = line.substr(0, eq);
    std::string value(line.substr(eq + 1));
    if (key == "study") info.study_instance_uid = value;
    else if (key == "series") info.series_instance_uid = value;
    else if (key == "class") info.sop_class_uid = value;
    else if (key == "instance") info.sop_instance_uid = value;
    else if (key == "ts") info.transfer_syntax_uid = value;
  }
  return IsUid(info.sop_instance_uid) ? end + 2 : 0;
}

// In 16 KiB pieces: on the development VM, page-cache writes of 32 KiB or
// more cost several times the system time (bench/README.md, repository).
constexpr size_t kWritePiece = 16 * 1024;

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), std::min(bytes.size(), kWritePiece));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

}  // namespace

// ---- CachedInstance ----

CachedInstance::CachedInstance(CachedInstanceInfo info, int fd, uint64_t data_offset)
    : info_(std::move(info)), fd_(fd), data_offset_(data_offset) {}

CachedInstance::CachedInstance(CachedInstance&& other) noexcept
    : info_(std::move(other.info_)), fd_(other.fd_), data_offset_(other.data_offset_) {
  other.fd_ = -1;
}

CachedInstance& CachedInstance::operator=(CachedInstance&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    info_ = std::move(other.info_);
    fd_ = other.fd_;
    data_offset_ = other.data_offset_;
    other.fd_ = -1;
  }
  return *this;
}

CachedInstance::~CachedInstance() {
  if (fd_ >= 0) ::close(fd_);
}

bool CachedInstance::StreamTo(const std::function<bool(std::string_view)>& sink) const {
  std::string buffer(kReadChunk, '\0');
  uint64_t at = data_offset_, left = info_.part10_bytes;
  while (left > 0) {
    // pread: no shared file position, so one CachedInstance could even be
    // read from two threads.
    ssize_t n = ::pread(fd_, buffer.data(), std::min<uint64_t>(left, kReadChunk), static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (!sink(std::string_view(buffer.data(), static_cast<size_t>(n)))) return false;
    at += static_cast<uint64_t>(n);
    left -= static_cast<uint64_t>(n);
  }
  return true;
}

Result<std::string> CachedInstance::ReadAll() const {
  std::string out;
  out.reserve(info_.part10_bytes);
  bool ok = StreamTo([&](std::string_view piece) {
    out.append(piece);
    return true;
  });
  if (!ok) return Status::IoError("cached instance " + info_.sop_instance_uid + " could not be read");
  return out;
}

// ---- InstanceCache ----

Result<std::unique_ptr<InstanceCache>> InstanceCache::Open(const std::string& dir, uint64_t max_bytes) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("instance cache folder " + dir + ": " + ec.message());
  std::unique_ptr<InstanceCache> cache(new InstanceCache(dir, max_bytes));
  XDS_RETURN_IF_ERROR(cache->Rebuild());
  return cache;
}

std::string InstanceCache::PathOf(const std::string& uid) const { return dir_ + "/" + uid + kSuffix; }

Status InstanceCache::Rebuild() {
  struct Found {
    CachedInstanceInfo info;
    uint64_t file_bytes;
    fs::file_time_type used;
  };
  std::vector<Found> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    const std::string name = e.path().filename().string();
    const bool ours = name.size() > 4 && name.compare(name.size() - 4, 4, kSuffix) == 0;
    CachedInstanceInfo info;
    size_t offset = 0;
    std::error_code size_ec;
    uint64_t file_bytes = e.is_regular_file() ? e.file_size(size_ec) : 0;
    if (ours && !size_ec) {
      int fd = ::open(e.path().c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        std::string head(kMaxHeaderBytes, '\0');
        ssize_t n = ::pread(fd, head.data(), head.size(), 0);
        ::close(fd);
        if (n > 0) offset = ParseHeader(std::string_view(head.data(), static_cast<size_t>(n)), info);
      }
    }
    // A leftover temporary file, or a file that is not a whole entry of
    // ours under its own UID's name: remove it (it was never served).
    if (offset == 0 || offset > file_bytes || name != info.sop_instance_uid + kSuffix) {
      if (e.is_regular_file()) fs::remove(e.path(), ec);
      continue;
    }
    info.part10_bytes = file_bytes - offset;
    found.push_back({std::move(info), file_bytes, e.last_write_time(size_ec)});
  }
  if (ec) return Status::IoError("instance cache folder " + dir_ + ": " + ec.message());
  // Oldest first, so the most recently used ends at the front of lru_.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.used < b.used; });
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& f : found) Insert(std::move(f.info), f.file_bytes);
  EvictToBudget();
  spdlog::info("instance cache {}: {} instances, {} bytes of {}", dir_, index_.size(), bytes_, max_bytes_);
  return Status::Ok();
}

void InstanceCache::Insert(CachedInstanceInfo info, uint64_t file_bytes) {
  std::string uid = info.sop_instance_uid;
  auto it = index_.find(uid);
  if (it != index_.end()) Forget(it);
  ++per_series_[info.series_instance_uid];
  lru_.push_front(uid);
  index_[uid] = Entry{std::move(info), file_bytes, lru_.begin()};
  bytes_ += file_bytes;
}

void InstanceCache::Forget(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.file_bytes;
  lru_.erase(it->second.lru);
  auto series = per_series_.find(it->second.info.series_instance_uid);
  if (series != per_series_.end() && --series->second == 0) per_series_.erase(series);
  index_.erase(it);
}

void InstanceCache::EvictToBudget() {
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    const std::string uid = lru_.back();
    Forget(index_.find(uid));
    // Readers that have it open keep reading the unlinked file.
    ::unlink(PathOf(uid).c_str());
  }
}

Status InstanceCache::Put(const RetrievedInstance& instance) {
  const std::string& uid = instance.sop_instance_uid;
  if (!IsUid(uid)) return Status::Ok();
  CachedInstanceInfo info{instance.study_instance_uid, instance.series_instance_uid, instance.sop_class_uid, uid,
                          instance.transfer_syntax_uid, instance.bytes.size()};
  const std::string header = Header(info);
  const uint64_t file_bytes = header.size() + instance.bytes.size();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_.count(uid) != 0 || file_bytes > max_bytes_) return Status::Ok();
  }
  // Written under a temporary name outside the lock, then renamed: the
  // rename is atomic, so readers see no file or a whole one.
  std::string tmp = dir_ + "/put-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return Status::IoError("instance cache: cannot create a file in " + dir_ + ": " + std::strerror(errno));
  bool written = WriteAll(fd, header) && WriteAll(fd, instance.bytes);
  written = ::close(fd) == 0 && written;
  if (!written) {
    ::unlink(tmp.c_str());
    return Status::IoError("instance cache: cannot write " + uid + " in " + dir_);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (::rename(tmp.c_str(), PathOf(uid).c_str()) != 0) {
    ::unlink(tmp.c_str());
    return Status::IoError("instance cache: cannot rename into " + PathOf(uid) + ": " + std::strerror(errno));
  }
  Insert(std::move(info), file_bytes);
  EvictToBudget();
  return Status::Ok();
}

std::optional<CachedInstance> InstanceCache::Get(const std::string& sop_instance_uid) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(sop_instance_uid);
  if (it == index_.end()) return std::nullopt;
  int fd = ::open(PathOf(sop_instance_uid).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    Forget(it);  // removed behind our back
    return std::nullopt;
  }
  lru_.splice(lru_.begin(), lru_, it->second.lru);
  // Mirror recency on disk so a restart rebuilds the same LRU order.
  ::futimens(fd, nullptr);
  const Entry& e = it->second;
  return CachedInstance(e.info, fd, e.file_bytes - e.info.part10_bytes);
}

std::optional<CachedInstanceInfo> InstanceCache::Peek(const std::string& sop_instance_uid) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = index_.find(sop_instance_uid);
  if (it == index_.end()) return std::nullopt;
  return it->second.info;
}

size_t InstanceCache::CountInSeries(const std::string& series_instance_uid) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = per_series_.find(series_instance_uid);
  return it == per_series_.end() ? 0 : it->second;
}

uint64_t InstanceCache::bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

size_t InstanceCache::entries() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return index_.size();
}

}  // namespace xds::imaging

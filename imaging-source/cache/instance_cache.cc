#include "imaging-source/cache/instance_cache.h"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace xds::imaging {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[] = "XDSI-CACHE 1\n";         // format 1: header, then the data
constexpr char kTrailerMagic[] = "XDSI-CACHE 2\n";  // format 2: the data, then the trailer
// Format 2 ends with the trailer text's length in 8 hex digits and this tag.
constexpr char kFooterTag[] = "XDSITAIL";
constexpr size_t kFooterBytes = 16;
constexpr size_t kMaxHeaderBytes = 1024;
constexpr size_t kReadChunk = 64 * 1024;
constexpr char kSuffix[] = ".dcm";

// A UID is digits and dots (PS3.5 9.1), at most 64 characters. Only such
// names become file names, so no request can name a path outside the folder.
bool IsUid(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

std::string Fields(const CachedInstanceInfo& i) {
  return "study=" + i.study_instance_uid + "\nseries=" + i.series_instance_uid + "\nclass=" + i.sop_class_uid +
         "\ninstance=" + i.sop_instance_uid + "\nts=" + i.transfer_syntax_uid + "\n\n";
}

// The format 2 trailer: text, then its length and the tag.
std::string Trailer(const CachedInstanceInfo& i) {
  std::string text = kTrailerMagic + Fields(i);
  char length[9];
  std::snprintf(length, sizeof(length), "%08zx", text.size());
  return text + length + kFooterTag;
}

// Parses "magic key=value... \n\n" at the start of `text`; the length of
// what was parsed (0 when `text` does not start with a complete, valid one).
size_t ParseFields(std::string_view text, std::string_view magic, CachedInstanceInfo& info) {
  if (text.substr(0, magic.size()) != magic) return 0;
  size_t end = text.find("\n\n");
  if (end == std::string_view::npos) return 0;
  std::string_view body = text.substr(magic.size(), end + 1 - magic.size());
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

// Reads an entry's description from its file: where its Part 10 bytes
// start, and info (part10_bytes set). False when it is not a whole entry.
bool ReadEntry(int fd, uint64_t file_bytes, CachedInstanceInfo& info, uint64_t& data_offset) {
  std::string buffer(kMaxHeaderBytes + kFooterBytes, '\0');
  // Format 2: the trailer at the end.
  const size_t tail = static_cast<size_t>(std::min<uint64_t>(file_bytes, buffer.size()));
  ssize_t n = tail == 0 ? 0 : ::pread(fd, buffer.data(), tail, static_cast<off_t>(file_bytes - tail));
  if (n == static_cast<ssize_t>(tail) && tail >= kFooterBytes &&
      std::string_view(buffer.data() + tail - 8, 8) == kFooterTag) {
    const std::string hex(buffer.data() + tail - kFooterBytes, 8);
    char* end = nullptr;
    const size_t text_bytes = std::strtoul(hex.c_str(), &end, 16);
    if (end != hex.c_str() + 8 || text_bytes + kFooterBytes > tail) return false;
    std::string_view text(buffer.data() + tail - kFooterBytes - text_bytes, text_bytes);
    if (ParseFields(text, kTrailerMagic, info) != text_bytes) return false;
    data_offset = 0;
    info.part10_bytes = file_bytes - text_bytes - kFooterBytes;
    return true;
  }
  // Format 1: the header first.
  n = ::pread(fd, buffer.data(), kMaxHeaderBytes, 0);
  if (n <= 0) return false;
  data_offset = ParseFields(std::string_view(buffer.data(), static_cast<size_t>(n)), kMagic, info);
  if (data_offset == 0 || data_offset > file_bytes) return false;
  info.part10_bytes = file_bytes - data_offset;
  return true;
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

// Copies `from` (all of it) to the end of `to`; for a file taken across
// filesystems.
bool CopyFile(int from, int to) {
  std::string buffer(kReadChunk, '\0');
  for (off_t at = 0;;) {
    ssize_t n = ::pread(from, buffer.data(), buffer.size(), at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    if (!WriteAll(to, std::string_view(buffer.data(), static_cast<size_t>(n)))) return false;
    at += n;
  }
}

}  // namespace

// ---- CachedInstance ----

CachedInstance::CachedInstance(CachedInstanceInfo info, int fd, uint64_t data_offset)
    : info_(std::move(info)), fd_(fd), data_offset_(data_offset) {}

Result<CachedInstance> CachedInstance::OpenFile(const std::string& path, CachedInstanceInfo info) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    Status error = Status::IoError("cannot open " + path + ": " + std::strerror(errno));
    if (fd >= 0) ::close(fd);
    return error;
  }
  info.part10_bytes = static_cast<uint64_t>(st.st_size);
  return CachedInstance(std::move(info), fd, 0);
}

CachedInstance CachedInstance::InMemory(CachedInstanceInfo info, std::string part10) {
  info.part10_bytes = part10.size();
  CachedInstance out(std::move(info), -1, 0);
  out.memory_ = std::move(part10);
  return out;
}

CachedInstance::CachedInstance(CachedInstance&& other) noexcept
    : info_(std::move(other.info_)), fd_(other.fd_), data_offset_(other.data_offset_), memory_(std::move(other.memory_)) {
  other.fd_ = -1;
}

CachedInstance& CachedInstance::operator=(CachedInstance&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    info_ = std::move(other.info_);
    fd_ = other.fd_;
    data_offset_ = other.data_offset_;
    memory_ = std::move(other.memory_);
    other.fd_ = -1;
  }
  return *this;
}

CachedInstance::~CachedInstance() {
  if (fd_ >= 0) ::close(fd_);
}

bool CachedInstance::StreamTo(const std::function<bool(std::string_view)>& sink) const {
  if (fd_ < 0) {
    for (size_t at = 0; at < memory_.size(); at += kReadChunk)
      if (!sink(std::string_view(memory_).substr(at, kReadChunk))) return false;
    return true;
  }
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
  if (fd_ < 0) return memory_;
  std::string out(info_.part10_bytes, '\0');
  uint64_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::pread(fd_, out.data() + done, out.size() - done, static_cast<off_t>(data_offset_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Status::IoError("cached instance " + info_.sop_instance_uid + " could not be read");
    done += static_cast<uint64_t>(n);
  }
  return out;
}

// ---- InstanceCache ----

Result<std::unique_ptr<InstanceCache>> InstanceCache::Open(const std::string& dir, uint64_t max_bytes) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::IoError("instance cache folder " + dir + ": " + ec.message());
  std::unique_ptr<InstanceCache> cache(new InstanceCache(dir, max_bytes));
  // What was on its way in when the last process stopped.
  fs::remove_all(cache->incoming_dir(), ec);
  fs::create_directories(cache->incoming_dir(), ec);
  if (ec) return Status::IoError("instance cache folder " + cache->incoming_dir() + ": " + ec.message());
  XDS_RETURN_IF_ERROR(cache->Rebuild());
  return cache;
}

std::string InstanceCache::PathOf(const std::string& uid) const { return dir_ + "/" + uid + kSuffix; }

Status InstanceCache::Rebuild() {
  struct Found {
    CachedInstanceInfo info;
    uint64_t file_bytes;
    uint64_t data_offset;
    fs::file_time_type used;
  };
  std::vector<Found> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (!e.is_regular_file()) continue;  // incoming/
    const std::string name = e.path().filename().string();
    const bool ours = name.size() > 4 && name.compare(name.size() - 4, 4, kSuffix) == 0;
    CachedInstanceInfo info;
    uint64_t data_offset = 0;
    std::error_code size_ec;
    const uint64_t file_bytes = e.file_size(size_ec);
    bool whole = false;
    if (ours && !size_ec) {
      int fd = ::open(e.path().c_str(), O_RDONLY | O_CLOEXEC);
      if (fd >= 0) {
        whole = ReadEntry(fd, file_bytes, info, data_offset);
        ::close(fd);
      }
    }
    // A leftover temporary file, or a file that is not a whole entry of
    // ours under its own UID's name: remove it (it was never served).
    if (!whole || name != info.sop_instance_uid + kSuffix) {
      fs::remove(e.path(), ec);
      continue;
    }
    found.push_back({std::move(info), file_bytes, data_offset, e.last_write_time(size_ec)});
  }
  if (ec) return Status::IoError("instance cache folder " + dir_ + ": " + ec.message());
  // Oldest first, so the most recently used ends at the front of lru_.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.used < b.used; });
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& f : found) Insert(std::move(f.info), f.file_bytes, f.data_offset);
  EvictToBudget();
  spdlog::info("instance cache {}: {} instances, {} bytes of {}", dir_, index_.size(), bytes_, max_bytes_);
  return Status::Ok();
}

void InstanceCache::Insert(CachedInstanceInfo info, uint64_t file_bytes, uint64_t data_offset) {
  std::string uid = info.sop_instance_uid;
  auto it = index_.find(uid);
  if (it != index_.end()) Forget(it);
  ++per_series_[info.series_instance_uid];
  lru_.push_front(uid);
  index_[uid] = Entry{std::move(info), file_bytes, data_offset, lru_.begin()};
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

bool InstanceCache::Install(const std::string& from, CachedInstanceInfo info, uint64_t file_bytes) {
  // Atomic: readers see no file or a whole one. (Two retrievals of the same
  // instance at once: the later file replaces the earlier, both whole.)
  if (::rename(from.c_str(), PathOf(info.sop_instance_uid).c_str()) != 0) return false;
  Insert(std::move(info), file_bytes, 0);
  EvictToBudget();
  return true;
}

Status InstanceCache::Put(const RetrievedInstance& instance) {
  const std::string& uid = instance.sop_instance_uid;
  if (!IsUid(uid)) return Status::Ok();
  CachedInstanceInfo info{instance.study_instance_uid, instance.series_instance_uid, instance.sop_class_uid, uid,
                          instance.transfer_syntax_uid, instance.bytes.size()};
  const std::string trailer = Trailer(info);
  const uint64_t file_bytes = instance.bytes.size() + trailer.size();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (index_.count(uid) != 0 || file_bytes > max_bytes_) return Status::Ok();
  }
  // Written under a temporary name outside the lock, then renamed.
  std::string tmp = dir_ + "/put-XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return Status::IoError("instance cache: cannot create a file in " + dir_ + ": " + std::strerror(errno));
  bool written = WriteAll(fd, instance.bytes) && WriteAll(fd, trailer);
  written = ::close(fd) == 0 && written;
  if (!written) {
    ::unlink(tmp.c_str());
    return Status::IoError("instance cache: cannot write " + uid + " in " + dir_);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Install(tmp, std::move(info), file_bytes)) {
    ::unlink(tmp.c_str());
    return Status::IoError("instance cache: cannot rename into " + PathOf(uid) + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<CachedInstance> InstanceCache::Take(const std::string& path, CachedInstanceInfo info) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0) {
    Status error = Status::IoError("instance cache: cannot open " + path + ": " + std::strerror(errno));
    if (fd >= 0) ::close(fd);
    ::unlink(path.c_str());
    return error;
  }
  info.part10_bytes = static_cast<uint64_t>(st.st_size);
  CachedInstance reader(info, fd, 0);  // owns fd from here on
  const std::string& uid = info.sop_instance_uid;
  const std::string trailer = Trailer(info);
  const uint64_t file_bytes = info.part10_bytes + trailer.size();
  bool keep = IsUid(uid);
  if (keep) {
    std::lock_guard<std::mutex> lock(mutex_);
    keep = index_.count(uid) == 0 && file_bytes <= max_bytes_;
  }
  // The trailer goes after the data; the reader only ever reads the data.
  if (keep && ::pwrite(fd, trailer.data(), trailer.size(), st.st_size) != static_cast<ssize_t>(trailer.size())) {
    spdlog::warn("instance cache: cannot complete {}: {}", path, std::strerror(errno));  // disk full: not kept
    keep = false;
  }
  if (!keep) {
    ::unlink(path.c_str());
    return reader;
  }
  int rename_errno = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (Install(path, info, file_bytes)) return reader;
    rename_errno = errno;
  }
  ::unlink(path.c_str());
  if (rename_errno != EXDEV) {
    spdlog::warn("instance cache: cannot rename {} into {}: {}", path, dir_, std::strerror(rename_errno));
    return reader;
  }
  // On another filesystem: copy it in (data and trailer) under a temporary
  // name, then rename.
  std::string tmp = dir_ + "/put-XXXXXX";
  int out = ::mkstemp(tmp.data());
  bool copied = out >= 0 && CopyFile(fd, out);
  if (out >= 0) copied = ::close(out) == 0 && copied;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!copied || !Install(tmp, info, file_bytes)) {
    if (out >= 0) ::unlink(tmp.c_str());
    spdlog::warn("instance cache: cannot copy {} into {}", uid, dir_);
  }
  return reader;
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
  return CachedInstance(e.info, fd, e.data_offset);
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

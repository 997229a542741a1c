#include "wire/mime/received_part.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <utility>

#include "wire/base/digest.h"
#include "wire/base/durable_file.h"
#include "wire/base/ids.h"

namespace xds::mime {
namespace {

constexpr size_t kChunk = 256 * 1024;
// Write-behind of the copy MoveTo makes across file systems.
constexpr uint64_t kWriteBehindBytes = 8 << 20;

// Calls `fn` with successive chunks of the file at `path`.
template <typename Fn>
Status ForEachChunk(const std::string& path, Fn&& fn) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError("cannot open " + path + ": " + std::strerror(errno));
  std::string buffer(kChunk, '\0');
  Status status;
  for (;;) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status = Status::IoError("cannot read " + path + ": " + std::strerror(errno));
      break;
    }
    if (n == 0) break;
    status = fn(std::string_view(buffer.data(), static_cast<size_t>(n)));
    if (!status.ok()) break;
  }
  ::close(fd);
  return status;
}

// Receives one attachment into a spool file or a string, hashing as it goes.
class SpoolSink : public PartSink {
 public:
  SpoolSink(const PartSpoolOptions& options, std::string content_id, std::string content_type,
            std::map<std::string, ReceivedPart>* parts, std::shared_ptr<uint64_t> message_bytes)
      : options_(options),
        content_id_(std::move(content_id)),
        content_type_(std::move(content_type)),
        parts_(parts),
        message_bytes_(std::move(message_bytes)) {}

  Status Open() {
    if (options_.directory.empty()) return Status::Ok();
    auto file = FileWriter::Create(options_.directory + "/" + NewUuid() + ".part");
    if (!file.ok()) return file.status();
    file_.emplace(std::move(*file));
    file_->WriteBehind(options_.write_behind_bytes);
    return Status::Ok();
  }

  Status Write(std::string_view bytes) override {
    size_ += bytes.size();
    *message_bytes_ += bytes.size();
    bool in_memory = !file_;
    uint64_t part_cap = in_memory ? std::min(options_.max_part_bytes, options_.max_memory_bytes) : options_.max_part_bytes;
    uint64_t message_cap =
        in_memory ? std::min(options_.max_message_bytes, options_.max_memory_bytes) : options_.max_message_bytes;
    if (size_ > part_cap)
      return Status::TooLarge("attachment " + content_id_ + " is larger than " + std::to_string(part_cap) + " bytes");
    if (*message_bytes_ > message_cap)
      return Status::TooLarge("attachments are larger than " + std::to_string(message_cap) + " bytes in all");
    if (options_.compute_sha1) sha1_.Update(bytes);
    if (in_memory) {
      bytes_.append(bytes);
      return Status::Ok();
    }
    return file_->Write(bytes);
  }

  Status Close() override {
    if (!file_) {
      (*parts_)[content_id_] = ReceivedPart::InMemory(content_type_, std::move(bytes_), options_.compute_sha1);
      return Status::Ok();
    }
    // No fsync here: the part is not acknowledged yet. Whoever keeps it
    // makes it durable (MoveTo).
    std::string path = file_->path();
    Status released = file_->Release();
    file_.reset();
    if (!released.ok()) {
      ::unlink(path.c_str());
      return released;
    }
    (*parts_)[content_id_] =
        ReceivedPart::InFile(content_type_, path, size_, options_.compute_sha1 ? sha1_.FinishHex() : std::string());
    return Status::Ok();
  }

 private:
  const PartSpoolOptions& options_;
  std::string content_id_;
  std::string content_type_;
  std::map<std::string, ReceivedPart>* parts_;
  std::shared_ptr<uint64_t> message_bytes_;  // shared by the sinks of one message
  std::optional<FileWriter> file_;
  std::string bytes_;
  uint64_t size_ = 0;
  Sha1 sha1_;
};

}  // namespace

ReceivedPart ReceivedPart::InMemory(std::string content_type, std::string bytes, bool hash) {
  ReceivedPart p;
  p.content_type_ = std::move(content_type);
  p.size_ = bytes.size();
  if (hash) p.sha1_hex_ = Sha1::HexOf(bytes);
  p.bytes_ = std::move(bytes);
  return p;
}

ReceivedPart ReceivedPart::InFile(std::string content_type, std::string path, uint64_t size, std::string sha1_hex) {
  ReceivedPart p;
  p.content_type_ = std::move(content_type);
  p.path_ = std::move(path);
  p.size_ = size;
  p.sha1_hex_ = std::move(sha1_hex);
  return p;
}

ReceivedPart::ReceivedPart(ReceivedPart&& other) noexcept
    : content_type_(std::move(other.content_type_)),
      size_(other.size_),
      sha1_hex_(std::move(other.sha1_hex_)),
      bytes_(std::move(other.bytes_)),
      path_(std::exchange(other.path_, {})) {}

ReceivedPart& ReceivedPart::operator=(ReceivedPart&& other) noexcept {
  if (this != &other) {
    if (!path_.empty()) ::unlink(path_.c_str());
    content_type_ = std::move(other.content_type_);
    size_ = other.size_;
    sha1_hex_ = std::move(other.sha1_hex_);
    bytes_ = std::move(other.bytes_);
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

ReceivedPart::~ReceivedPart() {
  if (!path_.empty()) ::unlink(path_.c_str());
}

Result<std::string> ReceivedPart::Read(uint64_t limit) const {
  if (size_ > limit) return Status::TooLarge("part of " + std::to_string(size_) + " bytes is over the limit");
  if (path_.empty()) return bytes_;
  std::string out;
  out.reserve(size_);
  XDS_RETURN_IF_ERROR(ForEachChunk(path_, [&](std::string_view chunk) {
    out.append(chunk);
    return Status::Ok();
  }));
  return out;
}

Status ReceivedPart::Stream(const http::ChunkSink& sink) const {
  if (path_.empty()) return sink(bytes_) ? Status::Ok() : Status::Unavailable("receiver stopped");
  return ForEachChunk(path_, [&](std::string_view chunk) {
    return sink(chunk) ? Status::Ok() : Status::Unavailable("receiver stopped");
  });
}

Status ReceivedPart::MoveTo(const std::string& path) {
  if (!path_.empty()) {
    XDS_RETURN_IF_ERROR(SyncFile(path_));
    if (::rename(path_.c_str(), path.c_str()) == 0) {
      path_.clear();
      return SyncDirectory(DirectoryOf(path));
    }
    if (errno != EXDEV) return Status::IoError("cannot rename " + path_ + " to " + path + ": " + std::strerror(errno));
  }
  // Different file system, or in memory: copy into a temporary beside the
  // target, then rename it into place.
  auto out = FileWriter::Create(path + ".tmp-" + NewUuid());
  if (!out.ok()) return out.status();
  out->WriteBehind(kWriteBehindBytes);  // CommitAs fsyncs it
  Status written;
  Status streamed = Stream([&](std::string_view chunk) { return (written = out->Write(chunk)).ok(); });
  XDS_RETURN_IF_ERROR(written);
  XDS_RETURN_IF_ERROR(streamed);
  XDS_RETURN_IF_ERROR(out->CommitAs(path));
  if (!path_.empty()) ::unlink(std::exchange(path_, {}).c_str());
  bytes_.clear();
  return Status::Ok();
}

PartSpool::PartSpool(PartSpoolOptions options) : options_(std::move(options)) {}

PartSinkFactory PartSpool::SinkFactory(std::map<std::string, ReceivedPart>* parts) const {
  auto message_bytes = std::make_shared<uint64_t>(0);
  return [this, parts, message_bytes](const PartHeaders& headers) -> Result<std::unique_ptr<PartSink>> {
    auto sink = std::make_unique<SpoolSink>(options_, headers.content_id, headers.content_type, parts, message_bytes);
    XDS_RETURN_IF_ERROR(sink->Open());
    return std::unique_ptr<PartSink>(std::move(sink));
  };
}

}  // namespace xds::mime

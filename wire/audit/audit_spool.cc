#include "wire/audit/audit_spool.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "wire/base/durable_file.h"

namespace xds::audit {
namespace {

namespace fs = std::filesystem;
constexpr char kSuffix[] = ".syslog";

// Zero-padded, so that name order is number order.
std::string NameOf(uint64_t n) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%020llu", static_cast<unsigned long long>(n));
  return std::string(buf) + kSuffix;
}

std::vector<std::string> SpooledNames(const std::string& directory) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() == 20 + sizeof kSuffix - 1 && name.compare(20, std::string::npos, kSuffix) == 0)
      names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

Result<std::unique_ptr<AuditSpool>> AuditSpool::Open(const std::string& directory) {
  XDS_RETURN_IF_ERROR(MakeDirectories(directory));
  std::vector<std::string> names = SpooledNames(directory);
  uint64_t next = names.empty() ? 1 : std::stoull(names.back().substr(0, 20)) + 1;
  // Files a crash left half-written never got their final name.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory, ec))
    if (entry.path().extension() == ".tmp") fs::remove(entry.path(), ec);
  return std::unique_ptr<AuditSpool>(new AuditSpool(directory, next));
}

Status AuditSpool::Append(const std::string& message) {
  std::lock_guard lock(mutex_);
  std::string final_path = directory_ + "/" + NameOf(next_);
  auto file = FileWriter::Create(final_path + ".tmp");
  if (!file.ok()) return file.status();
  XDS_RETURN_IF_ERROR(file->Write(message));
  XDS_RETURN_IF_ERROR(file->CommitAs(final_path));
  ++next_;
  return Status::Ok();
}

std::vector<std::string> AuditSpool::Oldest(size_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> names = SpooledNames(directory_);
  if (names.size() > limit) names.resize(limit);
  for (auto& n : names) n = directory_ + "/" + n;
  return names;
}

Result<std::string> AuditSpool::Read(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Status AuditSpool::Remove(const std::string& path) {
  std::lock_guard lock(mutex_);
  return RemoveFile(path);
}

size_t AuditSpool::Count() const {
  std::lock_guard lock(mutex_);
  return SpooledNames(directory_).size();
}

}  // namespace xds::audit

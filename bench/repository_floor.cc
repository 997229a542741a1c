#include "bench/repository_floor.h"

#include <algorithm>
#include <filesystem>
#include <string_view>
#include <vector>

#include "bench/bench_stats.h"
#include "bench/floor.h"
#include "bench/repository_throughput.h"
#include "wire/base/digest.h"
#include "wire/base/durable_file.h"

namespace xds::bench {
namespace {

// Random-looking bytes, so that nothing on the way can shortcut them.
std::string Bytes(uint64_t size) {
  std::string bytes(size, '\0');
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (char& c : bytes) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  return bytes;
}

// Writes `bytes` as the repository's spool does (FileWriter, 16 KiB
// pieces), then either commits durably or only closes and renames.
Status WriteOne(const std::string& bytes, const std::string& temp, const std::string& final_path, bool durable) {
  auto writer = FileWriter::Create(temp);
  if (!writer.ok()) return writer.status();
  // As the repository's spool does (repository_actor.cc): writeback starts
  // every 8 MiB while the bytes arrive, so only the tail waits for the fsync.
  if (durable) writer->WriteBehind(8 << 20);
  constexpr size_t kReceivePiece = 4096;  // cpp-httplib's read size
  for (size_t at = 0; at < bytes.size(); at += kReceivePiece)
    XDS_RETURN_IF_ERROR(writer->Write(std::string_view(bytes).substr(at, kReceivePiece)));
  if (durable) return writer->CommitAs(final_path);
  XDS_RETURN_IF_ERROR(writer->Release());
  std::error_code ec;
  std::filesystem::rename(temp, final_path, ec);
  return ec ? Status::IoError("rename " + temp + ": " + ec.message()) : Status::Ok();
}

Result<double> MedianWriteMs(const std::string& bytes, const std::string& dir, int repetitions, bool durable) {
  std::vector<double> ms;
  const std::string kept = dir + (durable ? "/durable" : "/cached");
  XDS_RETURN_IF_ERROR(MakeDirectories(kept));
  for (int i = 0; i < repetitions; ++i) {
    const std::string name = std::to_string(i);
    Stopwatch clock;
    XDS_RETURN_IF_ERROR(WriteOne(bytes, dir + "/" + name + ".part", kept + "/" + name, durable));
    ms.push_back(clock.Millis());
  }
  return Median(ms);
}

}  // namespace

Result<DurabilityFloor> MeasureDurabilityFloor(const std::string& dir, uint64_t size, int repetitions) {
  DurabilityFloor floor;
  floor.size = size;
  const std::string bytes = Bytes(size);
  const std::string work = dir + "/durability-floor";
  XDS_RETURN_IF_ERROR(MakeDirectories(work));
  // Alternate the two kinds so that both see the page cache alike.
  std::vector<double> cached, durable;
  for (int i = 0; i < repetitions; ++i) {
    auto c = MedianWriteMs(bytes, work + "/" + std::to_string(i), 1, false);
    if (!c.ok()) return c.status();
    auto d = MedianWriteMs(bytes, work + "/" + std::to_string(i), 1, true);
    if (!d.ok()) return d.status();
    cached.push_back(*c);
    durable.push_back(*d);
  }
  floor.page_cache_write_ms = Median(cached);
  floor.durable_write_ms = Median(durable);

  std::vector<double> sha1;
  for (int i = 0; i < repetitions; ++i) {
    Stopwatch clock;
    Sha1 hash;
    hash.Update(bytes);
    (void)hash.FinishHex();
    sha1.push_back(clock.Millis());
  }
  floor.sha1_ms = Median(sha1);

  // The registry's rows for one entry per submission, one fsynced commit each.
  SqliteFloorOptions options;
  options.synchronous = "FULL";
  options.max_seconds = 2;
  LoadShape shape{/*patients=*/100, /*entries=*/std::max(20, repetitions), /*entries_per_submission=*/1};
  auto commits = SqliteFloor(shape, work + "/registry.db", options);
  if (!commits.ok()) return commits.status();
  if (commits->submissions_per_second() > 0) floor.registry_commit_ms = 1000.0 / commits->submissions_per_second();

  std::error_code ec;
  std::filesystem::remove_all(work, ec);
  return floor;
}

}  // namespace xds::bench

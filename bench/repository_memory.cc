#include "bench/repository_memory.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "bench/bench_stats.h"
#include "bench/repository_node.h"
#include "bench/repository_transfers.h"
#include "wire/base/durable_file.h"

namespace xds::bench {
namespace {

// Samples VmRSS of `pid` until stopped; keeps the highest.
class RssSampler {
 public:
  explicit RssSampler(pid_t pid) : thread_([this, pid] {
      while (!stop_.load()) {
        int64_t rss = ReadProcMemory(pid).rss_kib;
        if (rss > peak_.load()) peak_.store(rss);
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }) {}
  ~RssSampler() { Stop(); }
  int64_t Stop() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
    return peak_.load();
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int64_t> peak_{0};
  std::thread thread_;
};

// Resets VmHWM to the current VmRSS (Linux 4.0+, "5" > clear_refs).
bool ResetPeak(pid_t pid) {
  std::ofstream out("/proc/" + std::to_string(pid) + "/clear_refs");
  out << "5\n";
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

Result<MemoryFigures> MeasureMemory(const MemorySetup& setup) {
  MemoryFigures out;
  out.size = setup.size;
  XDS_RETURN_IF_ERROR(MakeDirectories(setup.work_dir + "/spool"));
  spdlog::info("memory phase: writing a {} byte source file", setup.size);
  auto large = MakeSourceFile(setup.work_dir + "/large.bin", setup.size, 42);
  if (!large.ok()) return large.status();
  auto small = MakeSourceFile(setup.work_dir + "/small.bin", 4096, 7);
  if (!small.ok()) return small.status();

  auto node = StartRepositoryNode(setup.node_binary, setup.schema_dir, setup.work_dir + "/node", setup.http_threads);
  if (!node.ok()) return node.status();
  const pid_t pid = node->process->pid();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  out.rss_start_kib = ReadProcMemory(pid).rss_kib;

  RepositoryClient client(node->url, kBenchRepositoryId, kBenchPatient, setup.work_dir + "/spool",
                          setup.timeout_seconds, /*hash_replies=*/true);
  PreparedProvide warm = client.Prepare();
  XDS_RETURN_IF_ERROR(client.Provide(warm, *small));
  XDS_RETURN_IF_ERROR(client.Retrieve(warm.unique_id, *small, true));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  out.rss_idle_kib = ReadProcMemory(pid).rss_kib;
  out.hwm_reset = ResetPeak(pid);
  ResetPeak(::getpid());
  const int64_t client_rss_before = ReadProcMemory(0).rss_kib;

  RssSampler sampler(pid);
  PreparedProvide request = client.Prepare();
  spdlog::info("memory phase: ITI-41 of {} bytes", setup.size);
  Stopwatch store_clock;
  XDS_RETURN_IF_ERROR(client.Provide(request, *large));
  out.store_mb_per_s = static_cast<double>(setup.size) / store_clock.Seconds() / 1e6;
  spdlog::info("memory phase: ITI-43 of {} bytes", setup.size);
  Stopwatch retrieve_clock;
  XDS_RETURN_IF_ERROR(client.Retrieve(request.unique_id, *large, true));
  out.retrieve_mb_per_s = static_cast<double>(setup.size) / retrieve_clock.Seconds() / 1e6;
  const int64_t sampled = sampler.Stop();

  ProcMemory after = ReadProcMemory(pid);
  out.rss_after_kib = after.rss_kib;
  // Without the reset VmHWM also holds the start-up peak, which can only
  // make the figure larger.
  out.peak_kib = std::max(after.hwm_kib, sampled);
  out.client_peak_kib = ReadProcMemory(0).hwm_kib - client_rss_before;
  node->process->Stop();
  RemoveFile(large->path);
  return out;
}

}  // namespace xds::bench

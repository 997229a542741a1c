#include "bench/repository_throughput.h"

#include <dirent.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

#include "bench/bench_stats.h"
#include "bench/report.h"

namespace xds::bench {
namespace {

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  double at = q * static_cast<double>(v.size() - 1);
  size_t lo = static_cast<size_t>(at);
  size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (at - static_cast<double>(lo));
}

// Runs `transfer(client_index, i)` for i in [0, per_client) on one thread
// per client; adds the round's MB/s and the server's CPU to `figures`.
template <typename Fn>
Status RunKind(int clients, int per_client, uint64_t size, pid_t server, KindFigures& figures, Fn transfer) {
  std::vector<Status> failures(static_cast<size_t>(clients));
  std::vector<std::thread> threads;
  const double cpu_before = ProcessTreeCpuSeconds(server);
  const double client_before = ReadProcCpuSeconds(0);
  Stopwatch clock;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = 0; i < per_client; ++i) {
        Status s = transfer(c, i);
        if (!s.ok()) {
          failures[static_cast<size_t>(c)] = s;
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = clock.Seconds();
  figures.server_cpu_seconds += ProcessTreeCpuSeconds(server) - cpu_before;
  figures.client_cpu_seconds += ReadProcCpuSeconds(0) - client_before;
  for (const Status& s : failures)
    if (!s.ok()) return s;
  const int64_t count = int64_t{clients} * per_client;
  figures.transfers += count;
  figures.mb_per_s.push_back(static_cast<double>(size) * static_cast<double>(count) / seconds / 1e6);
  return Status::Ok();
}

void EmptyDirectory(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) std::filesystem::remove(entry.path(), ec);
}

}  // namespace

double Median(const std::vector<double>& values) { return Quantile(values, 0.5); }
double KindFigures::Median() const { return Quantile(mb_per_s, 0.5); }
double KindFigures::Min() const { return Quantile(mb_per_s, 0); }
double KindFigures::Max() const { return Quantile(mb_per_s, 1); }

double ProcessTreeCpuSeconds(pid_t pid) {
  if (pid <= 0) return 0;
  double total = ReadProcCpuSeconds(pid);
  DIR* proc = ::opendir("/proc");
  if (!proc) return total;
  while (dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + e->d_name + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t close = text.rfind(')');
    if (close == std::string::npos || close + 4 >= text.size()) continue;
    // After ") " come the state and then the parent's pid.
    pid_t parent = static_cast<pid_t>(std::atol(text.c_str() + close + 4));
    if (parent == pid) total += ReadProcCpuSeconds(static_cast<pid_t>(std::atol(e->d_name)));
  }
  ::closedir(proc);
  return total;
}

Result<SizeFigures> MeasureSize(const ThroughputSetup& setup, const SourceFile& file, const std::string& nginx_name,
                                int per_client) {
  SizeFigures out;
  out.size = file.size;
  out.per_client = per_client;
  std::vector<std::unique_ptr<RepositoryClient>> ours;
  std::vector<std::unique_ptr<PlainClient>> plain;
  for (int c = 0; c < setup.clients; ++c) {
    ours.push_back(std::make_unique<RepositoryClient>(setup.repository_url, setup.repository_unique_id,
                                                      setup.patient_id, setup.spool_dir, setup.timeout_seconds));
    plain.push_back(std::make_unique<PlainClient>(setup.nginx_url, setup.spool_dir, setup.timeout_seconds));
  }
  const int clients = setup.clients;
  const double busy_before = ReadMachineBusySeconds();
  const double mine_before = ReadProcCpuSeconds(0) + ProcessTreeCpuSeconds(setup.node_pid) +
                             ProcessTreeCpuSeconds(setup.nginx_pid);
  Stopwatch phase;
  for (int round = 0; round < setup.rounds; ++round) {
    // Metadata is built before the clock starts, as a source that has it
    // ready would send it.
    std::vector<std::vector<PreparedProvide>> prepared(static_cast<size_t>(clients));
    for (int c = 0; c < clients; ++c)
      for (int i = 0; i < per_client; ++i) prepared[static_cast<size_t>(c)].push_back(ours[static_cast<size_t>(c)]->Prepare());

    auto provide = [&] {
      return RunKind(clients, per_client, file.size, setup.node_pid, out.iti41, [&](int c, int i) {
        return ours[static_cast<size_t>(c)]->Provide(prepared[static_cast<size_t>(c)][static_cast<size_t>(i)], file);
      });
    };
    auto put = [&] {
      return RunKind(clients, per_client, file.size, setup.nginx_pid, out.put, [&](int c, int i) {
        return plain[static_cast<size_t>(c)]->Put(Format("r%d-c%d-%d.bin", round, c, i), file);
      });
    };
    auto retrieve = [&] {
      return RunKind(clients, per_client, file.size, setup.node_pid, out.iti43, [&](int c, int i) {
        return ours[static_cast<size_t>(c)]->Retrieve(
            prepared[static_cast<size_t>(c)][static_cast<size_t>(i)].unique_id, file);
      });
    };
    auto get = [&] {
      return RunKind(clients, per_client, file.size, setup.nginx_pid, out.get,
                     [&](int c, int) { return plain[static_cast<size_t>(c)]->Get(nginx_name, file.size); });
    };
    const bool ours_first = round % 2 == 0;
    std::vector<std::function<Status()>> steps;
    if (ours_first) steps = {provide, put, retrieve, get};
    else steps = {put, provide, get, retrieve};
    for (auto& step : steps) XDS_RETURN_IF_ERROR(step());
    out.provide_ratios.push_back(out.iti41.mb_per_s.back() / out.put.mb_per_s.back());
    out.retrieve_ratios.push_back(out.iti43.mb_per_s.back() / out.get.mb_per_s.back());
    spdlog::info("{} bytes, round {}/{}: ITI-41 {:.0f} MB/s, PUT {:.0f}, ITI-43 {:.0f}, GET {:.0f}", file.size,
                 round + 1, setup.rounds, out.iti41.mb_per_s.back(), out.put.mb_per_s.back(),
                 out.iti43.mb_per_s.back(), out.get.mb_per_s.back());
  }
  const double wall = phase.Seconds();
  EmptyDirectory(setup.nginx_upload_dir);
  const double others = (ReadMachineBusySeconds() - busy_before) -
                        (ReadProcCpuSeconds(0) + ProcessTreeCpuSeconds(setup.node_pid) +
                         ProcessTreeCpuSeconds(setup.nginx_pid) - mine_before);
  out.other_cpu_share = std::max(0.0, others / (wall * static_cast<double>(std::thread::hardware_concurrency())));
  return out;
}

}  // namespace xds::bench

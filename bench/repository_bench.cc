// repository_bench: throughput and memory of the Document Repository
// (ITI-41 Provide and Register, ITI-43 Retrieve) next to a plain HTTP file
// server (nginx) moving the same bytes over loopback. See bench/README.md.
//
//   repository_bench [--sizes-mb 1,100] [--transfer-mb 50] [--rounds 10]
//                    [--clients 1] [--memory-mb 2000] [--work-dir DIR]
//
// The repository under test is the real xds-node (registry in-process),
// started as a child process on an ephemeral loopback port; nginx is
// started the same way with its own configuration. The clients run in this
// process.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>

#include "bench/bench_stats.h"
#include "bench/report.h"
#include "bench/repository_floor.h"
#include "bench/repository_memory.h"
#include "bench/repository_nginx.h"
#include "bench/repository_node.h"
#include "bench/repository_throughput.h"
#include "bench/repository_transfers.h"
#include "tests/support/temp_dir.h"
#include "wire/base/durable_file.h"

namespace xds::bench {
namespace {

// Targets of issue 3 (Performance).
constexpr double kRetrieveRatioTarget = 0.8;  // ITI-43 ÷ nginx GET
constexpr double kProvideRatioTarget = 0.6;   // ITI-41 ÷ nginx PUT
constexpr int64_t kMemoryTargetKib = 64'000'000 / 1024;  // 64 MB above idle

struct Options {
  std::vector<int64_t> sizes_mb = {1, 100};
  int64_t transfer_mb = 50;  // per kind, round and client: transfers = max(1, this / size)
  int rounds = 10;
  int clients = 1;
  int64_t memory_mb = 2000;  // 0: no memory phase
  bool skip_throughput = false;
  std::string work_dir;  // default: a temporary directory, removed at exit
  int server_threads = 16;
  int timeout_seconds = 600;
  std::string node = XDS_NODE_PATH;
  std::string nginx = "/usr/sbin/nginx";
  std::string schema_dir = XDS_SCHEMA_DIR;
};

uint64_t FreeBytes(const std::string& dir) {
  struct statvfs s {};
  if (::statvfs(dir.c_str(), &s) != 0) return 0;
  return static_cast<uint64_t>(s.f_bavail) * s.f_frsize;
}

std::string SizeName(uint64_t bytes) {
  if (bytes >= 1'000'000'000 && bytes % 1'000'000'000 == 0) return Format("%llu GB", (unsigned long long)(bytes / 1'000'000'000));
  if (bytes % 1'000'000 == 0) return Format("%llu MB", (unsigned long long)(bytes / 1'000'000));
  return Format("%llu bytes", (unsigned long long)bytes);
}

std::string Rate(const KindFigures& k) {
  return Format("%.0f MB/s (%.0f-%.0f)", k.Median(), k.Min(), k.Max());
}

void ReportSize(Report& report, const SizeFigures& f, const DurabilityFloor& floor, int clients) {
  const std::string size = SizeName(f.size);
  report.Section(Format("%s documents, %d client(s), %d transfers per round and client", size.c_str(), clients,
                        f.per_client));
  const double retrieve_ratio = Median(f.retrieve_ratios);
  const double provide_ratio = Median(f.provide_ratios);
  auto range = [](const std::vector<double>& v) {
    return Format("(%.2f-%.2f)", *std::min_element(v.begin(), v.end()), *std::max_element(v.begin(), v.end()));
  };
  report.Row("ITI-43 retrieve (median, min-max)", Rate(f.iti43));
  report.Row("nginx GET, same bytes", Rate(f.get));
  report.Check("ITI-43 / nginx GET (median of rounds)", Format("%.2f ", retrieve_ratio) + range(f.retrieve_ratios),
               Format(">= %.1f", kRetrieveRatioTarget), retrieve_ratio >= kRetrieveRatioTarget);
  report.Row("ITI-41 provide and register", Rate(f.iti41));
  report.Row("nginx WebDAV PUT, same bytes", Rate(f.put));
  report.Check("ITI-41 / nginx PUT (median of rounds)", Format("%.2f ", provide_ratio) + range(f.provide_ratios),
               Format(">= %.1f", kProvideRatioTarget), provide_ratio >= kProvideRatioTarget);
  // The ceiling durability puts on that ratio (bench/repository_floor.h).
  const double put_ms = f.put.Median() > 0 ? 1000.0 * (f.size / 1e6) / f.put.Median() : 0;
  const double best = floor.BestRatio(put_ms);
  report.Row("durability floor per document",
             Format("fsyncs %.2f + commit %.2f ms (SHA-1 %.2f, not counted)", floor.FsyncMs(),
                    floor.registry_commit_ms, floor.sha1_ms));
  report.Row("best ITI-41 / PUT reachable here", Format("%.2f (PUT %.2f + %.2f ms)", best, put_ms,
                                                         floor.ExtraMs()),
             "SOAP, MTOM and metadata free");
  report.Row("ITI-41 / that best", Format("%.2f", best > 0 ? provide_ratio / best : 0));
  report.Row("server CPU per transfer", Format("ITI-43 %.1f ms, GET %.1f ms", f.iti43.ServerCpuMsPerTransfer(),
                                               f.get.ServerCpuMsPerTransfer()));
  report.Row("", Format("ITI-41 %.1f ms, PUT %.1f ms", f.iti41.ServerCpuMsPerTransfer(),
                        f.put.ServerCpuMsPerTransfer()));
  report.Row("client CPU per transfer", Format("ITI-43 %.1f ms, GET %.1f ms", f.iti43.ClientCpuMsPerTransfer(),
                                               f.get.ClientCpuMsPerTransfer()));
  report.Row("", Format("ITI-41 %.1f ms, PUT %.1f ms", f.iti41.ClientCpuMsPerTransfer(),
                        f.put.ClientCpuMsPerTransfer()));
  report.Row("other processes' CPU", Format("%.0f%% of the cores", 100 * f.other_cpu_share),
             "near 0 when undisturbed");
}

Status RunThroughput(const Options& o, const std::string& dir, Report& report) {
  auto node = StartRepositoryNode(o.node, o.schema_dir, dir + "/node", o.server_threads);
  if (!node.ok()) return node.status();
  auto nginx = NginxProcess::Start(o.nginx, dir + "/nginx");
  if (!nginx.ok()) return nginx.status();
  spdlog::info("xds-node pid {} at {}; nginx pid {} at {}", node->process->pid(), node->url, (*nginx)->pid(),
               (*nginx)->base_url());
  ThroughputSetup setup;
  setup.repository_url = node->url;
  setup.repository_unique_id = kBenchRepositoryId;
  setup.patient_id = kBenchPatient;
  setup.nginx_url = (*nginx)->base_url();
  setup.nginx_upload_dir = (*nginx)->upload_dir();
  setup.spool_dir = dir + "/client-spool";
  setup.node_pid = node->process->pid();
  setup.nginx_pid = (*nginx)->pid();
  setup.clients = o.clients;
  setup.rounds = o.rounds;
  setup.timeout_seconds = o.timeout_seconds;
  XDS_RETURN_IF_ERROR(MakeDirectories(setup.spool_dir));

  std::vector<SourceFile> files;
  for (int64_t mb : o.sizes_mb) {
    const uint64_t size = static_cast<uint64_t>(mb) * 1'000'000;
    const std::string name = Format("doc-%lld.bin", (long long)mb);
    auto file = MakeSourceFile(dir + "/" + name, size, static_cast<uint64_t>(mb));
    if (!file.ok()) return file.status();
    // nginx serves the very same file (a second name for it).
    if (::link(file->path.c_str(), ((*nginx)->files_dir() + "/" + name).c_str()) != 0)
      return Status::IoError("cannot link " + file->path + " into nginx's root");
    files.push_back(*file);
  }
  // Warm-up: connections, the server's lazy start-up work, page cache.
  {
    RepositoryClient ours(node->url, kBenchRepositoryId, kBenchPatient, setup.spool_dir, o.timeout_seconds,
                          /*hash_replies=*/true);
    PlainClient plain(setup.nginx_url, setup.spool_dir, o.timeout_seconds);
    PreparedProvide p = ours.Prepare();
    XDS_RETURN_IF_ERROR(ours.Provide(p, files.front()));
    XDS_RETURN_IF_ERROR(ours.Retrieve(p.unique_id, files.front(), true));
    XDS_RETURN_IF_ERROR(plain.Put("warm.bin", files.front()));
    XDS_RETURN_IF_ERROR(plain.Get(std::filesystem::path(files.front().path).filename(), files.front().size));
  }
  for (const SourceFile& file : files) {
    const uint64_t mb = file.size / 1'000'000;
    const int per_client = static_cast<int>(std::max<int64_t>(1, o.transfer_mb / std::max<int64_t>(1, mb)));
    auto figures = MeasureSize(setup, file, std::filesystem::path(file.path).filename(), per_client);
    if (!figures.ok()) return figures.status();
    auto floor = MeasureDurabilityFloor(dir, file.size, std::max(3, std::min(per_client, 20)));
    if (!floor.ok()) return floor.status();
    ReportSize(report, *figures, *floor, o.clients);
  }
  std::string stopped = node->process->Stop();
  if (stopped != "exited with status 0") spdlog::warn("xds-node {}", stopped);
  (*nginx)->Stop();
  return Status::Ok();
}

Status RunMemory(const Options& o, const std::string& dir, Report& report) {
  MemorySetup setup;
  setup.node_binary = o.node;
  setup.schema_dir = o.schema_dir;
  setup.work_dir = dir + "/memory";
  setup.http_threads = o.server_threads;
  setup.timeout_seconds = o.timeout_seconds;
  setup.size = static_cast<uint64_t>(o.memory_mb) * 1'000'000;
  // The source, the stored copy and the client's spooled copy, plus room.
  const uint64_t needed = 3 * setup.size + (uint64_t{1} << 30);
  if (FreeBytes(dir) < needed) {
    report.Row("memory phase", "skipped", Format("needs %s free in %s", SizeName(needed).c_str(), dir.c_str()));
    return Status::Ok();
  }
  auto m = MeasureMemory(setup);
  if (!m.ok()) return m.status();
  std::filesystem::remove_all(setup.work_dir);
  report.Section(Format("%s document, stored then retrieved (xds-node memory)", SizeName(m->size).c_str()));
  report.Row("VmRSS at start / idle after warm-up", FormatMB(m->rss_start_kib) + " / " + FormatMB(m->rss_idle_kib));
  report.Row("peak resident (VmHWM)", FormatMB(m->peak_kib),
             m->hwm_reset ? "VmHWM reset after warm-up" : "VmHWM since start (clear_refs refused)");
  report.Check("peak above idle", FormatMB(m->PeakAboveIdleKib()), "< 64 MB",
               m->PeakAboveIdleKib() < kMemoryTargetKib);
  report.Row("VmRSS after both transfers", FormatMB(m->rss_after_kib));
  report.Row("ITI-41 / ITI-43 of it", Format("%.0f / %.0f MB/s", m->store_mb_per_s, m->retrieve_mb_per_s));
  report.Row("bench client peak above its RSS", FormatMB(m->client_peak_kib), "the client streams too");
  return Status::Ok();
}

}  // namespace
}  // namespace xds::bench

int main(int argc, char** argv) {
  using namespace xds::bench;
  Options o;
  CLI::App cli{"Document Repository throughput (ITI-41, ITI-43) next to nginx, and memory on a large document"};
  cli.add_option("--sizes-mb", o.sizes_mb, "document sizes, in MB (10^6 bytes)")->delimiter(',');
  cli.add_option("--transfer-mb", o.transfer_mb, "MB per kind, round and client (at least 1 transfer)");
  cli.add_option("--rounds", o.rounds, "rounds per size (ours and nginx interleaved)")->check(CLI::PositiveNumber);
  cli.add_option("--clients", o.clients, "concurrent clients per kind")->check(CLI::PositiveNumber);
  cli.add_option("--memory-mb", o.memory_mb, "document size of the memory phase, MB; 0 skips it");
  cli.add_flag("--skip-throughput", o.skip_throughput, "only the memory phase");
  cli.add_option("--work-dir", o.work_dir, "where files go (default: a temporary directory, removed at exit)");
  cli.add_option("--server-threads", o.server_threads, "HTTP threads of xds-node");
  cli.add_option("--timeout-seconds", o.timeout_seconds, "client read timeout");
  cli.add_option("--node", o.node, "xds-node binary");
  cli.add_option("--nginx", o.nginx, "nginx binary (Debian package nginx-light)");
  cli.add_option("--schema-dir", o.schema_dir, "registry.schema_dir given to xds-node");
  CLI11_PARSE(cli, argc, argv);
  spdlog::set_default_logger(spdlog::stderr_color_mt("bench"));

  std::optional<xds::testing::TempDir> temp;
  std::string dir = o.work_dir;
  if (dir.empty()) {
    temp.emplace();
    dir = temp->path();
  } else if (xds::Status s = xds::MakeDirectories(dir); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  Report report;
  report.Section("machine");
  report.Row("cores / load average at start", Format("%u / %.2f", std::thread::hardware_concurrency(),
                                                     ReadLoadAverage()));
  report.Row("work directory (free)", dir, SizeName(FreeBytes(dir) / 1'000'000 * 1'000'000));
  xds::Status status;
  if (!o.skip_throughput) status = RunThroughput(o, dir + "/throughput", report);
  if (status.ok()) std::filesystem::remove_all(dir + "/throughput");
  if (status.ok() && o.memory_mb > 0) status = RunMemory(o, dir, report);
  report.Section("machine");
  report.Row("load average at end", Format("%.2f", ReadLoadAverage()));
  report.Print(stdout);
  if (!status.ok()) {
    std::fprintf(stderr, "repository_bench failed: %s\n", status.ToString().c_str());
    return 1;
  }
  return 0;
}

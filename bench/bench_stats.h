// Measurement helpers for the bench programs: wall-clock stopwatch, latency
// percentiles, and what /proc says about a process (resident memory, CPU
// time). Linux only.
//
// Latencies is a plain value type; give each thread its own and Merge()
// them once the threads have joined.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace xds::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double Millis() const { return Seconds() * 1000.0; }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Sample latencies in milliseconds.
class Latencies {
 public:
  void Add(double ms) {
    samples_.push_back(ms);
    sorted_ = false;
  }
  void Merge(const Latencies& other);
  size_t count() const { return samples_.size(); }
  // p in [0, 100]; nearest-rank on the sorted samples; 0 when empty.
  double Percentile(double p);
  double Max();
  double Mean() const;

 private:
  void Sort();
  std::vector<double> samples_;
  bool sorted_ = true;
};

// VmRSS and VmHWM of /proc/<pid>/status, in KiB; 0 when unreadable.
struct ProcMemory {
  int64_t rss_kib = 0;
  int64_t hwm_kib = 0;
};
ProcMemory ReadProcMemory(pid_t pid);  // pid 0: this process

// User + system CPU seconds of a process since it started (/proc/<pid>/stat,
// all threads); pid 0: this process.
double ReadProcCpuSeconds(pid_t pid);

// CPU seconds the whole machine spent busy (not idle, not iowait) since
// boot, all cores, from /proc/stat; minus the server's and the bench's own
// CPU it tells how much other processes took during a phase.
double ReadMachineBusySeconds();
// The 1-minute load average (/proc/loadavg).
double ReadLoadAverage();

// "123.4 MB" (decimal megabytes, as targets are stated) from KiB.
std::string FormatMB(int64_t kib);
// 1234567 -> "1,234,567".
std::string Thousands(int64_t n);

}  // namespace xds::bench

// The throughput phase of repository_bench: for one document size, rounds
// of the four transfers of bench/repository_transfers.h, the repository's
// and nginx's interleaved (their order alternates from round to round) so
// that a change of load on a shared machine hits both alike.
//
// In each round every kind runs `clients` threads (each with its own
// keep-alive client, kept across rounds) doing `per_client` transfers; its
// figure is document bytes moved ÷ wall time of the round, in MB/s. The
// ITI-43 of a round retrieves the documents the round's ITI-41 stored.
// Each of our runs sits next to the nginx run it is compared with, so the
// ratio of the two runs of a round sees one load; the median of those
// per-round ratios is the figure a target is checked against (on a shared
// machine it is steadier than the ratio of the two medians).
//
// Not thread-safe; called from main().
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "bench/repository_transfers.h"
#include "wire/base/status.h"

namespace xds::bench {

struct ThroughputSetup {
  std::string repository_url;
  std::string repository_unique_id;
  std::string patient_id;
  std::string nginx_url;
  // Emptied once the size is done, not after each round: the repository
  // keeps every document too, and on this VM writing into page cache never
  // used before costs several times writing into pages freed a moment ago.
  std::string nginx_upload_dir;
  std::string spool_dir;  // the clients' reply spool (ITI-43, GET)
  pid_t node_pid = 0;
  pid_t nginx_pid = 0;
  int clients = 1;
  int rounds = 5;
  int timeout_seconds = 600;
};

struct KindFigures {
  std::vector<double> mb_per_s;  // one per round
  double server_cpu_seconds = 0;  // all rounds; nginx: master and workers
  double client_cpu_seconds = 0;  // all rounds: this process (the clients)
  int64_t transfers = 0;          // all rounds, all clients
  double Median() const;
  double Min() const;
  double Max() const;
  double ServerCpuMsPerTransfer() const { return transfers ? 1000 * server_cpu_seconds / transfers : 0; }
  double ClientCpuMsPerTransfer() const { return transfers ? 1000 * client_cpu_seconds / transfers : 0; }
};

struct SizeFigures {
  uint64_t size = 0;
  int per_client = 0;
  KindFigures iti41, put, iti43, get;
  std::vector<double> retrieve_ratios;  // ITI-43 ÷ GET, one per round
  std::vector<double> provide_ratios;   // ITI-41 ÷ PUT, one per round
  // Machine busy time not spent by the server under test or the bench,
  // as a share of all cores over the phase: near 0 when undisturbed.
  double other_cpu_share = 0;
};

// The median of `values` (0 when empty).
double Median(const std::vector<double>& values);

// `nginx_name`: the name under nginx's /files/ holding the same bytes as
// `file`.
Result<SizeFigures> MeasureSize(const ThroughputSetup& setup, const SourceFile& file, const std::string& nginx_name,
                                int per_client);

// CPU seconds of a process and of its direct children (nginx's workers).
double ProcessTreeCpuSeconds(pid_t pid);

}  // namespace xds::bench

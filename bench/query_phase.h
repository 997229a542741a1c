// The query phase: ITI-18 FindDocuments and GetDocuments from client
// threads against a loaded registry, timed at the client around the SOAP
// exchange (request envelope written, HTTP round trip over loopback, reply
// parsed by libxml2). Request bodies are built before the clock starts.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

#include "bench/bench_data.h"
#include "bench/bench_stats.h"
#include "wire/http/http_client.h"

namespace xds::bench {

// Share of FindDocuments among the queries; the rest are GetDocuments.
inline constexpr double kFindDocumentsShare = 0.6;

struct QueryRun {
  int64_t find_count = 0;
  int64_t get_count = 0;
  int64_t errors = 0;           // no reply, fault, or status other than Success
  std::string first_error;
  int64_t find_results = 0;     // objects returned by all FindDocuments
  int64_t get_results = 0;
  double seconds = 0;
  double server_cpu_seconds = 0;
  double client_cpu_seconds = 0;
  double other_cpu_seconds = 0;  // machine busy time not spent by the server or the bench
  Latencies find_ms, get_ms;
};

// Runs for `seconds` after a 1 s warm-up (not counted), on the data that
// `shape` describes (bench_data.h). Each client thread keeps one connection
// made with `client_options` (TLS and the client certificate for https://).
QueryRun RunQueries(const std::string& url, const LoadShape& shape, int clients, double seconds,
                    pid_t server_pid, const http::HttpClientOptions& client_options = {});

}  // namespace xds::bench

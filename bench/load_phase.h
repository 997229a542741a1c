// The load phase: patients, then DocumentEntries through real ITI-42
// requests over loopback.
//
// Each function blocks until done and may be called once per phase from
// main(); the client threads they start are joined before they return.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

#include "bench/bench_data.h"
#include "bench/bench_stats.h"
#include "wire/base/status.h"
#include "wire/http/http_client.h"

namespace xds::bench {

// Patients [first, end) written straight into the database file through
// RegistryStore::ReadWrite + WriteTxn::UpsertPatient, `batch` per
// transaction. For use while no server has the file open.
struct PatientLoad {
  int64_t count = 0;
  double seconds = 0;
};
Result<PatientLoad> LoadPatientsIntoStore(const std::string& database, int64_t first, int64_t end,
                                          int64_t batch);

// Patients [first, end) fed as ADT^A01 over MLLP (ITI-8) on `connections`
// connections; every ACK must be AA.
Result<PatientLoad> FeedPatientsOverMllp(int mllp_port, int64_t first, int64_t end, int connections);

struct EntryLoad {
  int64_t entries = 0;       // registered (Success responses)
  int64_t submissions = 0;
  int64_t failures = 0;      // submissions answered Failure or not answered
  std::string first_error;
  int64_t body_bytes = 0;    // lcm:SubmitObjectsRequest bytes sent (without the envelope)
  double seconds = 0;
  double build_seconds = 0;  // client CPU spent building submission XML (all threads)
  double server_cpu_seconds = 0;
  double client_cpu_seconds = 0;
  double other_cpu_seconds = 0;  // machine busy time not spent by the server or the bench
  Latencies submit_ms;       // per ITI-42 exchange, at the client
};

// Submissions [0, shape.submissions()) sent by `clients` threads, each with
// its own keep-alive SoapClient made with `client_options` (TLS and the
// client certificate for an https:// url). Progress goes to stderr every 10 s.
EntryLoad LoadEntries(const std::string& url, const LoadShape& shape, int clients, pid_t server_pid,
                      const http::HttpClientOptions& client_options = {});

}  // namespace xds::bench

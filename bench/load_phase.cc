#include "bench/load_phase.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "registry/store/sqlite_registry_store.h"
#include "tests/support/registry_calls.h"

namespace xds::bench {
namespace {

// A blocking MLLP connection: 0x0B message 0x1C 0x0D, one at a time.
class MllpConnection {
 public:
  explicit MllpConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
    int one = 1;
    if (fd_ >= 0) setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~MllpConnection() {
    if (fd_ >= 0) close(fd_);
  }
  MllpConnection(const MllpConnection&) = delete;
  MllpConnection& operator=(const MllpConnection&) = delete;

  Result<std::string> Call(const std::string& message) {
    if (fd_ < 0) return Status::Unavailable("MLLP connect failed");
    std::string frame = "\x0b" + message + "\x1c\r";
    for (size_t sent = 0; sent < frame.size();) {
      ssize_t n = send(fd_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return Status::Unavailable("MLLP send failed");
      sent += static_cast<size_t>(n);
    }
    std::string in;
    char buf[4096];
    while (in.size() < 2 || in.compare(in.size() - 2, 2, "\x1c\r") != 0) {
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return Status::Unavailable("MLLP connection closed before the ACK");
      in.append(buf, static_cast<size_t>(n));
    }
    return in.substr(1, in.size() - 3);
  }

 private:
  int fd_ = -1;
};

}  // namespace

Result<PatientLoad> LoadPatientsIntoStore(const std::string& database, int64_t first, int64_t end,
                                          int64_t batch) {
  auto store = registry::SqliteRegistryStore::Open(database);
  if (!store.ok()) return store.status();
  Stopwatch clock;
  for (int64_t from = first; from < end; from += batch) {
    int64_t to = std::min(end, from + batch);
    XDS_RETURN_IF_ERROR((*store)->ReadWrite([&](registry::WriteTxn& txn) {
      for (int64_t i = from; i < to; ++i) XDS_RETURN_IF_ERROR(txn.UpsertPatient(BenchPatient(i)));
      return Status::Ok();
    }));
  }
  return PatientLoad{end - first, clock.Seconds()};
}

Result<PatientLoad> FeedPatientsOverMllp(int mllp_port, int64_t first, int64_t end, int connections) {
  std::atomic<int64_t> next{first};
  std::mutex mu;
  Status failure;
  Stopwatch clock;
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      MllpConnection mllp(mllp_port);
      for (int64_t i = next++; i < end; i = next++) {
        auto ack = mllp.Call(AdtA01(i));
        Status s = !ack.ok() ? ack.status()
                   : ack->find("MSA|AA") == std::string::npos
                       ? Status::InvalidArgument("ITI-8 ACK is not AA: " + *ack)
                       : Status::Ok();
        if (!s.ok()) {
          std::lock_guard<std::mutex> lock(mu);
          if (failure.ok()) failure = s;
          next = end;
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  if (!failure.ok()) return failure;
  return PatientLoad{end - first, clock.Seconds()};
}

EntryLoad LoadEntries(const std::string& url, const LoadShape& shape, int clients, pid_t server_pid,
                      const http::HttpClientOptions& client_options) {
  const int64_t submissions = shape.submissions();
  std::atomic<int64_t> next{0}, entries_done{0}, failures{0}, consecutive_failures{0};
  std::atomic<bool> done{false};
  std::mutex mu;
  EntryLoad out;
  const double server_cpu0 = ReadProcCpuSeconds(server_pid);
  const double client_cpu0 = ReadProcCpuSeconds(0);
  const double machine0 = ReadMachineBusySeconds();
  Stopwatch clock;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      soap::SoapClient client(url, client_options);
      Latencies latencies;
      double build_seconds = 0;
      int64_t ok_submissions = 0, bytes = 0;
      for (int64_t s = next++; s < submissions; s = next++) {
        Stopwatch build;
        auto builder = BuildSubmission(s, shape);
        std::string xml = builder.BuildXml();
        build_seconds += build.Seconds();
        bytes += static_cast<int64_t>(xml.size());
        Stopwatch exchange;
        auto reply = testing::Register(client, xml);
        latencies.Add(exchange.Millis());
        if (reply.ok() && reply->success()) {
          int64_t first = s * shape.entries_per_submission;
          entries_done += std::min(shape.entries_per_submission, shape.entries - first);
          ++ok_submissions;
          consecutive_failures = 0;
          continue;
        }
        ++failures;
        std::string error = !reply.ok() ? reply.status().ToString()
                            : reply->errors.empty()
                                ? reply->status
                                : reply->errors[0].error_code + ": " + reply->errors[0].code_context;
        std::lock_guard<std::mutex> lock(mu);
        if (out.first_error.empty()) out.first_error = "submission " + std::to_string(s) + ": " + error;
        if (++consecutive_failures > 200) next = submissions;  // the server is gone; stop
      }
      std::lock_guard<std::mutex> lock(mu);
      out.submit_ms.Merge(latencies);
      out.build_seconds += build_seconds;
      out.submissions += ok_submissions;
      out.body_bytes += bytes;
    });
  }
  std::thread progress([&] {
    int64_t last = 0;
    double last_t = 0;
    while (!done) {
      for (int i = 0; i < 100 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (done) break;
      int64_t now = entries_done;
      double t = clock.Seconds();
      std::fprintf(stderr, "  load: %lld/%lld entries, %.0f s, %.0f entries/s (last 10 s: %.0f/s), %lld failed\n",
                   static_cast<long long>(now), static_cast<long long>(shape.entries), t, now / t,
                   (now - last) / (t - last_t), static_cast<long long>(failures.load()));
      last = now;
      last_t = t;
    }
  });
  for (auto& t : threads) t.join();
  out.seconds = clock.Seconds();
  done = true;
  progress.join();
  out.entries = entries_done;
  out.failures = failures;
  out.server_cpu_seconds = ReadProcCpuSeconds(server_pid) - server_cpu0;
  out.client_cpu_seconds = ReadProcCpuSeconds(0) - client_cpu0;
  out.other_cpu_seconds =
      ReadMachineBusySeconds() - machine0 - out.server_cpu_seconds - out.client_cpu_seconds;
  return out;
}

}  // namespace xds::bench

#include "bench/query_phase.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "bench/bench_data.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/soap_client.h"

namespace xds::bench {
namespace {

// Objects in a query:AdhocQueryResponse, or -1 when its status is not Success.
int64_t CountResults(const xml::XmlElement& response) {
  if (!response.Is(ns::kQuery, "AdhocQueryResponse")) return -1;
  std::string status = response.Attr("status");
  if (status.size() < 7 || status.compare(status.size() - 7, 7, "Success") != 0) return -1;
  if (status.find("PartialSuccess") != std::string::npos) return -1;
  auto list = response.FirstChild(ns::kRim, "RegistryObjectList");
  return list ? static_cast<int64_t>(list.Children().size()) : 0;
}

}  // namespace

QueryRun RunQueries(const std::string& url, const LoadShape& shape, int clients, double seconds,
                    pid_t server_pid, const http::HttpClientOptions& client_options) {
  const auto by_patient = EntriesByPatient(shape);
  std::atomic<bool> measuring{false}, stop{false};
  std::mutex mu;
  QueryRun out;
  const std::string action(vocab::kActionStoredQuery);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Rng rng(0x5155455259ULL + static_cast<uint64_t>(c));
      soap::SoapClient client(url, client_options);
      QueryRun mine;
      while (!stop) {
        const bool find = rng.Chance(kFindDocumentsShare);
        std::string body = find ? FindDocumentsBody(rng, shape.patients) : GetDocumentsBody(rng, shape, by_patient);
        Stopwatch exchange;
        auto reply = client.Call(action, body);
        const double ms = exchange.Millis();
        int64_t results = reply.ok() && !reply->is_fault ? CountResults(reply->body) : -1;
        if (!measuring) continue;
        if (results < 0) {
          ++mine.errors;
          if (mine.first_error.empty())
            mine.first_error = !reply.ok() ? reply.status().ToString()
                               : reply->is_fault ? "fault: " + reply->fault.reason
                                                 : reply->raw.substr(0, 4000);
          continue;
        }
        (find ? mine.find_ms : mine.get_ms).Add(ms);
        (find ? mine.find_count : mine.get_count)++;
        (find ? mine.find_results : mine.get_results) += results;
      }
      std::lock_guard<std::mutex> lock(mu);
      out.find_ms.Merge(mine.find_ms);
      out.get_ms.Merge(mine.get_ms);
      out.find_count += mine.find_count;
      out.get_count += mine.get_count;
      out.find_results += mine.find_results;
      out.get_results += mine.get_results;
      out.errors += mine.errors;
      if (out.first_error.empty()) out.first_error = mine.first_error;
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const double cpu0 = ReadProcCpuSeconds(server_pid);
  const double client_cpu0 = ReadProcCpuSeconds(0);
  const double machine0 = ReadMachineBusySeconds();
  Stopwatch clock;
  measuring = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  measuring = false;
  out.seconds = clock.Seconds();
  out.server_cpu_seconds = ReadProcCpuSeconds(server_pid) - cpu0;
  out.client_cpu_seconds = ReadProcCpuSeconds(0) - client_cpu0;
  out.other_cpu_seconds =
      ReadMachineBusySeconds() - machine0 - out.server_cpu_seconds - out.client_cpu_seconds;
  stop = true;
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace xds::bench

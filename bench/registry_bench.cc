// registry_bench: load, query and memory figures of the Document Registry at
// registry scale, next to the floors of its two main ingredients (libxml2
// parsing, SQLite inserts). See bench/README.md.
//
//   registry_bench [--patients 100000] [--entries 1000000]
//                  [--entries-per-submission 1] [--clients 4]
//                  [--query-seconds 20] [--db PATH [--reuse]] [--skip-floor]
//                  [--tls] [--sealing [--sealing-as portal|owner]]
//
// The registry under test is the real xds-node, started as a child process
// on ephemeral loopback ports; the client threads run in this process.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <optional>
#include <thread>

#include "bench/bench_data.h"
#include "bench/bench_stats.h"
#include "bench/floor.h"
#include "bench/load_phase.h"
#include "bench/node_process.h"
#include "bench/query_phase.h"
#include "bench/registry_security.h"
#include "bench/report.h"
#include "registry/store/sqlite_registry_store.h"
#include "tests/support/temp_dir.h"

namespace xds::bench {
namespace {

// Targets (the registry's service levels on a 2-core node).
constexpr double kTargetEntriesPerSecond = 2000;
constexpr double kTargetFindP50Ms = 2;
constexpr double kTargetFindP99Ms = 10;
constexpr int64_t kTargetMemoryKib = 500'000'000 / 1024;  // 500 MB

struct Options {
  int64_t patients = 100'000;
  int64_t entries = 1'000'000;
  int64_t entries_per_submission = 1;
  int clients = 4;
  double query_seconds = 20;
  std::string db;
  bool reuse = false;
  bool skip_floor = false;
  int64_t mllp_patients = 1000;
  double floor_seconds = 20;
  int server_threads = 16;
  std::string node = XDS_NODE_PATH;
  std::string schema_dir = XDS_SCHEMA_DIR;
  std::vector<std::string> registry_settings;
  SecurityOptions security;
};

struct Counts {
  int64_t patients = 0;
  int64_t entries = 0;
  int64_t submissions = 0;
  int64_t consents = 0;  // registered by --sealing; not part of the load
};

// Bench patients and DocumentEntries already in the database (creating it
// with the schema when missing).
Result<Counts> CountRows(const std::string& db) {
  auto store = registry::SqliteRegistryStore::Open(db);
  if (!store.ok()) return store.status();
  Counts c;
  Status s = (*store)->ReadOnly([&](registry::ReadTxn& txn) {
    auto p = txn.SelectColumn({"SELECT count(*) FROM patient WHERE patient_id LIKE 'BENCH-%'", {}});
    auto e = txn.SelectColumn({"SELECT count(*) FROM document_entry", {}});
    auto s = txn.SelectColumn({"SELECT count(*) FROM submission_set", {}});
    auto k = txn.SelectColumn({kCountConsentEntriesSql, {}});
    if (!p.ok()) return p.status();
    if (!e.ok()) return e.status();
    if (!s.ok()) return s.status();
    if (!k.ok()) return k.status();
    c.patients = std::stoll(p->at(0));
    c.consents = std::stoll(k->at(0));  // one per SubmissionSet
    c.entries = std::stoll(e->at(0)) - c.consents;
    c.submissions = std::stoll(s->at(0)) - c.consents;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return c;
}

std::string Ms(double ms) { return Format("%.2f ms", ms); }
std::string PerSecond(double v) { return Thousands(static_cast<int64_t>(v + 0.5)) + "/s"; }
std::string Ratio(const char* what, double registry, double floor) {
  return Format("registry / %s = %.2f", what, floor > 0 ? registry / floor : 0.0);
}

void AddLatencies(Report& r, const std::string& name, Latencies& l, bool with_targets) {
  r.Row(name + " count", Thousands(static_cast<int64_t>(l.count())));
  if (with_targets) {
    r.Check(name + " p50", Ms(l.Percentile(50)), Format("< %.0f ms", kTargetFindP50Ms),
            l.count() > 0 && l.Percentile(50) < kTargetFindP50Ms);
  } else {
    r.Row(name + " p50", Ms(l.Percentile(50)));
  }
  r.Row(name + " p90", Ms(l.Percentile(90)));
  if (with_targets) {
    r.Check(name + " p99", Ms(l.Percentile(99)), Format("< %.0f ms", kTargetFindP99Ms),
            l.count() > 0 && l.Percentile(99) < kTargetFindP99Ms);
  } else {
    r.Row(name + " p99", Ms(l.Percentile(99)));
  }
  r.Row(name + " max", Ms(l.Max()));
}

void AddMemory(Report& r, const std::string& when, const ProcMemory& m) {
  r.Check("server VmRSS " + when, FormatMB(m.rss_kib), "< 500 MB", m.rss_kib < kTargetMemoryKib);
  r.Check("server VmHWM " + when, FormatMB(m.hwm_kib), "< 500 MB", m.hwm_kib < kTargetMemoryKib);
}

void AddFloors(Report& r, const Options& o, const LoadShape& shape, const std::string& dir,
               std::optional<double> registry_rate) {
  auto ratio = [&](const char* what, double floor) {
    return registry_rate ? Ratio(what, *registry_rate, floor) : std::string("no load in this run");
  };
  std::fprintf(stderr, "floor: libxml2 parse\n");
  FloorRate x = XmlParseFloor(shape, std::min(o.floor_seconds, 5.0));
  r.Row("libxml2 parse alone, entries/s, 1 thread", PerSecond(x.entries_per_second()),
        ratio("libxml2-alone", x.entries_per_second()));
  struct Variant {
    const char* label;
    const char* ratio_name;
    SqliteFloorOptions options;
  };
  for (const Variant& v :
       {Variant{"sqlite alone, entries/s, FULL, 1 subm./txn", "sqlite-alone", {"FULL", 1, o.floor_seconds}},
        Variant{"sqlite alone, entries/s, NORMAL, 1 subm./txn", "sqlite-NORMAL", {"NORMAL", 1, o.floor_seconds}},
        Variant{"sqlite alone, entries/s, FULL, 8 subm./txn", "sqlite-grouped", {"FULL", 8, o.floor_seconds}},
        // The most one writer connection can take in: no fsync, a batch as
        // large as the registry's group commit ever makes.
        Variant{"sqlite alone, entries/s, NORMAL, 64 subm./txn", "sqlite-ceiling", {"NORMAL", 64, o.floor_seconds}}}) {
    std::fprintf(stderr, "floor: %s\n", v.label);
    std::string file = dir + "/floor-" + v.options.synchronous + "-" +
                       std::to_string(v.options.submissions_per_transaction) + ".db";
    auto f = SqliteFloor(shape, file, v.options);
    if (!f.ok()) {
      r.Row(v.label, "failed", f.status().ToString());
      continue;
    }
    r.Row(v.label, PerSecond(f->entries_per_second()),
          ratio(v.ratio_name, f->entries_per_second()) +
              Format(" (%s submissions in %.1f s)", Thousands(f->submissions).c_str(), f->seconds));
    for (const char* suffix : {"", "-wal", "-shm"}) unlink((file + suffix).c_str());
  }
}

int Run(const Options& o) {
  const unsigned cores = std::thread::hardware_concurrency();
  testing::TempDir work;  // node config and log, floor databases
  const std::string db = o.db.empty() ? work.File("registry.db") : o.db;
  LoadShape shape{o.patients, o.entries, o.entries_per_submission};
  Report report;
  Stopwatch total;
  const double load_average_at_start = ReadLoadAverage();

  auto existing = CountRows(db);
  if (!existing.ok()) {
    std::fprintf(stderr, "cannot open %s: %s\n", db.c_str(), existing.status().ToString().c_str());
    return 1;
  }
  const bool load = existing->entries == 0;
  if (!load && !o.reuse) {
    std::fprintf(stderr, "%s already holds %lld DocumentEntries: pass --reuse to query it, or another --db\n",
                 db.c_str(), static_cast<long long>(existing->entries));
    return 2;
  }
  // A reused database is described by its rows; its K by entries per SubmissionSet.
  if (!load)
    shape = LoadShape{existing->patients, existing->entries,
                      (existing->entries + existing->submissions - 1) / std::max<int64_t>(existing->submissions, 1)};
  if (shape.patients <= 0 || shape.entries <= 0) {
    std::fprintf(stderr, "nothing to measure: %lld patients, %lld entries\n",
                 static_cast<long long>(shape.patients), static_cast<long long>(shape.entries));
    return 2;
  }

  const int64_t mllp_patients = load ? std::min(o.mllp_patients, shape.patients) : 0;
  PatientLoad stored;
  if (load) {
    std::fprintf(stderr, "loading patients %lld..%lld into the store\n", static_cast<long long>(mllp_patients),
                 static_cast<long long>(shape.patients));
    auto p = LoadPatientsIntoStore(db, mllp_patients, shape.patients, 1000);
    if (!p.ok()) {
      std::fprintf(stderr, "patient load failed: %s\n", p.status().ToString().c_str());
      return 1;
    }
    stored = *p;
  }

  auto security = RegistrySecurity::Make(o.security);
  if (!security.ok()) {
    std::fprintf(stderr, "%s\n", security.status().ToString().c_str());
    return 1;
  }
  auto node = NodeProcess::Start({o.node, work.path(), db, o.schema_dir, o.server_threads, o.registry_settings,
                                  (*security)->NodeSections()});
  if (!node.ok()) {
    std::fprintf(stderr, "%s\n", node.status().ToString().c_str());
    return 1;
  }
  const pid_t pid = (*node)->pid();
  const ProcMemory idle = ReadProcMemory(pid);

  report.Section("setup");
  report.Row("machine", Format("%u cores", cores), Format("load average %.2f at start", load_average_at_start));
  report.Row("server", Format("pid %d", static_cast<int>(pid)),
             Format("xds-node child process, %d HTTP threads; memory and CPU from /proc/<pid>", o.server_threads));
  report.Row("clients", Format("%d threads", o.clients), "in the bench process, not counted in the server's memory");
  std::string durability = "WAL, FULL";  // registry.durability = "power-loss", the default
  for (const auto& setting : o.registry_settings)
    if (setting.find("process-crash") != std::string::npos) durability = "WAL, NORMAL";
  report.Row("database", durability, db);
  report.Row("security", (*node)->url().substr(0, (*node)->url().find(':')), (*security)->Describe());
  for (const auto& setting : o.registry_settings) report.Row("registry setting", setting, "");
  report.Row("patients", Thousands(shape.patients));
  report.Row("DocumentEntries", Thousands(shape.entries),
             load ? Format("loaded by this run, K=%lld per submission", static_cast<long long>(shape.entries_per_submission))
                  : Format("reused (--reuse), load skipped; K=%lld", static_cast<long long>(shape.entries_per_submission)));

  std::optional<double> rate;
  if (load) {
    report.Section(Format("load (K=%lld entries per submission, %d clients)",
                          static_cast<long long>(shape.entries_per_submission), o.clients));
    if (mllp_patients > 0) {
      std::fprintf(stderr, "feeding patients 0..%lld over ITI-8 MLLP\n", static_cast<long long>(mllp_patients));
      auto fed = FeedPatientsOverMllp((*node)->mllp_port(), 0, mllp_patients, 2);
      if (!fed.ok()) {
        std::fprintf(stderr, "ITI-8 feed failed: %s\n", fed.status().ToString().c_str());
        return 1;
      }
      report.Row("patients via ITI-8 MLLP, 2 connections",
                 Format("%s in %.1f s", Thousands(fed->count).c_str(), fed->seconds),
                 PerSecond(fed->count / fed->seconds) + " (one transaction per ADT^A01)");
    }
    if (stored.count > 0)
      report.Row("patients via RegistryStore::ReadWrite",
               Format("%s in %.1f s", Thousands(stored.count).c_str(), stored.seconds),
                 PerSecond(stored.count / std::max(stored.seconds, 1e-9)) + " (1,000 UpsertPatient per txn)");

    std::fprintf(stderr, "registering %lld DocumentEntries in %lld ITI-42 submissions\n",
                 static_cast<long long>(shape.entries), static_cast<long long>(shape.submissions()));
    EntryLoad l = LoadEntries((*node)->url(), shape, o.clients, pid, (*security)->SubmitterClient());
    rate = l.entries / l.seconds;
    const double per_entry = 1.0 / static_cast<double>(std::max<int64_t>(l.entries, 1));
    report.Row("entries registered", Thousands(l.entries),
               Format("%s submissions ok, %s failed", Thousands(l.submissions).c_str(), Thousands(l.failures).c_str()));
    if (!l.first_error.empty()) {
      std::fprintf(stderr, "first ITI-42 failure: %s\n", l.first_error.c_str());
      report.Row("first failure", l.first_error.substr(0, 60) + "...", "full text on stderr");
    }
    report.Check("ITI-42 entries/s", PerSecond(*rate), Format(">= %s/s", Thousands(kTargetEntriesPerSecond).c_str()),
                 *rate >= kTargetEntriesPerSecond);
    report.Row("ITI-42 submissions/s", PerSecond(l.submissions / l.seconds),
               Format("SubmitObjectsRequest %s bytes on average",
                      Thousands(l.body_bytes / std::max<int64_t>(l.submissions + l.failures, 1)).c_str()));
    report.Row("load time (entries)", Format("%.1f s", l.seconds));
    report.Row("ITI-42 exchange p50", Ms(l.submit_ms.Percentile(50)), "at the client");
    report.Row("ITI-42 exchange p99", Ms(l.submit_ms.Percentile(99)));
    report.Row("ITI-42 exchange max", Ms(l.submit_ms.Max()));
    report.Row("server CPU per entry", Format("%.3f ms", 1000 * l.server_cpu_seconds * per_entry),
               Format("server busy %.0f%% of %u cores", 100 * l.server_cpu_seconds / l.seconds / cores, cores));
    report.Row("client CPU per entry", Format("%.3f ms", 1000 * l.client_cpu_seconds * per_entry),
               Format("of which building the XML %.3f ms", 1000 * l.build_seconds * per_entry));
    report.Row("other processes' CPU meanwhile", Format("%.0f%%", std::max(0.0, 100 * l.other_cpu_seconds / l.seconds / cores)),
               Format("of %u cores (machine busy minus server and bench)", cores));
  }
  const ProcMemory after_load = ReadProcMemory(pid);

  if ((*security)->sealing()) {
    auto policy = (*security)->PreparePolicy((*node)->url(), shape.patients, existing->consents, o.clients);
    if (!policy.ok()) {
      std::fprintf(stderr, "access policy setup failed: %s\n", policy.status().ToString().c_str());
      return 1;
    }
    report.Section("access policy setup (not timed with the load)");
    report.Row("opt-in consents over ITI-42",
               policy->consents_registered
                   ? Format("%s in %.1f s", Thousands(policy->consents_registered).c_str(), policy->consent_seconds)
                   : Format("%s already in the database", Thousands(policy->consents_present).c_str()),
               "one BPPC DocumentEntry per patient, sent by the site");
    report.Row("sharing rule site -> portal", Format("version %lld", static_cast<long long>(policy->rule_version)),
               "clinical classes, not CONSENT");
  }

  std::fprintf(stderr, "querying for %.0f s with %d clients\n", o.query_seconds, o.clients);
  QueryRun q = RunQueries((*node)->url(), shape, o.clients, o.query_seconds, pid, (*security)->ConsumerClient());
  const ProcMemory after_queries = ReadProcMemory(pid);
  report.Section(Format("queries (%d clients, %.0f s, %.0f%% FindDocuments, LeafClass)", o.clients, q.seconds,
                        kFindDocumentsShare * 100));
  AddLatencies(report, "FindDocuments", q.find_ms, true);
  report.Row("FindDocuments results/query",
             Format("%.2f", q.find_count ? static_cast<double>(q.find_results) / q.find_count : 0.0));
  AddLatencies(report, "GetDocuments (1-5 uuids)", q.get_ms, false);
  report.Row("GetDocuments results/query",
             Format("%.2f", q.get_count ? static_cast<double>(q.get_results) / q.get_count : 0.0));
  if ((*security)->sealing())  // a policy that withholds everything would make every query cheap
    report.Check("documents through the access policy", Thousands(q.find_results + q.get_results), "> 0",
                 q.find_results + q.get_results > 0);
  report.Row("queries/s", PerSecond((q.find_count + q.get_count) / q.seconds),
             Format("server busy %.0f%% of %u cores", 100 * q.server_cpu_seconds / q.seconds / cores, cores));
  report.Row("server CPU per query", Format("%.3f ms", 1000 * q.server_cpu_seconds /
                                                         std::max<int64_t>(q.find_count + q.get_count, 1)));
  report.Row("client CPU per query", Format("%.3f ms", 1000 * q.client_cpu_seconds /
                                                         std::max<int64_t>(q.find_count + q.get_count, 1)));
  report.Row("other processes' CPU meanwhile", Format("%.0f%%", std::max(0.0, 100 * q.other_cpu_seconds / q.seconds / cores)),
             Format("of %u cores", cores));
  report.Row("query errors", Thousands(q.errors), q.errors ? "first one on stderr" : "");
  if (q.errors) std::fprintf(stderr, "first query error: %s\n", q.first_error.c_str());

  report.Section("memory of the server process (/proc/<pid>/status)");
  report.Row("server VmRSS at start", FormatMB(idle.rss_kib));
  AddMemory(report, "after load", after_load);
  AddMemory(report, "after queries", after_queries);
  report.Row("bench process VmHWM (clients)", FormatMB(ReadProcMemory(0).hwm_kib), "not part of the server");
  const std::string stopped = (*node)->Stop();
  report.Row("server stop", stopped.rfind("exited with status 0", 0) == 0 ? "clean" : stopped);

  report.Section("floor (same submissions, this machine; ratio = registry entries/s / floor)");
  if (o.skip_floor) {
    report.Row("floors", "skipped (--skip-floor)");
  } else {
    AddFloors(report, o, shape, work.path(), rate);
  }
  report.Row("bench wall time", Format("%.1f s", total.Seconds()),
             Format("load average %.2f at the end", ReadLoadAverage()));
  std::fflush(stderr);
  report.Print(stdout);
  return 0;
}

}  // namespace
}  // namespace xds::bench

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  xds::bench::Options o;
  CLI::App cli{"registry_bench: Document Registry load, query and memory figures against their floors"};
  cli.add_option("--patients", o.patients, "patients to register")->check(CLI::PositiveNumber);
  cli.add_option("--entries", o.entries, "DocumentEntries to register over ITI-42")->check(CLI::PositiveNumber);
  cli.add_option("--entries-per-submission", o.entries_per_submission, "DocumentEntries per ITI-42 submission (K)")
      ->check(CLI::Range(1, 1000));
  cli.add_option("--clients", o.clients, "client threads for the load and the queries")->check(CLI::Range(1, 256));
  cli.add_option("--query-seconds", o.query_seconds, "duration of the query phase")->check(CLI::PositiveNumber);
  cli.add_option("--db", o.db, "database file (default: a temporary one, removed at exit)");
  cli.add_flag("--reuse", o.reuse, "skip the load when --db already holds DocumentEntries");
  cli.add_flag("--skip-floor", o.skip_floor, "skip the libxml2 and sqlite floors");
  cli.add_option("--mllp-patients", o.mllp_patients, "of the patients, how many to feed over ITI-8 MLLP");
  cli.add_option("--floor-seconds", o.floor_seconds, "time cap of each sqlite floor")->check(CLI::PositiveNumber);
  cli.add_option("--server-threads", o.server_threads, "xds-node [server] threads")->check(CLI::Range(1, 256));
  cli.add_option("--node", o.node, "xds-node binary")->check(CLI::ExistingFile);
  cli.add_option("--schema-dir", o.schema_dir, "registry.schema_dir for xds-node")->check(CLI::ExistingDirectory);
  cli.add_option("--registry-setting", o.registry_settings,
                 "extra [registry] line for xds-node, e.g. 'durability = \"process-crash\"' (repeatable)");
  cli.add_flag("--tls", o.security.tls,
               "mutual TLS: a throw-away PKI, xds-node requires client certificates, the clients show theirs");
  auto* sealing_flag = cli.add_flag("--sealing", o.security.sealing,
               "the registry's access policy on (sealing, consent, sharing rule); implies --tls");
  std::string sealing_as = "portal";
  cli.add_option("--sealing-as", sealing_as, "with --sealing, who asks the queries: portal (through consent and "
                                             "sharing rule) or owner (the structure that registered everything)")
      ->check(CLI::IsMember({"portal", "owner"}))
      ->needs(sealing_flag);
  CLI11_PARSE(cli, argc, argv);
  o.security.sealing_as = sealing_as == "owner" ? xds::bench::SealingAs::kOwner : xds::bench::SealingAs::kPortal;
  return xds::bench::Run(o);
}

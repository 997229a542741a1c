// imaging_bench: the XDS-I.b Imaging Document Source serving a whole CT
// study out of a site PACS, next to what the PACS itself delivers and next
// to Orthanc doing the same proxy job. See bench/README.md.
//
//   imaging_bench [--instances 500] [--rounds 3] [--cache-mb 4096]
//                 [--work-dir DIR] [--cold-only]
//
// The site PACS is Orthanc (Debian orthanc + orthanc-dicomweb), a child
// process on loopback, loaded through storescu with a generated CT study
// (512x512, 16-bit, Explicit VR Little Endian). Each round measures:
//   (a) getscu --ignore: C-GET of the study straight from the PACS into
//       nothing — the ceiling of what the PACS delivers over DIMSE;
//   ours: the imaging source (in this process) serving the study by WADO-RS,
//       by RAD-69 and by WADO-URI (instance after instance, as a viewer
//       without WADO-RS would), each with its instance cache cold (fresh)
//       then warm, and WADO-RS and RAD-69 with no cache at all (what filling
//       the cache costs); WADO-RS and RAD-69 cold again with the imaging
//       source fetching from the PACS by DICOMweb (QIDO-RS + WADO-RS)
//       instead of C-FIND + C-GET, and RAD-69 with C-FIND + WADO-RS;
//   (b) a second Orthanc with the site PACS as a DICOM modality: retrieve
//       the study (REST /modalities/site/get, else /move), then serve it by
//       DICOMweb; and its DICOMweb alone once it holds the study;
//   the time to publish the study (PACS C-FINDs -> KOS -> RAD-68 ->
//       registered in the regional registry).
// Every DICOM peer runs with TCP_NODELAY=1; the clients set TCP_NODELAY.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <regex>

#include "bench/bench_stats.h"
#include "bench/imaging_orthanc.h"
#include "bench/imaging_source_under_test.h"
#include "bench/imaging_transfer.h"
#include "bench/report.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"
#include "wire/base/durable_file.h"
#include "wire/http/http_client.h"
#include "wire/soap/envelope.h"

namespace xds::bench {
namespace {

namespace fs = std::filesystem;

// Targets of issue 4 (Performance).
constexpr double kCeilingRatioTarget = 0.8;     // ours ÷ (a)
constexpr double kFirstInstanceTargetMs = 300;  // time to first instance
constexpr char kPacsAe[] = "SITEPACS";
constexpr char kProxyAe[] = "PROXY";
constexpr char kWadoAccept[] = "Accept: multipart/related; type=\"application/dicom\"\r\n";

struct Options {
  int instances = 500;
  int rounds = 3;
  int cache_mb = 4096;
  std::string work_dir;
  std::string orthanc = "/usr/sbin/Orthanc";
  bool cold_only = false;  // getscu and our cold paths only
};

// One path's figures, one entry per round.
struct Samples {
  std::vector<double> seconds, first_ms;
  double Median(std::vector<double> v) const {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  }
  double seconds_median() const { return Median(seconds); }
  double first_median() const { return Median(first_ms); }
};

uint64_t StudyBytes(const imaging::testing::GeneratedStudy& study) {
  uint64_t total = 0;
  for (const auto& f : study.Files()) total += fs::file_size(f);
  return total;
}

std::string Rad69Envelope(const imaging::testing::GeneratedStudy& study) {
  imaging::Rad69Request request;
  request.transfer_syntaxes = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2"};
  imaging::Rad69StudyRequest st;
  st.study_instance_uid = study.study_instance_uid;
  for (const auto& s : study.series) {
    imaging::Rad69SeriesRequest se;
    se.series_instance_uid = s.series_instance_uid;
    for (const auto& i : s.instances)
      se.documents.push_back({"", ImagingSourceUnderTest::kRepositoryUniqueId, i.sop_instance_uid});
    st.series.push_back(std::move(se));
  }
  request.studies.push_back(std::move(st));
  return soap::WriteRequestEnvelope(imaging::kActionRad69, "http://127.0.0.1/xds/imaging", "urn:uuid:bench",
                                    imaging::WriteRad69Request(request));
}

// A transfer that must have carried every instance.
Status Check(const Result<TimedTransfer>& t, int expected_parts, const std::string& what) {
  if (!t.ok()) return Status::Unavailable(what + ": " + t.status().ToString());
  if (t->http_status != 200 || t->parts != expected_parts)
    return Status::Internal(what + ": HTTP " + std::to_string(t->http_status) + ", " + std::to_string(t->parts) +
                            " parts instead of " + std::to_string(expected_parts));
  return Status::Ok();
}

Status Record(const Result<TimedTransfer>& t, int expected_parts, const std::string& what, Samples& into,
              double extra_seconds = 0) {
  XDS_RETURN_IF_ERROR(Check(t, expected_parts, what));
  into.seconds.push_back(extra_seconds + t->seconds);
  into.first_ms.push_back(extra_seconds * 1000 + t->first_instance_ms);
  return Status::Ok();
}

// WADO-URI of every instance of the study, one request after the other on
// a connection each; `into` gets the total time and the first request's.
Status RunWadoUri(int port, const imaging::testing::GeneratedStudy& study, const std::string& what, Samples& into) {
  double seconds = 0, first_ms = 0;
  for (const auto& s : study.series) {
    for (const auto& i : s.instances) {
      auto t = TimedMultipartRequest(port, "GET",
                                     "/wado?requestType=WADO&studyUID=" + study.study_instance_uid + "&seriesUID=" +
                                         s.series_instance_uid + "&objectUID=" + i.sop_instance_uid +
                                         "&contentType=application/dicom",
                                     "", "", 0);
      if (!t.ok()) return Status::Unavailable(what + ": " + t.status().ToString());
      if (t->http_status != 200 || t->bytes == 0)
        return Status::Internal(what + ": HTTP " + std::to_string(t->http_status) + " for " + i.sop_instance_uid);
      if (first_ms == 0) first_ms = t->seconds * 1000;
      seconds += t->seconds;
    }
  }
  into.seconds.push_back(seconds);
  into.first_ms.push_back(first_ms);
  return Status::Ok();
}

// (a): getscu into nothing. Includes getscu's process start (a few ms).
Status RunCeiling(const OrthancProcess& pacs, const std::string& study_uid, const std::string& log, Samples& into) {
  Stopwatch watch;
  int rc = imaging::testing::RunTool({"getscu", "-S", "--ignore", "-aet", "GETSCU", "-aec", kPacsAe, "-k",
                                      "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study_uid, "127.0.0.1",
                                      std::to_string(pacs.dicom_port())},
                                     log);
  if (rc != 0) return Status::Internal("getscu exited with " + std::to_string(rc) + " (see " + log + ")");
  into.seconds.push_back(watch.Seconds());
  return Status::Ok();
}

// (b): the proxy Orthanc retrieves the study from the site PACS, then
// serves it by DICOMweb; then its DICOMweb alone; then it forgets the study.
Status RunOrthancProxy(const OrthancProcess& proxy, const std::string& study_uid, int instances, std::string& method,
                       Samples& cold, Samples& warm) {
  http::HttpClient rest(proxy.base_url(), {5, 600, std::nullopt});
  const std::string job = "{\"Level\": \"Study\", \"Resources\": [{\"StudyInstanceUID\": \"" + study_uid +
                          "\"}], \"TargetAet\": \"" + kProxyAe + "\", \"Synchronous\": true}";
  Stopwatch watch;
  auto got = rest.Post("/modalities/site/" + (method.empty() ? std::string("get") : method), "application/json", job);
  if (method.empty()) {
    method = got.ok() && got->status == 200 ? "get" : "move";
    if (method == "move") {
      watch = Stopwatch();
      got = rest.Post("/modalities/site/move", "application/json", job);
    }
  }
  if (!got.ok() || got->status != 200)
    return Status::Internal("Orthanc proxy C-" + method + ": " +
                            (got.ok() ? "HTTP " + std::to_string(got->status) + " " + got->body : got.status().ToString()));
  const double retrieve_seconds = watch.Seconds();
  XDS_RETURN_IF_ERROR(Record(TimedMultipartRequest(proxy.http_port(), "GET", "/dicom-web/studies/" + study_uid,
                                                   kWadoAccept, "", 0),
                             instances, "Orthanc proxy DICOMweb", cold, retrieve_seconds));
  XDS_RETURN_IF_ERROR(Record(TimedMultipartRequest(proxy.http_port(), "GET", "/dicom-web/studies/" + study_uid,
                                                   kWadoAccept, "", 0),
                             instances, "Orthanc proxy DICOMweb (holding the study)", warm));
  auto lookup = rest.Post("/tools/lookup", "text/plain", study_uid);
  std::smatch m;
  static const std::regex kId("\"ID\"\\s*:\\s*\"([^\"]+)\"");
  if (!lookup.ok() || !std::regex_search(lookup->body, m, kId)) return Status::Internal("Orthanc proxy: study not found after retrieval");
  auto deleted = rest.SendStreaming("DELETE", "/studies/" + m[1].str(), "", std::nullopt, nullptr,
                                    [](const http::HttpResponse&) { return http::ChunkSink([](std::string_view) { return true; }); });
  if (!deleted.ok()) return deleted.status();
  return Status::Ok();
}

void ReportPath(Report& report, const std::string& name, const Samples& s, double mb, int instances, bool first) {
  if (s.seconds.empty()) return;  // not measured (--cold-only)
  const double sec = s.seconds_median();
  report.Row(name + " time", Format("%.3f s", sec));
  report.Row(name + " throughput", Format("%.1f MB/s, %.0f instances/s", mb / sec, instances / sec));
  if (first) report.Row(name + " first instance", Format("%.1f ms", s.first_median()));
}

int Run(const Options& o) {
  xds::testing::TempDir temp;
  const std::string work = o.work_dir.empty() ? temp.path() : o.work_dir;
  std::fprintf(stderr, "imaging_bench: work folder %s, load average %.2f\n", work.c_str(), ReadLoadAverage());

  // The study, written by DCMTK.
  if (Status made = MakeDirectories(work + "/study"); !made.ok()) {
    std::fprintf(stderr, "%s\n", made.ToString().c_str());
    return 1;
  }
  imaging::testing::StudySpec spec;
  spec.series = {{"CT", "1.2.840.10008.1.2.1", o.instances, 512, 512}};
  auto study = imaging::testing::GenerateStudy(spec, work + "/study");
  if (!study.ok()) {
    std::fprintf(stderr, "cannot generate the study: %s\n", study.status().ToString().c_str());
    return 1;
  }
  const double mb = StudyBytes(*study) / 1e6;

  // The site PACS and the proxy Orthanc, each knowing the other.
  const int proxy_dicom_port = imaging::testing::FreeLoopbackPort();
  OrthancOptions site{o.orthanc, work + "/pacs", kPacsAe, 0, {{"proxy", kProxyAe, proxy_dicom_port}}};
  auto pacs = OrthancProcess::Start(site);
  if (!pacs.ok()) {
    std::fprintf(stderr, "%s\n", pacs.status().ToString().c_str());
    return 1;
  }
  OrthancOptions proxy_options{o.orthanc, work + "/proxy", kProxyAe, proxy_dicom_port,
                               {{"site", kPacsAe, (*pacs)->dicom_port()}}};
  auto proxy = OrthancProcess::Start(proxy_options);
  if (!proxy.ok()) {
    std::fprintf(stderr, "%s\n", proxy.status().ToString().c_str());
    return 1;
  }
  std::vector<std::string> storescu = {"storescu", "-xe", "-aec", kPacsAe, "127.0.0.1",
                                       std::to_string((*pacs)->dicom_port())};
  for (const auto& f : study->Files()) storescu.push_back(f);
  Stopwatch load;
  if (imaging::testing::RunTool(storescu, work + "/storescu.log") != 0) {
    std::fprintf(stderr, "storescu failed, see %s/storescu.log\n", work.c_str());
    return 1;
  }
  std::fprintf(stderr, "loaded %d instances (%.1f MB) into Orthanc in %.1f s\n", o.instances, mb, load.Seconds());

  ImagingSourceUnderTest ours;
  SourceOptions source{(*pacs)->dicom_port(), kPacsAe, work + "/source", o.cache_mb, 16, "", true};
  const std::string envelope = Rad69Envelope(*study);
  const std::string uid = study->study_instance_uid;
  Samples ceiling, wado_cold, wado_warm, rad69_cold, rad69_warm, proxy_cold, proxy_warm, publish;
  Samples wado_uncached, rad69_uncached;  // the same with no cache at all
  Samples uri_cold, uri_warm;
  Samples wado_web_cold, rad69_web_cold;  // the PACS by DICOMweb
  Samples rad69_wado_cold;                // C-FIND, then WADO-RS
  SourceOptions by_dicomweb = source;
  by_dicomweb.dicomweb_url = (*pacs)->base_url() + "/dicom-web";
  SourceOptions by_wado = by_dicomweb;
  by_wado.dicomweb_queries = false;
  SourceOptions uncached = source;
  uncached.cache_mb = 0;
  std::string proxy_method;
  const double load_before = ReadLoadAverage();
  for (int round = 0; round < o.rounds; ++round) {
    std::fprintf(stderr, "round %d of %d\n", round + 1, o.rounds);
    Status s = RunCeiling(**pacs, uid, work + "/getscu.log", ceiling);
    // Ours: a fresh actor (empty cache) publishes, then WADO-RS cold, warm.
    if (s.ok()) s = ours.Start(source);
    if (s.ok()) {
      Stopwatch watch;
      auto published = ours.actor().PublishStudy(uid);
      if (!published.ok()) s = published.status();
      publish.seconds.push_back(watch.Seconds());
    }
    const std::string wado_path = "/wado-rs/studies/" + uid;
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "GET", wado_path, kWadoAccept, "", 0), o.instances,
                 "WADO-RS cold", wado_cold);
    if (s.ok() && !o.cold_only)
      s = Record(TimedMultipartRequest(ours.http_port(), "GET", wado_path, kWadoAccept, "", 0), o.instances,
                 "WADO-RS warm", wado_warm);
    // A fresh actor again for RAD-69 cold, then warm.
    if (s.ok()) s = ours.Start(source);
    const std::string soap = "Content-Type: application/soap+xml; charset=UTF-8\r\n";
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "POST", "/xds/imaging", soap, envelope, 1), o.instances + 1,
                 "RAD-69 cold", rad69_cold);
    if (s.ok() && !o.cold_only)
      s = Record(TimedMultipartRequest(ours.http_port(), "POST", "/xds/imaging", soap, envelope, 1), o.instances + 1,
                 "RAD-69 warm", rad69_warm);
    // The same two cold paths with the PACS reached by DICOMweb, a fresh
    // actor each.
    if (s.ok()) s = ours.Start(by_dicomweb);
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "GET", wado_path, kWadoAccept, "", 0), o.instances,
                 "WADO-RS cold, PACS by DICOMweb", wado_web_cold);
    if (s.ok()) s = ours.Start(by_dicomweb);
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "POST", "/xds/imaging", soap, envelope, 1), o.instances + 1,
                 "RAD-69 cold, PACS by DICOMweb", rad69_web_cold);
    if (s.ok()) s = ours.Start(by_wado);
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "POST", "/xds/imaging", soap, envelope, 1), o.instances + 1,
                 "RAD-69 cold, C-FIND + WADO-RS", rad69_wado_cold);
    // And again for WADO-URI, instance after instance, cold then warm.
    if (s.ok()) s = ours.Start(source);
    if (s.ok()) s = RunWadoUri(ours.http_port(), *study, "WADO-URI cold", uri_cold);
    if (s.ok() && !o.cold_only) s = RunWadoUri(ours.http_port(), *study, "WADO-URI warm", uri_warm);
    if (o.cold_only) {
      ours.Stop();
      if (!s.ok()) {
        std::fprintf(stderr, "round %d failed: %s\n", round + 1, s.ToString().c_str());
        return 1;
      }
      continue;
    }
    // No cache: what filling it costs on the first retrieval.
    if (s.ok()) s = ours.Start(uncached);
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "GET", wado_path, kWadoAccept, "", 0), o.instances,
                 "WADO-RS without cache", wado_uncached);
    if (s.ok())
      s = Record(TimedMultipartRequest(ours.http_port(), "POST", "/xds/imaging", soap, envelope, 1), o.instances + 1,
                 "RAD-69 without cache", rad69_uncached);
    ours.Stop();
    if (s.ok()) s = RunOrthancProxy(**proxy, uid, o.instances, proxy_method, proxy_cold, proxy_warm);
    if (!s.ok()) {
      std::fprintf(stderr, "round %d failed: %s\n", round + 1, s.ToString().c_str());
      return 1;
    }
  }

  Report report;
  report.Section(Format("Study: %d CT instances 512x512 16-bit, %.1f MB; medians of %d rounds; load average %.2f -> %.2f",
                        o.instances, mb, o.rounds, load_before, ReadLoadAverage()));
  ReportPath(report, "(a) getscu --ignore from the PACS", ceiling, mb, o.instances, false);
  ReportPath(report, "ours WADO-RS, cache cold", wado_cold, mb, o.instances, true);
  ReportPath(report, "ours WADO-RS, cache cold, PACS by DICOMweb", wado_web_cold, mb, o.instances, true);
  ReportPath(report, "ours WADO-RS, cache warm", wado_warm, mb, o.instances, true);
  ReportPath(report, "ours RAD-69, cache cold", rad69_cold, mb, o.instances, true);
  ReportPath(report, "ours RAD-69, cache cold, PACS by DICOMweb", rad69_web_cold, mb, o.instances, true);
  ReportPath(report, "ours RAD-69, cache cold, C-FIND + WADO-RS", rad69_wado_cold, mb, o.instances, true);
  ReportPath(report, "ours RAD-69, cache warm", rad69_warm, mb, o.instances, true);
  ReportPath(report, "ours WADO-URI instance by instance, cache cold", uri_cold, mb, o.instances, true);
  ReportPath(report, "ours WADO-URI instance by instance, cache warm", uri_warm, mb, o.instances, true);
  ReportPath(report, "ours WADO-RS, no cache", wado_uncached, mb, o.instances, true);
  ReportPath(report, "ours RAD-69, no cache", rad69_uncached, mb, o.instances, true);
  ReportPath(report, "(b) Orthanc proxy, C-" + proxy_method + " + DICOMweb", proxy_cold, mb, o.instances, true);
  ReportPath(report, "(b) Orthanc DICOMweb, holding the study", proxy_warm, mb, o.instances, true);

  report.Section("Targets (cold = every instance fetched from the PACS)");
  const double a = ceiling.seconds_median(), b = proxy_cold.seconds_median();
  struct Ours {
    const char* name;
    const Samples& s;
  } paths[] = {{"WADO-RS cold", wado_cold},         {"WADO-RS cold, DICOMweb", wado_web_cold},
               {"WADO-RS warm", wado_warm},         {"RAD-69 cold", rad69_cold},
               {"RAD-69 cold, DICOMweb", rad69_web_cold}, {"RAD-69 cold, C-FIND + WADO-RS", rad69_wado_cold},
               {"RAD-69 warm", rad69_warm},
               {"WADO-URI cold", uri_cold},         {"WADO-URI warm", uri_warm},
               {"WADO-RS no cache", wado_uncached}, {"RAD-69 no cache", rad69_uncached}};
  for (const auto& p : paths) {
    if (p.s.seconds.empty()) continue;  // not measured (--cold-only)
    const double sec = p.s.seconds_median();
    report.Check(std::string("ours/(a) throughput, ") + p.name, Format("%.2f", a / sec), Format(">= %.1f", kCeilingRatioTarget),
                 a / sec >= kCeilingRatioTarget);
    if (b > 0)
      report.Check(std::string("ours/(b) throughput, ") + p.name, Format("%.2f", b / sec), "> 1 (faster)", b / sec > 1);
    report.Check(std::string("time to first instance, ") + p.name, Format("%.1f ms", p.s.first_median()),
                 Format("< %.0f ms", kFirstInstanceTargetMs), p.s.first_median() < kFirstInstanceTargetMs);
  }
  report.Section("Publication (C-FIND study/series/instances -> KOS -> RAD-68 -> registered)");
  report.Row("time to publish the study", Format("%.1f ms", publish.seconds_median() * 1000));
  report.Print(stdout);
  return 0;
}

}  // namespace
}  // namespace xds::bench

int main(int argc, char** argv) {
  xds::bench::Options o;
  CLI::App app{"imaging_bench: the imaging source serving a CT study out of Orthanc, next to getscu and Orthanc as proxy"};
  app.add_option("--instances", o.instances, "instances in the CT study (512x512, 16-bit)")->check(CLI::PositiveNumber);
  app.add_option("--rounds", o.rounds, "rounds; medians are reported")->check(CLI::PositiveNumber);
  app.add_option("--cache-mb", o.cache_mb, "the imaging source's instance cache budget (MiB)");
  app.add_option("--work-dir", o.work_dir, "folder for the study, Orthanc and the imaging source (default: temporary)");
  app.add_option("--orthanc", o.orthanc, "the Orthanc executable");
  app.add_flag("--cold-only", o.cold_only,
               "measure getscu and our cold paths only (no warm, no-cache or Orthanc proxy runs)");
  CLI11_PARSE(app, argc, argv);
  ::setenv("TCP_NODELAY", "1", 1);  // for getscu/storescu and our own DCMTK associations
  spdlog::set_level(spdlog::level::warn);
  return xds::bench::Run(o);
}

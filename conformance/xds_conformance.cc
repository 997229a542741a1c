// xds-conformance: runs the catalogue against anyone's XDS.b / XDS-I.b
// endpoints and writes JUnit XML and HTML reports.
//
//   xds-conformance --registry URL [--repository URL --repository-id OID]
//       [--imaging-source URL --imaging-source-id OID] [--wado-rs URL]
//       [--imaging-manifest UNIQUE_ID] (--mllp HOST:PORT | --patient CX...)
//       [--junit FILE] [--html FILE] [--filter ID_PREFIX] [--list]
//
// Exit code: 0 every case run passed (skipped ones aside), 1 a case failed,
// 2 bad command line.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "conformance/catalogue/catalogue.h"
#include "conformance/report/report.h"
#include "conformance/suite/runner.h"
#include "wire/base/ids.h"

namespace {

bool WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xds::conformance;
  CLI::App cli{"xds-conformance: Connectathon-style checks of XDS.b / XDS-I.b actors"};
  Endpoints e;
  std::string junit, html, filter;
  bool list = false, quiet = false;
  cli.add_option("--registry", e.registry_url, "registry SOAP endpoint (ITI-42, ITI-18)");
  cli.add_option("--registry-query", e.registry_query_url, "ITI-18 endpoint when not the ITI-42 one");
  cli.add_option("--repository", e.repository_url, "repository SOAP endpoint (ITI-41, ITI-43)");
  cli.add_option("--repository-id", e.repository_unique_id, "the repository's repositoryUniqueId");
  cli.add_option("--imaging-source", e.imaging_source_url, "imaging source SOAP endpoint (RAD-69)");
  cli.add_option("--imaging-source-id", e.imaging_source_id, "the imaging source's repositoryUniqueId");
  cli.add_option("--wado-rs", e.wado_rs_url, "WADO-RS base URL");
  cli.add_option("--imaging-manifest", e.imaging_manifest,
                 "uniqueId of a KOS manifest in the repository whose images the imaging source serves");
  cli.add_option("--mllp", e.mllp, "patient identity feed ITI-8 (host:port): a fresh patient per case");
  cli.add_option("--patient", e.patients, "a pre-registered patient id (CX), repeatable, when there is no feed")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cli.add_option("--assigning-authority", e.assigning_authority, "OID of the fed patients' ids")
      ->capture_default_str();
  cli.add_option("--junit", junit, "write a JUnit XML report here");
  cli.add_option("--html", html, "write an HTML report here");
  cli.add_option("--filter", filter, "run only the cases whose id starts with this");
  cli.add_flag("--list", list, "print the catalogue (id, actor, rule, title) and exit");
  cli.add_flag("-q,--quiet", quiet, "print only failures and the summary");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = cli.exit(error);
    return code == 0 ? 0 : 2;
  }

  std::vector<Case> cases = AllCases();
  if (list) {
    for (const Case& c : cases)
      std::printf("%s\t%s\t%s\t%s\n", c.id.c_str(), ActorName(c.actor), c.rule.c_str(), c.title.c_str());
    std::printf("%zu cases\n", cases.size());
    return 0;
  }
  if (e.registry_url.empty() && e.repository_url.empty() && e.imaging_source_url.empty() && e.wado_rs_url.empty()) {
    std::fprintf(stderr, "give at least one endpoint (--registry, --repository, --imaging-source, --wado-rs)\n");
    return 2;
  }
  if (e.mllp.empty() && e.patients.empty()) {
    std::fprintf(stderr, "give a patient feed (--mllp HOST:PORT) or pre-registered patients (--patient CX ...)\n");
    return 2;
  }
  if (!e.repository_url.empty() && e.repository_unique_id.empty()) {
    std::fprintf(stderr, "--repository needs --repository-id (its repositoryUniqueId)\n");
    return 2;
  }

  RunSummary run;
  run.started_at = xds::NowDtm();
  run.endpoints = e;
  RunOptions options;
  options.filter = filter;
  options.on_result = [quiet](const CaseResult& r) {
    const char* verdict = r.verdict == Verdict::kPass ? "PASS" : r.verdict == Verdict::kFail ? "FAIL" : "SKIP";
    if (quiet && r.verdict != Verdict::kFail) return;
    std::printf("%s %-9s %s%s%s\n", verdict, r.c->id.c_str(), r.c->title.c_str(), r.reason.empty() ? "" : "\n      ",
                r.reason.c_str());
    std::fflush(stdout);
  };
  auto started = std::chrono::steady_clock::now();
  std::vector<CaseResult> results = RunCases(cases, e, options);
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  int passed = 0, failed = 0, skipped = 0;
  for (const auto& r : results) {
    passed += r.verdict == Verdict::kPass;
    failed += r.verdict == Verdict::kFail;
    skipped += r.verdict == Verdict::kSkip;
  }
  std::printf("%zu cases: %d passed, %d failed, %d skipped (%.1f s)\n", results.size(), passed, failed, skipped,
              run.seconds);
  if (!junit.empty() && !WriteText(junit, JunitReport(results, run))) {
    std::fprintf(stderr, "cannot write %s\n", junit.c_str());
    return 2;
  }
  if (!html.empty() && !WriteText(html, HtmlReport(results, run))) {
    std::fprintf(stderr, "cannot write %s\n", html.c_str());
    return 2;
  }
  return failed == 0 ? 0 : 1;
}

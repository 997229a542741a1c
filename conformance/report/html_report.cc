// One self-contained HTML page per run: a summary table, then one section
// per case with its rule, expectation, observation and the exchanges in
// <details> blocks (readable without script, printable, attachable).
#include <map>

#include "conformance/report/report.h"
#include "wire/xml/xml_writer.h"

namespace xds::conformance {
namespace {

std::string Esc(std::string_view text) {
  std::string out;
  xml::XmlWriter::AppendEscaped(out, text, true);
  return out;
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPass: return "pass";
    case Verdict::kFail: return "fail";
    case Verdict::kSkip: return "skip";
  }
  return "?";
}

constexpr char kStyle[] =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}"
    ".pass{color:#155724;background:#d4edda}.fail{color:#721c24;background:#f8d7da}.skip{color:#555;background:#eee}"
    "pre{background:#f6f8fa;padding:.5em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;max-height:30em}"
    "section{border-top:1px solid #ddd;margin-top:1em;padding-top:.5em}h3{margin:.2em 0}";

}  // namespace

std::string HtmlReport(const std::vector<CaseResult>& results, const RunSummary& run) {
  std::map<Verdict, int> counts;
  for (const auto& r : results) counts[r.verdict]++;
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>XDS conformance report " +
                  Esc(run.started_at) + "</title><style>" + kStyle + "</style></head><body>\n";
  h += "<h1>XDS.b / XDS-I.b conformance report</h1>\n<p>Run started " + Esc(run.started_at) + ", " +
       std::to_string(results.size()) + " cases in " + std::to_string(static_cast<int>(run.seconds)) + " s: <b>" +
       std::to_string(counts[Verdict::kPass]) + " passed</b>, <b>" + std::to_string(counts[Verdict::kFail]) +
       " failed</b>, " + std::to_string(counts[Verdict::kSkip]) + " skipped.</p>\n";
  const Endpoints& e = run.endpoints;
  h += "<table><tr><th>Endpoint</th><th>URL</th></tr>";
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"Registry (ITI-42, ITI-18)", e.registry_url},
                                                        {"Repository (ITI-41, ITI-43)", e.repository_url},
                                                        {"repositoryUniqueId", e.repository_unique_id},
                                                        {"Imaging source (RAD-69)", e.imaging_source_url},
                                                        {"WADO-RS", e.wado_rs_url},
                                                        {"Imaging manifest", e.imaging_manifest},
                                                        {"Patient feed (ITI-8 MLLP)", e.mllp}})
    h += "<tr><td>" + Esc(name) + "</td><td>" + Esc(value.empty() ? "(not given)" : value) + "</td></tr>";
  h += "</table>\n<h2>Cases</h2>\n<table><tr><th>Case</th><th>Verdict</th><th>Title</th><th>Rule</th></tr>\n";
  for (const auto& r : results)
    h += "<tr><td><a href=\"#" + Esc(r.c->id) + "\">" + Esc(r.c->id) + "</a></td><td class=\"" +
         VerdictName(r.verdict) + "\">" + VerdictName(r.verdict) + "</td><td>" + Esc(r.c->title) + "</td><td>" +
         Esc(r.c->rule) + "</td></tr>\n";
  h += "</table>\n";
  for (const auto& r : results) {
    h += "<section id=\"" + Esc(r.c->id) + "\"><h3>" + Esc(r.c->id) + " " + Esc(r.c->title) + " <span class=\"" +
         VerdictName(r.verdict) + "\">" + VerdictName(r.verdict) + "</span></h3>\n";
    h += "<p><b>Actor:</b> " + Esc(ActorName(r.c->actor)) + "<br><b>Rule:</b> " + Esc(r.c->rule) +
         "<br><b>Expected:</b> " + Esc(r.expected) + "<br><b>Time:</b> " + std::to_string(r.seconds) + " s</p>\n";
    if (!r.reason.empty()) h += "<p><b>" + std::string(r.verdict == Verdict::kSkip ? "Skipped" : "Why it failed") +
                                ":</b> " + Esc(r.reason) + "</p>\n";
    if (!r.observed.empty()) h += "<p><b>Observed:</b></p><pre>" + Esc(r.observed) + "</pre>\n";
    for (const auto& x : r.exchanges) {
      h += "<details><summary>" + Esc(x.step) + ": " + Esc(x.transaction) + " → " + Esc(x.url) +
           "</summary><p>Request sent:</p><pre>" + Esc(x.request) + "</pre><p>Answer received:</p><pre>" +
           Esc(x.answer) + "</pre></details>\n";
    }
    h += "</section>\n";
  }
  h += "</body></html>\n";
  return h;
}

}  // namespace xds::conformance

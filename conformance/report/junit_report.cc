// JUnit XML as Jenkins, GitLab and GitHub test reporters read it: one
// testsuite per actor, one testcase per case (classname = actor), failures
// with the reason as message and the exchanges as text, skipped cases marked.
#include <map>

#include "conformance/report/report.h"
#include "wire/xml/xml_writer.h"

namespace xds::conformance {

std::string JunitReport(const std::vector<CaseResult>& results, const RunSummary& run) {
  std::map<std::string, std::vector<const CaseResult*>> by_actor;
  for (const auto& r : results) by_actor[ActorName(r.c->actor)].push_back(&r);
  xml::XmlWriter w;
  w.Open("testsuites");
  w.Attr("name", "xds-conformance");
  w.Attr("time", std::to_string(run.seconds));
  for (const auto& [actor, list] : by_actor) {
    int failures = 0, skipped = 0;
    double seconds = 0;
    for (const auto* r : list) {
      failures += r->verdict == Verdict::kFail;
      skipped += r->verdict == Verdict::kSkip;
      seconds += r->seconds;
    }
    w.Open("testsuite");
    w.Attr("name", actor);
    w.Attr("tests", std::to_string(list.size()));
    w.Attr("failures", std::to_string(failures));
    w.Attr("errors", "0");
    w.Attr("skipped", std::to_string(skipped));
    w.Attr("time", std::to_string(seconds));
    w.Attr("timestamp", run.started_at);
    for (const auto* r : list) {
      w.Open("testcase");
      w.Attr("classname", actor);
      w.Attr("name", r->c->id + " " + r->c->title);
      w.Attr("time", std::to_string(r->seconds));
      w.Open("properties");
      w.Open("property");
      w.Attr("name", "rule");
      w.Attr("value", r->c->rule);
      w.Close();
      w.Open("property");
      w.Attr("name", "expected");
      w.Attr("value", r->expected);
      w.Close();
      w.Close();
      if (r->verdict == Verdict::kFail) {
        w.Open("failure");
        w.Attr("message", r->reason);
        w.Attr("type", "NonConformance");
        std::string text = "Rule: " + r->c->rule + "\nExpected: " + r->expected + "\nObserved: " + r->observed + "\n";
        for (const auto& x : r->exchanges)
          text += "\n--- " + x.step + ": " + x.transaction + " " + x.url + "\n>>> request\n" + x.request +
                  "\n<<< answer\n" + x.answer + "\n";
        w.Text(text);
        w.Close();
      } else if (r->verdict == Verdict::kSkip) {
        w.Open("skipped");
        w.Attr("message", r->reason);
        w.Close();
      }
      w.Close();
    }
    w.Close();
  }
  w.Close();
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + w.Take();
}

}  // namespace xds::conformance

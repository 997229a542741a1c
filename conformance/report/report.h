// The reports of a run: JUnit XML (for CI dashboards) and one
// self-contained HTML page (no script, no external style) that a vendor can
// read or attach to a ticket. Both show, per case, the verdict, the rule it
// checks, what was expected, what came back, and every request and answer.
#pragma once

#include <string>
#include <vector>

#include "conformance/suite/case.h"
#include "conformance/suite/runner.h"

namespace xds::conformance {

struct RunSummary {
  std::string started_at;  // DTM
  Endpoints endpoints;
  double seconds = 0;
};

std::string JunitReport(const std::vector<CaseResult>& results, const RunSummary& run);
std::string HtmlReport(const std::vector<CaseResult>& results, const RunSummary& run);

}  // namespace xds::conformance

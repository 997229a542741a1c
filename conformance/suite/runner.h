// Runs catalogue cases against the endpoints and judges each answer against
// the case's expectation. A case whose actor has no endpoint (or that needs
// an imaging manifest none was given for) is skipped, not failed.
//
// Cases run one after another, each with its own CaseContext: fresh ids,
// fresh patient, nothing shared.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "conformance/suite/case.h"
#include "conformance/suite/case_context.h"

namespace xds::conformance {

enum class Verdict { kPass, kFail, kSkip };

struct CaseResult {
  const Case* c = nullptr;
  Verdict verdict = Verdict::kFail;
  std::string reason;    // why it failed or was skipped
  std::string expected;  // the expectation, in words, with the ids it named
  std::string observed;  // the answer, reduced
  std::vector<Exchange> exchanges;
  double seconds = 0;
};

struct RunOptions {
  std::string filter;  // run only cases whose id starts with this
  std::function<void(const CaseResult&)> on_result;  // progress
};

// Reads the KOS manifest named by endpoints.imaging_manifest from the
// repository (ITI-43) and lists its instances. NotFound without one.
Result<CaseContext::Manifest> LoadManifest(const Endpoints& endpoints);

std::vector<CaseResult> RunCases(const std::vector<Case>& cases, const Endpoints& endpoints,
                                 const RunOptions& options);

}  // namespace xds::conformance

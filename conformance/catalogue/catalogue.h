// The conformance catalogue: every case the suite runs, grouped by what it
// exercises. Each group lives in its own file; ids are stable (reports and
// the README's traceability refer to them):
//   REG-*   valid ITI-42 registrations of every object and association kind
//   MDE-*   one metadata rule a registry must enforce, broken once
//   SQ-*    ITI-18 stored queries and their parameter semantics
//   LC-*    RPLC / APND / XFRM / XFRM_RPLC lifecycles, deprecation, folders
//   REP-*   ITI-41 / ITI-43: MTOM and inline, hash and size, partial retrieve
//   XDSI-*  XDS-I.b manifest publication and image retrieval (RAD-69, WADO-RS)
//   MU-*, RMD-*, RD-*, MPQ-*  the metadata lifecycle: ITI-57, ITI-62,
//           ITI-86, ITI-51 (metadata_update_cases.cc)
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "conformance/suite/case.h"
#include "conformance/suite/metadata_template.h"

namespace xds::conformance {

std::vector<Case> RegistrationCases();
std::vector<Case> MetadataErrorCases();
std::vector<Case> QueryCases();
std::vector<Case> LifecycleCases();
std::vector<Case> RepositoryCases();
std::vector<Case> ImagingCases();
std::vector<Case> MetadataUpdateCases();

// All of them, in the order above.
std::vector<Case> AllCases();

// ---- Building blocks the catalogue files share ----------------------------

using Build = std::function<void(SubmissionBuilder&)>;

// Registers what `build` makes (ITI-42) as a setup step, under SubmissionSet
// label `ss_label`.
Status Register(CaseContext& ctx, const Build& build, const std::string& ss_label = "ss0");

// A case whose request is an ITI-42 of what `build` makes.
Case RegisterCase(std::string id, std::string title, std::string rule, Build build, Expected expected,
                  std::function<Status(CaseContext&)> setup = {});

// A case registering one valid DocumentEntry edited by `edit`, refused with
// `error_code`.
Case BrokenCase(std::string id, std::string title, std::string rule, Build edit, std::string error_code);

}  // namespace xds::conformance

// Which studies a requester may retrieve images of, when the region seals
// its structures from each other: the imaging source (RAD-69, WADO-URI,
// WADO-RS) asks the registry, which knows the manifests, the consents and
// the sharing rules (wire/access/access_decision.h). A study is granted
// when the requester may see at least one manifest that references it.
#pragma once

#include <string>
#include <vector>

#include "wire/access/access_decision.h"

namespace xds::imaging {

// The subset of `study_uids` the requester may retrieve; all of them when
// `access` is null (open mode); none when no decision could be had (the
// registry unreachable: fail closed).
std::vector<std::string> AllowedStudies(const access::AccessDecisionPoint* access,
                                        const security::Requester& requester, std::vector<std::string> study_uids);

}  // namespace xds::imaging

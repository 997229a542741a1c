// SubmissionClaimOf: what a submission's metadata says about ownership
// (access_messages.h SubmissionClaim), read the same way wherever the
// submission arrives: the registry for ITI-42 and ITI-57, the repository
// for ITI-41 before it asks the registry's /access/decide.
#pragma once

#include "wire/access/access_messages.h"
#include "wire/ihe/rim.h"

namespace xds::access {

SubmissionClaim SubmissionClaimOf(const ihe::SubmitObjectsRequest& request);

}  // namespace xds::access

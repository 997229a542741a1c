// The context-free validation of an ITI-42 Register Document Set-b
// submission (and of the metadata of an ITI-41 that a repository forwards):
// every XDS.b metadata rule that can be decided from the SubmitObjectsRequest
// alone, without registry state (ITI TF-2 3.42.4.1.3, ITI TF-3 4.2 and
// Table 4.3.1-3).
//
// Not checked here, because it needs the registry's database (registry/submit
// does it after this validation passes): patient ids known from the identity
// feed, uniqueIds already registered, association targets that are urn:uuid
// ids of objects outside the submission (existence, Approved status, type),
// folder/patient matches against registered folders, RPLC targets.
//
// Thread safety: ValidateSubmission is a pure function of its arguments; it
// may be called concurrently.
#pragma once

#include <string>
#include <vector>

#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

struct ValidationOptions {
  // ITI-42 from a repository: hash, size and repositoryUniqueId are R (DR
  // column of TF-3 Table 4.3.1-3). When false they are O (DS column), but
  // their format is still checked when present.
  bool repository_fields_required = true;
  // The affinity domain's mimeType list (TF ITI-42 registry rule "mimeType
  // restricted"). Compared case-insensitively on type/subtype; empty = any
  // syntactically valid type/subtype.
  std::vector<std::string> allowed_mime_types;
};

// Checks the submission against the XDS.b metadata rules that need no
// registry state. Returns every problem found (not only the first), each with
// the right error code and a codeContext naming the offending object id and
// attribute, in a deterministic order (structure, then each object in
// document order, then the rules across objects). An empty result means the
// submission may go on to the registry-state checks.
ihe::RegistryErrors ValidateSubmission(const ihe::SubmitObjectsRequest& request,
                                       const ValidationOptions& options);

}  // namespace xds::registry

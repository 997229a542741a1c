// Register Document Set-b (ITI-42): the registry's handling of one
// SubmitObjectsRequest, from validation to commit.
//
//   1. context-free validation (registry/validate)
//   2. symbolic ids → UUIDs
//   3. in one write transaction: checks against registered state (patient
//      known, uniqueIds, association targets, deprecation, folder patient),
//      inserts, then the effects of RPLC/XFRM_RPLC and folder membership
//   4. commit, or roll back everything when any error was found
//
// Thread-safe: the store serialises the write transactions.
#pragma once

#include "registry/store/registry_store.h"
#include "registry/validate/submission_validator.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

struct RegisterOptions {
  ValidationOptions validation;
};

// Returns the errors and warnings of the submission; no error means it was
// registered and committed durably.
ihe::RegistryErrors RegisterDocumentSet(RegistryStore& store, ihe::SubmitObjectsRequest request,
                                        const RegisterOptions& options);

}  // namespace xds::registry

// Update Document Set (ITI-57, XDS Metadata Update) and Restricted Update
// Document Set (ITI-92): the registry's handling of one request, from
// validation to commit.
//
//   1. the ITI-42 context-free rules on the request without its Metadata
//      Update markup, then the operations read from it (update_plan.h)
//   2. in one write transaction: for each new version, the logical object
//      exists, its latest version is Approved and is the PreviousVersion
//      named (else XDSMetadataVersionError), the attributes that must stay
//      did (version_rules.h), propagated associations keep one patient
//      (XDSPatientIDReconciliationError); for each status change, the
//      target exists, is the latest version and has the OriginalStatus;
//      then the ITI-42 registry checks and inserts (registry/submit), and
//      the effects: the previous version Deprecated and no longer latest,
//      associations propagated, statuses changed
//   3. commit, or roll back everything when any error was found.
//
// Only one version of a logical object is ever Approved: the latest.
// Thread-safe: the store serialises write transactions.
#pragma once

#include "registry/store/registry_store.h"
#include "registry/validate/submission_validator.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

struct UpdateOptions {
  ValidationOptions validation;
  // ITI-92: DocumentEntry metadata only, with the RMU error codes.
  bool restricted = false;
};

// Returns the errors and warnings; no error means the update was committed.
ihe::RegistryErrors UpdateDocumentSet(RegistryStore& store, ihe::SubmitObjectsRequest request,
                                      const UpdateOptions& options);

}  // namespace xds::registry

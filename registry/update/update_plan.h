// The operations of one ITI-57 Update Document Set request (XDS Metadata
// Update, ITI TF-2b 3.57.4.1.3), read from its SubmitObjectsRequest before
// any registry state is consulted:
//   * Update DocumentEntry / Folder Metadata: a new version, recognised by
//     a logicalID (lid) other than its entryUUID, with the SubmissionSet
//     HasMember that carries PreviousVersion and AssociationPropagation;
//   * Update availabilityStatus (DocumentEntry, Folder, Association): an
//     UpdateAvailabilityStatus association from the SubmissionSet with
//     OriginalStatus and NewStatus;
//   * Submit new Association: an Association whose two ends are registered
//     objects (neither is an object of the request), such as a Folder
//     HasMember to a registered DocumentEntry, linked from the
//     SubmissionSet by a HasMember (the ITI-42 SS-HM form) or by a
//     SubmitAssociation association (the form of the NIST toolkit and IPF);
//     checked against the registry in association_operations.h;
//   * everything else (the SubmissionSet, the new versions' HasMembers,
//     associations to new versions) goes through the ITI-42 rules.
// The request's ids are already resolved (registry/submit/symbolic_ids.h).
//
// Plain values and a pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

struct VersionUpdate {
  std::string id;                // entryUUID of the new version
  std::string lid;               // its logical object
  bool folder = false;           // else a DocumentEntry
  std::string previous_version;  // PreviousVersion slot: the version it updates
  bool propagate = true;         // AssociationPropagation (default yes)
};

struct StatusUpdate {
  std::string association_id;  // the UpdateAvailabilityStatus association
  std::string target;          // entryUUID whose status changes
  Availability original = Availability::kApproved;
  Availability next = Availability::kApproved;
};

struct UpdatePlan {
  std::vector<VersionUpdate> versions;
  std::vector<StatusUpdate> statuses;
  // The request without the UpdateAvailabilityStatus associations and
  // without the Metadata Update slots: what the ITI-42 rules check and
  // register.
  ihe::SubmitObjectsRequest registration;
  // The UpdateAvailabilityStatus associations, stored as they came (the
  // record of who changed which status).
  std::vector<ihe::RegistryObject> status_associations;
  // Submit new Association: the associations between registered objects,
  // and the SubmissionSet associations (HasMember or SubmitAssociation)
  // that bring them. Neither is in `registration`.
  std::vector<ihe::RegistryObject> added_associations;
  std::vector<ihe::RegistryObject> added_links;
};

// `restricted`: ITI-92 Restricted Update Document Set, which allows only
// DocumentEntry metadata updates. Errors go to `errors`.
UpdatePlan PlanUpdate(const ihe::SubmitObjectsRequest& request, bool restricted, ihe::RegistryErrors& errors);

// The request with what the ITI-42 context-free validation does not know
// taken out (UpdateAvailabilityStatus associations, Metadata Update slots,
// associations between registered objects and the SubmissionSet
// associations that bring them).
ihe::SubmitObjectsRequest WithoutUpdateMarkup(const ihe::SubmitObjectsRequest& request);

}  // namespace xds::registry

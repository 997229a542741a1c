// The region's access policy (issue 7, "Sealing between structures and
// consent"), applied by the registry to every stored query and answered to
// the enforcement points (repository ITI-43, imaging source RAD-69/WADO):
//
//   [access]
//   sealing = true                  off: open mode (Connectathon testing)
//   administrators = ["cert-cn:region-admin"]       may manage sharing rules
//   enforcement_points = ["cert-cn:repository", "cert-cn:imaging-chu-nord"]
//                                                   may ask /access/decide
//   [access.structures.<id>] ...    structure_directory.h
//   [access.consent] ...            consent.h
//
// With sealing on, a DocumentEntry is visible to a requester when
//   1. the requester belongs to the structure that owns it; or
//   2. the patient's consent in force is opt-in (consent.h; applied before
//      any sharing rule), and a sharing rule in force of the owner grants
//      the requester's structure the entry's classCode for one of the
//      requester's purposes of use.
// A requester of no structure (no verified certificate or assertion that
// names one) sees nothing. The region's own infrastructure is not a
// structure and sees everything: the other actors of this process
// (in-process calls) and the enforcement points (a repository checking
// what it registered), which apply the policy to their own consumers. SubmissionSets and Folders are visible to their
// owner, and to others when they hold at least one DocumentEntry visible to
// them; an Association when both its ends are visible. So nothing leaks
// through GetAssociations, GetRelatedDocuments, folders or manifests.
//
// AccessPolicy is immutable and thread-safe; an AccessCheck serves one
// request inside one read transaction (it caches what it read).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "registry/access/consent.h"
#include "registry/access/object_facts.h"
#include "registry/access/sharing_rules.h"
#include "registry/access/structure_directory.h"
#include "registry/store/registry_store.h"
#include "wire/access/access_messages.h"
#include "wire/config/config.h"
#include "wire/security/requester.h"

namespace xds::registry {

struct AccessOptions {
  bool sealing = false;
  StructureDirectory structures;
  ConsentOptions consent;
  // Allow-list entries (security::Matches): who manages every sharing rule,
  // and which nodes may ask /access/decide (and see everything).
  std::vector<std::string> administrators;
  std::vector<std::string> enforcement_points;

  static Result<AccessOptions> FromConfig(const Config& config);
};

class AccessCheck {
 public:
  // `now`: 14-digit DTM UTC (rules' and consents' validity).
  AccessCheck(const AccessOptions& options, const security::Requester& requester, ReadTxn& txn, std::string now);

  // The requester's structure; empty when it proved none.
  const std::optional<std::string>& structure() const { return structure_; }
  // True when nothing is withheld from this requester (sealing off, or the
  // region's infrastructure).
  bool unrestricted() const { return unrestricted_; }

  // `entry_uuids` the requester may see, order kept.
  Result<std::vector<std::string>> KeepVisible(const std::vector<std::string>& entry_uuids);
  // Document uniqueIds (ITI-43) whose latest Approved entry it may see.
  Result<std::vector<std::string>> VisibleDocuments(const std::vector<std::string>& unique_ids);
  // Studies (RAD-69, WADO) of which it may see at least one manifest.
  Result<std::vector<std::string>> VisibleStudies(const std::vector<std::string>& study_uids);
  // Why the requester may not register `claim` (ITI-41, ITI-42, ITI-57);
  // empty: it may. A structure registers only what it will own (each
  // DocumentEntry by the submission set's sourceId, else its
  // authorInstitution) and touches only registered objects it owns
  // (replaces, appends to, transforms, files into its folders, versions).
  // Otherwise a structure could write under another's name, or deprecate
  // another's documents. Messages name no other structure. An enforcement
  // point of no structure (a repository registering what it checked for
  // its own requester) is not restricted.
  Result<std::vector<std::string>> SubmissionRefusals(const access::SubmissionClaim& claim);

 private:
  Result<bool> Visible(const std::string& entry_uuid, int depth);
  Result<bool> DocumentVisible(const ObjectFacts& facts);
  Result<std::string> OwnerOf(const ObjectFacts& facts);
  Result<ConsentState> ConsentOf(const std::string& patient_id);
  Status LoadFacts(const std::vector<std::string>& entry_uuids);
  bool RuleGrants(const std::string& owner, const std::string& class_code);

  const AccessOptions& options_;
  const security::Requester& requester_;
  ReadTxn& txn_;
  const std::string now_;
  std::optional<std::string> structure_;
  bool unrestricted_ = false;
  std::map<std::string, ObjectFacts> facts_;
  std::map<std::string, bool> visible_;
  std::map<std::string, ConsentState> consent_;
  std::optional<std::vector<access::SharingRule>> rules_;
};

}  // namespace xds::registry

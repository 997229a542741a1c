// The two ITI-57 Metadata Update operations on Associations (XDS Metadata
// Update, ITI TF-2b 3.57.4.1.3.3; the supplement's rules as the NIST
// toolkit's registry simulator, MuSim, applies them):
//
//   * Submit new Association: an association between two registered
//     objects (update_plan.h says how it is recognised). Each end must
//     exist (else UnresolvedReferenceException), be a DocumentEntry or a
//     Folder, never a SubmissionSet or an Association
//     (XDSMetadataUpdateError), be the latest version
//     (XDSMetadataVersionError) and Approved (a Deprecated DocumentEntry:
//     XDSRegistryDeprecatedDocumentError, as ITI TF-3 4.2.2.1.4 has for a
//     Folder membership; a Deprecated Folder: XDSMetadataUpdateError), and
//     both ends, and the SubmissionSet, belong to one patient
//     (XDSPatientIdDoesNotMatch). A HasMember links a Folder to a
//     DocumentEntry; APND, XFRM, signs and IsSnapshotOf link two
//     DocumentEntries (TF-3 4.2.2.2). RPLC and XFRM_RPLC are refused
//     (XDSMetadataUpdateOperationError): a replacement is a new document,
//     registered with ITI-42, or a new version. A second Approved
//     association of the same type between the same ends is refused
//     (XDSMetadataUpdateError).
//   * Update Association status: an UpdateAvailabilityStatus whose target
//     is a registered Association. Only a Folder membership (FD-DE
//     HasMember) or a document relationship may change; a SubmissionSet's
//     HasMember records a submission and never changes, nor does the
//     record of an update (XDSMetadataUpdateError). Approving again needs
//     both ends to be latest and Approved, and no other Approved
//     association of that type between them (XDSMetadataUpdateError).
//
// A Folder whose membership changes gets a new lastUpdateTime (ITI TF-3
// 4.2.3.4). Runs inside the caller's write transaction, on its thread.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "registry/update/update_plan.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

class AssociationOperations {
 public:
  // `submission_set`: the request's SubmissionSet (may be null: the ITI-42
  // rules already refused the request). `symbolic` names objects in
  // messages as the submitter wrote them. All are borrowed.
  AssociationOperations(WriteTxn& txn, const ihe::RegistryObject* submission_set,
                        const std::map<std::string, std::string>& symbolic, ihe::RegistryErrors& errors)
      : txn_(txn), set_(submission_set), symbolic_(symbolic), errors_(errors) {}

  // Submit new Association. `replaced`: entryUUIDs this request replaces by
  // a new version (an association to them would link a Deprecated version).
  Status CheckAdded(const ihe::RegistryObject& association, const std::set<std::string>& replaced);
  // Update Association status: `target` is the registered association,
  // `what` names the operation in messages.
  Status CheckStatusChange(const StatusUpdate& change, const ObjectInfo& target, const std::string& what);

  // After every check passed: inserts the added associations and their
  // SubmissionSet links (Approved, version 1), and touches the Folders
  // whose membership was added or changed status.
  Status Apply(const UpdatePlan& plan, const std::string& now);

 private:
  void Fail(ihe::ErrorCode code, std::string context);
  std::string Name(const std::string& id) const;
  // The registered end `id` of an association, or nullopt with an error
  // recorded (unknown, SubmissionSet, Association, old version, Deprecated).
  Result<std::optional<ObjectInfo>> UsableEnd(const std::string& id, const std::string& what,
                                              const std::set<std::string>& replaced);
  // True when an Approved association of `kind` other than `except` links
  // `source` to `target`.
  Result<bool> ApprovedTwin(AssociationKind kind, const std::string& source, const std::string& target,
                            const std::string& except);

  WriteTxn& txn_;
  const ihe::RegistryObject* set_;
  const std::map<std::string, std::string>& symbolic_;
  ihe::RegistryErrors& errors_;
  std::set<std::string> folders_touched_;
};

}  // namespace xds::registry

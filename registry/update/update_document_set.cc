#include "registry/update/update_document_set.h"

#include <charconv>
#include <map>
#include <set>

#include "registry/query/object_loader.h"
#include "registry/submit/registration.h"
#include "registry/update/association_operations.h"
#include "registry/submit/submission_rows.h"
#include "registry/submit/symbolic_ids.h"
#include "registry/update/update_plan.h"
#include "registry/update/version_rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryErrors;
using ihe::RegistryObject;

Status Rejected() { return Status::InvalidArgument("update rejected"); }

bool IsRelationship(AssociationKind k) {
  return k == AssociationKind::kRplc || k == AssociationKind::kXfrm || k == AssociationKind::kApnd ||
         k == AssociationKind::kXfrmRplc || k == AssociationKind::kSigns || k == AssociationKind::kIsSnapshotOf;
}

// "PreviousVersion + 1" as the new version's versionName; a value that is
// not a version number gets none here and fails the version check.
std::string NextVersionName(const std::string& previous) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(previous.data(), previous.data() + previous.size(), v);
  if (ec != std::errc() || end != previous.data() + previous.size() || v < 1) return "1";
  return std::to_string(v + 1);
}

// An association of the previous version to be copied onto the new one
// (AssociationPropagation), with the other end it links.
struct Propagation {
  RegistryObject copy;     // the new association, ready to insert
  bool folder_membership;  // FD-DE HasMember: also gets an SS-HM, touches the folder
  std::string folder;      // the Folder whose membership changes
};

class MetadataUpdate {
 public:
  MetadataUpdate(WriteTxn& txn, const UpdatePlan& plan, const PreparedRows& rows,
                 const std::map<std::string, std::string>& symbolic, const std::string& now, bool restricted,
                 RegistryErrors& errors)
      : txn_(txn), plan_(plan), rows_(rows), symbolic_(symbolic), now_(now), restricted_(restricted), errors_(errors),
        associations_(txn, FindSet(plan), symbolic, errors) {
    for (const auto& o : plan_.registration.objects) {
      by_id_[o.id] = &o;
      if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kSubmissionSet) set_ = &o;
    }
    for (const auto& v : plan_.versions) new_versions_.insert(v.id);
  }

  Status Run() {
    for (const auto& v : plan_.versions) XDS_RETURN_IF_ERROR(CheckVersion(v));
    for (const auto& s : plan_.statuses) XDS_RETURN_IF_ERROR(CheckStatus(s));
    std::set<std::string> replaced;
    for (const auto& [new_id, previous] : previous_) replaced.insert(previous);
    for (const auto& a : plan_.added_associations) XDS_RETURN_IF_ERROR(associations_.CheckAdded(a, replaced));
    // The ITI-42 registry checks and inserts; rejects when any error,
    // ours included, was recorded.
    XDS_RETURN_IF_ERROR(RegisterInTransaction(txn_, plan_.registration, rows_, symbolic_, now_, errors_, new_versions_));
    if (ihe::HasError(errors_)) return Rejected();
    for (const auto& [new_id, previous] : previous_) {
      // Only the latest version is Approved (ITI TF-2b 3.57.4.1.3.3).
      XDS_RETURN_IF_ERROR(txn_.SetAvailability(previous, Availability::kDeprecated));
      XDS_RETURN_IF_ERROR(txn_.SetLatest(previous, false));
    }
    XDS_RETURN_IF_ERROR(ApplyPropagations());
    // ITI57-015: a status change aimed at a new version of this request
    // applies to it, after its creation.
    for (const auto& s : plan_.statuses) XDS_RETURN_IF_ERROR(txn_.SetAvailability(s.target, s.next));
    for (const auto& a : plan_.status_associations) {
      RegistryObject stored = a;
      stored.status = std::string(vocab::kApproved);
      stored.version_name = "1";
      XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(stored)));
    }
    return associations_.Apply(plan_, now_);
  }

 private:
  static const RegistryObject* FindSet(const UpdatePlan& plan) {
    for (const auto& o : plan.registration.objects)
      if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kSubmissionSet) return &o;
    return nullptr;
  }

  void Fail(ErrorCode code, std::string context) { errors_.push_back(RegistryError::Error(code, std::move(context))); }

  std::string Name(const std::string& id) const {
    auto it = symbolic_.find(id);
    return it == symbolic_.end() ? id : it->second + " (" + id + ")";
  }

  Result<std::optional<RegistryObject>> LoadCurrent(const std::string& entry_uuid) {
    auto stored = txn_.LoadObjects({entry_uuid});
    if (!stored.ok()) return stored.status();
    if (stored->empty()) return std::optional<RegistryObject>();
    auto object = ToLeafClass(stored->front());  // current status and (surviving) patient id
    if (!object.ok()) return object.status();
    return std::optional<RegistryObject>(std::move(*object));
  }

  Status CheckVersion(const VersionUpdate& v) {
    const RegistryObject& next = *by_id_.at(v.id);
    const std::string what = std::string(v.folder ? "Folder " : "DocumentEntry ") + Name(v.id);
    auto latest = txn_.FindLatestVersion(v.lid);
    if (!latest.ok()) return latest.status();
    if (!latest->has_value()) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": no registered object has logicalID " + v.lid);
      return Status::Ok();
    }
    const ObjectInfo& current = **latest;
    const StoredKind expected = v.folder ? StoredKind::kFolder : StoredKind::kDocumentEntry;
    if (current.kind != expected) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": logicalID " + v.lid + " names a registered object of another type");
      return Status::Ok();
    }
    if (current.status != Availability::kApproved) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": the latest version (" + std::to_string(current.version) + ", " +
                                                current.entry_uuid + ") of " + v.lid +
                                                " is Deprecated; only an Approved object can be updated");
      return Status::Ok();
    }
    if (std::to_string(current.version) != v.previous_version) {
      Fail(ErrorCode::kMetadataVersionError, what + ": PreviousVersion " + v.previous_version +
                                                 " is not the latest version of " + v.lid + ", which is " +
                                                 std::to_string(current.version));
      return Status::Ok();
    }
    auto previous = LoadCurrent(current.entry_uuid);
    if (!previous.ok()) return previous.status();
    if (!previous->has_value()) return Status::Internal("latest version " + current.entry_uuid + " did not load");
    CheckUnchangedAttributes(**previous, next, v.folder, restricted_, errors_);
    previous_[v.id] = current.entry_uuid;
    return v.propagate ? PlanPropagation(v, current, next) : Status::Ok();
  }

  // AssociationPropagation=yes: the previous version's Approved folder
  // memberships and document relationships are copied onto the new version.
  // Every copy must link objects of one patient.
  Status PlanPropagation(const VersionUpdate& v, const ObjectInfo& previous, const RegistryObject& next) {
    auto links = txn_.SelectColumn(SqlQuery{
        "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
        "WHERE (a.source_uuid = ?1 OR a.target_uuid = ?1) AND a.status = 1",
        {previous.entry_uuid}});
    if (!links.ok()) return links.status();
    const std::string patient = ihe::PatientIdOf(next);
    for (const auto& link : *links) {
      auto info = txn_.FindObject(link);
      if (!info.ok()) return info.status();
      if (!info->has_value()) continue;
      const ObjectInfo& a = **info;
      const bool outgoing = a.source_uuid == previous.entry_uuid;
      const std::string other = outgoing ? a.target_uuid : a.source_uuid;
      auto end = txn_.FindObject(other);
      if (!end.ok()) return end.status();
      if (!end->has_value()) continue;
      const ObjectInfo& o = **end;
      bool membership = false;
      if (a.association_kind == AssociationKind::kHasMember) {
        // FD-DE: the folder is the source. SubmissionSet HasMembers stay
        // with the submission that made them.
        membership = v.folder ? outgoing && o.kind == StoredKind::kDocumentEntry
                              : !outgoing && o.kind == StoredKind::kFolder;
        if (!membership || o.status != Availability::kApproved) continue;
      } else if (v.folder || !IsRelationship(a.association_kind)) {
        continue;
      }
      if (o.patient_id != patient) {
        Fail(ErrorCode::kPatientIdReconciliationError,
             Name(v.id) + ": propagating association " + link + " would link patient " + patient + " with " +
                 std::string(o.kind == StoredKind::kFolder ? "Folder " : "DocumentEntry ") + other + " of patient " +
                 o.patient_id + "; send AssociationPropagation=no or move the other object first");
        continue;
      }
      auto original = LoadCurrent(link);
      if (!original.ok()) return original.status();
      if (!original->has_value()) continue;
      Propagation p;
      p.copy = std::move(**original);
      p.copy.id = p.copy.lid = NewUrnUuid();
      p.copy.status = std::string(vocab::kApproved);
      p.copy.version_name = "1";
      (outgoing ? p.copy.source_object : p.copy.target_object) = v.id;
      for (auto& c : p.copy.classifications) c.id = NewUrnUuid(), c.classified_object = p.copy.id;
      p.folder_membership = membership;
      p.folder = membership ? (v.folder ? v.id : other) : std::string();
      propagations_.push_back(std::move(p));
    }
    return Status::Ok();
  }

  Status CheckStatus(const StatusUpdate& s) {
    const std::string what = "UpdateAvailabilityStatus " + Name(s.association_id) + " of " + Name(s.target);
    if (new_versions_.contains(s.target)) {
      // The new version is created Approved (ITI57-015).
      if (s.original != Availability::kApproved)
        Fail(ErrorCode::kMetadataUpdateError, what + ": OriginalStatus of a new version is Approved");
      return Status::Ok();
    }
    for (const auto& [new_id, previous] : previous_)
      if (previous == s.target)
        Fail(ErrorCode::kMetadataUpdateError,
             what + ": this request replaces it by version " + new_id + "; change the new version's status");
    auto info = txn_.FindObject(s.target);
    if (!info.ok()) return info.status();
    if (!info->has_value()) {
      Fail(ErrorCode::kUnresolvedReference, what + ": no registered object has this entryUUID");
      return Status::Ok();
    }
    const ObjectInfo& t = **info;
    if (t.kind == StoredKind::kSubmissionSet) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": a SubmissionSet has no availabilityStatus to change");
      return Status::Ok();
    }
    if (!t.latest) {
      Fail(ErrorCode::kMetadataVersionError, what + ": version " + std::to_string(t.version) + " of " + t.lid +
                                                 " is not the latest; only the latest version's status changes");
      return Status::Ok();
    }
    if (t.status != s.original) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": OriginalStatus " + std::string(AvailabilityUrn(s.original)) +
                                                " is not its status (" + std::string(AvailabilityUrn(t.status)) + ")");
      return Status::Ok();
    }
    if (t.kind == StoredKind::kAssociation) return associations_.CheckStatusChange(s, t, what);
    if (set_ != nullptr && ihe::PatientIdOf(*set_) != t.patient_id)
      Fail(ErrorCode::kPatientIdDoesNotMatch, what + ": the object belongs to patient " + t.patient_id +
                                                  ", the SubmissionSet to " + ihe::PatientIdOf(*set_));
    return Status::Ok();
  }

  Status ApplyPropagations() {
    std::set<std::string> touched;
    for (const auto& p : propagations_) {
      XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(p.copy)));
      if (!p.folder_membership || set_ == nullptr) continue;
      // ITI TF-3 4.2.2.1.3: each FD-DE HasMember has its SS-HM.
      RegistryObject recorded;
      recorded.kind = ihe::ObjectKind::kAssociation;
      recorded.id = recorded.lid = NewUrnUuid();
      recorded.object_type = vocab::kObjectTypeAssociation;
      recorded.association_type = vocab::kHasMember;
      recorded.source_object = set_->id;
      recorded.target_object = p.copy.id;
      recorded.version_name = "1";
      XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(recorded)));
      touched.insert(p.folder);
    }
    for (const auto& folder : touched) XDS_RETURN_IF_ERROR(txn_.SetFolderLastUpdateTime(folder, now_));
    return Status::Ok();
  }

  WriteTxn& txn_;
  const UpdatePlan& plan_;
  const PreparedRows& rows_;
  const std::map<std::string, std::string>& symbolic_;
  const std::string& now_;
  const bool restricted_;
  RegistryErrors& errors_;
  std::map<std::string, const RegistryObject*> by_id_;
  const RegistryObject* set_ = nullptr;
  std::set<std::string> new_versions_;
  std::map<std::string, std::string> previous_;  // new version id -> previous version entryUUID
  std::vector<Propagation> propagations_;
  AssociationOperations associations_;
};

}  // namespace

RegistryErrors UpdateDocumentSet(RegistryStore& store, ihe::SubmitObjectsRequest request, const UpdateOptions& options) {
  // The ITI-42 rules apply to what an update submits (a complete new
  // version, its SubmissionSet, new associations), without the markup only
  // Metadata Update defines.
  // The operation's own errors (two versions of one object, an operation
  // ITI-92 does not allow) are reported with them: a version repeated in
  // one request also repeats its uniqueId, and the consumer needs both.
  RegistryErrors errors = ValidateSubmission(WithoutUpdateMarkup(request), options.validation);
  const std::map<std::string, std::string> symbolic = ResolveSymbolicIds(request);
  UpdatePlan plan = PlanUpdate(request, options.restricted, errors);
  if (ihe::HasError(errors)) return errors;

  std::map<std::string, std::string> version_names;
  for (const auto& v : plan.versions) version_names[v.id] = NextVersionName(v.previous_version);
  for (auto& o : plan.registration.objects) {
    o.status = std::string(vocab::kApproved);
    auto it = version_names.find(o.id);
    o.version_name = it == version_names.end() ? "1" : it->second;
  }
  const std::string now = NowDtm();
  const PreparedRows rows = PrepareRows(plan.registration, now);
  RegistryErrors found;
  Status s = store.ReadWrite([&](WriteTxn& txn) {
    found.clear();  // the store may retry the transaction
    return MetadataUpdate(txn, plan, rows, symbolic, now, options.restricted, found).Run();
  });
  errors.insert(errors.end(), found.begin(), found.end());
  if (!s.ok() && !ihe::HasError(found))
    errors.push_back(RegistryError::Error(s.code() == Status::Code::kBusy ? ErrorCode::kRegistryBusy : ErrorCode::kRegistryError,
                                          "the registry could not store the update: " + s.message()));
  return errors;
}

}  // namespace xds::registry

#include "registry/update/association_operations.h"

#include "registry/submit/submission_rows.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;

bool IsRelationship(AssociationKind k) {
  return k == AssociationKind::kRplc || k == AssociationKind::kXfrm || k == AssociationKind::kApnd ||
         k == AssociationKind::kXfrmRplc || k == AssociationKind::kSigns || k == AssociationKind::kIsSnapshotOf;
}

const char* Noun(StoredKind k) {
  switch (k) {
    case StoredKind::kDocumentEntry: return "DocumentEntry";
    case StoredKind::kSubmissionSet: return "SubmissionSet";
    case StoredKind::kFolder: return "Folder";
    case StoredKind::kAssociation: return "Association";
  }
  return "object";
}

}  // namespace

void AssociationOperations::Fail(ErrorCode code, std::string context) {
  errors_.push_back(ihe::RegistryError::Error(code, std::move(context)));
}

std::string AssociationOperations::Name(const std::string& id) const {
  auto it = symbolic_.find(id);
  return it == symbolic_.end() ? id : it->second + " (" + id + ")";
}

Result<std::optional<ObjectInfo>> AssociationOperations::UsableEnd(const std::string& id, const std::string& what,
                                                                   const std::set<std::string>& replaced) {
  using Found = std::optional<ObjectInfo>;
  if (!IsUrnUuid(id)) {
    Fail(ErrorCode::kUnresolvedReference, what + " '" + id + "' names no object of this request nor a registered one");
    return Found();
  }
  auto info = txn_.FindObject(id);
  if (!info.ok()) return info.status();
  if (!info->has_value()) {
    Fail(ErrorCode::kUnresolvedReference, what + " " + id + " is not a registered object");
    return Found();
  }
  const ObjectInfo& o = **info;
  if (o.kind == StoredKind::kSubmissionSet || o.kind == StoredKind::kAssociation) {
    Fail(ErrorCode::kMetadataUpdateError,
         what + " " + id + " is a " + Noun(o.kind) + "; a submitted association links DocumentEntries and Folders");
    return Found();
  }
  if (replaced.contains(id)) {
    Fail(ErrorCode::kMetadataUpdateError,
         what + " " + id + " is replaced by a new version in this request; link the new version");
    return Found();
  }
  if (!o.latest) {
    Fail(ErrorCode::kMetadataVersionError, what + " " + id + " is version " + std::to_string(o.version) + " of " +
                                               o.lid + ", not the latest; link the latest version");
    return Found();
  }
  if (o.status != Availability::kApproved) {
    // ITI TF-3 4.2.2.1.4 and 4.2.2.2: no new link to a Deprecated document.
    Fail(o.kind == StoredKind::kDocumentEntry ? ErrorCode::kRegistryDeprecatedDocumentError
                                              : ErrorCode::kMetadataUpdateError,
         what + " " + std::string(Noun(o.kind)) + " " + id + " is Deprecated");
    return Found();
  }
  return std::move(*info);
}

Result<bool> AssociationOperations::ApprovedTwin(AssociationKind kind, const std::string& source,
                                                 const std::string& target, const std::string& except) {
  auto twins = txn_.SelectColumn(SqlQuery{
      "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
      "WHERE a.source_uuid = ? AND a.target_uuid = ? AND a.type = ? AND a.status = 1 AND o.entry_uuid <> ?",
      {source, target, static_cast<int64_t>(kind), except}});
  if (!twins.ok()) return twins.status();
  return !twins->empty();
}

Status AssociationOperations::CheckAdded(const ihe::RegistryObject& a, const std::set<std::string>& replaced) {
  const std::string what = "Association " + Name(a.id);
  const AssociationKind kind = AssociationKindOf(a.association_type);
  if (kind == AssociationKind::kRplc || kind == AssociationKind::kXfrmRplc) {
    Fail(ErrorCode::kMetadataUpdateOperationError,
         what + ": a replacement between registered documents is not an update operation; register the "
                "replacement with ITI-42, or submit a new version");
    return Status::Ok();
  }
  if (kind == AssociationKind::kOther) {
    Fail(ErrorCode::kMetadataUpdateError, what + ": '" + a.association_type +
                                              "' is not an association an update can add between registered "
                                              "objects (HasMember, APND, XFRM, signs, IsSnapshotOf)");
    return Status::Ok();
  }
  auto source = UsableEnd(a.source_object, what + " sourceObject", replaced);
  if (!source.ok()) return source.status();
  auto target = UsableEnd(a.target_object, what + " targetObject", replaced);
  if (!target.ok()) return target.status();
  if (!source->has_value() || !target->has_value()) return Status::Ok();
  const ObjectInfo& s = **source;
  const ObjectInfo& t = **target;
  if (kind == AssociationKind::kHasMember) {
    // ITI TF-3 4.2.2.1.4: a Folder holds DocumentEntries.
    if (s.kind != StoredKind::kFolder || t.kind != StoredKind::kDocumentEntry) {
      Fail(ErrorCode::kMetadataUpdateError, what + ": a HasMember between registered objects links a Folder to a "
                                                   "DocumentEntry, not a " + std::string(Noun(s.kind)) + " to a " +
                                                   Noun(t.kind));
      return Status::Ok();
    }
  } else if (s.kind != StoredKind::kDocumentEntry || t.kind != StoredKind::kDocumentEntry) {
    Fail(ErrorCode::kMetadataUpdateError, what + ": a document relationship links two DocumentEntries");
    return Status::Ok();
  } else if (kind == AssociationKind::kIsSnapshotOf && (s.on_demand || !t.on_demand)) {
    Fail(ErrorCode::kMetadataUpdateError,
         what + ": IsSnapshotOf links a Stable DocumentEntry to an On-Demand one (ITI TF-3 4.2.2.2)");
    return Status::Ok();
  }
  if (s.patient_id != t.patient_id)
    Fail(ErrorCode::kPatientIdDoesNotMatch, what + " links " + Noun(s.kind) + " " + s.entry_uuid + " of patient " +
                                                s.patient_id + " with " + Noun(t.kind) + " " + t.entry_uuid +
                                                " of patient " + t.patient_id);
  else if (set_ != nullptr && ihe::PatientIdOf(*set_) != s.patient_id)
    Fail(ErrorCode::kPatientIdDoesNotMatch, what + " links objects of patient " + s.patient_id +
                                                "; the SubmissionSet is for " + ihe::PatientIdOf(*set_));
  auto twin = ApprovedTwin(kind, s.entry_uuid, t.entry_uuid, a.id);
  if (!twin.ok()) return twin.status();
  if (*twin)
    Fail(ErrorCode::kMetadataUpdateError, what + ": an Approved " + a.association_type + " already links " +
                                              s.entry_uuid + " to " + t.entry_uuid);
  if (kind == AssociationKind::kHasMember) folders_touched_.insert(s.entry_uuid);
  return Status::Ok();
}

Status AssociationOperations::CheckStatusChange(const StatusUpdate& change, const ObjectInfo& t,
                                                const std::string& what) {
  auto source = txn_.FindObject(t.source_uuid);
  if (!source.ok()) return source.status();
  auto target = txn_.FindObject(t.target_uuid);
  if (!target.ok()) return target.status();
  const bool from_set = source->has_value() && (*source)->kind == StoredKind::kSubmissionSet;
  const bool membership = t.association_kind == AssociationKind::kHasMember && source->has_value() &&
                          (*source)->kind == StoredKind::kFolder;
  if (!membership && !IsRelationship(t.association_kind)) {
    Fail(ErrorCode::kMetadataUpdateError,
         what + (from_set ? ": a SubmissionSet's HasMember records what was submitted; its status never changes"
                          : ": only a Folder membership (HasMember) or a document relationship changes status"));
    return Status::Ok();
  }
  if (change.next == Availability::kApproved && t.status != Availability::kApproved) {
    for (const auto* end : {&*source, &*target}) {
      if (end->has_value() && (*end)->latest && (*end)->status == Availability::kApproved) continue;
      Fail(ErrorCode::kMetadataUpdateError,
           what + ": its " + (end == &*source ? "sourceObject " + t.source_uuid : "targetObject " + t.target_uuid) +
               " is not the latest Approved version; the association cannot be Approved again");
      return Status::Ok();
    }
    auto twin = ApprovedTwin(t.association_kind, t.source_uuid, t.target_uuid, t.entry_uuid);
    if (!twin.ok()) return twin.status();
    if (*twin) {
      Fail(ErrorCode::kMetadataUpdateError,
           what + ": another Approved association of this type already links its ends");
      return Status::Ok();
    }
  }
  // The SubmissionSet documents a change for its patient (ITI TF-2b
  // 3.57.4.1.3.1): the patient of the DocumentEntry the association links.
  const auto& document = membership ? *target : *source;
  if (set_ != nullptr && document.has_value() && ihe::PatientIdOf(*set_) != document->patient_id)
    Fail(ErrorCode::kPatientIdDoesNotMatch, what + ": the association links objects of patient " +
                                                document->patient_id + ", the SubmissionSet is for " +
                                                ihe::PatientIdOf(*set_));
  if (membership) folders_touched_.insert(t.source_uuid);
  return Status::Ok();
}

Status AssociationOperations::Apply(const UpdatePlan& plan, const std::string& now) {
  // The associations before the SubmissionSet links that point at them.
  for (const auto* list : {&plan.added_associations, &plan.added_links}) {
    for (const auto& a : *list) {
      ihe::RegistryObject stored = a;
      stored.status = std::string(vocab::kApproved);
      stored.version_name = "1";
      XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(stored)));
    }
  }
  for (const auto& folder : folders_touched_) XDS_RETURN_IF_ERROR(txn_.SetFolderLastUpdateTime(folder, now));
  return Status::Ok();
}

}  // namespace xds::registry

#include "registry/update/update_plan.h"

#include <map>
#include <set>

#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryObject;
using ihe::XdsObjectType;

bool IsUpdateMarkup(std::string_view slot) {
  return slot == vocab::kSlotPreviousVersion || slot == vocab::kSlotAssociationPropagation;
}

// Submit new Association (the NIST toolkit's MuSim and IPF name the
// operation; XDS Metadata Update lists it among the ITI-57 operations): an
// association none of whose ends is an object of the request links two
// registered objects. It comes with the SubmissionSet association that
// brings it: a HasMember (as an ITI-42 SS-HM does) or a SubmitAssociation.
struct AddedAssociations {
  std::set<std::string> associations;
  std::set<std::string> links;
};

AddedAssociations FindAddedAssociations(const ihe::SubmitObjectsRequest& request) {
  std::set<std::string> ids;
  const RegistryObject* set = nullptr;
  for (const auto& o : request.objects) {
    ids.insert(o.id);
    if (ihe::XdsTypeOf(o) == XdsObjectType::kSubmissionSet) set = &o;
  }
  AddedAssociations out;
  if (set == nullptr) return out;
  for (const auto& a : request.objects) {
    if (a.kind != ihe::ObjectKind::kAssociation || a.source_object == set->id) continue;
    if (a.association_type == vocab::kUpdateAvailabilityStatus || a.association_type == vocab::kSubmitAssociation)
      continue;
    if (a.source_object.empty() || a.target_object.empty()) continue;  // the ITI-42 rules report it
    if (!ids.contains(a.source_object) && !ids.contains(a.target_object)) out.associations.insert(a.id);
  }
  for (const auto& a : request.objects)
    if (a.kind == ihe::ObjectKind::kAssociation && a.source_object == set->id &&
        (a.association_type == vocab::kHasMember || a.association_type == vocab::kSubmitAssociation) &&
        out.associations.contains(a.target_object))
      out.links.insert(a.id);
  return out;
}

std::optional<Availability> StatusOf(const std::string& urn) {
  if (urn == vocab::kApproved) return Availability::kApproved;
  if (urn == vocab::kDeprecated) return Availability::kDeprecated;
  return std::nullopt;
}

class Planner {
 public:
  Planner(const ihe::SubmitObjectsRequest& request, bool restricted, ihe::RegistryErrors& errors)
      : request_(request), restricted_(restricted), errors_(errors) {
    for (const auto& o : request_.objects)
      if (ihe::XdsTypeOf(o) == XdsObjectType::kSubmissionSet) set_ = &o;
  }

  UpdatePlan Run() {
    UpdatePlan plan;
    plan.registration.object_refs = request_.object_refs;
    // MU 3.57.4.1.3.1 (ITI57-006): every request documents itself with a
    // SubmissionSet; the ITI-42 rules report a missing one.
    std::set<std::string> lids;
    const AddedAssociations added = FindAddedAssociations(request_);
    for (const auto& o : request_.objects) {
      const XdsObjectType type = ihe::XdsTypeOf(o);
      if (type == XdsObjectType::kAssociation && o.association_type == vocab::kUpdateAvailabilityStatus) {
        PlanStatusUpdate(o, plan);
        continue;
      }
      if (o.lid != o.id) {
        if (type == XdsObjectType::kDocumentEntry || type == XdsObjectType::kFolder) {
          PlanVersion(o, type == XdsObjectType::kFolder, plan);
          if (!lids.insert(o.lid).second)
            Fail(ErrorCode::kMetadataUpdateOperationError,
                 "two new versions of logical object " + o.lid + " in one request (" + o.id + ")");
        } else {
          // SubmissionSets and Associations have a single version.
          Fail(ErrorCode::kMetadataUpdateOperationError,
               std::string(type == XdsObjectType::kSubmissionSet ? "SubmissionSet " : "Association ") + o.id +
                   " carries logicalID " + o.lid + ": only DocumentEntries and Folders have versions");
        }
      } else if (type == XdsObjectType::kDocumentEntry || type == XdsObjectType::kFolder) {
        // ITI57-007: initial versions (lid absent or equal to the id) are
        // registered with ITI-42, never submitted here.
        Fail(ErrorCode::kMetadataUpdateError,
             std::string(type == XdsObjectType::kFolder ? "Folder " : "DocumentEntry ") + o.id +
                 " is a first version (logicalID missing or equal to its entryUUID); "
                 "ITI-57 only accepts new versions of registered objects");
      }
      if (restricted_) {
        CheckRestricted(o, type, plan);  // refuses Submit new Association too
      } else if (added.associations.contains(o.id)) {
        plan.added_associations.push_back(o);
        continue;
      } else if (added.links.contains(o.id)) {
        plan.added_links.push_back(o);
        continue;
      } else if (o.association_type == vocab::kSubmitAssociation) {
        Fail(ErrorCode::kMetadataUpdateError,
             "SubmitAssociation " + o.id + " must link the SubmissionSet to an association of this request "
                                            "between two registered objects (target " + o.target_object + ")");
        continue;
      }
      plan.registration.objects.push_back(Stripped(o));
    }
    return plan;
  }

 private:
  void Fail(ErrorCode code, std::string context) { errors_.push_back(RegistryError::Error(code, std::move(context))); }

  static RegistryObject Stripped(const RegistryObject& o) {
    RegistryObject copy = o;
    std::erase_if(copy.slots, [](const ihe::Slot& s) { return IsUpdateMarkup(s.name); });
    return copy;
  }

  // The SubmissionSet HasMember that brings `id` into the request.
  const RegistryObject* MemberAssociation(const std::string& id) const {
    if (set_ == nullptr) return nullptr;
    for (const auto& a : request_.objects)
      if (a.kind == ihe::ObjectKind::kAssociation && a.association_type == vocab::kHasMember &&
          a.source_object == set_->id && a.target_object == id)
        return &a;
    return nullptr;
  }

  void PlanVersion(const RegistryObject& o, bool folder, UpdatePlan& plan) {
    const std::string what = std::string(folder ? "Folder " : "DocumentEntry ") + o.id;
    // MU: the logicalID is a UUID, never symbolic.
    if (!IsUrnUuid(o.lid)) {
      Fail(ErrorCode::kMetadataUpdateError, what + " logicalID '" + o.lid + "' is not a urn:uuid");
      return;
    }
    const RegistryObject* member = MemberAssociation(o.id);
    if (member == nullptr) {
      Fail(ErrorCode::kMetadataUpdateError,
           what + " has no HasMember association from the SubmissionSet carrying PreviousVersion");
      return;
    }
    const ihe::Slot* previous = member->FindSlot(vocab::kSlotPreviousVersion);
    if (previous == nullptr || previous->values.size() != 1 || previous->values[0].empty()) {
      Fail(ErrorCode::kMetadataUpdateError, "Association " + member->id + " bringing " + what +
                                                " needs exactly one PreviousVersion value");
      return;
    }
    VersionUpdate v{o.id, o.lid, folder, previous->values[0], true};
    if (const ihe::Slot* p = member->FindSlot(vocab::kSlotAssociationPropagation)) {
      const std::string value = p->values.size() == 1 ? p->values[0] : std::string();
      if (value != "yes" && value != "no") {
        Fail(ErrorCode::kMetadataUpdateError, "Association " + member->id +
                                                  " AssociationPropagation must be 'yes' or 'no', not '" + value + "'");
        return;
      }
      v.propagate = value == "yes";
    }
    plan.versions.push_back(std::move(v));
  }

  void PlanStatusUpdate(const RegistryObject& a, UpdatePlan& plan) {
    if (restricted_) {
      Fail(ErrorCode::kMetadataUpdateOperationError,
           "Association " + a.id + ": Restricted Update Document Set (ITI-92) cannot change an availabilityStatus");
      return;
    }
    if (set_ == nullptr || a.source_object != set_->id) {
      Fail(ErrorCode::kMetadataUpdateError,
           "UpdateAvailabilityStatus association " + a.id + " must have the SubmissionSet as sourceObject");
      return;
    }
    const ihe::Slot* original = a.FindSlot(vocab::kSlotOriginalStatus);
    const ihe::Slot* next = a.FindSlot(vocab::kSlotNewStatus);
    if (original == nullptr || original->values.size() != 1 || next == nullptr || next->values.size() != 1) {
      Fail(ErrorCode::kMetadataUpdateError, "UpdateAvailabilityStatus association " + a.id +
                                                " needs single-valued OriginalStatus and NewStatus slots");
      return;
    }
    auto from = StatusOf(original->values[0]);
    auto to = StatusOf(next->values[0]);
    if (!from || !to) {
      Fail(ErrorCode::kMetadataUpdateError,
           "UpdateAvailabilityStatus association " + a.id + ": OriginalStatus '" + original->values[0] +
               "' and NewStatus '" + next->values[0] + "' must be the Approved or Deprecated StatusType URN");
      return;
    }
    plan.statuses.push_back(StatusUpdate{a.id, a.target_object, *from, *to});
    plan.status_associations.push_back(a);
  }

  // ITI-92: a Document Source updates the metadata of its DocumentEntries,
  // nothing else (no Folders, no new associations besides the
  // SubmissionSet's HasMembers of the new versions).
  void CheckRestricted(const RegistryObject& o, XdsObjectType type, const UpdatePlan&) {
    if (type == XdsObjectType::kFolder) {
      Fail(ErrorCode::kMetadataUpdateOperationError,
           "Folder " + o.id + ": Restricted Update Document Set (ITI-92) updates DocumentEntries only");
    } else if (type == XdsObjectType::kAssociation) {
      const bool brings_version = set_ != nullptr && o.association_type == vocab::kHasMember &&
                                  o.source_object == set_->id && o.FindSlot(vocab::kSlotPreviousVersion) != nullptr;
      if (!brings_version)
        Fail(ErrorCode::kMetadataUpdateOperationError,
             "Association " + o.id + ": Restricted Update Document Set (ITI-92) accepts only the SubmissionSet "
                                     "HasMember of each new DocumentEntry version");
    }
  }

  const ihe::SubmitObjectsRequest& request_;
  const bool restricted_;
  ihe::RegistryErrors& errors_;
  const RegistryObject* set_ = nullptr;
};

}  // namespace

UpdatePlan PlanUpdate(const ihe::SubmitObjectsRequest& request, bool restricted, ihe::RegistryErrors& errors) {
  return Planner(request, restricted, errors).Run();
}

ihe::SubmitObjectsRequest WithoutUpdateMarkup(const ihe::SubmitObjectsRequest& request) {
  ihe::SubmitObjectsRequest out;
  out.object_refs = request.object_refs;
  const AddedAssociations added = FindAddedAssociations(request);
  for (const auto& o : request.objects) {
    if (o.kind == ihe::ObjectKind::kAssociation &&
        (o.association_type == vocab::kUpdateAvailabilityStatus || o.association_type == vocab::kSubmitAssociation))
      continue;
    if (added.associations.contains(o.id) || added.links.contains(o.id)) continue;
    ihe::RegistryObject copy = o;
    std::erase_if(copy.slots, [](const ihe::Slot& s) { return IsUpdateMarkup(s.name); });
    out.objects.push_back(std::move(copy));
  }
  return out;
}

}  // namespace xds::registry

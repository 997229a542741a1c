// Association rules (ITI TF-3 4.2.2, TF ITI-42 3.42.4.1.3): structure, the
// HasMember flavours (SS-DE, SS-FD, FD-DE, SS-HM), document relationships,
// and the membership every submitted DocumentEntry and Folder needs.
//
// References to objects outside the submission are urn:uuid ids that only
// the registry can resolve; they pass here and registry/submit checks them.
#include <set>
#include <string>

#include "registry/validate/rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryObject;
using ihe::XdsObjectType;

constexpr SlotRule kSlots[] = {
    {vocab::kSlotSubmissionSetStatus, Multiplicity::kSingle},
};

// Relationship associations may carry documentation codes, e.g. the reason
// for a transformation (TF-3 4.2.2.2; a classificationScheme).
constexpr CodeRule kCodes[] = {
    {vocab::kAssociationDocumentation, "documentation", 0, -1},
};

constexpr std::string_view kRelationships[] = {
    vocab::kRplc, vocab::kXfrm, vocab::kApnd, vocab::kXfrmRplc, vocab::kSigns, vocab::kIsSnapshotOf,
};

bool IsRelationship(std::string_view type) {
  for (std::string_view r : kRelationships)
    if (r == type) return true;
  return false;
}

// The short name of an association type URN, for messages ("RPLC").
std::string ShortType(std::string_view urn) {
  size_t colon = urn.rfind(':');
  return std::string(colon == std::string_view::npos ? urn : urn.substr(colon + 1));
}

// sourceObject/targetObject: present; a symbolic id must name an object of
// the submission (symbolic ids mean nothing outside it, TF-3 4.2.2); a UUID
// not in the submission must at least be well formed for the registry to
// look it up. Returns the object of the submission, or nullptr.
const RegistryObject* Resolve(ValidationContext& ctx, const RegistryObject& a,
                              std::string_view attribute, const std::string& ref) {
  if (ref.empty()) {
    ctx.Error(ErrorCode::kRegistryMetadataError, a, attribute, "required attribute is missing");
    return nullptr;
  }
  if (const RegistryObject* o = ctx.Find(ref)) return o;
  if (!MeantAsUuid(ref))
    ctx.Error(ErrorCode::kUnresolvedReference, a, attribute,
              "symbolic id '" + ref + "' names no object in this submission");
  else if (!IsUrnUuid(ref))
    ctx.Error(ErrorCode::kRegistryMetadataError, a, attribute,
              "'" + ref + "' is not a lower-case urn:uuid");
  return nullptr;
}

// HasMember from the SubmissionSet (TF-3 4.2.2.1.1-4.2.2.1.4).
void CheckSubmissionSetMember(ValidationContext& ctx, const RegistryObject& a,
                              const RegistryObject* target) {
  const ihe::Slot* status_slot = a.FindSlot(vocab::kSlotSubmissionSetStatus);
  std::string status = a.SlotValue(vocab::kSlotSubmissionSetStatus);
  if (target == nullptr) {
    if (!MeantAsUuid(a.target_object)) return;  // already unresolved
    // Outside the submission: an existing DocumentEntry (status Reference)
    // or an existing Folder (no status); the registry resolves which.
    if (status_slot != nullptr && status != "Reference")
      ctx.Error(ErrorCode::kRegistryMetadataError, a, "SubmissionSetStatus",
                "'" + status + "' for target " + a.target_object +
                    " outside this submission; must be Reference");
    return;
  }
  switch (ctx.TypeOf(*target)) {
    case XdsObjectType::kDocumentEntry:
      // SS-DE: a DocumentEntry of the submission is submitted by value, so
      // its status is Original (Reference is for entries registered earlier).
      if (status_slot == nullptr)
        ctx.Error(ErrorCode::kRegistryMetadataError, a, "SubmissionSetStatus",
                  "required on a SubmissionSet-DocumentEntry HasMember");
      else if (status != "Original")
        ctx.Error(ErrorCode::kRegistryMetadataError, a, "SubmissionSetStatus",
                  "'" + status + "' for DocumentEntry " + target->id +
                      " of this submission; must be Original");
      break;
    case XdsObjectType::kFolder:
      break;  // SS-FD
    case XdsObjectType::kAssociation:
      // SS-HM: records who put a document into a folder, so the target is a
      // Folder-DocumentEntry HasMember.
      if (target->association_type != vocab::kHasMember ||
          (ctx.submission_set() != nullptr && target->source_object == ctx.submission_set()->id))
        ctx.Error(ErrorCode::kRegistryMetadataError, a, "targetObject",
                  "association " + target->id + " is not a Folder-DocumentEntry HasMember");
      break;
    default:
      ctx.Error(ErrorCode::kRegistryMetadataError, a, "targetObject",
                std::string(Noun(ctx.TypeOf(*target))) + " " + target->id +
                    " cannot be a member of the SubmissionSet");
  }
}

void CheckHasMember(ValidationContext& ctx, const RegistryObject& a) {
  const RegistryObject* source = Resolve(ctx, a, "sourceObject", a.source_object);
  const RegistryObject* target = Resolve(ctx, a, "targetObject", a.target_object);
  if (a.source_object.empty() || a.target_object.empty()) return;
  if (source != nullptr && ctx.TypeOf(*source) == XdsObjectType::kSubmissionSet) {
    CheckSubmissionSetMember(ctx, a, target);
    return;
  }
  if (source != nullptr && ctx.TypeOf(*source) != XdsObjectType::kFolder) {
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "sourceObject",
              std::string(Noun(ctx.TypeOf(*source))) + " " + source->id +
                  " cannot be the source of a HasMember (only a SubmissionSet or a Folder)");
    return;
  }
  // FD-DE: a Folder (of the submission, or registered: a UUID) holds a
  // DocumentEntry (of the submission, or registered).
  if (target != nullptr && ctx.TypeOf(*target) != XdsObjectType::kDocumentEntry)
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "targetObject",
              std::string(Noun(ctx.TypeOf(*target))) + " " + target->id +
                  " cannot be a Folder member (only a DocumentEntry)");
}

// RPLC, XFRM, APND, XFRM_RPLC, signs, IsSnapshotOf (TF-3 4.2.2.2; TF ITI-42
// 3.42.4.1.3: sourceObject is a DocumentEntry of the submission).
void CheckRelationship(ValidationContext& ctx, const RegistryObject& a) {
  std::string type = ShortType(a.association_type);
  const RegistryObject* source = nullptr;
  if (a.source_object.empty()) {
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "sourceObject",
              "required attribute is missing");
  } else {
    source = ctx.Find(a.source_object);
    if (source == nullptr || ctx.TypeOf(*source) != XdsObjectType::kDocumentEntry) {
      ctx.Error(ErrorCode::kUnresolvedReference, a, "sourceObject",
                "'" + a.source_object +
                    "' is not a DocumentEntry of this submission; the source of " + type +
                    " must be the new DocumentEntry");
      source = nullptr;
    }
  }
  if (const RegistryObject* target = Resolve(ctx, a, "targetObject", a.target_object)) {
    if (ctx.TypeOf(*target) != XdsObjectType::kDocumentEntry) {
      ctx.Error(ErrorCode::kRegistryMetadataError, a, "targetObject",
                std::string(Noun(ctx.TypeOf(*target))) + " " + target->id +
                    " cannot be the target of " + type + " (only a DocumentEntry)");
    } else if (a.association_type == vocab::kRplc || a.association_type == vocab::kXfrmRplc ||
               a.association_type == vocab::kIsSnapshotOf) {
      // What is replaced, or snapshotted, was registered before.
      ctx.Error(ErrorCode::kUnresolvedReference, a, "targetObject",
                "DocumentEntry " + target->id + " is part of this submission; the target of " +
                    type + " must already be in the registry");
    }
  }
  // IsSnapshotOf: a Stable snapshot of an On-Demand entry (TF-3 4.2.2.2).
  if (a.association_type == vocab::kIsSnapshotOf && source != nullptr &&
      source->object_type != vocab::kStableDocumentEntry)
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "sourceObject",
              "DocumentEntry " + source->id +
                  " is not Stable; a snapshot must be a Stable DocumentEntry");
}

}  // namespace

void CheckAssociation(ValidationContext& ctx, const RegistryObject& a) {
  CheckSlots(ctx, a, kSlots);
  CheckClassifications(ctx, a, kCodes, /*label_node=*/{});
  CheckExternalIdentifiers(ctx, a, {});

  if (a.association_type.empty()) {
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "associationType",
              "required attribute is missing");
  } else if (a.association_type == vocab::kHasMember) {
    CheckHasMember(ctx, a);
    return;
  } else if (IsRelationship(a.association_type)) {
    CheckRelationship(ctx, a);
    return;
  } else {
    ctx.Error(ErrorCode::kRegistryMetadataError, a, "associationType",
              "'" + a.association_type + "' is not an XDS.b association type");
  }
  Resolve(ctx, a, "sourceObject", a.source_object);
  Resolve(ctx, a, "targetObject", a.target_object);
}

void CheckMembership(ValidationContext& ctx) {
  const RegistryObject* set = ctx.submission_set();
  if (set == nullptr) return;          // reported by CheckStructure
  std::set<std::string_view> members;  // targets of SubmissionSet HasMembers
  for (const auto& o : ctx.request().objects)
    if (o.kind == ihe::ObjectKind::kAssociation && o.association_type == vocab::kHasMember &&
        o.source_object == set->id)
      members.insert(o.target_object);

  for (const auto& o : ctx.request().objects) {
    if (o.id.empty()) continue;
    XdsObjectType type = ctx.TypeOf(o);
    // TF-3 4.2.2.1.1 / 4.2.2.1.2: whatever a submission adds is a member of
    // its SubmissionSet.
    if ((type == XdsObjectType::kDocumentEntry || type == XdsObjectType::kFolder) &&
        !members.contains(o.id))
      ctx.Error(ErrorCode::kRegistryMetadataError, o, "",
                "is not the target of a HasMember association from SubmissionSet " + set->id);
    // TF-3 4.2.2.1.3: each Folder-DocumentEntry HasMember is accompanied by
    // a SubmissionSet HasMember to that association (SS-HM).
    if (type == XdsObjectType::kAssociation && o.association_type == vocab::kHasMember &&
        !o.source_object.empty() && o.source_object != set->id) {
      const RegistryObject* source = ctx.Find(o.source_object);
      bool folder_source = source == nullptr ? MeantAsUuid(o.source_object)
                                             : ctx.TypeOf(*source) == XdsObjectType::kFolder;
      if (folder_source && !members.contains(o.id))
        ctx.Error(
            ErrorCode::kRegistryMetadataError, o, "",
            "Folder-DocumentEntry HasMember has no HasMember association from SubmissionSet " +
                set->id);
    }
  }
}

}  // namespace xds::registry

// The rule families of the context-free submission validation, one function
// per object type or submission-wide concern, and the shared rules they are
// built from. Internal to registry/validate; ValidateSubmission
// (submission_validator.h) runs them in order.
//
// Every function appends what it finds to the ValidationContext and never
// stops at the first problem. Stateless; thread safety is that of the
// context passed in.
#pragma once

#include <span>
#include <string_view>

#include "registry/validate/validation_context.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

// ---- Shared building blocks (registry_object_rules.cc) -------------------

enum class Multiplicity { kSingle, kMulti };

// A slot the spec defines for an object type.
struct SlotRule {
  std::string_view name;
  Multiplicity multiplicity;
};

// A classificationScheme the spec defines for an object type, with the
// number of Classifications the DR column of TF-3 Table 4.3.1-3 requires
// (max < 0: unbounded). `author` selects the author rules instead of the
// coded-value rules.
struct CodeRule {
  std::string_view scheme;
  std::string_view attribute;
  int min;
  int max;
  bool author = false;
};

// An identificationScheme the spec defines for an object type. All of them
// are required exactly once in a submission (TF-3 Table 4.3.1-3: patientId,
// uniqueId, sourceId are R).
struct IdentifierRule {
  std::string_view scheme;
  std::string_view attribute;
};

// Slots: names unique within the object, every value at most 256
// characters, single-valued slots with exactly one value, and any other slot
// named as extra metadata (a URN not starting with "urn:ihe:").
void CheckSlots(ValidationContext& ctx, const ihe::RegistryObject& object,
                std::span<const SlotRule> known);

// Classifications: classifiedObject is the object, the scheme (or, for a
// RegistryPackage label, the node) is one defined for the type, coded values
// and authors are well formed, per-scheme counts are within [min, max], and
// no limitedMetadata label. `label_node` is the node the object may carry
// (SubmissionSet/Folder node), empty for none.
void CheckClassifications(ValidationContext& ctx, const ihe::RegistryObject& object,
                          std::span<const CodeRule> codes, std::string_view label_node);

// ExternalIdentifiers: registryObject is the object, the scheme is one of
// `known`, a value is present, and each known one occurs exactly once.
void CheckExternalIdentifiers(ValidationContext& ctx, const ihe::RegistryObject& object,
                              std::span<const IdentifierRule> known);

// homeCommunityId (the `home` attribute), when present: "urn:oid:<OID>".
void CheckHome(ValidationContext& ctx, const ihe::RegistryObject& object);

// True when `id` is meant as a UUID: it starts with "urn:uuid:" in any case
// (TF-3 4.2.3.1.7: an id that does not is symbolic). Well-formedness is
// IsUrnUuid's (wire/base/ids.h).
bool MeantAsUuid(std::string_view id);

// Reports a missing required slot; returns the slot when present.
const ihe::Slot* RequireSlot(ValidationContext& ctx, const ihe::RegistryObject& object,
                             std::string_view name);

// Reports a slot that must not be present for the object (X in Table 4.3.1-3).
void ProhibitSlot(ValidationContext& ctx, const ihe::RegistryObject& object, std::string_view name,
                  std::string_view why);

// ---- Object types --------------------------------------------------------

// document_entry_rules.cc, submission_set_rules.cc, folder_rules.cc,
// association_rules.cc respectively.
void CheckDocumentEntry(ValidationContext& ctx, const ihe::RegistryObject& entry);
void CheckSubmissionSet(ValidationContext& ctx, const ihe::RegistryObject& set);
void CheckFolder(ValidationContext& ctx, const ihe::RegistryObject& folder);
void CheckAssociation(ValidationContext& ctx, const ihe::RegistryObject& association);

// ---- Submission-wide (submission_rules.cc, association_rules.cc) ---------

// Exactly one SubmissionSet, every RegistryPackage labelled, ids present,
// well formed and unique in the message.
void CheckStructure(ValidationContext& ctx);
// No uniqueId used twice in the message.
void CheckUniqueIdsInMessage(ValidationContext& ctx);
// SubmissionSet patientId = every DocumentEntry's = every Folder's.
void CheckPatientIdConsistency(ValidationContext& ctx);
// Every DocumentEntry and Folder is a member of the SubmissionSet, and every
// Folder-DocumentEntry HasMember has its SubmissionSet HasMember.
void CheckMembership(ValidationContext& ctx);

}  // namespace xds::registry

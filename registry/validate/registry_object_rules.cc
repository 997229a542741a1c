// Rules shared by every object type: slots, classifications (coded values
// and authors), external identifiers, homeCommunityId.
#include <cctype>
#include <string>
#include <vector>

#include "registry/validate/hl7_types.h"
#include "registry/validate/rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::Classification;
using ihe::ErrorCode;
using ihe::RegistryObject;
using ihe::Slot;

// ITI TF-3 4.2.3.1 (attribute value length limits): a rim:Value holds at
// most 256 characters (ebRIM 3.0 LongName).
constexpr size_t kMaxSlotValueLength = 256;

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// RFC 8141: "urn:" NID ":" NSS, NID 2..32 alphanumerics/hyphens starting
// with an alphanumeric.
bool IsUrn(std::string_view s) {
  if (!StartsWithNoCase(s, "urn:")) return false;
  s.remove_prefix(4);
  size_t colon = s.find(':');
  if (colon == std::string_view::npos || colon < 2 || colon > 32) return false;
  for (size_t i = 0; i < colon; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(c) && !(c == '-' && i > 0)) return false;
  }
  return colon + 1 < s.size();
}

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on
// "'" + std::string(s).
std::string Quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.append(1, '\'').append(s).append(1, '\'');
  return out;
}

// Slot rules that apply equally inside an object and inside a
// Classification: unique names, bounded values. `where` prefixes the
// attribute named in the codeContext.
void CheckSlotList(ValidationContext& ctx, const RegistryObject& object,
                   const std::vector<Slot>& slots, std::string_view where) {
  // Runs for every object and classification of every submission: the
  // attribute name is only built for an error, and the few slots of an
  // object are compared with each other rather than put in a set.
  auto attribute = [&](const Slot& slot) { return std::string(where) + slot.name; };
  for (size_t i = 0; i < slots.size(); ++i) {
    const Slot& slot = slots[i];
    // ebRIM 3.0 and ITI TF-3 4.2.3.1.5: a slot name appears once per object.
    bool repeated = false;
    for (size_t j = 0; j < i && !repeated; ++j) repeated = slots[j].name == slot.name;
    if (repeated)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute(slot),
                "slot appears more than once");
    for (const std::string& v : slot.values)
      if (v.size() > kMaxSlotValueLength)
        ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute(slot),
                  "value longer than 256 characters (" + std::to_string(v.size()) + ")");
  }
}

// ITI TF-3 4.2.3.1.2: a coded value is nodeRepresentation (the code) plus a
// codingScheme slot with exactly one value.
void CheckCode(ValidationContext& ctx, const RegistryObject& object, const Classification& c,
               std::string_view attribute) {
  std::string where = std::string(attribute) + " (Classification " + c.id + ")";
  if (c.node_representation.empty())
    ctx.Error(ErrorCode::kRegistryMetadataError, object, where,
              "nodeRepresentation (code) is empty");
  const Slot* scheme = c.FindSlot("codingScheme");
  if (scheme == nullptr)
    ctx.Error(ErrorCode::kRegistryMetadataError, object, where, "codingScheme slot is missing");
  else if (scheme->values.size() != 1 || scheme->values.front().empty())
    ctx.Error(ErrorCode::kRegistryMetadataError, object, where,
              "codingScheme slot must have exactly one non-empty value");
}

// ITI TF-3 4.2.3.1.4: an author has authorPerson, authorInstitution or
// authorTelecommunication; authorPerson has at most one value; the values
// are XCN, XON, XTN and (Coded) Strings.
void CheckAuthor(ValidationContext& ctx, const RegistryObject& object, const Classification& c,
                 std::string_view attribute) {
  std::string where = std::string(attribute) + " (Classification " + c.id + ")";
  auto values_of = [&](std::string_view name) -> const std::vector<std::string>* {
    const Slot* s = c.FindSlot(name);
    return s != nullptr ? &s->values : nullptr;
  };
  auto report = [&](std::string_view slot, const Status& s) {
    ctx.Error(ErrorCode::kRegistryMetadataError, object, where + " " + std::string(slot),
              s.message());
  };
  const auto* person = values_of("authorPerson");
  const auto* institution = values_of("authorInstitution");
  const auto* telecom = values_of("authorTelecommunication");
  bool identified = (person != nullptr && !person->empty()) ||
                    (institution != nullptr && !institution->empty()) ||
                    (telecom != nullptr && !telecom->empty());
  if (!identified)
    ctx.Error(ErrorCode::kRegistryMetadataError, object, where,
              "needs authorPerson, authorInstitution or authorTelecommunication");
  if (person != nullptr) {
    if (person->size() > 1)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, where + " authorPerson",
                "has " + std::to_string(person->size()) + " values; at most one is allowed");
    for (const auto& v : *person)
      if (Status s = CheckXcn(v); !s.ok()) report("authorPerson", s);
  }
  if (institution != nullptr)
    for (const auto& v : *institution)
      if (Status s = CheckXon(v); !s.ok()) report("authorInstitution", s);
  if (telecom != nullptr)
    for (const auto& v : *telecom)
      if (Status s = CheckXtn(v); !s.ok()) report("authorTelecommunication", s);
  for (std::string_view name : {"authorRole", "authorSpecialty"})
    if (const auto* values = values_of(name))
      for (const auto& v : *values)
        if (Status s = CheckStringOrCodedString(v); !s.ok()) report(name, s);
}

// A RegistryPackage label (ITI TF-3 4.2.3.3, 4.2.3.4) or the limitedMetadata
// flag, which is X for XDS submissions (TF-3 4.2.3.2, Table 4.3.1-3).
void CheckNodeClassification(ValidationContext& ctx, const RegistryObject& object,
                             const Classification& c, std::string_view label_node) {
  const std::string& node = c.classification_node;
  if (node == vocab::kLimitedMetadataDe || node == vocab::kLimitedMetadataSs ||
      node == vocab::kLimitedMetadataFd) {
    ctx.Error(ErrorCode::kRegistryMetadataError, object, "limitedMetadata",
              "limitedMetadata is prohibited in an XDS submission (Classification " + c.id + ")");
  } else if (!label_node.empty() && node == label_node) {
    // The object's own label.
  } else if (object.kind == ihe::ObjectKind::kRegistryPackage &&
             (node == vocab::kSubmissionSetNode || node == vocab::kFolderNode)) {
    ctx.Error(ErrorCode::kRegistryMetadataError, object, "classificationNode",
              "RegistryPackage is labelled both SubmissionSet and Folder");
  } else {
    ctx.Error(ErrorCode::kRegistryMetadataError, object, "classificationNode",
              "unexpected classificationNode " + Quote(node) + " (Classification " + c.id + ")");
  }
}

}  // namespace

void CheckSlots(ValidationContext& ctx, const RegistryObject& object,
                std::span<const SlotRule> known) {
  CheckSlotList(ctx, object, object.slots, "");
  for (const Slot& slot : object.slots) {
    const SlotRule* rule = nullptr;
    for (const SlotRule& r : known)
      if (r.name == slot.name) rule = &r;
    if (rule == nullptr) {
      // ITI TF-3 4.2.3.1.5 (extra metadata): any other slot is a URN that
      // does not start with "urn:ihe:" (that namespace is IHE's own).
      if (!IsUrn(slot.name) || StartsWithNoCase(slot.name, "urn:ihe:"))
        ctx.Error(ErrorCode::kRegistryMetadataError, object,
                  slot.name.empty() ? "(unnamed slot)" : slot.name,
                  "not a slot of this object type, and not a valid extra metadata name "
                  "(a URN not starting with urn:ihe:)");
      continue;
    }
    if (rule->multiplicity == Multiplicity::kSingle && slot.values.size() != 1)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, slot.name,
                "single-valued slot has " + std::to_string(slot.values.size()) + " values");
  }
}

void CheckClassifications(ValidationContext& ctx, const RegistryObject& object,
                          std::span<const CodeRule> codes, std::string_view label_node) {
  std::vector<int> counts(codes.size(), 0);
  for (const Classification& c : object.classifications) {
    // ITI TF-3 4.2.3.1.2: nested Classifications classify their parent.
    if (c.classified_object != object.id)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, "Classification " + c.id,
                "classifiedObject " + Quote(c.classified_object) + " is not the enclosing object");
    CheckSlotList(ctx, object, c.slots, "Classification " + c.id + " slot ");
    if (!c.classification_node.empty()) {
      CheckNodeClassification(ctx, object, c, label_node);
      continue;
    }
    if (c.classification_scheme.empty()) {
      ctx.Error(ErrorCode::kRegistryMetadataError, object, "Classification " + c.id,
                "has neither classificationScheme nor classificationNode");
      continue;
    }
    size_t i = 0;
    while (i < codes.size() && codes[i].scheme != c.classification_scheme) ++i;
    if (i == codes.size()) {
      ctx.Error(ErrorCode::kRegistryMetadataError, object, "Classification " + c.id,
                "classificationScheme " + Quote(c.classification_scheme) +
                    " is not defined for this object type");
      continue;
    }
    ++counts[i];
    if (codes[i].author)
      CheckAuthor(ctx, object, c, codes[i].attribute);
    else
      CheckCode(ctx, object, c, codes[i].attribute);
  }
  for (size_t i = 0; i < codes.size(); ++i) {
    if (counts[i] < codes[i].min)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, codes[i].attribute,
                "required coded attribute is missing (classificationScheme " +
                    std::string(codes[i].scheme) + ")");
    if (codes[i].max >= 0 && counts[i] > codes[i].max)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, codes[i].attribute,
                "occurs " + std::to_string(counts[i]) + " times; at most " +
                    std::to_string(codes[i].max) + " allowed");
  }
}

void CheckExternalIdentifiers(ValidationContext& ctx, const RegistryObject& object,
                              std::span<const IdentifierRule> known) {
  std::vector<int> counts(known.size(), 0);
  for (const auto& x : object.external_identifiers) {
    size_t i = 0;
    while (i < known.size() && known[i].scheme != x.identification_scheme) ++i;
    std::string attribute =
        i < known.size() ? std::string(known[i].attribute) : "ExternalIdentifier " + x.id;
    // ebRIM 3.0 ExternalIdentifier: registryObject names the identified object,
    // i.e. the enclosing one (ITI TF-3 4.2.3).
    if (x.registry_object != object.id)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute,
                "registryObject " + Quote(x.registry_object) + " is not the enclosing object");
    if (i == known.size()) {
      ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute,
                "identificationScheme " + Quote(x.identification_scheme) +
                    " is not defined for this object type");
      continue;
    }
    ++counts[i];
    if (x.value.empty())
      ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute, "value is empty");
    else if (x.value.size() > kMaxSlotValueLength)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, attribute,
                "value longer than 256 characters");
  }
  for (size_t i = 0; i < known.size(); ++i) {
    if (counts[i] == 0)
      ctx.Error(ErrorCode::kRegistryMetadataError, object, known[i].attribute,
                "required ExternalIdentifier is missing (identificationScheme " +
                    std::string(known[i].scheme) + ")");
    else if (counts[i] > 1)
      ctx.Error(
          ErrorCode::kRegistryMetadataError, object, known[i].attribute,
          "ExternalIdentifier occurs " + std::to_string(counts[i]) + " times; exactly one allowed");
  }
}

void CheckHome(ValidationContext& ctx, const RegistryObject& object) {
  // ITI TF-3 4.2.3.2 homeCommunityId: an OID URN.
  constexpr std::string_view kPrefix = "urn:oid:";
  if (object.home.empty()) return;
  if (object.home.compare(0, kPrefix.size(), kPrefix) != 0 ||
      !IsOid(std::string_view(object.home).substr(kPrefix.size())))
    ctx.Error(ErrorCode::kRegistryMetadataError, object, "homeCommunityId",
              Quote(object.home) + " is not an OID URN (urn:oid:<OID>)");
}

bool MeantAsUuid(std::string_view id) { return StartsWithNoCase(id, "urn:uuid:"); }

const Slot* RequireSlot(ValidationContext& ctx, const RegistryObject& object,
                        std::string_view name) {
  const Slot* slot = object.FindSlot(name);
  if (slot == nullptr)
    ctx.Error(ErrorCode::kRegistryMetadataError, object, name, "required slot is missing");
  return slot;
}

void ProhibitSlot(ValidationContext& ctx, const RegistryObject& object, std::string_view name,
                  std::string_view why) {
  if (object.FindSlot(name) != nullptr)
    ctx.Error(ErrorCode::kRegistryMetadataError, object, name, why);
}

}  // namespace xds::registry

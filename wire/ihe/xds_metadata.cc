#include "wire/ihe/xds_metadata.h"

#include "wire/ihe/vocabulary.h"

namespace xds::ihe {
namespace {

std::string_view PatientScheme(XdsObjectType t) {
  switch (t) {
    case XdsObjectType::kDocumentEntry: return vocab::kDePatientId;
    case XdsObjectType::kSubmissionSet: return vocab::kSsPatientId;
    case XdsObjectType::kFolder: return vocab::kFdPatientId;
    default: return {};
  }
}

std::string_view UniqueScheme(XdsObjectType t) {
  switch (t) {
    case XdsObjectType::kDocumentEntry: return vocab::kDeUniqueId;
    case XdsObjectType::kSubmissionSet: return vocab::kSsUniqueId;
    case XdsObjectType::kFolder: return vocab::kFdUniqueId;
    default: return {};
  }
}

}  // namespace

XdsObjectType XdsTypeOf(const RegistryObject& o) {
  switch (o.kind) {
    case ObjectKind::kExtrinsicObject: return XdsObjectType::kDocumentEntry;
    case ObjectKind::kAssociation: return XdsObjectType::kAssociation;
    case ObjectKind::kRegistryPackage:
      if (o.HasClassificationNode(vocab::kSubmissionSetNode)) return XdsObjectType::kSubmissionSet;
      if (o.HasClassificationNode(vocab::kFolderNode)) return XdsObjectType::kFolder;
      return XdsObjectType::kUnlabelledPackage;
  }
  return XdsObjectType::kUnlabelledPackage;
}

std::vector<CodedValue> CodesOf(const RegistryObject& o, std::string_view scheme) {
  std::vector<CodedValue> out;
  for (const Classification* c : o.ClassificationsWithScheme(scheme))
    out.push_back(CodedValue{c->node_representation, c->SlotValue("codingScheme"), c->name});
  return out;
}

std::vector<std::string> AuthorPersons(const RegistryObject& o, std::string_view scheme) {
  std::vector<std::string> out;
  for (const Classification* c : o.ClassificationsWithScheme(scheme))
    if (const Slot* s = c->FindSlot("authorPerson"))
      for (const auto& v : s->values) out.push_back(v);
  return out;
}

std::vector<std::string> AuthorInstitutionIds(const RegistryObject& o, std::string_view scheme) {
  std::vector<std::string> ids;
  for (const Classification* c : o.ClassificationsWithScheme(scheme)) {
    const Slot* institutions = c->FindSlot("authorInstitution");
    if (!institutions) continue;
    for (const std::string& xon : institutions->values) {
      size_t start = 0;
      for (int i = 0; i < 9 && start != std::string::npos; ++i) {
        size_t caret = xon.find('^', start);
        start = caret == std::string::npos ? caret : caret + 1;
      }
      if (start == std::string::npos) continue;
      std::string id = xon.substr(start, xon.find('^', start) - start);
      if (!id.empty()) ids.push_back(std::move(id));
    }
  }
  return ids;
}

std::string PatientIdOf(const RegistryObject& o) {
  std::string_view scheme = PatientScheme(XdsTypeOf(o));
  return scheme.empty() ? std::string() : o.ExternalIdentifierValue(scheme);
}

std::string UniqueIdOf(const RegistryObject& o) {
  std::string_view scheme = UniqueScheme(XdsTypeOf(o));
  return scheme.empty() ? std::string() : o.ExternalIdentifierValue(scheme);
}

void SetPatientId(RegistryObject& o, const std::string& patient_id) {
  std::string_view scheme = PatientScheme(XdsTypeOf(o));
  if (scheme.empty()) return;  // associations and unlabelled packages have none
  for (auto& x : o.external_identifiers)
    if (x.identification_scheme == scheme) x.value = patient_id;
}

}  // namespace xds::ihe

// Typed reading of XDS.b metadata on top of the generic ebRIM model: which
// XDS object a RegistryObject is, and its coded values and authors
// (ITI TF-3 4.2.3). Shared by the registry (validation, indexing) and the
// repository (uniqueId, hash, size, mimeType).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "wire/ihe/rim.h"

namespace xds::ihe {

enum class XdsObjectType {
  kDocumentEntry,
  kSubmissionSet,
  kFolder,
  kAssociation,
  kUnlabelledPackage,  // a RegistryPackage classified as neither SS nor Folder
};

XdsObjectType XdsTypeOf(const RegistryObject& object);

// A coded value: (code, codingScheme) identify it; the display name is
// informative only and never compared (ITI TF-3 4.2.3.1.2).
struct CodedValue {
  std::string code;
  std::string scheme;
  std::string display;
  bool operator==(const CodedValue& o) const { return code == o.code && scheme == o.scheme; }
};

// The codes of one coded attribute (classificationScheme) on an object.
std::vector<CodedValue> CodesOf(const RegistryObject& object, std::string_view scheme);

// authorPerson values of the author classifications with `scheme`.
std::vector<std::string> AuthorPersons(const RegistryObject& object, std::string_view scheme);
// The organization identifiers (XON.10, the tenth '^' component) of the
// authorInstitution values of those classifications; empty ones skipped.
std::vector<std::string> AuthorInstitutionIds(const RegistryObject& object, std::string_view scheme);

// The patientId / uniqueId external identifiers for the object's XDS type.
std::string PatientIdOf(const RegistryObject& object);
std::string UniqueIdOf(const RegistryObject& object);
// Sets the patientId external identifier value (used to show the surviving
// id after a merge).
void SetPatientId(RegistryObject& object, const std::string& patient_id);

}  // namespace xds::ihe

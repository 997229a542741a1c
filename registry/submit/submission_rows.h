// Turns validated, id-resolved XDS objects into the rows the store indexes
// (registry_store.h). The body column holds the object's ebRIM XML without
// its status attribute, which the registry owns.
#pragma once

#include "registry/store/registry_store.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

// rim:VersionInfo/@versionName of a first version.
inline const std::string kFirstVersionName = "1";

DocumentEntryRow DocumentEntryRowOf(const ihe::RegistryObject& entry);
SubmissionSetRow SubmissionSetRowOf(const ihe::RegistryObject& set);
// `now` becomes lastUpdateTime: the registry maintains it (ITI TF-3 4.2.3.4.4).
FolderRow FolderRowOf(const ihe::RegistryObject& folder, const std::string& now);
AssociationRow AssociationRowOf(const ihe::RegistryObject& association);

// ebRIM XML of the object as stored: no status attribute, namespaces declared.
std::string StoredBody(const ihe::RegistryObject& object);

}  // namespace xds::registry

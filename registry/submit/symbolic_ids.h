// Replaces the symbolic ids of a submission ("Document01") with fresh
// lower-case urn:uuid ids, everywhere they are referenced: association ends,
// classifiedObject, registryObject. Ids already in urn:uuid form are kept
// verbatim and are permanent (ITI TF-3 4.2.3.1.7, "entryUUID").
#pragma once

#include <map>
#include <string>

#include "wire/ihe/rim.h"

namespace xds::registry {

// Returns, for each new UUID, the symbolic id it replaced, so that error
// messages can name objects as the submitter wrote them.
std::map<std::string, std::string> ResolveSymbolicIds(ihe::SubmitObjectsRequest& request);

}  // namespace xds::registry

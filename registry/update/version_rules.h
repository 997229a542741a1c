// What a new version of a DocumentEntry or Folder may change compared with
// the version it updates (XDS Metadata Update, ITI TF-2b 3.57.4.1.3.3;
// Restricted Update, ITI TF-2b 3.92.4.1.3).
//
// Identity and content attributes stay: uniqueId (the document, or the
// folder, is the same), objectType (Stable / On-Demand), and for a
// DocumentEntry hash, size and repositoryUniqueId, which describe bytes in
// a repository that an update does not touch. Under ITI-92 the patientId
// stays as well. Everything else (codes, titles, authors, times, the
// patient under ITI-57 ...) may change.
//
// Pure functions over values; thread-safe.
#pragma once

#include <string>

#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

// Appends one error per attribute of `next` that differs from `previous`
// where it may not. ITI-57 reports XDSMetadataUpdateError; ITI-92 the RMU
// codes (XDSMetadataIdentifierError for uniqueId, XDSObjectTypeError for
// objectType, UnmodifiableMetadataError for the rest).
void CheckUnchangedAttributes(const ihe::RegistryObject& previous, const ihe::RegistryObject& next, bool folder,
                              bool restricted, ihe::RegistryErrors& errors);

}  // namespace xds::registry

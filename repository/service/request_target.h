// Whether an xdsb:DocumentRequest (ITI-43, ITI-86) is addressed to this
// repository: its RepositoryUniqueId is ours (else XDSUnknownRepositoryId)
// and its HomeCommunityId, when both sides have one, is our community
// (else XDSUnknownCommunity). The error, located at the DocumentUniqueId,
// is added to `errors`.
#pragma once

#include <string>

#include "wire/ihe/document_set.h"
#include "wire/ihe/registry_error.h"

namespace xds::repository {

inline bool AddressedHere(const ihe::DocumentRequest& r, const std::string& repository_unique_id,
                          const std::string& home_community_id, ihe::RegistryErrors& errors) {
  if (r.repository_unique_id != repository_unique_id) {
    errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kUnknownRepositoryId,
                                               "repository " + r.repository_unique_id +
                                                   " is not this repository (" + repository_unique_id + ")",
                                               r.document_unique_id));
    return false;
  }
  if (!home_community_id.empty() && !r.home_community_id.empty() && r.home_community_id != home_community_id) {
    errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kUnknownCommunity,
                                               "community " + r.home_community_id + " is not this repository's",
                                               r.document_unique_id));
    return false;
  }
  return true;
}

}  // namespace xds::repository

#include "wire/access/submission_claim.h"

#include <set>

#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::access {

SubmissionClaim SubmissionClaimOf(const ihe::SubmitObjectsRequest& request) {
  SubmissionClaim claim;
  std::set<std::string> submitted;
  for (const auto& o : request.objects) submitted.insert(o.id);
  std::set<std::string> registered;
  auto touch = [&](const std::string& id) {
    if (!id.empty() && !submitted.count(id) && registered.insert(id).second) claim.registered_objects.push_back(id);
  };
  for (const auto& o : request.objects) {
    switch (ihe::XdsTypeOf(o)) {
      case ihe::XdsObjectType::kSubmissionSet:
        claim.source_ids.push_back(o.ExternalIdentifierValue(vocab::kSsSourceId));
        break;
      case ihe::XdsObjectType::kDocumentEntry:
        claim.document_entries.push_back({o.id, ihe::AuthorInstitutionIds(o, vocab::kDeAuthor)});
        break;
      case ihe::XdsObjectType::kAssociation:
        touch(o.source_object);
        touch(o.target_object);
        break;
      default:
        break;
    }
    // A new version of a registered logical object (ITI-57).
    if (!o.lid.empty() && o.lid != o.id) touch(o.lid);
  }
  return claim;
}

}  // namespace xds::access

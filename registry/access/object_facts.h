// What the access policy needs to know about registered objects, read in
// batches inside the caller's read transaction: kind, current patient,
// classCode, the sourceId of the submission set that first registered it,
// and for associations their two ends. Internal to registry/access.
#pragma once

#include <string>
#include <vector>

#include "registry/store/registry_store.h"

namespace xds::registry {

struct ObjectFacts {
  std::string entry_uuid;
  StoredKind kind = StoredKind::kDocumentEntry;
  std::string patient_id;  // surviving patient id; empty for associations
  std::string class_code;  // "code^codingScheme"; DocumentEntries only
  // SubmissionSets: their own sourceId. DocumentEntries and Folders: the
  // sourceId of the earliest submission set holding any version of them.
  std::string source_id;
  std::string association_source;  // Associations only
  std::string association_target;
};

// Several values in the one text column SelectColumn returns: fields are
// joined by the ASCII unit separator, list items by the record separator
// (no metadata value contains either).
inline constexpr char kFieldSeparator = '\x1f';
inline constexpr char kItemSeparator = '\x1e';
// "a<sep>b<sep>" → {"a", "b", ""}; "" → {}.
std::vector<std::string> SplitFields(const std::string& row, char separator);

// Facts of `entry_uuids` (unknown ids skipped; order not kept).
Result<std::vector<ObjectFacts>> LoadObjectFacts(ReadTxn& txn, const std::vector<std::string>& entry_uuids);

// The DocumentEntries a SubmissionSet or Folder holds (HasMember).
Result<std::vector<std::string>> MemberDocumentEntries(ReadTxn& txn, const std::string& package_uuid);

// The organization ids (XON.10) of a DocumentEntry's authorInstitution
// values, read from its registered metadata.
Result<std::vector<std::string>> AuthorInstitutionIds(ReadTxn& txn, const std::string& entry_uuid);

// entryUUIDs of the Approved, latest DocumentEntries with these uniqueIds.
Result<std::vector<std::pair<std::string, std::string>>> DocumentEntriesByUniqueId(
    ReadTxn& txn, const std::vector<std::string>& unique_ids);  // (uniqueId, entryUUID)

// entryUUIDs of the Approved, latest DocumentEntries (imaging manifests)
// whose referenceIdList names the study.
Result<std::vector<std::string>> ManifestsOfStudy(ReadTxn& txn, const std::string& study_instance_uid);

}  // namespace xds::registry

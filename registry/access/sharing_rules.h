// The sharing rules kept in the registry database (table sharing_rule,
// schemas/sql/registry_003_sharing_rules.sql). A rule is written, never
// edited: each change is a new version, the latest version is in force,
// and a revocation is a version with revoked = true.
#pragma once

#include <string>
#include <vector>

#include "registry/access/structure_directory.h"
#include "registry/store/registry_store.h"
#include "wire/access/access_messages.h"

namespace xds::registry {

// The version in force of every rule (revoked ones included), by rule id.
Result<std::vector<access::SharingRule>> LoadSharingRules(ReadTxn& txn);
// Every version of one rule, oldest first.
Result<std::vector<access::SharingRule>> SharingRuleHistory(ReadTxn& txn, const std::string& rule_id);

// InvalidArgument naming what is wrong: no id, an owner or grantee the
// directory does not know, a malformed class code or end date.
Status ValidateSharingRule(const access::SharingRule& rule, const StructureDirectory& structures);

// Records `rule` as the next version of its id (the rule's own version and
// recorded_* fields are ignored) and returns it as stored. A rule id
// belongs to one owner: a new version naming another owner is refused.
Result<access::SharingRule> RecordSharingRule(WriteTxn& txn, access::SharingRule rule, const std::string& recorded_by,
                                              const std::string& now);

}  // namespace xds::registry

#include "registry/query/metadata_level.h"

#include <unordered_set>

#include "registry/query/sql_builder.h"

namespace xds::registry {

int ReadMetadataLevel(QueryParameters& params) {
  constexpr std::string_view kName = "$MetadataLevel";
  if (!params.Has(kName)) return 1;
  std::optional<std::string> value = params.Token(kName, Presence::kOptional);
  if (!value) return 1;  // an error is recorded
  if (*value == "1") return 1;
  if (*value == "2") return 2;
  params.AddError(ihe::ErrorCode::kRegistryError,
                  std::string(kName) + ": '" + *value + "' is not a metadata level (1 or 2)");
  return 1;
}

Result<std::vector<std::string>> KeepVisibleAtLevel1(ReadTxn& txn, const std::vector<std::string>& uuids) {
  if (uuids.empty()) return uuids;
  auto visible = SelectIn(txn,
                          "SELECT o.entry_uuid FROM object o WHERE o.entry_uuid IN ({in}) AND " +
                              std::string(kVisibleAtLevel1),
                          uuids);
  if (!visible.ok()) return visible.status();
  std::unordered_set<std::string> keep(visible->begin(), visible->end());
  std::vector<std::string> out;
  out.reserve(keep.size());
  for (const auto& u : uuids)
    if (keep.contains(u)) out.push_back(u);
  return out;
}

}  // namespace xds::registry

#include "registry/query/code_match.h"

namespace xds::registry {

Result<std::vector<SqlValue>> ResolveCodes(ReadTxn& txn, const std::vector<ihe::CodedValue>& codes) {
  std::vector<SqlValue> ids;
  for (const auto& c : codes) {
    auto id = txn.FindCode(c.code, c.scheme);
    if (!id.ok()) return id.status();
    if (id->has_value()) ids.emplace_back(**id);
  }
  return ids;
}

Result<bool> AddCodeColumnFilter(ReadTxn& txn, SqlWhere& where, std::string_view column,
                                 const std::vector<ihe::CodedValue>& codes) {
  if (codes.empty()) return true;
  auto ids = ResolveCodes(txn, codes);
  if (!ids.ok()) return ids.status();
  if (ids->empty()) return false;
  where.AddIn(column, *ids);
  return true;
}

Result<bool> AddCodeGroupFilter(ReadTxn& txn, SqlWhere& where, std::string_view exists_template,
                                const std::vector<std::vector<ihe::CodedValue>>& groups) {
  for (const auto& group : groups) {
    auto ids = ResolveCodes(txn, group);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) return false;
    where.AddInTemplate(exists_template, *ids);
  }
  return true;
}

}  // namespace xds::registry

#include "registry/access/sharing_rules.h"

#include "wire/base/ids.h"

namespace xds::registry {
namespace {

Result<std::vector<access::SharingRule>> Parse(const std::vector<std::string>& bodies) {
  std::vector<access::SharingRule> out;
  for (const auto& body : bodies) {
    auto rule = access::SharingRuleFromJson(body);
    if (!rule.ok()) return Status::Internal("stored sharing rule unreadable: " + rule.status().message());
    out.push_back(std::move(*rule));
  }
  return out;
}

}  // namespace

Result<std::vector<access::SharingRule>> LoadSharingRules(ReadTxn& txn) {
  auto bodies = txn.SelectColumn(SqlQuery{
      "SELECT s.body FROM sharing_rule s "
      "WHERE s.version = (SELECT MAX(v.version) FROM sharing_rule v WHERE v.rule_id = s.rule_id) "
      "ORDER BY s.rule_id",
      {}});
  if (!bodies.ok()) return bodies.status();
  return Parse(*bodies);
}

Result<std::vector<access::SharingRule>> SharingRuleHistory(ReadTxn& txn, const std::string& rule_id) {
  auto bodies = txn.SelectColumn(
      SqlQuery{"SELECT body FROM sharing_rule WHERE rule_id = ? ORDER BY version", {rule_id}});
  if (!bodies.ok()) return bodies.status();
  return Parse(*bodies);
}

Status ValidateSharingRule(const access::SharingRule& rule, const StructureDirectory& structures) {
  if (rule.id.empty()) return Status::InvalidArgument("a sharing rule needs an id");
  if (!structures.Knows(rule.owner))
    return Status::InvalidArgument("owner '" + rule.owner + "' is not a structure of the region");
  if (rule.grantees.empty() && !rule.revoked)
    return Status::InvalidArgument("a sharing rule needs at least one grantee (a structure id, or \"*\")");
  for (const auto& g : rule.grantees)
    if (g != "*" && !structures.Knows(g))
      return Status::InvalidArgument("grantee '" + g + "' is not a structure of the region");
  for (const auto& c : rule.class_codes)
    if (c.find('^') == std::string::npos || c.front() == '^' || c.back() == '^')
      return Status::InvalidArgument("class code '" + c + "' must be written code^codingScheme");
  if (!rule.valid_until.empty() && (!IsDtm(rule.valid_until) || rule.valid_until.size() < 8))
    return Status::InvalidArgument("valid_until '" + rule.valid_until + "' is not a date (YYYYMMDD[hhmmss])");
  return Status::Ok();
}

Result<access::SharingRule> RecordSharingRule(WriteTxn& txn, access::SharingRule rule, const std::string& recorded_by,
                                              const std::string& now) {
  auto history = SharingRuleHistory(txn, rule.id);
  if (!history.ok()) return history.status();
  if (!history->empty() && history->back().owner != rule.owner)
    return Status::InvalidArgument("sharing rule '" + rule.id + "' belongs to '" + history->back().owner +
                                   "'; another structure cannot version it");
  rule.version = history->empty() ? 1 : history->back().version + 1;
  rule.recorded_time = now;
  rule.recorded_by = recorded_by;
  XDS_RETURN_IF_ERROR(txn.Execute(SqlQuery{
      "INSERT INTO sharing_rule(rule_id, version, owner, body, recorded_time, recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
      {rule.id, rule.version, rule.owner, access::ToJson(rule), now, recorded_by}}));
  return rule;
}

}  // namespace xds::registry

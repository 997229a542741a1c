#include "registry/access/consent.h"

#include <algorithm>

#include "registry/access/object_facts.h"
#include "registry/query/sql_builder.h"

namespace xds::registry {
namespace {

// "code^scheme" matches itself; a bare "code" matches that code in any scheme.
bool PolicyMatches(const std::vector<std::string>& policies, const std::string& code_and_scheme) {
  const std::string code = code_and_scheme.substr(0, code_and_scheme.find('^'));
  for (const auto& p : policies)
    if (p == code_and_scheme || p == code) return true;
  return false;
}

}  // namespace

Result<ConsentOptions> ConsentOptions::FromConfig(const Config& config) {
  ConsentOptions o;
  if (config.Has("access.consent.format_codes")) o.format_codes = config.Strings("access.consent.format_codes");
  o.opt_in_policies = config.Strings("access.consent.opt_in_policies");
  o.opt_out_policies = config.Strings("access.consent.opt_out_policies");
  std::string without = config.String("access.consent.without_consent", "opt-out");
  if (without == "opt-in") {
    o.without_consent = ConsentState::kOptIn;
  } else if (without == "opt-out") {
    o.without_consent = ConsentState::kOptOut;
  } else {
    return Status::InvalidArgument("access.consent.without_consent must be \"opt-in\" or \"opt-out\"");
  }
  return o;
}

Result<ConsentState> CurrentConsent(ReadTxn& txn, const std::string& patient_id, const ConsentOptions& options,
                                    const std::string& now) {
  if (options.format_codes.empty()) return options.without_consent;
  std::vector<SqlValue> params = {patient_id};
  std::string in = InList(ToSqlValues(options.format_codes), params);
  auto rows = txn.SelectColumn(SqlQuery{
      "WITH root(id) AS (SELECT COALESCE(merged_into, id) FROM patient WHERE patient_id = ?) "
      "SELECT COALESCE(de.service_start_time, de.creation_time, '') || char(31) || "
      "  COALESCE(de.service_stop_time, '') || char(31) || "
      "  COALESCE((SELECT group_concat(c.code || '^' || c.scheme, char(30)) FROM document_entry_code dc "
      "            JOIN code c ON c.id = dc.code WHERE dc.object_id = de.object_id AND dc.attribute = 1), '') "
      "FROM document_entry de JOIN object o ON o.id = de.object_id "
      "JOIN code fc ON fc.id = de.format_code "
      // The patient and those merged into it, spelled so that the indexes on
      // patient.merged_into and document_entry(patient) serve it (a
      // COALESCE over de's patient row scanned every DocumentEntry).
      "WHERE de.patient IN (SELECT r.id FROM root r UNION ALL "
      "                     SELECT p.id FROM patient p JOIN root r ON p.merged_into = r.id) "
      "  AND de.status = 1 AND o.latest = 1 AND fc.code IN (" + in + ")",
      std::move(params)});
  if (!rows.ok()) return rows.status();
  std::string best_start;
  bool found = false;
  ConsentState best = options.without_consent;
  for (const auto& row : *rows) {
    std::vector<std::string> f = SplitFields(row, kFieldSeparator);
    if (f.size() != 3) continue;
    const std::string start = PadDtm(f[0]);
    const std::string stop = f[1].empty() ? std::string() : PadDtm(f[1]);
    if (start > now || (!stop.empty() && now >= stop)) continue;  // not in force
    bool opt_out = false, opt_in = false;
    for (const auto& code : SplitFields(f[2], kItemSeparator)) {
      opt_out = opt_out || PolicyMatches(options.opt_out_policies, code);
      opt_in = opt_in || PolicyMatches(options.opt_in_policies, code);
    }
    if (!opt_out && !opt_in) continue;  // a consent to some other policy
    ConsentState state = opt_out ? ConsentState::kOptOut : ConsentState::kOptIn;
    if (!found || start > best_start || (start == best_start && state == ConsentState::kOptOut)) {
      best = state;
      best_start = start;
      found = true;
    }
  }
  return best;
}

}  // namespace xds::registry

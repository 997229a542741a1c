#include "registry/query/sql_builder.h"

#include <algorithm>
#include <cassert>

namespace xds::registry {
namespace {

// Sizes an IN list is padded up to. Beyond the last one the exact size is
// used (SelectIn never sends more than kMaxInListSize).
constexpr size_t kInListBuckets[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

size_t PaddedSize(size_t n) {
  for (size_t b : kInListBuckets)
    if (n <= b) return b;
  return n;
}

std::string ReplaceInMarker(std::string_view sql_template, std::string_view placeholders) {
  std::string sql(sql_template);
  size_t pos = sql.find("{in}");
  assert(pos != std::string::npos && "SelectIn template needs an {in} marker");
  sql.replace(pos, 4, placeholders);
  return sql;
}

}  // namespace

void SqlWhere::Add(std::string condition, std::vector<SqlValue> params) {
  assert(static_cast<size_t>(std::count(condition.begin(), condition.end(), '?')) == params.size());
  conditions_.push_back(std::move(condition));
  for (auto& p : params) params_.push_back(std::move(p));
}

void SqlWhere::AddIn(std::string_view column, const std::vector<SqlValue>& values) {
  assert(!values.empty());
  std::vector<SqlValue> params;
  std::string placeholders = InList(values, params);
  Add(std::string(column) + " IN (" + placeholders + ")", std::move(params));
}

void SqlWhere::AddInTemplate(std::string_view condition_template,
                             const std::vector<SqlValue>& values) {
  std::vector<SqlValue> params;
  std::string placeholders = InList(values, params);
  Add(ReplaceInMarker(condition_template, placeholders), std::move(params));
}

void SqlWhere::AddOrTemplate(std::string_view condition_template, std::string_view alternative,
                             const std::vector<SqlValue>& values) {
  assert(!values.empty());
  std::string alternatives;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i > 0) alternatives += " OR ";
    alternatives += alternative;
  }
  std::string condition(condition_template);
  size_t pos = condition.find("{or}");
  assert(pos != std::string::npos && "template needs an {or} marker");
  condition.replace(pos, 4, alternatives);
  Add(std::move(condition), values);
}

std::string SqlWhere::Render(std::vector<SqlValue>& params) const {
  if (conditions_.empty()) return "1 = 1";
  std::string out;
  for (size_t i = 0; i < conditions_.size(); ++i) {
    if (i > 0) out += " AND ";
    out += conditions_[i];
  }
  params.insert(params.end(), params_.begin(), params_.end());
  return out;
}

SqlQuery SqlWhere::Build(std::string_view select_from, std::string_view suffix) const {
  SqlQuery q;
  q.sql = select_from;
  if (!conditions_.empty()) {
    q.sql += " WHERE ";
    q.sql += Render(q.params);
  }
  q.sql += suffix;
  return q;
}

std::string InList(const std::vector<SqlValue>& values, std::vector<SqlValue>& params) {
  assert(!values.empty());
  const size_t n = PaddedSize(values.size());
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out += ',';
    out += '?';
    params.push_back(values[std::min(i, values.size() - 1)]);
  }
  return out;
}

std::string XdsLikeToSql(std::string_view xds_pattern) {
  std::string out;
  out.reserve(xds_pattern.size());
  for (char c : xds_pattern) {
    if (c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string LikeCondition(std::string_view column) {
  return std::string(column) + " LIKE CAST(? AS TEXT) ESCAPE '\\'";
}

Result<std::vector<std::string>> SelectIn(ReadTxn& txn, std::string_view sql_template,
                                          const std::vector<std::string>& values,
                                          const std::vector<SqlValue>& before,
                                          const std::vector<SqlValue>& after) {
  std::vector<std::string> out;
  for (size_t start = 0; start < values.size(); start += kMaxInListSize) {
    const size_t end = std::min(values.size(), start + kMaxInListSize);
    std::vector<SqlValue> chunk(values.begin() + static_cast<std::ptrdiff_t>(start),
                                values.begin() + static_cast<std::ptrdiff_t>(end));
    SqlQuery q;
    q.params = before;
    q.sql = ReplaceInMarker(sql_template, InList(chunk, q.params));
    q.params.insert(q.params.end(), after.begin(), after.end());
    auto rows = txn.SelectColumn(q);
    if (!rows.ok()) return rows.status();
    out.insert(out.end(), std::make_move_iterator(rows->begin()),
               std::make_move_iterator(rows->end()));
  }
  return out;
}

std::vector<SqlValue> ToSqlValues(const std::vector<std::string>& values) {
  return std::vector<SqlValue>(values.begin(), values.end());
}

std::vector<SqlValue> ToSqlValues(const std::vector<int64_t>& values) {
  return std::vector<SqlValue>(values.begin(), values.end());
}

std::vector<SqlValue> ToSqlValues(const std::vector<Availability>& statuses) {
  std::vector<SqlValue> out;
  out.reserve(statuses.size());
  for (Availability a : statuses) out.emplace_back(static_cast<int64_t>(a));
  return out;
}

}  // namespace xds::registry

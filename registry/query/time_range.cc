#include "registry/query/time_range.h"

namespace xds::registry {
namespace {

int TwoDigits(std::string_view s, size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); }

}  // namespace

bool IsValidDtm(std::string_view dtm) {
  const size_t n = dtm.size();
  if (n < 4 || n > 14 || n % 2 != 0) return false;
  for (char c : dtm)
    if (c < '0' || c > '9') return false;
  if (n >= 6) {
    int month = TwoDigits(dtm, 4);
    if (month < 1 || month > 12) return false;
  }
  if (n >= 8) {
    int day = TwoDigits(dtm, 6);
    if (day < 1 || day > 31) return false;
  }
  if (n >= 10 && TwoDigits(dtm, 8) > 23) return false;
  if (n >= 12 && TwoDigits(dtm, 10) > 59) return false;
  if (n >= 14 && TwoDigits(dtm, 12) > 59) return false;
  return true;
}

void AddTimeRange(SqlWhere& where, std::string_view column, const TimeRange& range,
                  std::string_view exempt) {
  std::string pass = std::string("(") + std::string(column) + " IS NULL";
  if (!exempt.empty()) pass += " OR " + std::string(exempt);
  if (!range.from.empty())
    where.Add(pass + " OR " + std::string(column) + " >= ?)", {range.from});
  if (!range.to.empty())
    where.Add(pass + " OR " + std::string(column) + " < ?)", {range.to});
}

}  // namespace xds::registry

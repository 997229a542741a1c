#include "wire/ihe/query_values.h"

namespace xds::ihe {

std::string QuotedQueryValue(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string QuotedQueryList(const std::vector<std::string>& values) {
  std::string out = "(";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ",";
    out += QuotedQueryValue(values[i]);
  }
  return out + ")";
}

}  // namespace xds::ihe

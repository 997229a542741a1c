// Stored query parameter values as ebRS writes them (ITI TF-2a 3.18.4.1.2.3.5):
// a string in single quotes with embedded quotes doubled, and a list of
// them in parentheses. For the actors and tools that send ITI-18 queries;
// the registry's reading of them is in registry/query/query_parameters.h.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xds::ihe {

// 'value', with ' doubled.
std::string QuotedQueryValue(std::string_view value);
// ('a','b',...), each quoted as above.
std::string QuotedQueryList(const std::vector<std::string>& values);

}  // namespace xds::ihe

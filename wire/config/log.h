// Process-wide log setup. Log lines are structured as "key=value" pairs
// after a short message so that they can be grepped and parsed; the sink is
// stderr. Call once from main().
#pragma once

#include <string>

namespace xds {

// level: trace, debug, info, warn, error, off.
void ConfigureLogging(const std::string& level);

}  // namespace xds

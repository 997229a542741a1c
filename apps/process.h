// Process plumbing shared by the executables: loading the configuration,
// setting up logs, and blocking until SIGINT/SIGTERM.
#pragma once

#include <string>

#include "wire/base/status.h"
#include "wire/config/config.h"

namespace xds::app {

// Loads the TOML file (or an empty configuration when path is empty) and
// configures logging from [log] level.
Result<Config> LoadConfig(const std::string& path);

// Blocks the calling thread until SIGINT or SIGTERM.
void WaitForTerminationSignal();

// "http://host:port" as clients should use it.
std::string BaseUrl(const Config& config, int port);

}  // namespace xds::app

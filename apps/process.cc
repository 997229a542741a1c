#include "apps/process.h"

#include <csignal>

#include "wire/config/log.h"

namespace xds::app {

Result<Config> LoadConfig(const std::string& path) {
  auto config = path.empty() ? Config::Parse("") : Config::LoadFile(path);
  if (!config.ok()) return config.status();
  ConfigureLogging(config->String("log.level", "info"));
  return config;
}

void WaitForTerminationSignal() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  int signal = 0;
  sigwait(&set, &signal);
}

std::string BaseUrl(const Config& config, int port) {
  std::string host = config.String("server.host", "127.0.0.1");
  if (host == "0.0.0.0") host = "127.0.0.1";
  return "http://" + host + ":" + std::to_string(port);
}

}  // namespace xds::app

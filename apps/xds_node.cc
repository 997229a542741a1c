// xds-node: every actor of the platform in one process, from one
// configuration file. Today: the Document Registry (ITI-42, ITI-18, ITI-8).
//
//   xds-node --config config/xds-node.toml [--demo]
//   xds-node --config config/xds-node.toml add-patient '123^^^&1.2.3&ISO' --family Doe
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>

#include "apps/process.h"
#include "registry/demo_data.h"
#include "registry/registry_actor.h"
#include "registry/store/sqlite_registry_store.h"

int main(int argc, char** argv) {
  // Block the termination signals before any thread starts so that only
  // WaitForTerminationSignal() receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  CLI::App cli{"Regional XDS.b node: Document Registry (and, as they land, Repository and Imaging Source)"};
  std::string config_path;
  bool demo = false;
  cli.add_option("-c,--config", config_path, "TOML configuration file")->check(CLI::ExistingFile);
  cli.add_flag("--demo", demo, "load example patients and documents on start");
  xds::registry::PatientRecord patient;
  auto* add = cli.add_subcommand("add-patient", "register a patient id (as an ITI-8 feed would) and exit");
  add->add_option("patient_id", patient.patient_id, "CX: id^^^&oid&ISO")->required();
  add->add_option("--family", patient.family_name);
  add->add_option("--given", patient.given_name);
  add->add_option("--birth-date", patient.birth_date);
  add->add_option("--sex", patient.sex);
  CLI11_PARSE(cli, argc, argv);

  auto config = xds::app::LoadConfig(config_path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 2;
  }

  if (add->parsed()) {
    auto store = xds::registry::SqliteRegistryStore::Open(config->String("registry.database", "data/registry.db"));
    xds::Status s = store.ok() ? (*store)->AddOrUpdatePatient(patient) : store.status();
    if (!s.ok()) {
      std::fprintf(stderr, "add-patient failed: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("patient %s registered\n", patient.patient_id.c_str());
    return 0;
  }

  xds::http::HttpServerOptions http_options;
  http_options.thread_count = static_cast<int>(config->Int("server.threads", 32));
  xds::http::HttpServer server(http_options);
  auto registry = xds::registry::RegistryActor::Start(*config, server);
  if (!registry.ok()) {
    std::fprintf(stderr, "registry failed to start: %s\n", registry.status().ToString().c_str());
    return 1;
  }
  if (demo) {
    xds::Status s = xds::registry::LoadDemoData(**registry);
    if (!s.ok()) spdlog::warn("demo data not loaded: {}", s.ToString());
  }
  auto port = server.Start(config->String("server.host", "127.0.0.1"),
                           static_cast<int>(config->Int("server.port", 8080)));
  if (!port.ok()) {
    std::fprintf(stderr, "%s\n", port.status().ToString().c_str());
    return 1;
  }
  std::string base = xds::app::BaseUrl(*config, *port);
  std::printf("xds-node ready\n");
  std::printf("  Document Registry  ITI-42 Register / ITI-18 Stored Query (SOAP 1.2): %s%s\n", base.c_str(),
              (*registry)->soap_path().c_str());
  std::printf("  Patient Identity Feed ITI-8 (HL7 v2 over MLLP): %s:%d\n",
              config->String("registry.mllp_host", "127.0.0.1").c_str(), (*registry)->mllp_port());
  std::printf("Press Ctrl-C to stop.\n");
  std::fflush(stdout);
  xds::app::WaitForTerminationSignal();
  spdlog::info("stopping");
  server.Stop();
  return 0;
}

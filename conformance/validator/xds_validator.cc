// xds-validator: a test peer for a vendor's Document Source or Document
// Repository. Point its ITI-41 / ITI-42 at this endpoint; every submission
// is answered with the list of every rule it breaks (or Success), and
// nothing is stored.
//
//   xds-validator [--host 127.0.0.1] [--port 8090] [--path /xds/validate]
//                 [--schema-dir schemas/xml] [--mime-type TYPE ...]
#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <memory>

#include "conformance/validator/validation_service.h"

int main(int argc, char** argv) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread: only sigwait gets them

  CLI::App cli{"xds-validator: reports every XDS.b rule a vendor's ITI-41 / ITI-42 breaks"};
  std::string host = "127.0.0.1", path = "/xds/validate", schema_dir;
  int port = 8090;
  xds::conformance::ValidationPeerOptions options;
  cli.add_option("--host", host, "address to listen on")->capture_default_str();
  cli.add_option("--port", port, "port (0: any free one)")->capture_default_str();
  cli.add_option("--path", path, "SOAP endpoint path (ITI-41 and ITI-42)")->capture_default_str();
  cli.add_option("--schema-dir", schema_dir, "check bodies against the XML Schemas in this folder first");
  cli.add_option("--mime-type", options.validation.allowed_mime_types, "the affinity domain's mimeTypes (repeatable)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  CLI11_PARSE(cli, argc, argv);

  std::unique_ptr<xds::xml::SchemaSet> schemas;
  if (!schema_dir.empty()) {
    auto loaded = xds::xml::SchemaSet::LoadFile(schema_dir + "/messages.xsd");
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return 2;
    }
    schemas = std::make_unique<xds::xml::SchemaSet>(std::move(*loaded));
    options.schemas = schemas.get();
  }
  xds::conformance::ValidationService service(options);
  xds::http::HttpServer server;
  service.Mount(server, path);
  auto bound = server.Start(host, port);
  if (!bound.ok()) {
    std::fprintf(stderr, "%s\n", bound.status().ToString().c_str());
    return 1;
  }
  std::printf("xds-validator ready\n  ITI-41 / ITI-42 validation endpoint (SOAP 1.2, MTOM): http://%s:%d%s\n",
              host.c_str(), *bound, path.c_str());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&set, &signal);
  server.Stop();
  return 0;
}

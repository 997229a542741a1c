#include "apps/node_main.h"

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <memory>

#include "apps/process.h"
#include "imaging-source/imaging_source_actor.h"
#include "registry/demo_data.h"
#include "registry/registry_actor.h"
#include "registry/store/sqlite_registry_store.h"
#include "repository/repository_actor.h"
#include "wire/access/access_decision.h"
#include "wire/audit/audit_config.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/config/tls_config.h"
#include "wire/security/xua_verifier.h"
#include "wire/soap/soap_transport.h"

namespace xds::app {

int NodeMain(int argc, char** argv, const char* description, ActorChoice choice) {
  // Block the termination signals before any thread starts so that only
  // WaitForTerminationSignal() receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  CLI::App cli{description};
  std::string config_path;
  bool demo = false;
  cli.add_option("-c,--config", config_path, "TOML configuration file")->check(CLI::ExistingFile);
  cli.add_flag("--demo", demo, "load example patients and documents on start");
  registry::PatientRecord patient;
  auto* add = cli.add_subcommand("add-patient", "register a patient id (as an ITI-8 feed would) and exit");
  add->add_option("patient_id", patient.patient_id, "CX: id^^^&oid&ISO")->required();
  add->add_option("--family", patient.family_name);
  add->add_option("--given", patient.given_name);
  add->add_option("--birth-date", patient.birth_date);
  add->add_option("--sex", patient.sex);
  std::string study_uid;
  auto* publish = cli.add_subcommand("publish-study",
                                     "publish a study's manifest from the site PACS (RAD-68) and exit");
  publish->add_option("study_instance_uid", study_uid)->required();
  CLI11_PARSE(cli, argc, argv);

  auto config = LoadConfig(config_path);
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.status().ToString().c_str());
    return 2;
  }

  if (add->parsed()) {
    auto store = registry::SqliteRegistryStore::Open(config->String("registry.database", "data/registry.db"));
    Status s = store.ok() ? (*store)->AddOrUpdatePatient(patient) : store.status();
    if (!s.ok()) {
      std::fprintf(stderr, "add-patient failed: %s\n", s.ToString().c_str());
      return 1;
    }
    std::printf("patient %s registered\n", patient.patient_id.c_str());
    return 0;
  }

  if (publish->parsed()) {
    http::HttpServer unused;  // the actor mounts its routes; nothing is served
    // ATNA ITI-20: the RAD-68 it sends is audited as the running node's are.
    auto audit_sink = audit::StartAuditSinkFromConfig(*config);
    if (!audit_sink.ok()) {
      std::fprintf(stderr, "audit trail failed to start: %s\n", audit_sink.status().ToString().c_str());
      return 2;
    }
    std::unique_ptr<audit::TransactionAuditor> auditor;
    if (*audit_sink)
      auditor = std::make_unique<audit::TransactionAuditor>(**audit_sink, audit::AuditSourceFromConfig(*config),
                                                            "http://" + config->String("server.host", "127.0.0.1"));
    unused.set_auditor(auditor.get());
    auto imaging = imaging::ImagingSourceActor::Start(*config, unused);
    if (!imaging.ok()) {
      std::fprintf(stderr, "imaging source failed to start: %s\n", imaging.status().ToString().c_str());
      return 1;
    }
    auto outcome = (*imaging)->PublishStudy(study_uid);
    if (!outcome.ok()) {
      std::fprintf(stderr, "publish-study failed: %s\n", outcome.status().ToString().c_str());
      return outcome.status().code() == Status::Code::kUnavailable ? 3 : 1;
    }
    const char* kind = outcome->kind == imaging::PublishKind::kOriginal   ? "published"
                       : outcome->kind == imaging::PublishKind::kReplaced ? "replaced"
                                                                          : "unchanged";
    std::printf("%s\t%s\t%s\t%d series\t%d instances\n", kind, outcome->document_unique_id.c_str(),
                outcome->entry_uuid.c_str(), outcome->series, outcome->instances);
    return 0;
  }

  http::HttpServerOptions http_options;
  http_options.thread_count = static_cast<int>(config->Int("server.threads", 32));
  // ATNA ITI-19: with [tls], every endpoint of this node is HTTPS with
  // client certificates checked in the handshake.
  auto tls = ServerTlsFromConfig(*config);
  if (!tls.ok()) {
    std::fprintf(stderr, "%s\n", tls.status().ToString().c_str());
    return 2;
  }
  http_options.tls = *tls;
  // ATNA ITI-20: with [audit], every transaction and every refused
  // handshake goes to the Audit Record Repository.
  auto audit_sink = audit::StartAuditSinkFromConfig(*config);
  if (!audit_sink.ok()) {
    std::fprintf(stderr, "audit trail failed to start: %s\n", audit_sink.status().ToString().c_str());
    return 2;
  }
  std::unique_ptr<audit::TransactionAuditor> auditor;
  if (*audit_sink) {
    std::string scheme = tls->has_value() ? "https://" : "http://";
    auditor = std::make_unique<audit::TransactionAuditor>(
        **audit_sink, audit::AuditSourceFromConfig(*config),
        scheme + config->String("server.host", "127.0.0.1") + ":" + std::to_string(config->Int("server.port", 8080)));
    http_options.on_tls_refusal = [&auditor](const http::TlsRefusal& refusal) { auditor->TlsRefused(refusal); };
  }
  // XUA ITI-40: with [xua], the SOAP endpoints check user assertions.
  auto xua = security::XuaVerifierFromConfig(*config);
  if (!xua.ok()) {
    std::fprintf(stderr, "%s\n", xua.status().ToString().c_str());
    return 2;
  }
  http::HttpServer server(http_options);
  server.set_auditor(auditor.get());  // before the actors mount their endpoints
  server.set_xua_verifier(xua->get());
  bool run_repository = choice == ActorChoice::kRepositoryOnly ||
                        (choice == ActorChoice::kFromConfig && config->Has("repository"));
  bool run_imaging = choice == ActorChoice::kImagingSourceOnly ||
                     (choice == ActorChoice::kFromConfig && config->Has("imaging_source"));
  bool run_registry = choice == ActorChoice::kRegistryOnly ||
                      (choice == ActorChoice::kFromConfig &&
                       (config->Has("registry") || (!run_repository && !run_imaging)));

  std::unique_ptr<registry::RegistryActor> registry;
  std::unique_ptr<soap::LocalSoapTransport> local_registry;
  if (run_registry) {
    auto started = registry::RegistryActor::Start(*config, server);
    if (!started.ok()) {
      std::fprintf(stderr, "registry failed to start: %s\n", started.status().ToString().c_str());
      return 1;
    }
    registry = std::move(*started);
    local_registry = std::make_unique<soap::LocalSoapTransport>(registry->endpoint(), registry->soap_path());
  }
  // Sealing between structures (issue 7): the repository and the imaging
  // source ask the registry before they hand anything out — the registry
  // of this process, or one on another host ([access] decision_url).
  const access::AccessDecisionPoint* access_decisions = nullptr;
  auto remote_access = access::RemoteDecisionPointFromConfig(*config);
  if (!remote_access.ok()) {
    std::fprintf(stderr, "%s\n", remote_access.status().ToString().c_str());
    return 2;
  }
  if (*remote_access)
    access_decisions = remote_access->get();
  else if (registry && config->Bool("access.sealing", false))
    access_decisions = &registry->access_decisions();
  std::unique_ptr<repository::RepositoryActor> repository;
  if (run_repository) {
    auto started = repository::RepositoryActor::Start(*config, server, local_registry.get(), access_decisions);
    if (!started.ok()) {
      std::fprintf(stderr, "repository failed to start: %s\n", started.status().ToString().c_str());
      return 1;
    }
    repository = std::move(*started);
  }
  std::unique_ptr<imaging::ImagingSourceActor> imaging;
  if (run_imaging) {
    auto started = imaging::ImagingSourceActor::Start(*config, server, access_decisions);
    if (!started.ok()) {
      std::fprintf(stderr, "imaging source failed to start: %s\n", started.status().ToString().c_str());
      return 1;
    }
    imaging = std::move(*started);
  }
  if (demo && registry) {
    Status s = registry::LoadDemoData(*registry);
    if (!s.ok()) spdlog::warn("demo data not loaded: {}", s.ToString());
  }
  auto port = server.Start(config->String("server.host", "127.0.0.1"),
                           static_cast<int>(config->Int("server.port", 8080)));
  if (!port.ok()) {
    std::fprintf(stderr, "%s\n", port.status().ToString().c_str());
    return 1;
  }
  std::string base = BaseUrl(*config, *port);
  if (tls->has_value()) base.replace(0, 4, "https");
  if (auditor) auditor->ApplicationActivity(true);
  std::string program = argv[0];
  std::printf("%s ready\n", program.substr(program.rfind('/') + 1).c_str());
  if (registry) {
    std::printf("  Document Registry  ITI-42 Register / ITI-18 Stored Query (SOAP 1.2): %s%s\n", base.c_str(),
                registry->soap_path().c_str());
    std::printf("  Patient Identity Feed ITI-8 (HL7 v2 over MLLP): %s:%d\n",
                config->String("registry.mllp_host", "127.0.0.1").c_str(), registry->mllp_port());
  }
  if (repository) {
    std::printf("  Document Repository %s  ITI-41 Provide and Register / ITI-43 Retrieve (SOAP 1.2, MTOM): %s%s\n",
                repository->repository_unique_id().c_str(), base.c_str(), repository->soap_path().c_str());
  }
  if (imaging) {
    std::string wado = config->String("imaging_source.wado_rs_path", "/wado-rs");
    std::printf("  Imaging Document Source  RAD-69 Retrieve Imaging Document Set (SOAP 1.2, MTOM): %s%s\n",
                base.c_str(), imaging->soap_path().c_str());
    std::printf("    WADO-URI (RAD-55): %s%s   WADO-RS (RAD-107): %s%s\n", base.c_str(),
                config->String("imaging_source.wado_uri_path", "/wado").c_str(), base.c_str(), wado.c_str());
  }
  std::printf("Press Ctrl-C to stop.\n");
  std::fflush(stdout);
  WaitForTerminationSignal();
  spdlog::info("stopping");
  server.Stop();
  imaging.reset();
  repository.reset();  // before the registry it may call in-process
  if (auditor) auditor->ApplicationActivity(false);
  return 0;
}

}  // namespace xds::app

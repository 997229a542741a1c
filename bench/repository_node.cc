#include "bench/repository_node.h"

#include "registry/store/sqlite_registry_store.h"
#include "wire/http/http_client.h"
#include "wire/base/durable_file.h"

namespace xds::bench {

Result<RepositoryNode> StartRepositoryNode(const std::string& binary, const std::string& schema_dir,
                                           const std::string& work_dir, int http_threads) {
  XDS_RETURN_IF_ERROR(MakeDirectories(work_dir));
  const std::string database = work_dir + "/registry.db";
  {
    auto store = registry::SqliteRegistryStore::Open(database);
    if (!store.ok()) return store.status();
    registry::PatientRecord patient;
    patient.patient_id = kBenchPatient;
    patient.family_name = "Bench";
    XDS_RETURN_IF_ERROR((*store)->AddOrUpdatePatient(patient));
  }
  NodeOptions options;
  options.binary = binary;
  options.work_dir = work_dir;
  options.database = database;
  options.schema_dir = schema_dir;
  options.http_threads = http_threads;
  // NodeProcess writes these lines after its [registry] keys, so a table
  // header here opens the repository's own section.
  options.registry_settings = {
      "",
      "[repository]",
      "root = \"" + work_dir + "/store\"",
      std::string("repository_unique_id = \"") + kBenchRepositoryId + "\"",
      "path = \"/xds/repository\"",
  };
  auto started = NodeProcess::Start(options);
  if (!started.ok()) return started.status();
  RepositoryNode node;
  node.process = std::move(*started);
  // The registry's URL is printed first; the repository shares its server.
  const std::string& registry_url = node.process->url();
  auto parts = http::SplitUrl(registry_url);
  if (!parts.ok()) return parts.status();
  node.url = parts->base + "/xds/repository";
  return node;
}

}  // namespace xds::bench

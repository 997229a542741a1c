// RepositoryNode: the Document Repository under test, the real xds-node
// binary run as a child process (bench/node_process.h) with a [registry]
// and a [repository] section, so the repository registers in-process with
// a registry of the same process, as in the all-in-one deployment. Every
// setting the repository has is at its default — above all its durability:
// documents are fsynced and renamed into place, and the index and registry
// commit with synchronous=FULL, before ITI-41 is acknowledged.
//
// The bench patient is added to the registry database before the node
// starts, so the ITI-41s of the bench pass the registry's patient check.
#pragma once

#include <memory>
#include <string>

#include "bench/node_process.h"
#include "wire/base/status.h"

namespace xds::bench {

inline constexpr char kBenchPatient[] = "BENCH-REPO-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
inline constexpr char kBenchRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.901";

struct RepositoryNode {
  std::unique_ptr<NodeProcess> process;
  std::string url;  // ITI-41 / ITI-43 endpoint
};

// `work_dir` holds the configuration, the log, the registry database and
// the repository's store (work_dir/store).
Result<RepositoryNode> StartRepositoryNode(const std::string& binary, const std::string& schema_dir,
                                           const std::string& work_dir, int http_threads);

}  // namespace xds::bench

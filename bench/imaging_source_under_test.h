// ImagingSourceUnderTest: the imaging source as imaging_bench measures it —
// an ImagingSourceActor on its own loopback HTTP server in this process,
// in front of the site PACS (Orthanc), publishing to a real Document
// Repository with its registry (tests/support RepositoryServer, composed
// in-process as apps/node_main.cc composes actors). Each Start makes a
// fresh actor over a fresh state folder and an empty instance cache, so a
// round can measure the cache cold and then warm.
//
// Not thread-safe; owned by main().
#pragma once

#include <memory>
#include <string>

#include "imaging-source/imaging_source_actor.h"
#include "tests/support/repository_server.h"
#include "wire/http/http_server.h"

namespace xds::bench {

struct SourceOptions {
  int pacs_port = 0;
  std::string pacs_ae;
  std::string work_dir;   // state and cache folders go under it
  int cache_mb = 4096;    // 0: no cache
  int http_threads = 16;
  // Set: the actor queries (QIDO-RS) and retrieves (WADO-RS) through the
  // PACS's DICOMweb at this root instead of C-FIND / C-GET.
  std::string dicomweb_url;
  // With dicomweb_url: queries by QIDO-RS too; false: by C-FIND (Orthanc's
  // QIDO-RS at instance level costs about 1 ms per instance).
  bool dicomweb_queries = true;
};

class ImagingSourceUnderTest {
 public:
  static constexpr char kRepositoryUniqueId[] = "1.3.6.1.4.1.21367.13.80.110";
  ImagingSourceUnderTest();
  ~ImagingSourceUnderTest();

  // (Re)starts the actor over `work_dir`/run-<n>, empty.
  Status Start(const SourceOptions& options);
  void Stop();

  imaging::ImagingSourceActor& actor() { return *actor_; }
  int http_port() const { return http_port_; }

 private:
  std::unique_ptr<xds::testing::RepositoryServer> repository_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<imaging::ImagingSourceActor> actor_;
  int http_port_ = 0;
  int runs_ = 0;
};

}  // namespace xds::bench

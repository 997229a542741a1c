// ImagingSite: one site and the region, all real, on loopback, for the
// publishing tests: a dcmqrscp PACS (the site's), a Document Repository
// with its registry (the region's; tests/support/repository_server.h), and
// an ImagingSourceActor in between on its own HTTP server, configured to
// publish to that repository. The actor can be stopped and started again
// over the same state folder (durability tests).
//
// Not thread-safe; one per test.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "imaging-source/imaging_source_actor.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/support/repository_server.h"
#include "tests/support/temp_dir.h"
#include "wire/http/http_server.h"
#include "wire/ihe/rim.h"

namespace xds::imaging::testing {

class ImagingSite {
 public:
  static constexpr char kImagingSourceId[] = "1.3.6.1.4.1.21367.13.80.110";  // our repositoryUniqueId
  static constexpr char kRegionalRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.101";

  ImagingSite();
  ~ImagingSite();

  // Starts the PACS (the repository is up from construction).
  Status StartPacs();
  // (Re)starts the imaging source; `extra_toml` goes at the end of the
  // configuration (sections of its own, e.g. "[imaging_source.receiver]").
  Status StartActor(const std::string& extra_toml = "");
  void StopActor();

  // Extra keys of [imaging_source.pacs] (e.g. retrieve_method = "move").
  void set_pacs_toml(std::string toml) { pacs_toml_ = std::move(toml); }
  // Extra keys of [imaging_source] (e.g. cache_max_mb = 1).
  void set_source_toml(std::string toml) { source_toml_ = std::move(toml); }

  // The configuration the actor runs with.
  std::string ConfigText(const std::string& extra_toml) const;

  DcmqrscpPacs& pacs() { return pacs_; }
  xds::testing::RepositoryServer& repository() { return *repository_; }
  ImagingSourceActor& actor() { return *actor_; }
  int http_port() const { return http_port_; }
  const std::string& state_dir() const { return state_dir_; }
  const std::string& files_dir() const { return files_.path(); }
  std::string rad69_url() const;
  // ITI-18 FindDocuments for PatientId(), Approved and Deprecated: the
  // DocumentEntries the region holds for the test patient.
  Result<std::vector<ihe::RegistryObject>> FindManifests();
  // storescu of `files` to 127.0.0.1:port, called AE `called_ae` (a PACS
  // forwarding to the imaging source).
  Status SendTo(int port, const std::string& called_ae, const std::vector<std::string>& files);

  // The affinity-domain patient the test study maps to.
  static std::string PatientId();

 private:
  xds::testing::TempDir files_;  // generated studies
  xds::testing::TempDir state_;
  std::string state_dir_;
  DcmqrscpPacs pacs_;
  std::unique_ptr<xds::testing::RepositoryServer> repository_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<ImagingSourceActor> actor_;
  int http_port_ = 0;
  std::string pacs_toml_;
  std::string source_toml_;
};

}  // namespace xds::imaging::testing

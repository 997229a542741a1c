#include "bench/imaging_source_under_test.h"

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/support/registry_server.h"
#include "wire/config/config.h"

namespace xds::bench {
namespace {

// The generated study carries PatientID LOC-4711 issued by SITE-A
// (tests/imaging-source/support/study_generator.h); the region knows that
// patient as kPatientA. (Orthanc's C-FIND does not return the issuer,
// hence the second mapping, by local id alone.)
std::string ConfigText(const SourceOptions& o, const std::string& repository_url, const std::string& dir) {
  return "[imaging_source]\n"
         "repository_unique_id = \"" + std::string(ImagingSourceUnderTest::kRepositoryUniqueId) + "\"\n"
         "repository_url = \"" + repository_url + "\"\n"
         "state_dir = \"" + dir + "/state\"\n"
         "cache_max_mb = " + std::to_string(o.cache_mb) + "\n"
         "cache_dir = \"" + dir + "/cache\"\n"
         "[imaging_source.pacs]\n"
         "host = \"127.0.0.1\"\nport = " + std::to_string(o.pacs_port) + "\n"
         "called_ae = \"" + o.pacs_ae + "\"\ncalling_ae = \"XDSI_SOURCE\"\n"
         "spool_dir = \"" + dir + "\"\nmax_pdu = 131072\n" +
         (o.dicomweb_url.empty() ? std::string()
                                 : "dicomweb_url = \"" + o.dicomweb_url + "\"\nquery_method = \"" +
                                       (o.dicomweb_queries ? "dicomweb" : "dimse") +
                                       "\"\nretrieve_method = \"dicomweb\"\n") +
         "[imaging_source.metadata]\n"
         "source_id = \"1.3.6.1.4.1.21367.13.80.1\"\n"
         "class_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.1\", \"Images\"]\n"
         "type_code = [\"18748-4\", \"2.16.840.1.113883.6.1\", \"Diagnostic imaging study\"]\n"
         "confidentiality_code = [\"N\", \"2.16.840.1.113883.5.25\", \"Normal\"]\n"
         "healthcare_facility_type_code = [\"HOSP\", \"2.16.840.1.113883.5.11\", \"Hospital\"]\n"
         "practice_setting_code = [\"RAD\", \"1.3.6.1.4.1.21367.100.2\", \"Radiology\"]\n"
         "content_type_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.3\", \"Imaging\"]\n"
         "patient_id_map = [\"SITE-A|LOC-4711=" + std::string(xds::testing::kPatientA) + "\", \"LOC-4711=" +
             std::string(xds::testing::kPatientA) + "\"]\n"
         "local_assigning_authority = \"1.3.6.1.4.1.21367.13.20.3000\"\n"
         "issuer_authorities = [\"SITE-A=1.3.6.1.4.1.21367.13.20.3000\"]\n"
         "accession_issuer_oid = \"1.3.6.1.4.1.21367.13.20.2000\"\n"
         "anatomic_regions = [\"CHEST=51185008|2.16.840.1.113883.6.96|Thorax\"]\n";
}

}  // namespace

ImagingSourceUnderTest::ImagingSourceUnderTest()
    : repository_(std::make_unique<xds::testing::RepositoryServer>(xds::testing::RegistryMode::kInProcess,
                                                                    "1.3.6.1.4.1.21367.2017.3.101")) {}

ImagingSourceUnderTest::~ImagingSourceUnderTest() { Stop(); }

Status ImagingSourceUnderTest::Start(const SourceOptions& options) {
  Stop();
  const std::string dir = options.work_dir + "/run-" + std::to_string(++runs_);
  auto config = Config::Parse(ConfigText(options, repository_->url(), dir));
  if (!config.ok()) return config.status();
  http::HttpServerOptions server_options;
  server_options.thread_count = options.http_threads;
  server_ = std::make_unique<http::HttpServer>(server_options);
  auto actor = imaging::ImagingSourceActor::Start(*config, *server_);
  if (!actor.ok()) return actor.status();
  actor_ = std::move(*actor);
  auto port = server_->Start("127.0.0.1", 0);
  if (!port.ok()) return port.status();
  http_port_ = *port;
  return Status::Ok();
}

void ImagingSourceUnderTest::Stop() {
  if (server_) server_->Stop();
  actor_.reset();
  server_.reset();
}

}  // namespace xds::bench

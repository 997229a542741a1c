#include "tests/imaging-source/support/imaging_site.h"

#include <fstream>
#include <iterator>
#include <map>

#include "imaging-source/dicom/dicom_file.h"
#include "tests/imaging-source/support/study_generator.h"

#include "tests/support/registry_calls.h"
#include "wire/config/config.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/soap/soap_client.h"

namespace xds::imaging::testing {

ImagingSite::ImagingSite()
    : state_dir_(state_.File("imaging-source")),
      repository_(std::make_unique<xds::testing::RepositoryServer>(xds::testing::RegistryMode::kInProcess,
                                                                    kRegionalRepositoryId)) {}

ImagingSite::~ImagingSite() { StopActor(); }

std::string ImagingSite::PatientId() { return xds::testing::kPatientA; }

Status ImagingSite::StartPacs() { return pacs_.Start(); }

std::string ImagingSite::ConfigText(const std::string& extra_toml) const {
  const PacsConfig p = pacs_.ClientConfig();
  std::string base = "http://127.0.0.1:" + std::to_string(http_port_);
  // The generated studies carry PatientID LOC-4711 issued by SITE-A; the
  // region knows that patient as kPatientA.
  return "[imaging_source]\n"
         "repository_unique_id = \"" + std::string(kImagingSourceId) + "\"\n"
         "repository_url = \"" + repository_->url() + "\"\n"
         "public_base_url = \"" + base + "\"\n"
         "state_dir = \"" + state_dir_ + "\"\n" + source_toml_ +
         "[imaging_source.pacs]\n"
         "host = \"127.0.0.1\"\nport = " + std::to_string(p.port) + "\n"
         "called_ae = \"" + p.called_ae + "\"\ncalling_ae = \"XDSI_TEST\"\n"
         "spool_dir = \"" + p.spool_dir + "\"\nconnect_timeout_seconds = 3\n" + pacs_toml_ +
         "[imaging_source.metadata]\n"
         "source_id = \"1.3.6.1.4.1.21367.13.80.1\"\n"
         "class_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.1\", \"Images\"]\n"
         "type_code = [\"18748-4\", \"2.16.840.1.113883.6.1\", \"Diagnostic imaging study\"]\n"
         "confidentiality_code = [\"N\", \"2.16.840.1.113883.5.25\", \"Normal\"]\n"
         "healthcare_facility_type_code = [\"HOSP\", \"2.16.840.1.113883.5.11\", \"Hospital\"]\n"
         "practice_setting_code = [\"RAD\", \"1.3.6.1.4.1.21367.100.2\", \"Radiology\"]\n"
         "content_type_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.3\", \"Imaging\"]\n"
         "patient_id_map = [\"SITE-A|LOC-4711=" + PatientId() + "\"]\n"
         "issuer_authorities = [\"SITE-A=1.3.6.1.4.1.21367.13.20.3000\"]\n"
         "accession_issuer_oid = \"1.3.6.1.4.1.21367.13.20.2000\"\n"
         "anatomic_regions = [\"CHEST=51185008|2.16.840.1.113883.6.96|Thorax\", "
         "\"HEAD=69536005|2.16.840.1.113883.6.96|Head\"]\n" +
         extra_toml;
}

Status ImagingSite::StartActor(const std::string& extra_toml) {
  StopActor();
  if (http_port_ == 0) http_port_ = FreeLoopbackPort();
  auto config = Config::Parse(ConfigText(extra_toml));
  if (!config.ok()) return config.status();
  server_ = std::make_unique<http::HttpServer>();
  auto actor = ImagingSourceActor::Start(*config, *server_);
  if (!actor.ok()) return actor.status();
  actor_ = std::move(*actor);
  auto port = server_->Start("127.0.0.1", http_port_);
  if (!port.ok()) return port.status();
  return Status::Ok();
}

void ImagingSite::StopActor() {
  if (server_) server_->Stop();
  actor_.reset();
  server_.reset();
}

std::string ImagingSite::rad69_url() const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + "/xds/imaging";
}

Result<std::vector<ihe::RegistryObject>> ImagingSite::FindManifests() {
  soap::SoapClient registry(repository_->registry_url());
  auto found = xds::testing::Query(
      registry, xds::testing::FindDocuments(PatientId(), {{"$XDSDocumentEntryStatus",
                                                            "('" + std::string(vocab::kApproved) + "','" +
                                                                std::string(vocab::kDeprecated) + "')"}}));
  if (!found.ok()) return found.status();
  if (!found->errors.empty()) return Status::Internal("FindDocuments answered with errors");
  std::vector<ihe::RegistryObject> out;
  for (auto& o : found->objects)
    if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kDocumentEntry) out.push_back(std::move(o));
  return out;
}

Status ImagingSite::SendTo(int port, const std::string& called_ae, const std::vector<std::string>& files) {
  // One storescu per transfer syntax, proposing that syntax first (storescu
  // proposes uncompressed syntaxes only unless told), so every instance goes
  // as it is stored, as a PACS forwarding it would send it.
  std::map<std::string, std::vector<std::string>> by_syntax;
  for (const auto& f : files) {
    auto info = ReadDicomInfo(ReadFileBytes(f));
    by_syntax[info.ok() ? info->transfer_syntax_uid : ""].push_back(f);
  }
  for (const auto& [ts, group] : by_syntax) {
    std::string propose = ts == "1.2.840.10008.1.2"        ? "-xi"
                          : ts == "1.2.840.10008.1.2.4.80" ? "-xt"
                                                            : "-xe";
    std::vector<std::string> argv = {"storescu", propose, "-aet", DcmqrscpPacs::kAeTitle, "-aec", called_ae,
                                     "127.0.0.1", std::to_string(port)};
    argv.insert(argv.end(), group.begin(), group.end());
    std::string log = files_.File("storescu-forward.log");
    int rc = RunTool(argv, log);
    if (rc != 0) {
      std::ifstream in(log);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      return Status::Internal("storescu exited with " + std::to_string(rc) + ": " + text);
    }
  }
  return Status::Ok();
}

}  // namespace xds::imaging::testing

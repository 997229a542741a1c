#include "tests/imaging-source/support/orthanc_pacs.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/study_generator.h"
#include "wire/http/http_client.h"

namespace xds::imaging::testing {

OrthancTlsPacs::OrthancTlsPacs(OrthancTlsOptions options) : options_(std::move(options)) {}

OrthancTlsPacs::~OrthancTlsPacs() { Stop(); }

PacsConfig OrthancTlsPacs::ClientConfig() const {
  PacsConfig c;
  c.host = "127.0.0.1";
  c.port = dicom_port_;
  c.called_ae = kAeTitle;
  c.calling_ae = "XDSI_TEST";
  c.connect_timeout_seconds = 5;
  c.acse_timeout_seconds = 10;
  c.dimse_timeout_seconds = 30;
  c.spool_dir = dir_.path();
  return c;
}

std::string OrthancTlsPacs::dicomweb_url() const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + "/dicom-web";
}

std::string OrthancTlsPacs::Log() const {
  std::ifstream in(dir_.File("orthanc.log"));
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

Status OrthancTlsPacs::Start() {
  std::filesystem::create_directories(dir_.File("storage"));
  dicom_port_ = FreeLoopbackPort();
  http_port_ = FreeLoopbackPort();
  const std::string config = dir_.File("orthanc.json");
  {
    std::ofstream c(config, std::ios::trunc);
    c << "{\n"
      << "  \"Name\": \"" << kAeTitle << "\",\n"
      << "  \"StorageDirectory\": \"" << dir_.File("storage") << "\",\n"
      << "  \"IndexDirectory\": \"" << dir_.File("storage") << "\",\n"
      << "  \"HttpPort\": " << http_port_ << ",\n"
      << "  \"RemoteAccessAllowed\": false,\n"
      << "  \"AuthenticationEnabled\": false,\n"
      << "  \"DicomAet\": \"" << kAeTitle << "\",\n"
      << "  \"DicomPort\": " << dicom_port_ << ",\n"
      << "  \"DicomCheckCalledAet\": false,\n"
      << "  \"DicomAlwaysAllowEcho\": true,\n"
      << "  \"DicomAlwaysAllowStore\": true,\n"
      << "  \"DicomAlwaysAllowFind\": true,\n"
      << "  \"DicomAlwaysAllowGet\": true,\n"
      << "  \"DicomAlwaysAllowMove\": true,\n"
      << "  \"DicomAssociationCloseDelay\": 0,\n";
    if (options_.dicom_tls)
      c << "  \"DicomTlsEnabled\": true,\n"
        << "  \"DicomTlsCertificate\": \"" << options_.certificate_file << "\",\n"
        << "  \"DicomTlsPrivateKey\": \"" << options_.private_key_file << "\",\n"
        << "  \"DicomTlsTrustedCertificates\": \"" << options_.trusted_file << "\",\n"
        << "  \"DicomTlsRemoteCertificateRequired\": true,\n";
    if (options_.dicomweb) {
      // Where the orthanc-dicomweb package puts its plugin.
      const char* plugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
      if (!std::filesystem::exists(plugin)) return Status::Unavailable("orthanc-dicomweb is not installed");
      c << "  \"Plugins\": [\"" << plugin << "\"],\n"
        << "  \"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\", \"EnableWado\": false},\n"
        << "  \"TcpNoDelay\": true,\n"
        << "  \"LimitFindResults\": 0,\n"
        << "  \"LimitFindInstances\": 0,\n";
    }
    c << "  \"SaveJobs\": false,\n"
      << "  \"StorageAccessOnFind\": \"Never\",\n"
      << "  \"DicomModalities\": {";
    if (!options_.move_destination_ae.empty())
      c << "\n    \"imaging-source\": {\"AET\": \"" << options_.move_destination_ae
        << "\", \"Host\": \"127.0.0.1\", \"Port\": " << options_.move_destination_port
        << ", \"UseDicomTls\": " << (options_.dicom_tls ? "true" : "false") << "}\n  ";
    c << "}\n}\n";
    if (!c) return Status::IoError("cannot write " + config);
  }
  pid_ = StartServer({"Orthanc", config}, dir_.File("orthanc.log"));
  if (pid_ < 0) return Status::Internal("cannot fork Orthanc");
  http::HttpClient rest("http://127.0.0.1:" + std::to_string(http_port_), {1, 5, std::nullopt});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    auto r = rest.Get("/system");
    if (r.ok() && r->status == 200) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  Stop();
  return Status::Unavailable("Orthanc did not start:\n" + Log());
}

void OrthancTlsPacs::Stop() {
  if (pid_ <= 0) return;
  kill(-pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

Status OrthancTlsPacs::Load(const std::vector<std::string>& files) {
  http::HttpClient rest("http://127.0.0.1:" + std::to_string(http_port_));
  for (const auto& f : files) {
    auto r = rest.Post("/instances", "application/dicom", ReadFileBytes(f));
    if (!r.ok()) return r.status();
    if (r->status != 200) return Status::Internal("Orthanc refused " + f + ": HTTP " + std::to_string(r->status));
  }
  return Status::Ok();
}

}  // namespace xds::imaging::testing

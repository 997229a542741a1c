#include "bench/imaging_orthanc.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include "bench/child_process.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "wire/base/durable_file.h"
#include "wire/http/http_client.h"

namespace xds::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Config(const OrthancOptions& o, const std::string& plugin, int dicom_port, int http_port) {
  std::ostringstream c;
  c << "{\n"
    << "  \"Name\": \"" << o.ae_title << "\",\n"
    << "  \"StorageDirectory\": \"" << o.work_dir << "/storage\",\n"
    << "  \"IndexDirectory\": \"" << o.work_dir << "/index\",\n"
    << "  \"StorageCompression\": false,\n"
    << "  \"HttpPort\": " << http_port << ",\n"
    << "  \"RemoteAccessAllowed\": true,\n"
    << "  \"AuthenticationEnabled\": false,\n"
    << "  \"HttpServerEnabled\": true,\n"
    << "  \"KeepAlive\": true,\n"
    << "  \"TcpNoDelay\": true,\n"
    << "  \"DicomServerEnabled\": true,\n"
    << "  \"DicomAet\": \"" << o.ae_title << "\",\n"
    << "  \"DicomPort\": " << dicom_port << ",\n"
    << "  \"DicomCheckCalledAet\": false,\n"
    << "  \"DicomAlwaysAllowEcho\": true,\n"
    << "  \"DicomAlwaysAllowStore\": true,\n"
    << "  \"DicomAlwaysAllowFind\": true,\n"
    << "  \"DicomAlwaysAllowGet\": true,\n"
    << "  \"DicomAlwaysAllowMove\": true,\n"
    << "  \"DicomScpTimeout\": 60,\n"
    << "  \"DicomScuTimeout\": 60,\n"
    << "  \"DicomAssociationCloseDelay\": 0,\n"
    << "  \"SaveJobs\": false,\n"
    << "  \"ConcurrentJobs\": 2,\n"
    << "  \"StableAge\": 1,\n"
    << "  \"LimitFindResults\": 0,\n"
    << "  \"LimitFindInstances\": 0,\n"
    << "  \"StorageAccessOnFind\": \"Never\",\n"
    << "  \"Plugins\": [\"" << plugin << "\"],\n"
    << "  \"DicomWeb\": {\"Enable\": true, \"Root\": \"/dicom-web/\", \"EnableWado\": false},\n"
    << "  \"DicomModalities\": {";
  for (size_t i = 0; i < o.modalities.size(); ++i) {
    const auto& m = o.modalities[i];
    c << (i ? ",\n" : "\n") << "    \"" << m.name << "\": {\"AET\": \"" << m.ae_title
      << "\", \"Host\": \"127.0.0.1\", \"Port\": " << m.port
      << ", \"AllowEcho\": true, \"AllowFind\": true, \"AllowGet\": true, \"AllowMove\": true, \"AllowStore\": true}";
  }
  c << "\n  }\n}\n";
  return c.str();
}

}  // namespace

std::string FindDicomWebPlugin() {
  std::FILE* p = ::popen("dpkg -L orthanc-dicomweb 2>/dev/null", "r");
  if (p == nullptr) return {};
  std::string found, line;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p) != nullptr) {
    line = buf;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    // Prefer the plugin folder's name over the versioned library file.
    if (line.size() > 3 && line.compare(line.size() - 3, 3, ".so") == 0) found = line;
    if (found.empty() && line.find(".so.") != std::string::npos) found = line;
  }
  ::pclose(p);
  return found;
}

Result<std::unique_ptr<OrthancProcess>> OrthancProcess::Start(const OrthancOptions& options) {
  const std::string plugin = FindDicomWebPlugin();
  if (plugin.empty()) return Status::Unavailable("the orthanc-dicomweb package is not installed (dpkg -L)");
  for (const char* sub : {"/storage", "/index"}) XDS_RETURN_IF_ERROR(MakeDirectories(options.work_dir + sub));
  std::unique_ptr<OrthancProcess> orthanc(new OrthancProcess());
  orthanc->dicom_port_ = options.dicom_port != 0 ? options.dicom_port : imaging::testing::FreeLoopbackPort();
  orthanc->http_port_ = imaging::testing::FreeLoopbackPort();
  const std::string config_path = options.work_dir + "/orthanc.json";
  const std::string log_path = options.work_dir + "/orthanc.log";
  {
    std::ofstream config(config_path, std::ios::trunc);
    config << Config(options, plugin, orthanc->dicom_port_, orthanc->http_port_);
    if (!config) return Status::IoError("cannot write " + config_path);
  }
  auto pid = SpawnChild({options.binary, config_path}, log_path, {"TCP_NODELAY=1"});
  if (!pid.ok()) return pid.status();
  orthanc->pid_ = *pid;
  http::HttpClient rest(orthanc->base_url(), {1, 5, std::nullopt});
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!ChildRunning(orthanc->pid_)) break;
    auto r = rest.Get("/system");
    if (r.ok() && r->status == 200) return orthanc;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::Unavailable("Orthanc " + options.binary + " did not start:\n" + ReadFile(log_path));
}

OrthancProcess::~OrthancProcess() { Stop(); }

std::string OrthancProcess::Stop() { return StopChild(pid_); }

}  // namespace xds::bench

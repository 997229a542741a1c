// OrthancProcess: an Orthanc server (Debian packages orthanc and
// orthanc-dicomweb) run by imaging_bench as a child process with a JSON
// configuration it writes into its own work folder (storage, index, log),
// on free ports: the DICOM port and the HTTP port (REST API and DICOMweb at
// /dicom-web/). Orthanc cannot bind to one address and listens on all
// interfaces; the bench only talks to it on 127.0.0.1.
//
// Two roles in the bench: the site PACS (C-FIND, C-GET, C-MOVE), and the
// reference proxy (a second Orthanc that retrieves a study from the site
// PACS and serves it by DICOMweb). Both run with TCP_NODELAY=1 in their
// environment (Orthanc's DIMSE is DCMTK, which leaves Nagle on otherwise)
// and "TcpNoDelay": true for HTTP.
//
// The child gets SIGTERM when the bench dies (PR_SET_PDEATHSIG); Stop(),
// also run by the destructor, sends SIGTERM and reaps it.
// Not thread-safe; owned by main().
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::bench {

// A DICOM peer Orthanc knows ("DicomModalities"): C-MOVE destinations and
// the PACS a proxy retrieves from.
struct OrthancModality {
  std::string name;  // Orthanc's symbolic name
  std::string ae_title;
  int port = 0;      // on 127.0.0.1
};

struct OrthancOptions {
  std::string binary = "/usr/sbin/Orthanc";
  std::string work_dir;  // created; config, storage, index and log go here
  std::string ae_title = "ORTHANC";
  int dicom_port = 0;  // 0: a free one (set it when a peer must know it first)
  std::vector<OrthancModality> modalities;
};

class OrthancProcess {
 public:
  // Starts Orthanc with the DICOMweb plugin (found in the orthanc-dicomweb
  // package) and waits until its REST API answers.
  static Result<std::unique_ptr<OrthancProcess>> Start(const OrthancOptions& options);
  ~OrthancProcess();
  OrthancProcess(const OrthancProcess&) = delete;
  OrthancProcess& operator=(const OrthancProcess&) = delete;

  pid_t pid() const { return pid_; }
  int dicom_port() const { return dicom_port_; }
  int http_port() const { return http_port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(http_port_); }
  std::string Stop();

 private:
  OrthancProcess() = default;
  pid_t pid_ = -1;
  int dicom_port_ = 0;
  int http_port_ = 0;
};

// The DICOMweb plugin of the orthanc-dicomweb package, from its file list
// (dpkg -L); empty when the package is not installed.
std::string FindDicomWebPlugin();

}  // namespace xds::bench

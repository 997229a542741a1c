// OrthancTlsPacs: a real site PACS that speaks DICOM TLS, for the tests of
// the imaging source's DICOM TLS (dcmqrscp has none): Debian's Orthanc
// (>= 1.9.3: DicomTlsEnabled, DicomTlsRemoteCertificateRequired) as a
// child process on free loopback ports, its configuration, storage and log
// in a temp dir of its own. It answers C-ECHO, C-FIND, C-GET and C-MOVE
// over TLS only, requires the caller's certificate and trusts the
// certificates in `trusted_file`; studies are loaded through its REST API
// (plain HTTP on loopback, RemoteAccessAllowed off).
//
// The same Orthanc serves the DICOMweb tests: with `dicom_tls` off and
// `dicomweb` on it speaks plain DICOM and DICOMweb (the orthanc-dicomweb
// plugin, QIDO-RS and WADO-RS at dicomweb_url()).
//
// Orthanc listens on every interface (it has no bind address); the tests
// only talk to it on 127.0.0.1. Not thread-safe; one per test.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "tests/support/temp_dir.h"
#include "wire/base/status.h"

namespace xds::imaging::testing {

struct OrthancTlsOptions {
  std::string certificate_file;  // Orthanc's own (PEM)
  std::string private_key_file;
  std::string trusted_file;      // PEM bundle of the CAs / peers it trusts
  // C-MOVE destination it may send to, over TLS (AE title, port on 127.0.0.1).
  std::string move_destination_ae;
  int move_destination_port = 0;
  // Off: plain DICOM (the certificate fields are then unused).
  bool dicom_tls = true;
  // Loads the orthanc-dicomweb plugin (Start fails without the package).
  bool dicomweb = false;
};

class OrthancTlsPacs {
 public:
  static constexpr char kAeTitle[] = "TLSPACS";

  explicit OrthancTlsPacs(OrthancTlsOptions options);
  ~OrthancTlsPacs();
  OrthancTlsPacs(const OrthancTlsPacs&) = delete;
  OrthancTlsPacs& operator=(const OrthancTlsPacs&) = delete;

  // Starts Orthanc and waits until its REST API answers.
  Status Start();
  void Stop();
  // Stores the Part 10 files (REST POST /instances).
  Status Load(const std::vector<std::string>& files);

  int dicom_port() const { return dicom_port_; }
  int http_port() const { return http_port_; }
  // The DICOMweb root (options.dicomweb), "http://127.0.0.1:<port>/dicom-web".
  std::string dicomweb_url() const;
  // How our PacsClient reaches it, without TLS settings (the test sets them).
  PacsConfig ClientConfig() const;
  std::string Log() const;

 private:
  OrthancTlsOptions options_;
  xds::testing::TempDir dir_;
  int dicom_port_ = 0;
  int http_port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace xds::imaging::testing

// ImagingSourceActor: a running XDS-I.b Imaging Document Source — its PACS
// client, RAD-69 on a SOAP endpoint, WADO-URI and WADO-RS, and manifest
// publishing (RAD-68) — built from the [imaging_source] section of the
// configuration and mounted on a given HTTP server.
//
// Configuration keys (defaults in brackets):
//   [imaging_source]
//   repository_unique_id   our OID: RAD-69 RepositoryUniqueId and the KOS
//                          Retrieve Location UID (required)
//   path                   RAD-69 SOAP endpoint ["/xds/imaging"]
//   wado_uri_path          ["/wado"]      wado_rs_path ["/wado-rs"]
//   public_base_url        e.g. "https://ids.site-a.example"; gives the KOS
//                          RetrieveURL = <it><wado_rs_path>/studies/... [none]
//   retrieve_ae_title      KOS Retrieve AE Title [pacs.called_ae]
//   uid_root               OID root for the UIDs we mint [2.25 UUID UIDs]
//   repository_url         RAD-68 target, the repository's ITI-41 URL [none]
//   [imaging_source.pacs]
//   host [127.0.0.1]  port [104]  called_ae [PACS]  calling_ae [XDSI_SOURCE]
//   connect_timeout_seconds [10]  acse_timeout_seconds [30]
//   dimse_timeout_seconds [60]  max_pdu [65536]
//   retrieve_method ["get"; "move" is not implemented yet]
//   move_destination_ae [calling_ae]  move_port [0]  spool_dir [/tmp]
//   [imaging_source.metadata]
//   source_id (OID), language_code [en-US], author_institution,
//   class_code, type_code, confidentiality_code,
//   healthcare_facility_type_code, practice_setting_code,
//   content_type_code: each ["code", "codingScheme", "display"]
//   issuer_authorities ["ISSUER=OID", ...], patient_id_map
//   ["ISSUER|LOCALID=CX", "LOCALID=CX", ...], local_assigning_authority,
//   accession_issuer_oid, anatomic_regions ["BODYPART=code|scheme|display"]
//
// Thread-safe after Start: the services are immutable and the PACS client
// keeps no state between calls.
#pragma once

#include <memory>
#include <string>

#include "imaging-source/dicom/kos.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/manifest/study_manifest.h"
#include "imaging-source/service/rad69_service.h"
#include "imaging-source/service/wado_service.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::imaging {

class ImagingSourceActor {
 public:
  // Mounts RAD-69, WADO-URI and WADO-RS on `server` (not yet started).
  // InvalidArgument for a missing or malformed key.
  static Result<std::unique_ptr<ImagingSourceActor>> Start(const Config& config, http::HttpServer& server);
  ~ImagingSourceActor();

  // Builds the manifest of a study (operator command, periodic poll).
  Result<StudyManifest> MakeManifest(const std::string& study_uid, const std::string& replaces_entry_uuid = {});
  // Builds and submits it (RAD-68). Unavailable without repository_url.
  Result<ihe::RegistryResponse> Publish(const std::string& study_uid, const std::string& replaces_entry_uuid = {});

  PacsClient& pacs() { return *pacs_; }
  const std::string& soap_path() const { return soap_path_; }
  const KosOptions& kos_options() const { return kos_options_; }
  const ManifestOptions& metadata_options() const { return metadata_options_; }

 private:
  ImagingSourceActor() = default;
  std::unique_ptr<PacsClient> pacs_;
  std::unique_ptr<Rad69Service> rad69_;
  std::unique_ptr<soap::SoapEndpoint> endpoint_;
  std::unique_ptr<WadoService> wado_;
  KosOptions kos_options_;
  ManifestOptions metadata_options_;
  std::string repository_url_;
  std::string soap_path_;
};

// [imaging_source.pacs] as PacsConfig; InvalidArgument for a bad value.
Result<PacsConfig> PacsConfigFrom(const Config& config);
// [imaging_source.metadata] as ManifestOptions.
Result<ManifestOptions> ManifestOptionsFrom(const Config& config);

}  // namespace xds::imaging

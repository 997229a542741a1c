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
//   publishers             who may ask for a publication over HTTP, POST
//                          <path>/publish (service/publish_route.h):
//                          requester entries ("ip:", "cert-cn:", ...)
//                          [empty: loopback callers only]
//   state_dir              durable state: publications.db (what was
//                          published per study, for RPLC) and the C-STORE
//                          receiver's incoming/ folder ["data/imaging-source"]
//   cache_max_mb           site instance cache budget in MiB, least recently
//                          used out (cache/instance_cache.h) [0: no cache]
//   cache_dir              its folder, kept across restarts
//                          [<state_dir>/instance-cache]
//   [imaging_source.pacs]
//   host [127.0.0.1]  port [104]  called_ae [PACS]  calling_ae [XDSI_SOURCE]
//   connect_timeout_seconds [10]  acse_timeout_seconds [30]
//   dimse_timeout_seconds [60]  max_pdu [65536]
//   retrieve_method ["get", or "move" for a PACS without C-GET]
//   move_destination_ae [calling_ae]  move_port (required for "move": our
//   Storage SCP the PACS sends to; the PACS must know AE, host and port)
//   spool_dir [/tmp]
//   query_method ["dimse", or "dicomweb": QIDO-RS for the C-FINDs]
//   retrieve_method = "dicomweb": WADO-RS in place of C-GET/C-MOVE
//   dicomweb_url   the PACS's DICOMweb root, e.g.
//                  "http://127.0.0.1:8042/dicom-web" (required for either)
//   dicomweb_timeout_seconds [60]  (connect: connect_timeout_seconds)
//   [imaging_source.dicomweb_tls]  an https:// dicomweb_url: ca_file,
//   certificate_file, private_key_file, verify_server_name [the node's [tls]]
//   [imaging_source.pacs_tls]   DICOM TLS with the PACS (BCP 195, TLS >= 1.2)
//   enabled [false]  ca_file  certificate_file  private_key_file
//   (absent files: the node's [tls] ones). When enabled, every association
//   with the PACS and our C-STORE receivers (move destination, receiver)
//   run over TLS, the peer's certificate required and verified.
//   dcmqrscp has no TLS: use a PACS that has (Orthanc, most vendors).
//   [imaging_source.repository_tls]  the RAD-68 link to an https://
//   repository_url: ca_file, certificate_file, private_key_file,
//   verify_server_name (wire/config/tls_config.h) [the node's [tls]]
//   repository_timeout_seconds [60] (in [imaging_source])
//   [imaging_source.receiver]   C-STORE receiver a PACS forwards studies to
//   port [0: off]  ae_title [pacs.calling_ae]
//   quiet_seconds [30]  (publish a study this long after its last instance)
//   retry_seconds [60]  (after a failed publication)
//   [imaging_source.poll]       periodic C-FIND for new studies
//   interval_seconds [0: off]  lookback_days [1]
//   [imaging_source.metadata]
//   source_id (OID), language_code [en-US], author_institution,
//   class_code, type_code, confidentiality_code,
//   healthcare_facility_type_code, practice_setting_code,
//   content_type_code: each ["code", "codingScheme", "display"]
//   issuer_authorities ["ISSUER=OID", ...], patient_id_map
//   ["ISSUER|LOCALID=CX", "LOCALID=CX", ...], local_assigning_authority,
//   accession_issuer_oid, anatomic_regions ["BODYPART=code|scheme|display"]
//
// Audit (ITI-20): with an auditor on the server (HttpServer::set_auditor,
// before Start), RAD-69 records name the studies' patients, each WADO-URI /
// WADO-RS answer is recorded (service/transfer_audit.h) and each RAD-68
// sent is recorded as an Export once the repository answered.
//
// Thread-safe after Start: the services are immutable and the PACS client
// keeps no state between calls.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/manifest/study_manifest.h"
#include "imaging-source/publish/forward_receiver.h"
#include "imaging-source/publish/pacs_poller.h"
#include "imaging-source/publish/study_publisher.h"
#include "imaging-source/store/publication_log.h"
#include "imaging-source/service/publish_route.h"
#include "imaging-source/service/rad69_service.h"
#include "imaging-source/service/wado_service.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::imaging {

class ImagingSourceActor {
 public:
  // Mounts RAD-69, WADO-URI, WADO-RS and the publish route on `server`
  // (not yet started).
  // InvalidArgument for a missing or malformed key.
  // `access` (optional, borrowed, must outlive the actor): asked before any
  // image is served (sealing between structures); null: open mode.
  static Result<std::unique_ptr<ImagingSourceActor>> Start(const Config& config, http::HttpServer& server,
                                                           const access::AccessDecisionPoint* access = nullptr);
  ~ImagingSourceActor();

  // Builds the manifest of a study without sending it (inspection).
  Result<StudyManifest> MakeManifest(const std::string& study_uid);

  // Publishes a study's manifest (RAD-68): the operator's command, and where
  // the C-STORE receiver and the PACS poll end. C-FINDs the study in the
  // PACS; a study never published gets an Original manifest, one whose
  // instances changed since its manifest gets a replacement (RPLC), one
  // unchanged sends nothing (PublishKind::kUnchanged). Blocks for the PACS
  // queries and the repository's answer. Unavailable without repository_url
  // or when the PACS or repository cannot be reached; NotFound when the
  // PACS does not hold the study; InvalidArgument when the repository
  // refused the submission (the message carries its errors).
  Result<PublishOutcome> PublishStudy(const std::string& study_uid);

  // The triggers, when configured (null otherwise).
  ForwardReceiver* receiver() { return receiver_.get(); }
  PacsPoller* poller() { return poller_.get(); }

  PacsClient& pacs() { return *pacs_; }
  InstanceCache* cache() { return cache_.get(); }  // null without cache_max_mb
  const std::string& soap_path() const { return soap_path_; }
  const KosOptions& kos_options() const { return kos_options_; }
  const ManifestOptions& metadata_options() const { return metadata_options_; }

 private:
  ImagingSourceActor() = default;
  Status StartTriggers(const Config& config, const PacsConfig& pacs);
  std::unique_ptr<PacsClient> pacs_;
  std::unique_ptr<InstanceCache> cache_;  // before the services that borrow it
  std::unique_ptr<Rad69Service> rad69_;
  std::unique_ptr<soap::SoapEndpoint> endpoint_;
  std::unique_ptr<WadoService> wado_;
  std::unique_ptr<PublicationLog> log_;
  std::unique_ptr<StudyPublisher> publisher_;  // null without repository_url
  std::unique_ptr<ForwardReceiver> receiver_;  // uses publisher_
  std::unique_ptr<PacsPoller> poller_;         // uses publisher_
  std::unique_ptr<PublishRoute> publish_route_;  // uses publisher_
  KosOptions kos_options_;
  ManifestOptions metadata_options_;
  std::string soap_path_;
  std::string state_dir_;
};

// [imaging_source.pacs] and [imaging_source.pacs_tls] as PacsConfig;
// InvalidArgument for a bad value.
Result<PacsConfig> PacsConfigFrom(const Config& config);
// [imaging_source.pacs_tls]: nullopt unless enabled = true; the TLS files
// of the node ([tls]) when the section names none.
Result<std::optional<http::TlsSettings>> PacsTlsFrom(const Config& config);
// [imaging_source.metadata] as ManifestOptions.
Result<ManifestOptions> ManifestOptionsFrom(const Config& config);

}  // namespace xds::imaging

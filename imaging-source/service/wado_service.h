// WadoService: the imaging source's web retrieval of the same instances
// RAD-69 serves, straight from the PACS:
//  - WADO-URI, RAD-55 (PS3.18 Chapter 9): GET {uri_path}?requestType=WADO&
//    studyUID=&seriesUID=&objectUID=&contentType=application/dicom
//    [&transferSyntax=]. Only application/dicom is offered (no rendering).
//  - WADO-RS, RAD-107 (PS3.18 10.4): GET {rs_path}/studies/{s}[/series/{se}
//    [/instances/{i}]] as multipart/related; type="application/dicom", each
//    instance a part written as soon as C-GET delivers it; .../metadata as
//    application/dicom+json; .../instances/{i}/frames/{n[,m...]} as
//    multipart/related; type="application/octet-stream" (or the compressed
//    image type).
// Existence is checked by C-FIND before the status line (404 for an unknown
// study, series or instance); a PACS failing after that aborts the
// connection (the client sees truncation, never a false complete answer).
//
// With the site's instance cache (cache/instance_cache.h), cached instances
// are served from it: a single instance without any PACS exchange, a study
// or series after an IMAGE-level C-FIND (the PACS says what the study holds
// now), with one C-GET for the instances not cached, which are then stored.
//
// With an access decision point (sealing between structures), the registry
// is asked first whether the requester may see the study (one of its
// manifests); a study it may not see is answered exactly as an unknown one
// (404), so the refusal discloses nothing.
//
// Each request is audited (ITI-20, service/transfer_audit.h) when the
// server it is mounted on has an auditor: the study, the patient once an
// instance from the PACS showed it, the outcome (8 for a refusal, a PACS
// failure or an answer that broke off).
//
// Thread-safe: immutable after Mount.
#pragma once

#include <string>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/service/transfer_audit.h"
#include "imaging-source/service/study_access.h"
#include "wire/http/http_server.h"

namespace xds::imaging {

struct WadoOptions {
  std::string uri_path = "/wado";
  std::string rs_path = "/wado-rs";
};

class WadoService {
 public:
  // `pacs`, `cache` (optional, null: no cache) and `patient_rules`
  // (optional: how audited patient ids are mapped) are borrowed and must
  // outlive the service and its responses.
  WadoService(PacsClient& pacs, InstanceCache* cache, WadoOptions options,
              const ManifestOptions* patient_rules = nullptr)
      : pacs_(pacs), cache_(cache), options_(std::move(options)), patient_rules_(patient_rules) {}

  // Registers both services' routes on `server` (not yet started) and
  // takes the server's auditor, if it has one.
  void Mount(http::HttpServer& server);
  // Borrowed; null (the default): every study is served (open mode).
  void set_access(const access::AccessDecisionPoint* access) { access_ = access; }

  http::HttpResponse WadoUri(const http::HttpRequest& request);
  http::HttpResponse WadoRs(const http::HttpRequest& request);

 private:
  http::HttpResponse ServeUri(const http::HttpRequest& request, WadoAuditRecord& audit);
  http::HttpResponse ServeRs(const http::HttpRequest& request, const std::shared_ptr<WadoAuditRecord>& audit);
  // True when the policy lets the requester of `request` see `study`.
  bool MayServe(const http::HttpRequest& request, const std::string& study) const;

  PacsClient& pacs_;
  InstanceCache* const cache_;
  const WadoOptions options_;
  const ManifestOptions* const patient_rules_;
  const audit::TransactionAuditor* auditor_ = nullptr;  // set by Mount
  const access::AccessDecisionPoint* access_ = nullptr;
};

// A short plain-text answer (WADO errors: 400, 404, 406, 502), shared by
// WADO-URI and WADO-RS.
inline http::HttpResponse Plain(int status, std::string text) {
  http::HttpResponse r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(text) + "\n";
  return r;
}

}  // namespace xds::imaging

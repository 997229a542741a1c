// WADO-URI (RAD-55; PS3.18 Chapter 9, IHE RAD TF-3 4.55).
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/transcoder.h"
#include "imaging-source/service/instance_delivery.h"
#include "imaging-source/service/wado_service.h"

namespace xds::imaging {
namespace {

std::string Param(const http::HttpRequest& r, const std::string& name) {
  auto it = r.query.find(name);
  return it == r.query.end() ? std::string() : it->second;
}

}  // namespace

bool WadoService::MayServe(const http::HttpRequest& request, const std::string& study) const {
  return access_ == nullptr || !AllowedStudies(access_, security::RequesterOf(request), {study}).empty();
}

http::HttpResponse WadoService::WadoUri(const http::HttpRequest& request) {
  auto audit = std::make_shared<WadoAuditRecord>(auditor_, audit::Transaction::kRad55, request,
                                                 Param(request, "studyUID"));
  return FinishAudit(ServeUri(request, *audit), audit);
}

http::HttpResponse WadoService::ServeUri(const http::HttpRequest& request, WadoAuditRecord& audit) {
  // PS3.18 9.2.1 / RAD TF-3 4.55.4.1.2: all four are required.
  if (Param(request, "requestType") != "WADO") return Plain(400, "requestType=WADO is required");
  std::string study = Param(request, "studyUID"), series = Param(request, "seriesUID"),
              object = Param(request, "objectUID");
  if (study.empty() || series.empty() || object.empty())
    return Plain(400, "studyUID, seriesUID and objectUID are required");
  std::string content_type = Param(request, "contentType");
  if (content_type != "application/dicom")
    return Plain(406, "only contentType=application/dicom is offered (no rendered images)");
  // PS3.18 9.2.2.2: with application/dicom the default transfer syntax is
  // Explicit VR Little Endian; transferSyntax asks for another.
  std::string ts = Param(request, "transferSyntax");
  if (ts.empty()) ts = "1.2.840.10008.1.2.1";
  // A study the requester may not see is as unknown to it as a missing one.
  if (!MayServe(request, study)) return Plain(404, "no such instance");

  // From the cache when it holds the instance, else one C-GET (the file
  // DCMTK wrote moves into the cache, or is read where it is).
  std::optional<CachedInstance> instance;
  if (PeekIn(cache_, study, series, object)) instance = cache_->Get(object);
  if (!instance) {
    RetrieveRequest r;
    r.level = QueryLevel::kInstance;
    r.study_instance_uid = study;
    r.series_instance_uid = series;
    r.sop_instance_uids = {object};
    AsFiles(cache_, r);
    auto summary = pacs_.Retrieve(r, [&](RetrievedInstance&& arrived) -> Status {
      if (arrived.sop_instance_uid != object) return Status::Ok();
      if (auditor_ != nullptr && !audit.has_patient()) {
        auto info = HeaderOf(arrived);
        if (info.ok()) audit.SetPatient(AuditedPatientId(patient_rules_, info->patient_id, info->issuer_of_patient_id));
      }
      auto kept = Keep(cache_, std::move(arrived));
      if (!kept.ok()) return kept.status();
      instance = std::move(*kept);
      return Status::Ok();
    });
    if (!summary.ok()) {
      if (summary.status().code() == Status::Code::kNotFound) return Plain(404, "no such instance");
      spdlog::warn("WADO-URI {}: {}", object, summary.status().ToString());
      return Plain(502, "the PACS could not deliver the instance: " + summary.status().message());
    }
    if (!instance) return Plain(404, "no such instance");
  }

  http::HttpResponse out;
  out.content_type = "application/dicom";
  if (!ServableAsStored(instance->info().transfer_syntax_uid, {ts})) {
    auto bytes = instance->ReadAll();
    auto converted = bytes.ok() ? Transcode(*bytes, {ts}) : Result<TranscodeResult>(bytes.status());
    if (!converted.ok()) return Plain(406, converted.status().message());
    out.body = std::move(converted->bytes);
    return out;
  }
  // As stored: streamed from its file (which stays readable through the
  // open descriptor even if it is evicted meanwhile), nothing held in memory.
  auto shared = std::make_shared<CachedInstance>(std::move(*instance));
  out.stream = [shared](const http::ChunkSink& sink) { return shared->StreamTo(sink); };
  return out;
}

}  // namespace xds::imaging

// WADO-RS Retrieve (RAD-107; PS3.18 10.4), and the routes of both WADO
// services.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <sstream>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/transcoder.h"
#include "imaging-source/service/cache_prefetch.h"
#include "imaging-source/service/instance_delivery.h"
#include "imaging-source/service/wado_service.h"
#include "wire/base/ids.h"

namespace xds::imaging {
namespace {

// Instances fetched ahead of the one being written (open files, not
// memory): enough to cover a C-STORE round trip, few enough that a client
// that stops reading soon stops the PACS.
constexpr size_t kFetchAhead = 4;

struct RsTarget {
  std::string study, series, instance;
  bool metadata = false;
  std::vector<int> frames;  // non-empty: a frames request
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) out.push_back(item);
  return out;
}

// "studies/{s}[/series/{se}[/instances/{i}]][/metadata | /frames/{list}]"
bool ParseTarget(const std::string& rest, RsTarget& t) {
  std::vector<std::string> p = Split(rest, '/');
  if (p.size() < 2 || p[0] != "studies" || p[1].empty()) return false;
  t.study = p[1];
  size_t i = 2;
  if (i + 1 < p.size() && p[i] == "series") {
    t.series = p[i + 1];
    i += 2;
    if (i + 1 < p.size() && p[i] == "instances") {
      t.instance = p[i + 1];
      i += 2;
    }
  }
  if (i == p.size()) return true;
  if (i + 1 == p.size() && p[i] == "metadata") return t.metadata = true;
  if (i + 2 == p.size() && p[i] == "frames" && !t.instance.empty()) {
    for (const auto& n : Split(p[i + 1], ',')) {
      if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos) return false;
      t.frames.push_back(std::stoi(n));
    }
    return !t.frames.empty();
  }
  return false;
}

// transfer-syntax of Accept (PS3.18 8.7.3.5.2); empty or "*": as stored.
std::string AcceptedSyntax(const http::HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    if (lower != "accept") continue;
    size_t at = value.find("transfer-syntax=");
    if (at == std::string::npos) continue;
    std::string ts = value.substr(at + 16);
    ts = ts.substr(0, ts.find_first_of(";, "));
    ts.erase(std::remove(ts.begin(), ts.end(), '"'), ts.end());
    return ts == "*" ? std::string() : ts;
  }
  return {};
}

// What one WADO-RS answer sends: instances the cache holds, then what the
// PACS is asked for (each request one C-GET).
struct RsPlan {
  std::vector<std::string> cached;  // SOP Instance UIDs
  std::vector<RetrieveRequest> fetches;
};

// Splits one series (as C-FIND listed it) into cached instances and one
// C-GET for the rest: the whole series when nothing is cached, else the
// missing instances by UID list (PS3.4 C.2.2.2.2).
void PlanSeries(const InstanceCache& cache, const std::string& study, const std::string& series,
                const std::vector<InstanceInfo>& instances, RsPlan& plan) {
  RetrieveRequest missing;
  missing.study_instance_uid = study;
  missing.series_instance_uid = series;
  for (const auto& i : instances) {
    if (PeekIn(&cache, study, series, i.sop_instance_uid))
      plan.cached.push_back(i.sop_instance_uid);
    else
      missing.sop_instance_uids.push_back(i.sop_instance_uid);
  }
  if (missing.sop_instance_uids.empty()) return;
  missing.level = QueryLevel::kInstance;
  if (missing.sop_instance_uids.size() == instances.size()) {
    missing.level = QueryLevel::kSeries;
    missing.sop_instance_uids.clear();
  }
  plan.fetches.push_back(std::move(missing));
}

}  // namespace

void WadoService::Mount(http::HttpServer& server) {
  auditor_ = server.auditor();
  server.Get(options_.uri_path, [this](const http::HttpRequest& r) { return WadoUri(r); });
  server.Get(options_.rs_path + "/(studies/.+)", [this](const http::HttpRequest& r) { return WadoRs(r); });
}

http::HttpResponse WadoService::WadoRs(const http::HttpRequest& request) {
  RsTarget t;
  std::string rest = request.path.size() > options_.rs_path.size() + 1 ? request.path.substr(options_.rs_path.size() + 1)
                                                                        : std::string();
  ParseTarget(rest, t);  // the study for the record, even of a refused request
  auto audit = std::make_shared<WadoAuditRecord>(auditor_, audit::Transaction::kRad107, request, t.study);
  return FinishAudit(ServeRs(request, audit), audit);
}

http::HttpResponse WadoService::ServeRs(const http::HttpRequest& request,
                                        const std::shared_ptr<WadoAuditRecord>& audit) {
  RsTarget t;
  std::string rest = request.path.size() > options_.rs_path.size() + 1 ? request.path.substr(options_.rs_path.size() + 1)
                                                                        : std::string();
  if (!ParseTarget(rest, t)) return Plain(400, "not a WADO-RS resource: " + request.path);
  // A study the requester may not see is as unknown to it as a missing one.
  if (!MayServe(request, t.study)) return Plain(404, t.series.empty() ? "no study " + t.study : "no such series or instance");
  std::string ts = AcceptedSyntax(request);
  if (!ts.empty() && !CanProduce(ts)) return Plain(406, "transfer syntax " + ts + " cannot be produced");

  // Does the resource exist? (PS3.18 10.4.3: 404 otherwise.) C-FIND, except
  // for a single instance the cache holds.
  auto plan = std::make_shared<RsPlan>();
  RetrieveRequest r;
  r.study_instance_uid = t.study;
  if (!t.instance.empty() && PeekIn(cache_, t.study, t.series, t.instance)) {
    plan->cached.push_back(t.instance);
  } else if (t.series.empty()) {
    auto series = pacs_.FindSeries(t.study);
    if (!series.ok()) return Plain(502, "the PACS cannot be queried: " + series.status().message());
    if (series->empty()) return Plain(404, "no study " + t.study);
    if (cache_ == nullptr) plan->fetches.push_back(r);  // the whole study, one C-GET
    for (const auto& s : cache_ == nullptr ? std::vector<SeriesInfo>() : *series) {
      if (cache_->CountInSeries(s.series_instance_uid) == 0) {
        // Nothing of it cached: one C-GET of the series, no IMAGE-level C-FIND.
        RetrieveRequest whole = r;
        whole.level = QueryLevel::kSeries;
        whole.series_instance_uid = s.series_instance_uid;
        plan->fetches.push_back(std::move(whole));
        continue;
      }
      auto instances = pacs_.FindInstances(t.study, s.series_instance_uid);
      if (!instances.ok()) return Plain(502, "the PACS cannot be queried: " + instances.status().message());
      PlanSeries(*cache_, t.study, s.series_instance_uid, *instances, *plan);
    }
  } else {
    auto instances = pacs_.FindInstances(t.study, t.series);
    if (!instances.ok()) return Plain(502, "the PACS cannot be queried: " + instances.status().message());
    bool found = !instances->empty();
    if (!t.instance.empty())
      found = std::any_of(instances->begin(), instances->end(),
                          [&](const InstanceInfo& i) { return i.sop_instance_uid == t.instance; });
    if (!found) return Plain(404, "no such series or instance");
    r.level = t.instance.empty() ? QueryLevel::kSeries : QueryLevel::kInstance;
    r.series_instance_uid = t.series;
    if (!t.instance.empty()) r.sop_instance_uids = {t.instance};
    if (cache_ != nullptr && t.instance.empty())
      PlanSeries(*cache_, t.study, t.series, *instances, *plan);
    else
      plan->fetches.push_back(r);
  }

  // multipart/related (PS3.18 8.6.1.2); the boundary holds a random UUID so
  // it cannot occur in the DICOM bytes.
  auto boundary = std::make_shared<std::string>("wado-" + NewUrnUuid().substr(9));
  http::HttpResponse out;
  std::string part_type;
  if (t.metadata) {
    out.content_type = "application/dicom+json";
  } else if (!t.frames.empty()) {
    part_type = "application/octet-stream";
    out.content_type = "multipart/related; type=\"application/octet-stream\"; boundary=" + *boundary;
  } else {
    part_type = "application/dicom";
    out.content_type = "multipart/related; type=\"application/dicom\"; boundary=" + *boundary;
  }
  PacsClient* pacs = &pacs_;
  InstanceCache* cache = cache_;
  const ManifestOptions* rules = auditor_ != nullptr ? patient_rules_ : nullptr;
  const bool audited = auditor_ != nullptr;
  out.stream = [pacs, cache, plan, t, ts, boundary, part_type, audit, rules, audited](const http::ChunkSink& sink) {
    bool first = true;
    const std::string part_head = "--" + *boundary + "\r\nContent-Type: " + part_type + "\r\n\r\n";
    // One instance, from the cache or just arrived: a plain part in its
    // stored syntax is streamed from its file (memory stays flat); frames,
    // JSON or another syntax take it into memory, one instance at a time.
    auto emit = [&](const CachedInstance& instance) -> Status {
      const bool as_stored = ts.empty() || ServableAsStored(instance.info().transfer_syntax_uid, {ts});
      bool ok = true;
      if (!t.metadata && t.frames.empty() && as_stored) {
        ok = sink(part_head) && instance.StreamTo(sink) && sink("\r\n");
      } else {
        auto read = instance.ReadAll();
        if (!read.ok()) return read.status();
        std::string bytes = std::move(*read);
        if (!ts.empty() && !t.metadata) {
          auto converted = Transcode(bytes, {ts});
          if (!converted.ok()) return converted.status();
          bytes = std::move(converted->bytes);
        }
        if (t.metadata) {
          auto json = DicomJson(bytes);
          if (!json.ok()) return json.status();
          ok = (first || sink(",")) && sink(*json);
        } else if (!t.frames.empty()) {
          for (int n : t.frames) {
            std::string media;
            auto frame = FrameBytes(bytes, n, &media);
            if (!frame.ok()) return frame.status();
            ok = ok && sink("--" + *boundary + "\r\nContent-Type: " + media + "\r\n\r\n") &&
                 WriteChunked(sink, *frame) && sink("\r\n");
          }
        } else {
          ok = sink(part_head) && WriteChunked(sink, bytes) && sink("\r\n");
        }
      }
      first = false;
      return ok ? Status::Ok() : Status::Unavailable("WADO-RS client went away");
    };
    if (t.metadata && !sink("[")) return false;
    // What the PACS must send is fetched on a thread of its own from the
    // start, a few instances ahead of what this thread writes.
    std::unique_ptr<PrefetchQueue> fetching;
    if (!plan->fetches.empty()) fetching = std::make_unique<PrefetchQueue>(*pacs, cache, plan->fetches, kFetchAhead);
    for (const auto& uid : plan->cached) {
      auto cached = cache->Get(uid);
      if (!cached) {
        spdlog::warn("WADO-RS {}: cached instance {} went away", t.study, uid);
        return false;  // abort: the client sees a truncated body
      }
      if (Status s = emit(*cached); !s.ok()) {
        spdlog::warn("WADO-RS {}: {}", t.study, s.ToString());
        return false;
      }
    }
    while (fetching) {
      auto instance = fetching->Next();
      if (!instance) break;
      if (audited && !audit->has_patient()) {
        auto bytes = instance->ReadAll();
        auto info = bytes.ok() ? ReadDicomInfo(*bytes) : Result<DicomFileInfo>(bytes.status());
        if (info.ok()) audit->SetPatient(AuditedPatientId(rules, info->patient_id, info->issuer_of_patient_id));
      }
      if (Status s = emit(*instance); !s.ok()) {
        spdlog::warn("WADO-RS {}: {}", t.study, s.ToString());
        return false;  // the queue's destructor stops the PACS
      }
    }
    if (fetching && !fetching->status().ok()) {
      spdlog::warn("WADO-RS {}: {}", t.study, fetching->status().ToString());
      return false;  // abort: the client sees a truncated body
    }
    if (t.metadata) return sink("]");
    return sink("--" + *boundary + "--\r\n");
  };
  return out;
}

}  // namespace xds::imaging

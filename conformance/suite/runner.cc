#include "conformance/suite/runner.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>

#include "conformance/suite/metadata_template.h"
#include "imaging-source/dicom/kos.h"

namespace xds::conformance {
namespace {

bool HasEndpoint(const Endpoints& e, Actor a) {
  switch (a) {
    case Actor::kRegistry: return !e.registry_url.empty();
    case Actor::kRepository: return !e.repository_url.empty();
    case Actor::kImagingSource: return !e.imaging_source_url.empty() || !e.wado_rs_url.empty();
  }
  return false;
}

bool OutcomeMatches(Outcome want, const Answer& a) {
  switch (want) {
    case Outcome::kSuccess: return a.status == "Success";
    case Outcome::kPartialSuccess: return a.status == "PartialSuccess";
    case Outcome::kFailure: return a.status == "Failure";
    case Outcome::kHttpOk: return a.http_status == 200;
    case Outcome::kHttpNotFound: return a.http_status == 404;
  }
  return false;
}

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

bool IsDocumentTransaction(Transaction t) { return t == Transaction::kIti43 || t == Transaction::kRad69; }

std::string Describe(const Expected& e, CaseContext& ctx, Transaction t) {
  std::string text = OutcomeName(e.outcome);
  if (!e.error_codes.empty()) text += " with " + Join(e.error_codes);
  if (e.objects) {
    std::vector<std::string> named;
    for (const auto& label : *e.objects)
      named.push_back(label + " = " + (IsDocumentTransaction(t) ? ctx.Uid(label) : ctx.Id(label)));
    text += IsDocumentTransaction(t) ? "; documents returned, bytes as sent: exactly {" : "; objects returned: exactly {";
    text += Join(named) + "}";
  }
  if (!e.check_text.empty()) text += "; " + e.check_text;
  return text;
}

std::string Observe(const Answer& a, CaseContext& ctx) {
  if (a.fault) return "SOAP Fault: " + a.fault_reason;
  std::string text = a.status.empty() ? "HTTP " + std::to_string(a.http_status) : a.status;
  for (const auto& e : a.error_texts) text += "\n  " + e;
  if (!a.object_ids.empty()) {
    text += "\n  objects:";
    for (size_t i = 0; i < a.object_ids.size(); ++i) {
      std::string label = ctx.LabelOf(a.object_ids[i]);
      text += "\n    " + a.object_types[i] + " " + a.object_ids[i] + (label.empty() ? "" : " (" + label + ")");
    }
  }
  for (const auto& [uid, bytes] : a.documents) {
    std::string label = ctx.LabelOf(uid);
    text += "\n  document " + uid + (label.empty() ? "" : " (" + label + ")") + ": " + std::to_string(bytes.size()) +
            " bytes";
  }
  return text;
}

// "" when the answer meets the expectation, else what is wrong.
std::string Judge(const Case& c, const Request& request, const Answer& a, CaseContext& ctx, bool fresh_patient) {
  const Expected& e = c.expected;
  if (a.fault) return "a SOAP Fault came back where a response was expected: " + a.fault_reason;
  if (!OutcomeMatches(e.outcome, a))
    return std::string("expected ") + OutcomeName(e.outcome) + ", got " +
           (a.status.empty() ? "HTTP " + std::to_string(a.http_status) : a.status);
  for (const auto& code : e.error_codes)
    if (std::find(a.error_codes.begin(), a.error_codes.end(), code) == a.error_codes.end())
      return "error code " + code + " missing (got: " + (a.error_codes.empty() ? "none" : Join(a.error_codes)) + ")";
  if (e.objects) {
    bool documents = IsDocumentTransaction(request.transaction);
    std::set<std::string> want, got;
    for (const auto& label : *e.objects) want.insert(documents ? ctx.Uid(label) : ctx.Id(label));
    if (documents) {
      for (const auto& [uid, bytes] : a.documents) {
        got.insert(uid);
        std::string label = ctx.LabelOf(uid);
        auto sent = ctx.contents().find(label);
        if (!label.empty() && sent != ctx.contents().end() && sent->second != bytes)
          return "document " + label + " came back with different bytes (" + std::to_string(bytes.size()) +
                 " instead of " + std::to_string(sent->second.size()) + ")";
      }
    } else {
      for (const auto& id : a.object_ids)
        // With shared pre-registered patients other cases' objects may
        // appear: compare only what this case created.
        if (fresh_patient || !ctx.LabelOf(id).empty()) got.insert(id);
    }
    if (got != want) {
      std::vector<std::string> missing, extra;
      for (const auto& id : want)
        if (!got.count(id)) missing.push_back(ctx.LabelOf(id).empty() ? id : ctx.LabelOf(id));
      for (const auto& id : got)
        if (!want.count(id)) extra.push_back(ctx.LabelOf(id).empty() ? id : ctx.LabelOf(id));
      return "result set differs: missing {" + Join(missing) + "}, unexpected {" + Join(extra) + "}";
    }
  }
  if (e.check) return e.check(ctx, a);
  return {};
}

}  // namespace

Result<CaseContext::Manifest> LoadManifest(const Endpoints& endpoints) {
  if (endpoints.imaging_manifest.empty()) return Status::NotFound("no imaging manifest given (--imaging-manifest)");
  PatientSource none("", {}, "");
  CaseContext ctx(endpoints, none);
  auto a = ctx.Send(RetrieveRequest({{endpoints.repository_unique_id, endpoints.imaging_manifest}}), "setup");
  if (!a.ok()) return a.status();
  if (a->documents.empty())
    return Status::NotFound("the repository did not return manifest " + endpoints.imaging_manifest);
  auto kos = imaging::ReadKos(a->documents.front().second);
  if (!kos.ok()) return kos.status();
  CaseContext::Manifest m;
  m.bytes = a->documents.front().second;
  m.study_uid = kos->study.study_instance_uid;
  for (const auto& series : kos->series)
    for (const auto& i : series.instances)
      m.instances.push_back({series.series_instance_uid, i.sop_class_uid, i.sop_instance_uid});
  if (m.instances.empty()) return Status::InvalidArgument("manifest " + endpoints.imaging_manifest + " lists no instance");
  return m;
}

std::vector<CaseResult> RunCases(const std::vector<Case>& cases, const Endpoints& endpoints,
                                 const RunOptions& options) {
  PatientSource patients(endpoints.mllp, endpoints.patients, endpoints.assigning_authority);
  std::optional<CaseContext::Manifest> manifest;
  std::string manifest_problem;
  if (auto m = LoadManifest(endpoints); m.ok()) manifest = std::move(*m);
  else manifest_problem = m.status().message();

  std::vector<CaseResult> results;
  for (const Case& c : cases) {
    if (!options.filter.empty() && c.id.rfind(options.filter, 0) != 0) continue;
    auto started = std::chrono::steady_clock::now();
    CaseResult r;
    r.c = &c;
    CaseContext ctx(endpoints, patients);
    if (manifest) ctx.set_manifest(&*manifest);
    if (!HasEndpoint(endpoints, c.actor)) {
      r.verdict = Verdict::kSkip;
      r.reason = std::string("no endpoint given for the ") + ActorName(c.actor);
    } else if (c.needs_manifest && !manifest) {
      r.verdict = Verdict::kSkip;
      r.reason = "needs an imaging manifest: " + manifest_problem;
    } else if (auto patient = ctx.Patient(); !patient.ok()) {
      r.reason = "no patient for the case: " + patient.status().message();
    } else if (Status s = c.setup ? c.setup(ctx) : Status::Ok(); !s.ok()) {
      r.reason = "setup failed: " + s.message();
    } else {
      Request request = c.request(ctx);
      r.expected = Describe(c.expected, ctx, request.transaction);
      auto answer = ctx.Send(request, "request under test");
      if (!answer.ok() && answer.status().code() == Status::Code::kNotFound) {
        r.verdict = Verdict::kSkip;  // e.g. WADO-RS given, RAD-69 not
        r.reason = answer.status().message();
      } else if (!answer.ok()) {
        r.reason = "no usable answer: " + answer.status().message();
      } else {
        r.observed = Observe(*answer, ctx);
        r.reason = Judge(c, request, *answer, ctx, patients.fresh());
        r.verdict = r.reason.empty() ? Verdict::kPass : Verdict::kFail;
      }
    }
    r.exchanges = ctx.exchanges();
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (options.on_result) options.on_result(r);
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace xds::conformance

#include "imaging-source/publish/study_publisher.h"

#include <spdlog/spdlog.h>

#include "imaging-source/manifest/study_manifest.h"
#include "wire/base/ids.h"

namespace xds::imaging {
namespace {

std::string Describe(const ihe::RegistryResponse& r) {
  std::string text = "the repository answered " + r.status;
  for (const auto& e : r.errors) text += "; " + e.error_code + ": " + e.code_context;
  return text;
}

bool OnlyUnresolvedReference(const ihe::RegistryResponse& r) {
  if (r.errors.empty()) return false;
  for (const auto& e : r.errors)
    if (e.error_code != "UnresolvedReferenceException") return false;
  return true;
}

}  // namespace

const char* PublishKindName(PublishKind kind) {
  switch (kind) {
    case PublishKind::kOriginal: return "original";
    case PublishKind::kReplaced: return "replaced";
    case PublishKind::kUnchanged: return "unchanged";
  }
  return "?";
}

StudyPublisher::StudyPublisher(PacsClient& pacs, PublicationLog& log, KosOptions kos_options,
                               ManifestOptions metadata_options, std::string repository_url,
                               http::HttpClientOptions link, const audit::TransactionAuditor* auditor)
    : pacs_(pacs),
      log_(log),
      kos_options_(std::move(kos_options)),
      metadata_options_(std::move(metadata_options)),
      publisher_(std::move(repository_url), std::move(link), auditor) {}

StudyPublisher::~StudyPublisher() = default;

Result<ihe::RegistryResponse> StudyPublisher::Submit(const std::string& study_uid, const std::string& entry_uuid,
                                                     const std::string& replaces, StudyManifest& manifest) {
  auto made = MakeStudyManifest(pacs_, manifest.tree, kos_options_, metadata_options_, replaces, entry_uuid);
  if (!made.ok()) return made.status();
  manifest = std::move(*made);
  spdlog::info("RAD-68 study={} entry={} replaces={} series={} kos_bytes={}", study_uid, entry_uuid,
               replaces.empty() ? "-" : replaces, manifest.tree.series.size(), manifest.kos_bytes.size());
  return publisher_.Publish(manifest.submission, manifest.kos_bytes);
}

Result<PublishOutcome> StudyPublisher::Publish(const std::string& study_uid) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto prior = log_.Find(study_uid);
  if (!prior.ok()) return prior.status();
  auto tree = FindEvidenceTree(pacs_, study_uid);
  if (!tree.ok()) return tree.status();
  if (tree->series.empty()) return Status::NotFound("study " + study_uid + " has no instances to list");

  PublishOutcome out;
  out.study_instance_uid = study_uid;
  out.series = static_cast<int>(tree->series.size());
  for (const auto& s : tree->series) out.instances += static_cast<int>(s.instances.size());
  const std::string fingerprint = StudyFingerprint(*tree);
  if (*prior && !(*prior)->entry_uuid.empty() && (*prior)->pending_entry_uuid.empty() &&
      (*prior)->fingerprint == fingerprint) {
    out.kind = PublishKind::kUnchanged;
    out.entry_uuid = (*prior)->entry_uuid;
    out.document_unique_id = (*prior)->document_unique_id;
    return out;
  }

  // What the new manifest replaces. A pending UUID left by a crash may have
  // been registered (then it is the current entry) or not (then the
  // registry cannot resolve it and the confirmed one is current).
  std::vector<std::string> targets;
  std::string earlier_pending;
  if (*prior) {
    earlier_pending = (*prior)->pending_entry_uuid;
    if (!earlier_pending.empty()) targets.push_back(earlier_pending);
    if (!(*prior)->entry_uuid.empty()) targets.push_back((*prior)->entry_uuid);
  }
  if (targets.empty()) targets.push_back("");  // an Original

  const std::string entry_uuid = NewUrnUuid();
  XDS_RETURN_IF_ERROR(log_.MarkPending(study_uid, entry_uuid));
  StudyManifest manifest;
  manifest.tree = std::move(*tree);
  for (size_t i = 0; i < targets.size(); ++i) {
    auto response = Submit(study_uid, entry_uuid, targets[i], manifest);
    if (!response.ok()) {
      // Unavailable: the request never reached the repository, so nothing
      // is pending but what was before. Otherwise (an answer we could not
      // read, a timeout) the new entry may exist: keep it pending.
      if (response.status().code() == Status::Code::kUnavailable || manifest.kos_bytes.empty()) {
        Status restored = earlier_pending.empty() ? log_.ClearPending(study_uid)
                                                  : log_.MarkPending(study_uid, earlier_pending);
        if (!restored.ok()) spdlog::error("publication log: {}", restored.ToString());
      }
      return response.status();
    }
    if (response->success()) {
      Publication p;
      p.study_instance_uid = study_uid;
      p.entry_uuid = entry_uuid;
      p.document_unique_id = manifest.kos.sop_instance_uid;
      p.fingerprint = fingerprint;
      p.series_count = out.series;
      p.instance_count = out.instances;
      XDS_RETURN_IF_ERROR(log_.Confirm(p));
      out.kind = targets[i].empty() ? PublishKind::kOriginal : PublishKind::kReplaced;
      out.entry_uuid = entry_uuid;
      out.document_unique_id = p.document_unique_id;
      out.replaced_entry_uuid = targets[i];
      spdlog::info("RAD-68 study={} {} entry={} uniqueId={}", study_uid, PublishKindName(out.kind), entry_uuid,
                   p.document_unique_id);
      return out;
    }
    // The registry refused it: nothing was registered. Try the next target
    // only when this one was the unresolvable pending UUID.
    if (!(i + 1 < targets.size() && targets[i] == earlier_pending && OnlyUnresolvedReference(*response))) {
      Status restored =
          earlier_pending.empty() ? log_.ClearPending(study_uid) : log_.MarkPending(study_uid, earlier_pending);
      if (!restored.ok()) spdlog::error("publication log: {}", restored.ToString());
      return Status::InvalidArgument("RAD-68 for study " + study_uid + " refused: " + Describe(*response));
    }
    earlier_pending.clear();  // proven never registered
  }
  return Status::Internal("unreachable");
}

}  // namespace xds::imaging

#include "imaging-source/manifest/study_manifest.h"

#include <algorithm>
#include <map>

#include "imaging-source/dicom/dicom_file.h"
#include "wire/base/digest.h"

namespace xds::imaging {
namespace {

// Fills missing SOP classes and body parts of `series` from its instances'
// headers. Dcmqrscp, for one, does not return SOP Class UID at IMAGE level
// (an optional key, PS3.4 C.6.1.1.5), and the KOS needs it for every
// reference (PS3.3 C.17.6.2.1).
Status CompleteFromHeaders(PacsClient& pacs, const std::string& study_uid, StudyTree::Series& series) {
  bool need = series.info.body_part_examined.empty();
  for (const auto& i : series.instances) need = need || i.sop_class_uid.empty();
  if (!need) return Status::Ok();
  std::map<std::string, std::string> class_of;
  std::string body_part;
  RetrieveRequest r;
  r.level = QueryLevel::kSeries;
  r.study_instance_uid = study_uid;
  r.series_instance_uid = series.info.series_instance_uid;
  auto summary = pacs.Retrieve(r, [&](RetrievedInstance&& instance) {
    class_of[instance.sop_instance_uid] = instance.sop_class_uid;
    if (body_part.empty()) {
      auto info = ReadDicomInfo(instance.bytes);
      if (info.ok()) body_part = info->body_part_examined;
    }
    return Status::Ok();
  });
  if (!summary.ok()) return summary.status();
  if (series.info.body_part_examined.empty()) series.info.body_part_examined = body_part;
  for (auto& i : series.instances)
    if (i.sop_class_uid.empty()) i.sop_class_uid = class_of[i.sop_instance_uid];
  return Status::Ok();
}

}  // namespace

Result<StudyTree> FindEvidenceTree(PacsClient& pacs, const std::string& study_uid) {
  auto tree = FindStudyTree(pacs, study_uid);
  if (!tree.ok()) return tree.status();
  std::vector<StudyTree::Series> kept;
  for (auto& s : tree->series)
    if (s.info.modality != "KO" && !s.instances.empty()) kept.push_back(std::move(s));
  tree->series = std::move(kept);
  return tree;
}

Result<StudyManifest> MakeStudyManifest(PacsClient& pacs, const std::string& study_uid, const KosOptions& kos_options,
                                        const ManifestOptions& metadata_options,
                                        const std::string& replaces_entry_uuid, const std::string& entry_uuid) {
  auto tree = FindEvidenceTree(pacs, study_uid);
  if (!tree.ok()) return tree.status();
  return MakeStudyManifest(pacs, std::move(*tree), kos_options, metadata_options, replaces_entry_uuid, entry_uuid);
}

Result<StudyManifest> MakeStudyManifest(PacsClient& pacs, StudyTree tree, const KosOptions& kos_options,
                                        const ManifestOptions& metadata_options,
                                        const std::string& replaces_entry_uuid, const std::string& entry_uuid) {
  StudyManifest out;
  out.tree = std::move(tree);
  const std::string study_uid = out.tree.study.study_instance_uid;
  if (out.tree.series.empty()) return Status::NotFound("study " + study_uid + " has no instances to list");
  for (auto& s : out.tree.series) XDS_RETURN_IF_ERROR(CompleteFromHeaders(pacs, study_uid, s));

  auto kos = KosFromStudy(out.tree, kos_options);
  if (!kos.ok()) return kos.status();
  out.kos = std::move(*kos);
  auto bytes = WriteKos(out.kos);
  if (!bytes.ok()) return bytes.status();
  out.kos_bytes = std::move(*bytes);

  ManifestInput input;
  input.kos = out.kos;
  input.kos_sha1 = Sha1::HexOf(out.kos_bytes);
  input.kos_size = out.kos_bytes.size();
  input.replaces_entry_uuid = replaces_entry_uuid;
  input.entry_uuid = entry_uuid;
  for (const auto& s : out.tree.series) {
    input.modalities.push_back(s.info.modality);
    if (!s.info.body_part_examined.empty()) input.body_parts.push_back(s.info.body_part_examined);
  }
  auto submission = BuildManifestSubmission(input, metadata_options);
  if (!submission.ok()) return submission.status();
  out.submission = std::move(*submission);
  return out;
}

std::string StudyFingerprint(const StudyTree& tree) {
  std::vector<std::string> keys;
  for (const auto& s : tree.series)
    for (const auto& i : s.instances) keys.push_back(s.info.series_instance_uid + "/" + i.sop_instance_uid);
  std::sort(keys.begin(), keys.end());
  std::string all;
  for (const auto& k : keys) all += k + "\n";
  return Sha1::HexOf(all);
}

}  // namespace xds::imaging

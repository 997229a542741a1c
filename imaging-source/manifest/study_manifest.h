// Making the manifest of one study from what the PACS holds: C-FIND the
// study tree, fill in what C-FIND did not return (SOP Class UIDs and
// BodyPartExamined, read from the instances' headers by C-GET, kept
// nowhere), build the KOS and its XDS-I.b metadata. The RAD-68 submission
// itself is ManifestPublisher's.
//
// Thread-safe as far as `pacs` is (PacsClient is).
#pragma once

#include <string>

#include "imaging-source/dicom/kos.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "wire/base/status.h"
#include "wire/ihe/rim.h"

namespace xds::imaging {

struct StudyManifest {
  StudyTree tree;
  KosDocument kos;
  std::string kos_bytes;  // DICOM Part 10
  ihe::SubmitObjectsRequest submission;
};

// The study as the manifest lists it: FindStudyTree without the study's own
// KOS series (an earlier manifest is not evidence) and without empty series.
Result<StudyTree> FindEvidenceTree(PacsClient& pacs, const std::string& study_uid);

// The manifest of `tree` (from FindEvidenceTree). SOP classes and body
// parts C-FIND did not return are read from the instances' headers.
Result<StudyManifest> MakeStudyManifest(PacsClient& pacs, StudyTree tree, const KosOptions& kos_options,
                                        const ManifestOptions& metadata_options,
                                        const std::string& replaces_entry_uuid, const std::string& entry_uuid);

// Both in one. NotFound for a study the PACS does not hold; Unavailable when the PACS
// cannot be reached. `replaces_entry_uuid` non-empty makes it an RPLC;
// `entry_uuid` non-empty is the DocumentEntry's id (ManifestInput).
Result<StudyManifest> MakeStudyManifest(PacsClient& pacs, const std::string& study_uid, const KosOptions& kos_options,
                                        const ManifestOptions& metadata_options,
                                        const std::string& replaces_entry_uuid = {},
                                        const std::string& entry_uuid = {});

// SHA-1 over the sorted "series/instance" UIDs of `tree`: equal for two
// trees that list the same instances, whatever order the PACS answered in.
std::string StudyFingerprint(const StudyTree& tree);

}  // namespace xds::imaging

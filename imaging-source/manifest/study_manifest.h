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

// NotFound for a study the PACS does not hold; Unavailable when the PACS
// cannot be reached. `replaces_entry_uuid` non-empty makes it an RPLC.
Result<StudyManifest> MakeStudyManifest(PacsClient& pacs, const std::string& study_uid, const KosOptions& kos_options,
                                        const ManifestOptions& metadata_options,
                                        const std::string& replaces_entry_uuid = {});

}  // namespace xds::imaging

// XDS-I.b metadata for a manifest (RAD TF-3 4.68.4.1.2; xds-i.md §3): the
// DocumentEntry of the KOS, its SubmissionSet and their HasMember
// association (and an RPLC association when the manifest replaces an
// earlier one, ITI TF-3 4.2.2.2.3), as the project's ebRIM model
// (wire/ihe/rim.h) ready for ITI-41 / RAD-68. No DCMTK here: the KOS
// arrives as a KosDocument plus its encoded bytes.
//
// Pure functions over values; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "imaging-source/dicom/kos.h"
#include "wire/base/status.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::imaging {

inline constexpr char kKosFormatScheme[] = "1.2.840.10008.2.6.1";      // DICOM UID registry
inline constexpr char kDcmScheme[] = "1.2.840.10008.2.16.4";           // DICOM (DCM) codes
inline constexpr char kStudyUidIdType[] = "urn:ihe:iti:xds:2016:studyInstanceUID";
inline constexpr char kAccessionIdType[] = "urn:ihe:iti:xds:2013:accession";

// Affinity-domain settings ([imaging_source.metadata] in the configuration).
struct ManifestOptions {
  std::string source_id;  // SubmissionSet.sourceId (our OID)
  std::string uid_root;   // for SubmissionSet.uniqueId; empty: 2.25 UUID OIDs
  ihe::CodedValue class_code, type_code, confidentiality_code, healthcare_facility_type_code,
      practice_setting_code, content_type_code;
  std::string language_code = "en-US";
  std::string author_institution;  // XON, optional
  // Patient identity: the department's id (and IssuerOfPatientID) → the
  // affinity domain's CX. Explicit pairs win ("ISSUER|ID" or "ID" keys);
  // else an issuer listed in `issuer_authorities` (IssuerOfPatientID →
  // assigning-authority OID) gives "ID^^^&OID&ISO".
  std::map<std::string, std::string> patient_id_map;
  std::map<std::string, std::string> issuer_authorities;
  std::string local_assigning_authority;  // for sourcePatientId; empty: the issuer text
  std::string accession_issuer_oid;       // for referenceIdList accession CXi
  // BodyPartExamined → anatomic region code for eventCodeList (PS3.16 CID 4031).
  std::map<std::string, ihe::CodedValue> anatomic_regions;
};

// Everything about one manifest that is not in the configuration.
struct ManifestInput {
  KosDocument kos;
  std::string kos_sha1;        // hex, of the encoded KOS
  uint64_t kos_size = 0;
  std::vector<std::string> modalities;   // of the image series (not KO)
  std::vector<std::string> body_parts;   // BodyPartExamined values seen
  std::string replaces_entry_uuid;       // RPLC target; empty for a first manifest
  // The DocumentEntry's id: a urn:uuid the imaging source chooses, so that
  // it knows the entryUUID a later RPLC must name without asking the
  // registry (ITI TF-3 4.2.3.2.9 lets the source assign it); empty: the
  // symbolic kManifestDocumentId (the registry assigns the UUID).
  std::string entry_uuid;
};

// Maps the department's patient id to the affinity domain's
// (RAD TF-3 4.68.4.1.2.3; xds-i.md §3 patientId). NotFound when no rule
// applies: a manifest must never go out under a guessed patient.
Result<std::string> AffinityPatientId(const StudyInfo& study, const ManifestOptions& options);

// The id the KOS Document has inside the submission (xds:Document/@id).
inline constexpr char kManifestDocumentId[] = "Document01";

Result<ihe::SubmitObjectsRequest> BuildManifestSubmission(const ManifestInput& input,
                                                          const ManifestOptions& options);

}  // namespace xds::imaging

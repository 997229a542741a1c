// The XDS-I.b manifest: a DICOM Key Object Selection Document (PS3.3
// A.35.4) listing every instance of a study, with where to retrieve it
// (xds-i.md §2; RAD TF-3 4.68.4.1.2.3). Built directly as a data set: the
// IOD is small and fixed, and direct building keeps every attribute in view.
//
// KosDocument is a plain value used both to build a manifest and to read
// one back (tests, RPLC comparison, a consumer). Thread-safe functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging {

inline constexpr char kKosSopClassUid[] = "1.2.840.10008.5.1.4.1.1.88.59";

struct KosReference {
  std::string sop_class_uid;
  std::string sop_instance_uid;
};

// One ReferencedSeriesSequence item of the evidence (PS3.3 C.17.6.2.1,
// Table C.17-3 "Hierarchical Series Reference Macro").
struct KosSeries {
  std::string series_instance_uid;
  std::string retrieve_ae_title;      // (0008,0054)
  std::string retrieve_location_uid;  // (0040,E011) = our repositoryUniqueId
  std::string retrieve_url;           // (0008,1190), optional
  std::vector<KosReference> instances;
};

// One CONTAINS item of the content tree (TID 2010).
struct KosContentItem {
  std::string relationship_type;  // CONTAINS
  std::string value_type;         // IMAGE or COMPOSITE
  KosReference reference;
};

struct KosDocument {
  // The KOS itself.
  std::string sop_instance_uid;     // becomes DocumentEntry.uniqueId
  std::string series_instance_uid;  // its own series (not an image series)
  std::string series_number = "999";
  std::string instance_number = "1";
  std::string content_date;         // DA; empty: today
  std::string content_time;         // TM; empty: now
  std::string manufacturer;
  std::string specific_character_set;  // e.g. "ISO_IR 192"; empty: default repertoire
  // Patient and study, copied from the images (xds-i.md §2).
  StudyInfo study;
  // Evidence: every series and instance of the study.
  std::vector<KosSeries> series;
  // Filled when reading a manifest back.
  std::string sop_class_uid;
  std::string modality;
  std::string title_code, title_scheme, title_meaning;  // (113030, DCM, Manifest)
  std::string template_identifier, mapping_resource;    // 2010, DCMR
  std::string continuity_of_content;                    // SEPARATE
  std::vector<KosContentItem> content;
  std::string request_study_instance_uid;  // Referenced Request Sequence
  std::string request_accession_number;
  bool has_referenced_pps_sequence = false;
};

// Settings that make a StudyTree into a manifest.
struct KosOptions {
  std::string retrieve_ae_title;       // the AE consumers C-MOVE/C-GET from
  std::string repository_unique_id;    // ours; written as Retrieve Location UID
  std::string wado_rs_base_url;        // optional; gives RetrieveURL per series
  std::string uid_root;                // for the KOS UIDs; empty: 2.25 UUID UIDs
  std::string manufacturer = "xds-imaging-source";
};

// A manifest for `tree`. Every instance must carry its SOP Class UID.
Result<KosDocument> KosFromStudy(const StudyTree& tree, const KosOptions& options);

// Encodes `doc` as a DICOM Part 10 file, Explicit VR Little Endian.
// InvalidArgument when a required value is missing.
Result<std::string> WriteKos(const KosDocument& doc);

// Reads a manifest back. InvalidArgument when it is not a KOS.
Result<KosDocument> ReadKos(std::string_view part10);

}  // namespace xds::imaging

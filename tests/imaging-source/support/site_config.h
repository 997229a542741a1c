// What the end-to-end tests that run a whole xds-node with an imaging
// source (CLI, conformance) share about the site: its dcmqrscp PACS holding
// a generated study, and the [imaging_source.pacs] and
// [imaging_source.metadata] sections that make the node publish it for the
// region's patient.
#pragma once

#include <string>

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/study_generator.h"

namespace xds::imaging::testing {

// Starts `pacs`, generates MixedStudySpec() into `dir` and loads it.
Result<GeneratedStudy> StartPacsWithStudy(DcmqrscpPacs& pacs, const std::string& dir);

// The two sections for a site whose PACS is `pacs` (our AE title
// `calling_ae`, received files under `spool_dir`), whose submissions carry
// sourceId `source_id`, and whose generated studies' patient (LOC-4711
// issued by SITE-A) the region knows as `region_patient`.
std::string SitePacsAndMetadataToml(const PacsConfig& pacs, const std::string& calling_ae,
                                    const std::string& spool_dir, const std::string& source_id,
                                    const std::string& region_patient);

}  // namespace xds::imaging::testing

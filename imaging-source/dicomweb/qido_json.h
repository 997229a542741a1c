// QIDO-RS answers (PS3.18 10.6.3, application/dicom+json in the DICOM JSON
// model, PS3.18 F.2) read into the records the DIMSE C-FIND fills
// (dicom/pacs_types.h), attribute for attribute, so that callers see the
// same values whichever path answered.
//
// Pure functions; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging::dicomweb {

// InvalidArgument when `json` is not an array of DICOM JSON objects. An
// empty body (HTTP 204) is an empty array.
Result<std::vector<StudyInfo>> ParseStudies(std::string_view json);
Result<std::vector<SeriesInfo>> ParseSeries(std::string_view json);
Result<std::vector<InstanceInfo>> ParseInstances(std::string_view json);

}  // namespace xds::imaging::dicomweb

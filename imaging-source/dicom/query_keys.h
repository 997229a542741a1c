// Internal to imaging-source/dicom: the identifiers of Study Root C-FIND,
// C-GET and C-MOVE requests (PS3.4 C.6.2.1) and the reading of C-FIND
// responses into pacs_types.h records.
#pragma once

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdatset.h"
#include "imaging-source/dicom/pacs_types.h"

namespace xds::imaging::internal {

// STUDY level: the match keys of `query`, every StudyInfo field as a
// return key.
void FillStudyFindKeys(DcmDataset& keys, const StudyQuery& query);
void FillSeriesFindKeys(DcmDataset& keys, const std::string& study_uid);
void FillInstanceFindKeys(DcmDataset& keys, const std::string& study_uid, const std::string& series_uid);
// Unique keys only, down to the level asked (PS3.4 C.4.2.2.1 / C.4.3.2.1).
void FillRetrieveKeys(DcmDataset& keys, const RetrieveRequest& request);

StudyInfo ReadStudy(DcmDataset& response);
SeriesInfo ReadSeries(DcmDataset& response);
InstanceInfo ReadInstance(DcmDataset& response);

}  // namespace xds::imaging::internal

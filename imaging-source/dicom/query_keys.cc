#include "imaging-source/dicom/query_keys.h"

#include "dcmtk/dcmdata/dcdeftag.h"

namespace xds::imaging::internal {
namespace {

std::string Get(DcmDataset& ds, const DcmTagKey& tag) {
  OFString value;
  if (ds.findAndGetOFStringArray(tag, value).bad()) return {};
  return value.c_str();
}

void Put(DcmDataset& ds, const DcmTagKey& tag, const std::string& value) {
  ds.putAndInsertString(tag, value.c_str());
}

}  // namespace

void FillStudyFindKeys(DcmDataset& keys, const StudyQuery& query) {
  Put(keys, DCM_QueryRetrieveLevel, "STUDY");
  Put(keys, DCM_StudyInstanceUID, query.study_instance_uid);
  // Range matching on StudyDate (PS3.4 C.2.2.2.5): "from-", "-to", "from-to".
  std::string range;
  if (!query.study_date_from.empty() || !query.study_date_to.empty())
    range = query.study_date_from + "-" + query.study_date_to;
  Put(keys, DCM_StudyDate, range);
  Put(keys, DCM_PatientID, query.patient_id);
  Put(keys, DCM_AccessionNumber, query.accession_number);
  for (const DcmTagKey& tag : {DCM_StudyTime, DCM_PatientName, DCM_IssuerOfPatientID, DCM_PatientBirthDate,
                               DCM_PatientSex, DCM_StudyID, DCM_ReferringPhysicianName, DCM_StudyDescription})
    Put(keys, tag, "");
}

void FillSeriesFindKeys(DcmDataset& keys, const std::string& study_uid) {
  Put(keys, DCM_QueryRetrieveLevel, "SERIES");
  Put(keys, DCM_StudyInstanceUID, study_uid);
  for (const DcmTagKey& tag : {DCM_SeriesInstanceUID, DCM_Modality, DCM_SeriesNumber, DCM_SeriesDescription,
                               DCM_BodyPartExamined})
    Put(keys, tag, "");
}

void FillInstanceFindKeys(DcmDataset& keys, const std::string& study_uid, const std::string& series_uid) {
  Put(keys, DCM_QueryRetrieveLevel, "IMAGE");
  Put(keys, DCM_StudyInstanceUID, study_uid);
  Put(keys, DCM_SeriesInstanceUID, series_uid);
  for (const DcmTagKey& tag : {DCM_SOPInstanceUID, DCM_SOPClassUID, DCM_InstanceNumber}) Put(keys, tag, "");
}

void FillRetrieveKeys(DcmDataset& keys, const RetrieveRequest& request) {
  switch (request.level) {
    case QueryLevel::kStudy: Put(keys, DCM_QueryRetrieveLevel, "STUDY"); break;
    case QueryLevel::kSeries: Put(keys, DCM_QueryRetrieveLevel, "SERIES"); break;
    case QueryLevel::kInstance: Put(keys, DCM_QueryRetrieveLevel, "IMAGE"); break;
  }
  Put(keys, DCM_StudyInstanceUID, request.study_instance_uid);
  if (request.level != QueryLevel::kStudy) Put(keys, DCM_SeriesInstanceUID, request.series_instance_uid);
  if (request.level == QueryLevel::kInstance) {
    // List of UID matching (PS3.4 C.2.2.2.2): values separated by '\'.
    std::string list;
    for (const auto& uid : request.sop_instance_uids) {
      if (!list.empty()) list += '\\';
      list += uid;
    }
    Put(keys, DCM_SOPInstanceUID, list);
  }
}

StudyInfo ReadStudy(DcmDataset& r) {
  StudyInfo s;
  s.study_instance_uid = Get(r, DCM_StudyInstanceUID);
  s.patient_id = Get(r, DCM_PatientID);
  s.issuer_of_patient_id = Get(r, DCM_IssuerOfPatientID);
  s.patient_name = Get(r, DCM_PatientName);
  s.patient_birth_date = Get(r, DCM_PatientBirthDate);
  s.patient_sex = Get(r, DCM_PatientSex);
  s.study_date = Get(r, DCM_StudyDate);
  s.study_time = Get(r, DCM_StudyTime);
  s.accession_number = Get(r, DCM_AccessionNumber);
  s.study_id = Get(r, DCM_StudyID);
  s.referring_physician_name = Get(r, DCM_ReferringPhysicianName);
  s.study_description = Get(r, DCM_StudyDescription);
  return s;
}

SeriesInfo ReadSeries(DcmDataset& r) {
  SeriesInfo s;
  s.series_instance_uid = Get(r, DCM_SeriesInstanceUID);
  s.modality = Get(r, DCM_Modality);
  s.series_number = Get(r, DCM_SeriesNumber);
  s.series_description = Get(r, DCM_SeriesDescription);
  s.body_part_examined = Get(r, DCM_BodyPartExamined);
  return s;
}

InstanceInfo ReadInstance(DcmDataset& r) {
  InstanceInfo i;
  i.sop_instance_uid = Get(r, DCM_SOPInstanceUID);
  i.sop_class_uid = Get(r, DCM_SOPClassUID);
  i.instance_number = Get(r, DCM_InstanceNumber);
  return i;
}

}  // namespace xds::imaging::internal

#include "imaging-source/dicom/kos.h"

#include <ctime>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcsequen.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "imaging-source/dicom/part10_io.h"
#include "imaging-source/dicom/uid.h"

namespace xds::imaging {
namespace {

// PS3.16 CID 7010 / xds-i.md §2: the XDS-I manifest title.
constexpr char kTitleCode[] = "113030";
constexpr char kTitleScheme[] = "DCM";
constexpr char kTitleMeaning[] = "Manifest";

std::string Now(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

OFCondition Put(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
  return item.putAndInsertString(tag, value.c_str());
}

std::string Get(DcmItem& item, const DcmTagKey& tag) {
  OFString v;
  if (item.findAndGetOFStringArray(tag, v).bad()) return {};
  return v.c_str();
}

// Appends a new item to the sequence `tag` of `parent`.
DcmItem* NewItem(DcmItem& parent, const DcmTagKey& tag) {
  DcmItem* item = nullptr;
  parent.findOrCreateSequenceItem(tag, item, -2);
  return item;
}

// The items of sequence `tag` of `parent` (none when absent).
std::vector<DcmItem*> Items(DcmItem& parent, const DcmTagKey& tag) {
  std::vector<DcmItem*> out;
  DcmSequenceOfItems* seq = nullptr;
  if (parent.findAndGetSequence(tag, seq).bad() || seq == nullptr) return out;
  for (unsigned long i = 0; i < seq->card(); ++i) out.push_back(seq->getItem(i));
  return out;
}

void PutCode(DcmItem& parent, const DcmTagKey& sequence, const char* code, const char* scheme, const char* meaning) {
  DcmItem* c = NewItem(parent, sequence);
  Put(*c, DCM_CodeValue, code);
  Put(*c, DCM_CodingSchemeDesignator, scheme);
  Put(*c, DCM_CodeMeaning, meaning);
}

void PutReference(DcmItem& parent, const KosReference& ref) {
  DcmItem* r = NewItem(parent, DCM_ReferencedSOPSequence);
  Put(*r, DCM_ReferencedSOPClassUID, ref.sop_class_uid);
  Put(*r, DCM_ReferencedSOPInstanceUID, ref.sop_instance_uid);
}

KosReference ReadReference(DcmItem& parent) {
  KosReference ref;
  for (DcmItem* r : Items(parent, DCM_ReferencedSOPSequence)) {
    ref.sop_class_uid = Get(*r, DCM_ReferencedSOPClassUID);
    ref.sop_instance_uid = Get(*r, DCM_ReferencedSOPInstanceUID);
  }
  return ref;
}

Status Check(const KosDocument& doc) {
  if (doc.sop_instance_uid.empty() || doc.series_instance_uid.empty())
    return Status::InvalidArgument("KOS without SOP Instance UID or Series Instance UID");
  if (doc.study.study_instance_uid.empty()) return Status::InvalidArgument("KOS without Study Instance UID");
  if (doc.series.empty()) return Status::InvalidArgument("KOS for a study with no series");
  for (const auto& s : doc.series) {
    if (s.instances.empty()) return Status::InvalidArgument("series " + s.series_instance_uid + " has no instances");
    // RAD TF / xds-i.md §2.1: consumers need both to retrieve.
    if (s.retrieve_ae_title.empty() || s.retrieve_location_uid.empty())
      return Status::InvalidArgument("series " + s.series_instance_uid + " lacks Retrieve AE Title or Location UID");
    for (const auto& i : s.instances)
      if (i.sop_class_uid.empty() || i.sop_instance_uid.empty())
        return Status::InvalidArgument("instance without SOP Class or Instance UID in series " +
                                       s.series_instance_uid);
  }
  return Status::Ok();
}

}  // namespace

Result<KosDocument> KosFromStudy(const StudyTree& tree, const KosOptions& options) {
  KosDocument doc;
  doc.sop_instance_uid = NewDicomUid(options.uid_root);
  doc.series_instance_uid = NewDicomUid(options.uid_root);
  doc.manufacturer = options.manufacturer;
  doc.study = tree.study;
  for (const auto& s : tree.series) {
    KosSeries ks;
    ks.series_instance_uid = s.info.series_instance_uid;
    ks.retrieve_ae_title = options.retrieve_ae_title;
    ks.retrieve_location_uid = options.repository_unique_id;
    if (!options.wado_rs_base_url.empty())
      ks.retrieve_url = options.wado_rs_base_url + "/studies/" + tree.study.study_instance_uid + "/series/" +
                        s.info.series_instance_uid;
    for (const auto& i : s.instances) {
      if (i.sop_class_uid.empty())
        return Status::InvalidArgument("SOP Class UID of instance " + i.sop_instance_uid + " is unknown");
      ks.instances.push_back({i.sop_class_uid, i.sop_instance_uid});
    }
    if (!ks.instances.empty()) doc.series.push_back(std::move(ks));
  }
  XDS_RETURN_IF_ERROR(Check(doc));
  return doc;
}

Result<std::string> WriteKos(const KosDocument& doc) {
  XDS_RETURN_IF_ERROR(Check(doc));
  DcmFileFormat file;
  DcmDataset& ds = *file.getDataset();
  const StudyInfo& st = doc.study;
  // SOP Common (PS3.3 C.12.1).
  if (!doc.specific_character_set.empty()) Put(ds, DCM_SpecificCharacterSet, doc.specific_character_set);
  Put(ds, DCM_SOPClassUID, kKosSopClassUid);
  Put(ds, DCM_SOPInstanceUID, doc.sop_instance_uid);
  // Patient (C.7.1.1) and General Study (C.7.2.1), copied from the images.
  Put(ds, DCM_PatientName, st.patient_name);
  Put(ds, DCM_PatientID, st.patient_id);
  if (!st.issuer_of_patient_id.empty()) Put(ds, DCM_IssuerOfPatientID, st.issuer_of_patient_id);
  Put(ds, DCM_PatientBirthDate, st.patient_birth_date);
  Put(ds, DCM_PatientSex, st.patient_sex);
  Put(ds, DCM_StudyInstanceUID, st.study_instance_uid);
  Put(ds, DCM_StudyDate, st.study_date);
  Put(ds, DCM_StudyTime, st.study_time);
  Put(ds, DCM_ReferringPhysicianName, st.referring_physician_name);
  Put(ds, DCM_StudyID, st.study_id);
  Put(ds, DCM_AccessionNumber, st.accession_number);
  if (!st.study_description.empty()) Put(ds, DCM_StudyDescription, st.study_description);
  // Key Object Document Series (C.17.6.1): modality KO, its own series.
  Put(ds, DCM_Modality, "KO");
  Put(ds, DCM_SeriesInstanceUID, doc.series_instance_uid);
  Put(ds, DCM_SeriesNumber, doc.series_number);
  ds.insertEmptyElement(DCM_ReferencedPerformedProcedureStepSequence);  // type 2
  // General Equipment (C.7.5.1).
  Put(ds, DCM_Manufacturer, doc.manufacturer);
  // Key Object Document (C.17.6.2).
  Put(ds, DCM_InstanceNumber, doc.instance_number);
  Put(ds, DCM_ContentDate, doc.content_date.empty() ? Now("%Y%m%d") : doc.content_date);
  Put(ds, DCM_ContentTime, doc.content_time.empty() ? Now("%H%M%S") : doc.content_time);
  // Referenced Request Sequence (0040,A370), 1C: the order the study
  // fulfils, identified by its accession number (RAD TF-3 4.68.4.1.2.3).
  if (!st.accession_number.empty()) {
    DcmItem* req = NewItem(ds, DCM_ReferencedRequestSequence);
    Put(*req, DCM_StudyInstanceUID, st.study_instance_uid);
    Put(*req, DCM_AccessionNumber, st.accession_number);
    req->insertEmptyElement(DCM_ReferencedStudySequence);
    Put(*req, DCM_RequestedProcedureID, "");
    Put(*req, DCM_RequestedProcedureDescription, "");
    req->insertEmptyElement(DCM_RequestedProcedureCodeSequence);
    Put(*req, DCM_PlacerOrderNumberImagingServiceRequest, "");
    Put(*req, DCM_FillerOrderNumberImagingServiceRequest, "");
  }
  // Current Requested Procedure Evidence Sequence (0040,A375): every series
  // and instance, with where to retrieve it (xds-i.md §2.1).
  DcmItem* evidence = NewItem(ds, DCM_CurrentRequestedProcedureEvidenceSequence);
  Put(*evidence, DCM_StudyInstanceUID, st.study_instance_uid);
  for (const auto& s : doc.series) {
    DcmItem* si = NewItem(*evidence, DCM_ReferencedSeriesSequence);
    Put(*si, DCM_SeriesInstanceUID, s.series_instance_uid);
    Put(*si, DCM_RetrieveAETitle, s.retrieve_ae_title);
    Put(*si, DCM_RetrieveLocationUID, s.retrieve_location_uid);
    if (!s.retrieve_url.empty()) Put(*si, DCM_RetrieveURL, s.retrieve_url);
    for (const auto& i : s.instances) PutReference(*si, i);
  }
  // SR Document Content (C.17.3), TID 2010: a CONTAINER titled Manifest
  // with one CONTAINS item per referenced instance.
  Put(ds, DCM_ValueType, "CONTAINER");
  PutCode(ds, DCM_ConceptNameCodeSequence, kTitleCode, kTitleScheme, kTitleMeaning);
  Put(ds, DCM_ContinuityOfContent, "SEPARATE");
  DcmItem* tmpl = NewItem(ds, DCM_ContentTemplateSequence);
  Put(*tmpl, DCM_MappingResource, "DCMR");
  Put(*tmpl, DCM_TemplateIdentifier, "2010");
  for (const auto& s : doc.series) {
    for (const auto& i : s.instances) {
      DcmItem* c = NewItem(ds, DCM_ContentSequence);
      Put(*c, DCM_RelationshipType, "CONTAINS");
      Put(*c, DCM_ValueType, dcmIsaStorageSOPClassUID(i.sop_class_uid.c_str(), ESSC_Image) ? "IMAGE" : "COMPOSITE");
      PutReference(*c, i);
    }
  }
  return internal::WritePart10(file, EXS_LittleEndianExplicit, true);
}

Result<KosDocument> ReadKos(std::string_view part10) {
  auto file = internal::LoadPart10(part10, false);
  if (!file.ok()) return file.status();
  DcmDataset& ds = *(*file)->getDataset();
  KosDocument doc;
  doc.sop_class_uid = Get(ds, DCM_SOPClassUID);
  if (doc.sop_class_uid != kKosSopClassUid)
    return Status::InvalidArgument("not a Key Object Selection Document: SOP Class " + doc.sop_class_uid);
  doc.sop_instance_uid = Get(ds, DCM_SOPInstanceUID);
  doc.specific_character_set = Get(ds, DCM_SpecificCharacterSet);
  StudyInfo& st = doc.study;
  st.patient_name = Get(ds, DCM_PatientName);
  st.patient_id = Get(ds, DCM_PatientID);
  st.issuer_of_patient_id = Get(ds, DCM_IssuerOfPatientID);
  st.patient_birth_date = Get(ds, DCM_PatientBirthDate);
  st.patient_sex = Get(ds, DCM_PatientSex);
  st.study_instance_uid = Get(ds, DCM_StudyInstanceUID);
  st.study_date = Get(ds, DCM_StudyDate);
  st.study_time = Get(ds, DCM_StudyTime);
  st.referring_physician_name = Get(ds, DCM_ReferringPhysicianName);
  st.study_id = Get(ds, DCM_StudyID);
  st.accession_number = Get(ds, DCM_AccessionNumber);
  st.study_description = Get(ds, DCM_StudyDescription);
  doc.modality = Get(ds, DCM_Modality);
  doc.series_instance_uid = Get(ds, DCM_SeriesInstanceUID);
  doc.series_number = Get(ds, DCM_SeriesNumber);
  doc.has_referenced_pps_sequence = ds.tagExists(DCM_ReferencedPerformedProcedureStepSequence);
  doc.manufacturer = Get(ds, DCM_Manufacturer);
  doc.instance_number = Get(ds, DCM_InstanceNumber);
  doc.content_date = Get(ds, DCM_ContentDate);
  doc.content_time = Get(ds, DCM_ContentTime);
  for (DcmItem* req : Items(ds, DCM_ReferencedRequestSequence)) {
    doc.request_study_instance_uid = Get(*req, DCM_StudyInstanceUID);
    doc.request_accession_number = Get(*req, DCM_AccessionNumber);
  }
  for (DcmItem* ev : Items(ds, DCM_CurrentRequestedProcedureEvidenceSequence)) {
    for (DcmItem* si : Items(*ev, DCM_ReferencedSeriesSequence)) {
      KosSeries s;
      s.series_instance_uid = Get(*si, DCM_SeriesInstanceUID);
      s.retrieve_ae_title = Get(*si, DCM_RetrieveAETitle);
      s.retrieve_location_uid = Get(*si, DCM_RetrieveLocationUID);
      s.retrieve_url = Get(*si, DCM_RetrieveURL);
      for (DcmItem* r : Items(*si, DCM_ReferencedSOPSequence))
        s.instances.push_back({Get(*r, DCM_ReferencedSOPClassUID), Get(*r, DCM_ReferencedSOPInstanceUID)});
      doc.series.push_back(std::move(s));
    }
  }
  for (DcmItem* c : Items(ds, DCM_ConceptNameCodeSequence)) {
    doc.title_code = Get(*c, DCM_CodeValue);
    doc.title_scheme = Get(*c, DCM_CodingSchemeDesignator);
    doc.title_meaning = Get(*c, DCM_CodeMeaning);
  }
  for (DcmItem* t : Items(ds, DCM_ContentTemplateSequence)) {
    doc.mapping_resource = Get(*t, DCM_MappingResource);
    doc.template_identifier = Get(*t, DCM_TemplateIdentifier);
  }
  doc.continuity_of_content = Get(ds, DCM_ContinuityOfContent);
  for (DcmItem* c : Items(ds, DCM_ContentSequence))
    doc.content.push_back({Get(*c, DCM_RelationshipType), Get(*c, DCM_ValueType), ReadReference(*c)});
  return doc;
}

}  // namespace xds::imaging

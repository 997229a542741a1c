#include "tests/imaging-source/support/study_generator.h"

#include <fstream>
#include <iterator>
#include <map>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmjpls/djrparam.h"
#include "imaging-source/dicom/dcmtk_env.h"
#include "imaging-source/dicom/uid.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"

namespace xds::imaging::testing {
namespace {

const char* SopClassFor(const std::string& modality) {
  if (modality == "MR") return UID_MRImageStorage;
  if (modality == "CR") return UID_ComputedRadiographyImageStorage;
  return UID_CTImageStorage;
}

void Put(DcmDataset& ds, const DcmTagKey& tag, const std::string& v) { ds.putAndInsertString(tag, v.c_str()); }

}  // namespace

std::vector<std::string> GeneratedStudy::Files() const {
  std::vector<std::string> out;
  for (const auto& s : series)
    for (const auto& i : s.instances) out.push_back(i.path);
  return out;
}

const GeneratedInstance* GeneratedStudy::Find(const std::string& uid) const {
  for (const auto& s : series)
    for (const auto& i : s.instances)
      if (i.sop_instance_uid == uid) return &i;
  return nullptr;
}

size_t GeneratedStudy::InstanceCount() const {
  size_t n = 0;
  for (const auto& s : series) n += s.instances.size();
  return n;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

Status LoadStudy(DcmqrscpPacs& pacs, const GeneratedStudy& study) {
  std::map<std::string, std::vector<std::string>> by_syntax;
  for (const auto& s : study.series)
    for (const auto& i : s.instances) by_syntax[i.transfer_syntax_uid].push_back(i.path);
  for (const auto& [ts, files] : by_syntax) XDS_RETURN_IF_ERROR(pacs.Load(files, ts));
  return Status::Ok();
}

StudySpec MixedStudySpec() {
  StudySpec spec;
  spec.series = {
      {"CT", UID_LittleEndianExplicitTransferSyntax, 4, 64, 64, "CHEST"},
      {"CT", UID_LittleEndianExplicitTransferSyntax, 2, 32, 32, "CHEST"},
      {"MR", UID_LittleEndianImplicitTransferSyntax, 3, 64, 64, "HEAD"},
      {"CR", UID_JPEGLSLosslessTransferSyntax, 2, 128, 96, "CHEST"},
  };
  return spec;
}

Result<GeneratedStudy> GenerateStudy(const StudySpec& spec, const std::string& dir) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  GeneratedStudy study;
  study.spec = spec;
  study.study_instance_uid = spec.study_instance_uid.empty() ? NewDicomUid() : spec.study_instance_uid;
  int series_number = spec.first_series_number - 1;
  for (const auto& ss : spec.series) {
    GeneratedSeries gs;
    gs.series_instance_uid = NewDicomUid();
    gs.modality = ss.modality;
    ++series_number;
    for (int n = 1; n <= ss.instances; ++n) {
      DcmFileFormat file;
      DcmDataset& ds = *file.getDataset();
      GeneratedInstance gi;
      gi.sop_class_uid = SopClassFor(ss.modality);
      gi.sop_instance_uid = NewDicomUid();
      gi.transfer_syntax_uid = ss.transfer_syntax;
      Put(ds, DCM_SOPClassUID, gi.sop_class_uid);
      Put(ds, DCM_SOPInstanceUID, gi.sop_instance_uid);
      Put(ds, DCM_PatientName, spec.patient_name);
      Put(ds, DCM_PatientID, spec.patient_id);
      Put(ds, DCM_IssuerOfPatientID, spec.issuer_of_patient_id);
      Put(ds, DCM_PatientBirthDate, spec.birth_date);
      Put(ds, DCM_PatientSex, spec.sex);
      Put(ds, DCM_StudyInstanceUID, study.study_instance_uid);
      Put(ds, DCM_StudyDate, spec.study_date);
      Put(ds, DCM_StudyTime, spec.study_time);
      Put(ds, DCM_AccessionNumber, spec.accession_number);
      Put(ds, DCM_StudyID, spec.study_id);
      Put(ds, DCM_ReferringPhysicianName, spec.referring_physician);
      Put(ds, DCM_StudyDescription, spec.description);
      Put(ds, DCM_SeriesInstanceUID, gs.series_instance_uid);
      Put(ds, DCM_SeriesNumber, std::to_string(series_number));
      Put(ds, DCM_Modality, ss.modality);
      Put(ds, DCM_BodyPartExamined, ss.body_part);
      Put(ds, DCM_InstanceNumber, std::to_string(n));
      Put(ds, DCM_SamplesPerPixel, "1");
      Put(ds, DCM_PhotometricInterpretation, "MONOCHROME2");
      ds.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(ss.rows));
      ds.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(ss.columns));
      ds.putAndInsertUint16(DCM_BitsAllocated, 16);
      ds.putAndInsertUint16(DCM_BitsStored, 12);
      ds.putAndInsertUint16(DCM_HighBit, 11);
      ds.putAndInsertUint16(DCM_PixelRepresentation, 0);
      // A pattern that differs per instance and series, so a mix-up shows.
      std::vector<Uint16> pixels(static_cast<size_t>(ss.rows) * ss.columns);
      for (size_t p = 0; p < pixels.size(); ++p)
        pixels[p] = static_cast<Uint16>((p * 7 + n * 131 + series_number * 977) % 4096);
      ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));

      E_TransferSyntax xfer = DcmXfer(ss.transfer_syntax.c_str()).getXfer();
      if (DcmXfer(xfer).isEncapsulated()) {
        DJLSRepresentationParameter params(2, OFTrue);
        OFCondition c = ds.chooseRepresentation(xfer, &params);
        if (c.bad() || !ds.canWriteXfer(xfer))
          return Status::Internal("cannot encode test image in " + ss.transfer_syntax + ": " + c.text());
      }
      gi.path = dir + "/" + gi.sop_instance_uid + ".dcm";
      // Without group lengths, explicit item lengths: what a PACS passes on
      // unchanged, so byte comparisons are meaningful.
      OFCondition c = file.saveFile(gi.path.c_str(), xfer, EET_ExplicitLength, EGL_withoutGL);
      if (c.bad()) return Status::IoError("cannot write " + gi.path + ": " + c.text());
      gs.instances.push_back(std::move(gi));
    }
    study.series.push_back(std::move(gs));
  }
  return study;
}

}  // namespace xds::imaging::testing

#include "imaging-source/dicom/dicom_file.h"

#include <memory>
#include <sstream>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcmetinf.h"
#include "dcmtk/dcmdata/dcjson.h"
#include "dcmtk/dcmdata/dcpixel.h"
#include "dcmtk/dcmdata/dcpixseq.h"
#include "dcmtk/dcmdata/dcpxitem.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "imaging-source/dicom/part10_io.h"

namespace xds::imaging {
namespace {

constexpr size_t kPreambleAndMagic = 132;  // PS3.10 7.1: 128-byte preamble + "DICM"

bool IsPart10(std::string_view b) {
  return b.size() >= kPreambleAndMagic && b.substr(128, 4) == "DICM";
}

Result<std::unique_ptr<DcmFileFormat>> Load(std::string_view bytes, bool stop_at_pixels) {
  return internal::LoadPart10(bytes, stop_at_pixels);
}

std::string Get(DcmItem& item, const DcmTagKey& tag) {
  OFString v;
  if (item.findAndGetOFStringArray(tag, v).bad()) return {};
  return v.c_str();
}

int GetInt(DcmItem& item, const DcmTagKey& tag, int fallback) {
  std::string v = Get(item, tag);
  if (v.empty()) return fallback;
  try {
    return std::stoi(v);
  } catch (...) {
    return fallback;
  }
}

std::string FrameMediaType(E_TransferSyntax ts) {
  // PS3.18 Table 8.7.3-2 (rendered / bulk data media types per syntax).
  switch (ts) {
    case EXS_JPEGProcess1:
    case EXS_JPEGProcess2_4:
    case EXS_JPEGProcess14:
    case EXS_JPEGProcess14SV1: return "image/jpeg";
    case EXS_JPEGLSLossless:
    case EXS_JPEGLSLossy: return "image/jls";
    case EXS_JPEG2000LosslessOnly:
    case EXS_JPEG2000: return "image/jp2";
    case EXS_RLELossless: return "image/x-dicom-rle";
    default: return "application/octet-stream";
  }
}

}  // namespace

namespace {

DicomFileInfo InfoOf(DcmFileFormat& ff) {
  DcmDataset& ds = *ff.getDataset();
  DcmMetaInfo* meta = ff.getMetaInfo();
  DicomFileInfo info;
  OFString ts;
  if (meta->findAndGetOFString(DCM_TransferSyntaxUID, ts).good()) info.transfer_syntax_uid = ts.c_str();
  info.sop_class_uid = Get(ds, DCM_SOPClassUID);
  info.sop_instance_uid = Get(ds, DCM_SOPInstanceUID);
  info.study_instance_uid = Get(ds, DCM_StudyInstanceUID);
  info.series_instance_uid = Get(ds, DCM_SeriesInstanceUID);
  info.patient_id = Get(ds, DCM_PatientID);
  info.issuer_of_patient_id = Get(ds, DCM_IssuerOfPatientID);
  info.patient_name = Get(ds, DCM_PatientName);
  info.modality = Get(ds, DCM_Modality);
  info.body_part_examined = Get(ds, DCM_BodyPartExamined);
  info.accession_number = Get(ds, DCM_AccessionNumber);
  info.number_of_frames = GetInt(ds, DCM_NumberOfFrames, 1);
  info.rows = GetInt(ds, DCM_Rows, 0);
  info.columns = GetInt(ds, DCM_Columns, 0);
  return info;
}

}  // namespace

Result<DicomFileInfo> ReadDicomInfo(std::string_view part10) {
  auto ff = Load(part10, true);
  if (!ff.ok()) return ff.status();
  return InfoOf(**ff);
}

Result<DicomFileInfo> ReadDicomFileInfo(const std::string& path) {
  DcmFileFormat ff;
  // Up to the pixel data: the bulk of the file is never read.
  OFCondition cond = ff.loadFileUntilTag(path.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect,
                                         DCM_PixelData);
  if (cond.bad()) return Status::InvalidArgument(path + " is not a readable DICOM file: " + cond.text());
  return InfoOf(ff);
}

Result<std::string> DataSetBytes(std::string_view b) {
  if (!IsPart10(b)) return Status::InvalidArgument("not a DICOM Part 10 file (no DICM prefix)");
  // The File Meta Information is always Explicit VR Little Endian
  // (PS3.10 7.1); walk its elements to where group 0002 ends.
  size_t pos = kPreambleAndMagic;
  auto u16 = [&](size_t at) { return static_cast<uint16_t>(uint8_t(b[at]) | (uint8_t(b[at + 1]) << 8)); };
  while (pos + 8 <= b.size() && u16(pos) == 0x0002) {
    std::string_view vr = b.substr(pos + 4, 2);
    uint32_t length;
    size_t header;
    if (vr == "OB" || vr == "OW" || vr == "OF" || vr == "SQ" || vr == "UT" || vr == "UN" || vr == "UC" ||
        vr == "UR" || vr == "OD" || vr == "OL" || vr == "OV") {
      if (pos + 12 > b.size()) break;
      length = static_cast<uint32_t>(u16(pos + 8)) | (static_cast<uint32_t>(u16(pos + 10)) << 16);
      header = 12;
    } else {
      length = u16(pos + 6);
      header = 8;
    }
    if (length == 0xFFFFFFFFu || pos + header + length > b.size())
      return Status::InvalidArgument("malformed File Meta Information");
    pos += header + length;
  }
  return std::string(b.substr(pos));
}

Result<std::string> NativePixelData(std::string_view part10) {
  auto ff = Load(part10, false);
  if (!ff.ok()) return ff.status();
  DcmDataset* ds = (*ff)->getDataset();
  DcmXfer original(ds->getOriginalXfer());
  if (original.isEncapsulated()) {
    OFCondition cond = ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
    if (cond.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit))
      return Status::InvalidArgument("cannot decode pixel data: " + std::string(cond.text()));
  }
  DcmElement* pixels = nullptr;
  if (ds->findAndGetElement(DCM_PixelData, pixels).bad() || pixels == nullptr)
    return Status::NotFound("no pixel data");
  Uint8* data = nullptr;
  if (pixels->getUint8Array(data).bad() || data == nullptr) return Status::InvalidArgument("unreadable pixel data");
  return std::string(reinterpret_cast<const char*>(data), pixels->getLength());
}

Result<std::string> FrameBytes(std::string_view part10, int number, std::string* media_type) {
  auto ff = Load(part10, false);
  if (!ff.ok()) return ff.status();
  DcmDataset* ds = (*ff)->getDataset();
  int frames = GetInt(*ds, DCM_NumberOfFrames, 1);
  if (number < 1 || number > frames)
    return Status::NotFound("frame " + std::to_string(number) + " of " + std::to_string(frames));
  DcmElement* element = nullptr;
  if (ds->findAndGetElement(DCM_PixelData, element).bad() || element == nullptr)
    return Status::NotFound("no pixel data");
  auto* pixels = static_cast<DcmPixelData*>(element);
  E_TransferSyntax ts = ds->getOriginalXfer();
  if (media_type != nullptr) *media_type = FrameMediaType(ts);
  if (!DcmXfer(ts).isEncapsulated()) {
    Uint8* data = nullptr;
    if (pixels->getUint8Array(data).bad() || data == nullptr) return Status::InvalidArgument("unreadable pixel data");
    size_t size = pixels->getLength() / static_cast<size_t>(frames);
    return std::string(reinterpret_cast<const char*>(data) + size * static_cast<size_t>(number - 1), size);
  }
  DcmPixelSequence* seq = nullptr;
  if (pixels->getEncapsulatedRepresentation(ts, nullptr, seq).bad() || seq == nullptr)
    return Status::InvalidArgument("no encapsulated pixel data");
  // Item 0 is the Basic Offset Table (PS3.5 A.4). One frame: all
  // fragments; as many fragments as frames: one each.
  unsigned long fragments = seq->card() > 0 ? seq->card() - 1 : 0;
  auto fragment = [&](unsigned long i, std::string& out) -> Status {
    DcmPixelItem* item = nullptr;
    if (seq->getItem(item, i).bad() || item == nullptr) return Status::InvalidArgument("missing fragment");
    Uint8* data = nullptr;
    if (item->getLength() > 0 && (item->getUint8Array(data).bad() || data == nullptr))
      return Status::InvalidArgument("unreadable fragment");
    out.append(reinterpret_cast<const char*>(data), item->getLength());
    return Status::Ok();
  };
  std::string out;
  if (frames == 1) {
    for (unsigned long i = 1; i <= fragments; ++i) XDS_RETURN_IF_ERROR(fragment(i, out));
  } else if (fragments == static_cast<unsigned long>(frames)) {
    XDS_RETURN_IF_ERROR(fragment(static_cast<unsigned long>(number), out));
  } else {
    return Status::InvalidArgument("multi-fragment frames are not supported yet");
  }
  return out;
}

Result<std::string> DicomJson(std::string_view part10) {
  auto ff = Load(part10, false);
  if (!ff.ok()) return ff.status();
  DcmDataset* ds = (*ff)->getDataset();
  // Bulk data stays out of the metadata answer (PS3.18 10.4.1.2).
  for (unsigned long i = ds->card(); i-- > 0;) {
    DcmElement* e = ds->getElement(i);
    DcmEVR vr = e->ident();
    bool binary = vr == EVR_OB || vr == EVR_OW || vr == EVR_OF || vr == EVR_OD || vr == EVR_OL ||
                  vr == EVR_UN || vr == EVR_pixelSQ || vr == EVR_PixelData || vr == EVR_OverlayData;
    if (e->getTag() == DCM_PixelData || (binary && e->getLength() > 1024)) delete ds->remove(e);
  }
  std::ostringstream out;
  DcmJsonFormatCompact format(OFFalse);
  OFCondition cond = ds->writeJson(out, format);
  if (cond.bad()) return Status::Internal("DICOM JSON: " + std::string(cond.text()));
  return out.str();
}

}  // namespace xds::imaging

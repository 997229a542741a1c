// Reading DICOM Part 10 files (PS3.10 7.1) held in memory: the few header
// attributes the imaging source routes and describes instances by, the data
// set bytes after the File Meta Information, decoded pixel data, single
// frames (WADO-RS, PS3.18 10.4.1.1.4) and the DICOM JSON model (PS3.18
// F.2) of the header. Pure functions over byte strings; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "wire/base/status.h"

namespace xds::imaging {

struct DicomFileInfo {
  std::string transfer_syntax_uid;  // from the File Meta Information
  std::string sop_class_uid;
  std::string sop_instance_uid;
  std::string study_instance_uid;
  std::string series_instance_uid;
  std::string patient_id;
  std::string issuer_of_patient_id;
  std::string patient_name;
  std::string modality;
  std::string body_part_examined;
  std::string accession_number;
  int number_of_frames = 1;
  int rows = 0;
  int columns = 0;
};

// Parses the header up to (not including) the pixel data.
// InvalidArgument when `part10` is not a DICOM Part 10 file.
Result<DicomFileInfo> ReadDicomInfo(std::string_view part10);
// The same from a Part 10 file on disk, reading its header only.
Result<DicomFileInfo> ReadDicomFileInfo(const std::string& path);

// The bytes after the File Meta Information group (0002,xxxx): the data set
// exactly as encoded. Two files whose data sets are equal here are the same
// instance bit for bit, whoever wrote their meta header.
Result<std::string> DataSetBytes(std::string_view part10);

// The pixel data decoded to native form (all frames, PS3.5 8.1.1).
Result<std::string> NativePixelData(std::string_view part10);

// Frame `number` (1-based). Native data sets: the frame's bytes; compressed
// ones: the frame's compressed bitstream (PS3.5 A.4, one fragment or more).
// `media_type` is set to application/octet-stream or the image/* type of
// the compressed stream (PS3.18 8.7.3.5.2). NotFound for a frame number
// beyond NumberOfFrames.
Result<std::string> FrameBytes(std::string_view part10, int number, std::string* media_type);

// The DICOM JSON model of the header, without bulk data (PixelData and
// other binary values over 1 KiB are left out; PS3.18 F.2.7 allows
// BulkDataURI instead, not offered yet).
Result<std::string> DicomJson(std::string_view part10);

}  // namespace xds::imaging

// Generated test studies: real DICOM Part 10 files written with DCMTK, with
// deterministic pixel patterns, in chosen transfer syntaxes, described by
// plain structs so tests can compare what comes back with what was loaded.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds::imaging::testing {

struct SeriesSpec {
  std::string modality;          // CT, MR or CR (decides the SOP class)
  std::string transfer_syntax;   // UID the file is written in
  int instances = 3;
  int rows = 64;
  int columns = 64;
  std::string body_part = "CHEST";
};

struct StudySpec {
  std::string patient_id = "LOC-4711";
  std::string issuer_of_patient_id = "SITE-A";
  std::string patient_name = "DOE^JANE";
  std::string birth_date = "19700101";
  std::string sex = "F";
  std::string study_date = "20240315";
  std::string study_time = "101500";
  std::string accession_number = "ACC-0001";
  std::string study_id = "S1";
  std::string referring_physician = "HOUSE^GREGORY";
  std::string description = "TEST STUDY";
  std::vector<SeriesSpec> series;
  // Set to add series to a study generated earlier (a study that grows).
  std::string study_instance_uid;  // empty: a new UID
  int first_series_number = 1;
};

struct GeneratedInstance {
  std::string sop_class_uid;
  std::string sop_instance_uid;
  std::string transfer_syntax_uid;
  std::string path;  // the Part 10 file
};

struct GeneratedSeries {
  std::string series_instance_uid;
  std::string modality;
  std::vector<GeneratedInstance> instances;
};

struct GeneratedStudy {
  StudySpec spec;
  std::string study_instance_uid;
  std::vector<GeneratedSeries> series;

  std::vector<std::string> Files() const;
  const GeneratedInstance* Find(const std::string& sop_instance_uid) const;
  size_t InstanceCount() const;
};

// Writes the study's files into `dir` (which must exist).
Result<GeneratedStudy> GenerateStudy(const StudySpec& spec, const std::string& dir);

// A CT (explicit LE), MR (implicit LE) and CR (JPEG-LS lossless) study: the
// mix the imaging-source tests run against.
StudySpec MixedStudySpec();

class DcmqrscpPacs;
// Loads every file of `study` into `pacs`, grouped by transfer syntax.
Status LoadStudy(DcmqrscpPacs& pacs, const GeneratedStudy& study);

std::string ReadFileBytes(const std::string& path);

}  // namespace xds::imaging::testing

#include "imaging-source/dicomweb/qido_json.h"

#include <nlohmann/json.hpp>

namespace xds::imaging::dicomweb {
namespace {

using nlohmann::json;

// One attribute's value as the DIMSE path reads it (findAndGetOFStringArray):
// several values joined by '\'. PS3.18 F.2.3: strings are JSON strings,
// IS/DS/US... may be JSON numbers, PN an object of component groups
// (the Alphabetic one is the DICOM "FAMILY^GIVEN" text).
std::string Text(const json& object, const char* tag) {
  auto attribute = object.find(tag);
  if (attribute == object.end() || !attribute->is_object()) return {};
  auto values = attribute->find("Value");
  if (values == attribute->end() || !values->is_array()) return {};
  std::string out;
  bool first = true;
  for (const json& v : *values) {
    if (!first) out += '\\';
    first = false;
    if (v.is_string()) {
      out += v.get<std::string>();
    } else if (v.is_number_integer()) {
      out += std::to_string(v.get<int64_t>());
    } else if (v.is_number()) {
      out += v.dump();
    } else if (v.is_object() && v.contains("Alphabetic") && v["Alphabetic"].is_string()) {
      out += v["Alphabetic"].get<std::string>();
    }
  }
  return out;
}

template <typename T, typename Read>
Result<std::vector<T>> ParseArray(std::string_view body, Read read) {
  std::vector<T> out;
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return out;
  json parsed = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array())
    return Status::InvalidArgument("QIDO-RS answer is not a DICOM JSON array");
  for (const json& match : parsed) {
    if (!match.is_object()) return Status::InvalidArgument("QIDO-RS answer holds a non-object match");
    out.push_back(read(match));
  }
  return out;
}

}  // namespace

Result<std::vector<StudyInfo>> ParseStudies(std::string_view body) {
  return ParseArray<StudyInfo>(body, [](const json& m) {
    StudyInfo s;
    s.study_instance_uid = Text(m, "0020000D");
    s.patient_id = Text(m, "00100020");
    s.issuer_of_patient_id = Text(m, "00100021");
    s.patient_name = Text(m, "00100010");
    s.patient_birth_date = Text(m, "00100030");
    s.patient_sex = Text(m, "00100040");
    s.study_date = Text(m, "00080020");
    s.study_time = Text(m, "00080030");
    s.accession_number = Text(m, "00080050");
    s.study_id = Text(m, "00200010");
    s.referring_physician_name = Text(m, "00080090");
    s.study_description = Text(m, "00081030");
    return s;
  });
}

Result<std::vector<SeriesInfo>> ParseSeries(std::string_view body) {
  return ParseArray<SeriesInfo>(body, [](const json& m) {
    SeriesInfo s;
    s.series_instance_uid = Text(m, "0020000E");
    s.modality = Text(m, "00080060");
    s.series_number = Text(m, "00200011");
    s.series_description = Text(m, "0008103E");
    s.body_part_examined = Text(m, "00180015");
    return s;
  });
}

Result<std::vector<InstanceInfo>> ParseInstances(std::string_view body) {
  return ParseArray<InstanceInfo>(body, [](const json& m) {
    InstanceInfo i;
    i.sop_instance_uid = Text(m, "00080018");
    i.sop_class_uid = Text(m, "00080016");
    i.instance_number = Text(m, "00200013");
    return i;
  });
}

}  // namespace xds::imaging::dicomweb

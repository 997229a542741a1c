// QIDO-RS answers (DICOM JSON, PS3.18 F.2) read into the C-FIND records:
// literal bodies as a PACS sends them, including the value shapes that are
// not strings (PN objects, IS/US numbers, several values) and bodies that
// are not a DICOM JSON array.
#include "imaging-source/dicomweb/qido_json.h"

#include <gtest/gtest.h>

namespace xds::imaging::dicomweb {
namespace {

TEST(QidoJsonTest, StudyFieldsAsCFindFillsThem) {
  auto studies = ParseStudies(R"([{
    "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
    "00100020": {"vr": "LO", "Value": ["LOC-4711"]},
    "00100021": {"vr": "LO", "Value": ["SITE-A"]},
    "00100010": {"vr": "PN", "Value": [{"Alphabetic": "DOE^JANE", "Ideographic": "x"}]},
    "00100030": {"vr": "DA", "Value": ["19700101"]},
    "00100040": {"vr": "CS", "Value": ["F"]},
    "00080020": {"vr": "DA", "Value": ["20240315"]},
    "00080030": {"vr": "TM", "Value": ["101500"]},
    "00080050": {"vr": "SH", "Value": ["ACC-0001"]},
    "00200010": {"vr": "SH", "Value": ["S1"]},
    "00080090": {"vr": "PN", "Value": [{"Alphabetic": "HOUSE^GREGORY"}]},
    "00081030": {"vr": "LO", "Value": ["TEST STUDY"]}
  }])");
  ASSERT_TRUE(studies.ok()) << studies.status().ToString();
  ASSERT_EQ(studies->size(), 1u);
  const StudyInfo& s = studies->front();
  EXPECT_EQ(s.study_instance_uid, "1.2.3");
  EXPECT_EQ(s.patient_id, "LOC-4711");
  EXPECT_EQ(s.issuer_of_patient_id, "SITE-A");
  EXPECT_EQ(s.patient_name, "DOE^JANE");
  EXPECT_EQ(s.patient_birth_date, "19700101");
  EXPECT_EQ(s.patient_sex, "F");
  EXPECT_EQ(s.study_date, "20240315");
  EXPECT_EQ(s.study_time, "101500");
  EXPECT_EQ(s.accession_number, "ACC-0001");
  EXPECT_EQ(s.study_id, "S1");
  EXPECT_EQ(s.referring_physician_name, "HOUSE^GREGORY");
  EXPECT_EQ(s.study_description, "TEST STUDY");
}

TEST(QidoJsonTest, NumbersSeveralValuesAndAbsentValues) {
  auto series = ParseSeries(R"([{
    "0020000E": {"vr": "UI", "Value": ["1.2.3.4"]},
    "00080060": {"vr": "CS", "Value": ["CT", "PT"]},
    "00200011": {"vr": "IS", "Value": [7]},
    "0008103E": {"vr": "LO"},
    "00180015": {"vr": "CS", "Value": []}
  }])");
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->size(), 1u);
  EXPECT_EQ(series->front().modality, "CT\\PT");  // as findAndGetOFStringArray joins them
  EXPECT_EQ(series->front().series_number, "7");
  EXPECT_EQ(series->front().series_description, "");
  EXPECT_EQ(series->front().body_part_examined, "");

  auto instances = ParseInstances(R"([
    {"00080018": {"vr": "UI", "Value": ["1.2.3.4.5"]}, "00080016": {"vr": "UI", "Value": ["1.2.840.10008.5.1.4.1.1.2"]},
     "00200013": {"vr": "IS", "Value": [3]}},
    {"00080018": {"vr": "UI", "Value": ["1.2.3.4.6"]}}
  ])");
  ASSERT_TRUE(instances.ok());
  ASSERT_EQ(instances->size(), 2u);
  EXPECT_EQ((*instances)[0].sop_class_uid, "1.2.840.10008.5.1.4.1.1.2");
  EXPECT_EQ((*instances)[0].instance_number, "3");
  EXPECT_EQ((*instances)[1].sop_instance_uid, "1.2.3.4.6");
  EXPECT_EQ((*instances)[1].sop_class_uid, "");
}

TEST(QidoJsonTest, EmptyBodyIsNoMatch) {
  for (const char* body : {"", "  \r\n", "[]"}) {
    auto studies = ParseStudies(body);
    ASSERT_TRUE(studies.ok()) << body;
    EXPECT_TRUE(studies->empty());
  }
}

TEST(QidoJsonTest, NotADicomJsonArrayIsInvalid) {
  for (const char* body : {"{}", "[1]", "[{\"0020000D\": ", "<html>not found</html>"}) {
    auto studies = ParseStudies(body);
    ASSERT_FALSE(studies.ok()) << body;
    EXPECT_EQ(studies.status().code(), Status::Code::kInvalidArgument) << body;
  }
}

}  // namespace
}  // namespace xds::imaging::dicomweb

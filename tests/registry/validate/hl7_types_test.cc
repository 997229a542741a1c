// HL7 v2 data type validators (ITI TF-3 Table 4.2.3.1.7-2).
#include "registry/validate/hl7_types.h"

#include <gtest/gtest.h>

namespace xds::registry {
namespace {

TEST(Hl7TypesTest, Dtm) {
  for (const char* ok :
       {"2004", "200412", "20041225", "2004122521", "200412252120", "20041225212010"})
    EXPECT_TRUE(CheckDtm(ok).ok()) << ok;
  for (const char* bad : {"", "200", "20041", "20041325", "20041225246000", "20041225212010.5",
                          "20041225212010+0100", "2004-12-25"})
    EXPECT_FALSE(CheckDtm(bad).ok()) << bad;
}

TEST(Hl7TypesTest, Cx) {
  EXPECT_TRUE(CheckCx("543797436^^^&1.2.840.113619.6.197&ISO").ok());
  for (const char* bad : {
           "543797436",                                 // no assigning authority
           "^^^&1.2.840.113619.6.197&ISO",              // no id
           "543797436^x^^&1.2.840.113619.6.197&ISO",    // CX.2 valued
           "543797436^^^NS&1.2.840.113619.6.197&ISO",   // CX.4.1 valued
           "543797436^^^&1.2.840.113619.6.197&L",       // not ISO
           "543797436^^^&1.2.840.abc&ISO",              // not an OID
           "543797436^^^&1.2.840.113619.6.197&ISO^PI",  // CX.5
           "543797436^^^&1.2.840.113619.6.197",         // two sub-components
           "5437~97436^^^&1.2.840.113619.6.197&ISO",    // repetition separator
       })
    EXPECT_FALSE(CheckCx(bad).ok()) << bad;
}

TEST(Hl7TypesTest, Cxi) {
  EXPECT_TRUE(CheckCxi("2013001^^^&1.2.3.4.5.6&ISO^urn:ihe:iti:xds:2013:accession").ok());
  EXPECT_TRUE(CheckCxi("1.2.3.45.678^^^^urn:ihe:iti:xds:2016:studyInstanceUID").ok());
  EXPECT_FALSE(CheckCxi("2013001^^^&1.2.3.4.5.6&ISO").ok());  // no type code
  EXPECT_FALSE(CheckCxi("^^^&1.2.3&ISO^urn:ihe:iti:xds:2013:order").ok());
  EXPECT_FALSE(CheckCxi("2013001^^^&x&ISO^urn:ihe:iti:xds:2013:order").ok());
}

TEST(Hl7TypesTest, Xcn) {
  for (const char* ok : {"11375^Welby^Marcus^J^Jr. MD^Dr^^^&2.999.6.197&ISO", "^Welby", "11375",
                         "^Welby^Marcus^^^", "11375^^^^^^^^&1.2.3&ISO"})
    EXPECT_TRUE(CheckXcn(ok).ok()) << ok;
  for (const char* bad : {"", "^^Marcus", "11375^Welby^^^^^^^1.2.3", "11375^^^^^^^^&1.2.3&L",
                          "11375^^^^^^^^NS&1.2.3&ISO"})
    EXPECT_FALSE(CheckXcn(bad).ok()) << bad;
}

TEST(Hl7TypesTest, Xon) {
  for (const char* ok : {"Some Hospital", "Some Hospital^^^^^^^^^2.999.1.2.3.4",
                         "Some Hospital^^^^^&2.999.1&ISO^^^^45", "Some Hospital^^^^^^^^^"})
    EXPECT_TRUE(CheckXon(ok).ok()) << ok;
  for (const char* bad :
       {"", "^^^^^^^^^2.999.1", "Some Hospital^^^^^^^^^local-45", "Some Hospital^x",
        "Some Hospital^^^^^&2.999.1&L^^^^45", "Some Hospital^^^^^^^^^2.999.1^extra"})
    EXPECT_FALSE(CheckXon(bad).ok()) << bad;
}

TEST(Hl7TypesTest, Xtn) {
  for (const char* ok :
       {"^^Internet^a@b.org", "^NET^Internet^a@b.org", "^PRS^PH^^^^+31 42 1123 4567",
        "^WPN^PH^^1^216^4445555^12", "^^PH^^^^^^^^^+1 216 444 5555"})
    EXPECT_TRUE(CheckXtn(ok).ok()) << ok;
  for (const char* bad : {"", "^^^a@b.org", "^^Internet", "^PRS^PH^^1^216", "a@b.org"})
    EXPECT_FALSE(CheckXtn(bad).ok()) << bad;
}

TEST(Hl7TypesTest, CodedStringAndString) {
  EXPECT_TRUE(CheckCodedString("PRF^^^&2.16.840.1.113883.5.90&ISO").ok());
  EXPECT_FALSE(CheckCodedString("PRF").ok());
  EXPECT_FALSE(CheckCodedString("PRF^^^&2.16.840.1.113883.5.90&ISO^x").ok());
  EXPECT_TRUE(CheckStringOrCodedString("Attending physician").ok());
  EXPECT_TRUE(CheckStringOrCodedString("PRF^^^&2.16.840.1.113883.5.90&ISO").ok());
  EXPECT_FALSE(CheckStringOrCodedString("PRF^Performer").ok());
  EXPECT_FALSE(CheckStringOrCodedString("").ok());
}

TEST(Hl7TypesTest, Escapes) {
  EXPECT_TRUE(CheckEscapes("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\").ok());
  EXPECT_TRUE(CheckEscapes("no escapes").ok());
  for (const char* bad : {"a\\H\\b", "a\\N\\b", "a\\Z1234\\b", "a\\X0D\\b", "trailing\\", "a\\\\b"})
    EXPECT_FALSE(CheckEscapes(bad).ok()) << bad;
}

TEST(Hl7TypesTest, SourcePatientInfo) {
  EXPECT_EQ(PidFieldNumber("PID-7|19560527"), 7);
  EXPECT_EQ(PidFieldNumber("PID-11|100 Main St^^Metropolis"), 11);
  EXPECT_EQ(PidFieldNumber("PID-0|x"), -1);
  EXPECT_EQ(PidFieldNumber("PID-40|x"), -1);
  EXPECT_EQ(PidFieldNumber("PID-7"), -1);
  EXPECT_EQ(PidFieldNumber("PV1-7|x"), -1);
  EXPECT_TRUE(CheckSourcePatientInfoValue("PID-5|Doe^Jane^^^").ok());
  EXPECT_TRUE(CheckSourcePatientInfoValue("PID-8|").ok());
  EXPECT_FALSE(CheckSourcePatientInfoValue("PID-5 Doe^Jane").ok());
  EXPECT_FALSE(CheckSourcePatientInfoValue("PID-5|Doe\\N\\Jane").ok());
}

TEST(Hl7TypesTest, IntendedRecipient) {
  for (const char* ok : {"Some "
                         "Hospital^^^^^^^^^1.2.3.4.5.6.7.8.9.1789.45|^Wel^Marcy^^^Dr^MD|^^Internet^"
                         "mwel@healthcare.example.org",
                         "Some Hospital", "|^Doe^John", "||^^Internet^a@b.org"})
    EXPECT_TRUE(CheckIntendedRecipient(ok).ok()) << ok;
  for (const char* bad : {"", "|", "||", "Hospital|^Doe|^^Internet^a@b|extra", "|^^John"})
    EXPECT_FALSE(CheckIntendedRecipient(bad).ok()) << bad;
}

}  // namespace
}  // namespace xds::registry

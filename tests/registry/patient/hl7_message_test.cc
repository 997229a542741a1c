#include "registry/patient/hl7_message.h"

#include <gtest/gtest.h>

#include <string>

namespace xds::registry {
namespace {

constexpr char kA01[] =
    "MSH|^~\\&|PIX_SOURCE|HOSPITAL|XDS_REGISTRY|REGION|20240102030405||ADT^A01^ADT_A01|MSG0001|P|2.5\r"
    "EVN||20240102030405\r"
    "PID|||PAT1^^^HOSP&1.2.3.4&ISO~PAT2^^^&1.2.3.5&ISO||DOE^JOHN^Q||19800101|M\r"
    "PV1||I\r";

Hl7Message MustParse(std::string_view text) {
  Result<Hl7Message> message = Hl7Message::Parse(text);
  EXPECT_TRUE(message.ok()) << message.status().ToString();
  return std::move(message).value();
}

TEST(Hl7MessageTest, ReadsSegmentsFieldsAndComponents) {
  Hl7Message message = MustParse(kA01);
  ASSERT_EQ(message.segments().size(), 4u);
  EXPECT_EQ(message.segments()[1].name(), "EVN");
  EXPECT_EQ(message.Get("MSH", 9, 1), "ADT");
  EXPECT_EQ(message.Get("MSH", 9, 2), "A01");
  EXPECT_EQ(message.Get("MSH", 9, 3), "ADT_A01");
  EXPECT_EQ(message.Get("MSH", 10), "MSG0001");
  EXPECT_EQ(message.Get("MSH", 12), "2.5");
  EXPECT_EQ(message.Get("PID", 5, 1), "DOE");
  EXPECT_EQ(message.Get("PID", 5, 2), "JOHN");
  EXPECT_EQ(message.Get("PID", 7), "19800101");
  EXPECT_EQ(message.Get("PID", 8), "M");
}

TEST(Hl7MessageTest, MshFieldsAreNumberedAsInTheStandard) {
  Hl7Message message = MustParse(kA01);
  EXPECT_EQ(message.Get("MSH", 1), "|");
  EXPECT_EQ(message.Get("MSH", 2), "^~\\&");
  EXPECT_EQ(message.Get("MSH", 3), "PIX_SOURCE");
  EXPECT_EQ(message.Get("MSH", 4), "HOSPITAL");
  EXPECT_EQ(message.Get("MSH", 5), "XDS_REGISTRY");
  EXPECT_EQ(message.Get("MSH", 6), "REGION");
  EXPECT_EQ(message.Find("MSH")->RepetitionCount(2), 1u);  // the '~' in MSH-2 is no repetition
}

TEST(Hl7MessageTest, ReadsRepetitionsAndSubcomponents) {
  Hl7Message message = MustParse(kA01);
  const Hl7Segment* pid = message.Find("PID");
  ASSERT_NE(pid, nullptr);
  ASSERT_EQ(pid->RepetitionCount(3), 2u);
  EXPECT_EQ(pid->GetRepetition(3, 1, 1), "PAT1");
  EXPECT_EQ(pid->GetRepetition(3, 1, 4, 1), "HOSP");
  EXPECT_EQ(pid->GetRepetition(3, 1, 4, 2), "1.2.3.4");
  EXPECT_EQ(pid->GetRepetition(3, 1, 4, 3), "ISO");
  EXPECT_EQ(pid->GetRepetition(3, 2, 1), "PAT2");
  EXPECT_EQ(pid->GetRepetition(3, 2, 4, 1), "");
  EXPECT_EQ(pid->GetRepetition(3, 2, 4, 2), "1.2.3.5");
  EXPECT_EQ(pid->RepetitionCount(2), 0u);
}

TEST(Hl7MessageTest, AbsentPositionsAreEmpty) {
  Hl7Message message = MustParse(kA01);
  EXPECT_EQ(message.Get("PID", 40), "");
  EXPECT_EQ(message.Get("PID", 5, 9), "");
  EXPECT_EQ(message.Get("PID", 3, 4, 7), "");
  EXPECT_EQ(message.Find("PID")->GetRepetition(3, 3), "");
  EXPECT_EQ(message.Get("MRG", 1), "");
  EXPECT_EQ(message.Find("MRG"), nullptr);
  EXPECT_EQ(message.Get("PID", 0), "");
}

TEST(Hl7MessageTest, AcceptsLfAndCrLfSegmentEnds) {
  for (std::string_view end : {"\n", "\r\n"}) {
    std::string text = std::string("MSH|^~\\&|A|B|C|D|||ADT^A08|1|P|2.3.1") + std::string(end) +
                       "PID|||X^^^&1.2&ISO" + std::string(end) + std::string(end);
    Hl7Message message = MustParse(text);
    ASSERT_EQ(message.segments().size(), 2u);
    EXPECT_EQ(message.Get("MSH", 12), "2.3.1");
    EXPECT_EQ(message.Get("PID", 3, 4, 2), "1.2");
  }
}

TEST(Hl7MessageTest, UnescapesDelimiterSequences) {
  Hl7Message message = MustParse("MSH|^~\\&|A\\F\\B|C\\S\\D|E\\T\\F|G\\R\\H|I\\E\\J|||ADT^A01|1|P|2.5\r");
  EXPECT_EQ(message.Get("MSH", 3), "A|B");
  EXPECT_EQ(message.Get("MSH", 4), "C^D");
  EXPECT_EQ(message.Get("MSH", 5), "E&F");
  EXPECT_EQ(message.Get("MSH", 6), "G~H");
  EXPECT_EQ(message.Get("MSH", 7), "I\\J");
}

TEST(Hl7MessageTest, EscapedDelimitersDoNotSplit) {
  Hl7Message message = MustParse("MSH|^~\\&|||||||ADT^A01|1|P|2.5\rPID|||A\\S\\B^C\\R\\D~E\r");
  const Hl7Segment* pid = message.Find("PID");
  EXPECT_EQ(pid->RepetitionCount(3), 2u);
  EXPECT_EQ(pid->Get(3, 1), "A^B");
  EXPECT_EQ(pid->Get(3, 2), "C~D");
  EXPECT_EQ(pid->GetRepetition(3, 2), "E");
}

TEST(Hl7MessageTest, UnescapeHandlesHexHighlightAndUnknownSequences) {
  Hl7Delimiters d;
  EXPECT_EQ(Hl7Unescape("\\X414243\\", d), "ABC");
  EXPECT_EQ(Hl7Unescape("a\\H\\bold\\N\\z", d), "aboldz");
  EXPECT_EQ(Hl7Unescape("keep \\Z99\\ as is", d), "keep \\Z99\\ as is");
  EXPECT_EQ(Hl7Unescape("bad hex \\XZZ\\", d), "bad hex \\XZZ\\");
  EXPECT_EQ(Hl7Unescape("unterminated \\F", d), "unterminated \\F");
}

TEST(Hl7MessageTest, EscapeRoundTripsAndLeavesNoDelimiters) {
  Hl7Delimiters d;
  const std::string text = "a|b^c&d~e\\f\rg\nh";
  std::string escaped = Hl7Escape(text, d);
  EXPECT_EQ(escaped.find_first_of("|^&~\r\n"), std::string::npos) << escaped;
  EXPECT_EQ(Hl7Unescape(escaped, d), text);
  EXPECT_EQ(Hl7Escape("plain text", d), "plain text");
}

TEST(Hl7MessageTest, HonoursCustomDelimiters) {
  Hl7Message message = MustParse("MSH#$*@%#APP#FAC#####ADT$A04#7#P#2.5\rPID###X1$$$%1.2.3%ISO*X2@S@Y##DOE$ANN\r");
  EXPECT_EQ(message.delimiters().field, '#');
  EXPECT_EQ(message.delimiters().component, '$');
  EXPECT_EQ(message.delimiters().repetition, '*');
  EXPECT_EQ(message.delimiters().escape, '@');
  EXPECT_EQ(message.delimiters().subcomponent, '%');
  EXPECT_EQ(message.Get("MSH", 2), "$*@%");
  EXPECT_EQ(message.Get("MSH", 9, 2), "A04");
  const Hl7Segment* pid = message.Find("PID");
  EXPECT_EQ(pid->RepetitionCount(3), 2u);
  EXPECT_EQ(pid->Get(3, 4, 2), "1.2.3");
  EXPECT_EQ(pid->GetRepetition(3, 2), "X2$Y");
  EXPECT_EQ(pid->Get(5, 2), "ANN");
}

TEST(Hl7MessageTest, RawFieldKeepsEscapesAndComponents) {
  Hl7Message message = MustParse("MSH|^~\\&|APP^1.2&x|F\\F\\G||||||ADT^A01|1|P|2.5\r");
  EXPECT_EQ(message.Find("MSH")->RawField(3), "APP^1.2&x");
  EXPECT_EQ(message.Find("MSH")->RawField(4), "F\\F\\G");
  EXPECT_EQ(message.Find("MSH")->RawField(99), "");
}

TEST(Hl7MessageTest, FindReturnsTheFirstOfRepeatedSegments) {
  Hl7Message message = MustParse("MSH|^~\\&|||||||ADT^A40|1|P|2.5\rPID|||A\rMRG|B\rPID|||C\rMRG|D\r");
  EXPECT_EQ(message.Get("PID", 3), "A");
  ASSERT_EQ(message.segments().size(), 5u);
  EXPECT_EQ(message.segments()[3].Get(3), "C");
  EXPECT_EQ(message.segments()[4].Get(1), "D");
}

TEST(Hl7MessageTest, RejectsEmptyText) {
  EXPECT_FALSE(Hl7Message::Parse("").ok());
  EXPECT_FALSE(Hl7Message::Parse("\r\n\r").ok());
}

TEST(Hl7MessageTest, RejectsTextWithoutLeadingMsh) {
  Result<Hl7Message> message = Hl7Message::Parse("PID|||123\rMSH|^~\\&|||||||ADT^A01|1|P|2.5\r");
  ASSERT_FALSE(message.ok());
  EXPECT_EQ(message.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(message.status().message().find("MSH"), std::string::npos);
}

TEST(Hl7MessageTest, RejectsBadEncodingCharacters) {
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~|A|B\r").ok());              // too few
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\&^|A|B\r").ok());          // duplicate
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\A|A|B\r").ok());           // a letter
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\ |A|B\r").ok());          // a space
  EXPECT_FALSE(Hl7Message::Parse("MSH").ok());
  EXPECT_TRUE(Hl7Message::Parse("MSH|^~\\&#|A|B\r").ok());           // v2.7 truncation char
}

TEST(Hl7MessageTest, RejectsInvalidSegmentNames) {
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\&|A\rpid|||1\r").ok());
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\&|A\rPIDX|||1\r").ok());
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\&|A\r|||1\r").ok());
  EXPECT_TRUE(Hl7Message::Parse("MSH|^~\\&|A\rZPI|1\rPID\r").ok());
}

TEST(Hl7MessageTest, RejectsBatchesOfMessages) {
  EXPECT_FALSE(Hl7Message::Parse("MSH|^~\\&|A\rPID|||1\rMSH|^~\\&|B\r").ok());
}

}  // namespace
}  // namespace xds::registry

// XmlWriter: escaping in text and attributes, self-closing elements, nesting,
// and that what it writes parses back to what was put in.
#include "wire/xml/xml_writer.h"

#include <gtest/gtest.h>

#include <string>

#include "wire/xml/xml_document.h"

namespace xds::xml {
namespace {

TEST(XmlWriterTest, EmptyElementSelfCloses) {
  XmlWriter w;
  w.Open("a").Close();
  EXPECT_EQ(w.str(), "<a/>");
}

TEST(XmlWriterTest, ElementWithEmptyTextSelfCloses) {
  XmlWriter w;
  w.Element("a", "");
  EXPECT_EQ(w.Take(), "<a/>");
}

TEST(XmlWriterTest, AttributesThenSelfClose) {
  XmlWriter w;
  w.Open("p:a").Attr("xmlns:p", "urn:p").Attr("x", "1").Close();
  EXPECT_EQ(w.Take(), "<p:a xmlns:p=\"urn:p\" x=\"1\"/>");
}

TEST(XmlWriterTest, Nesting) {
  XmlWriter w;
  w.Open("a").Attr("k", "v");
  w.Open("b").Element("c", "text").Open("d").Close().Close();
  w.Element("e", "x");
  w.Close();
  EXPECT_EQ(w.Take(), "<a k=\"v\"><b><c>text</c><d/></b><e>x</e></a>");
}

TEST(XmlWriterTest, TextIsEscaped) {
  XmlWriter w;
  w.Element("a", "x < y && z > w \"q\" 'r' ]]>");
  EXPECT_EQ(w.Take(), "<a>x &lt; y &amp;&amp; z &gt; w \"q\" 'r' ]]&gt;</a>");
}

TEST(XmlWriterTest, AttributeIsEscaped) {
  XmlWriter w;
  w.Open("a").Attr("v", "<&>\"'").Close();
  EXPECT_EQ(w.Take(), "<a v=\"&lt;&amp;&gt;&quot;'\"/>");
}

TEST(XmlWriterTest, WhitespaceInAttributesIsEncoded) {
  // A raw newline or tab in an attribute would be normalised to a space by
  // any parser; only character references survive.
  std::string out;
  XmlWriter::AppendEscaped(out, "a\nb\tc\rd", true);
  EXPECT_EQ(out, "a&#10;b&#9;c&#13;d");
  out.clear();
  XmlWriter::AppendEscaped(out, "a\nb\tc\rd", false);
  EXPECT_EQ(out, "a\nb\tc&#13;d");
}

TEST(XmlWriterTest, EscapingLeavesUtf8Alone) {
  XmlWriter w;
  w.Element("a", "Müller – 日本");
  EXPECT_EQ(w.Take(), "<a>Müller – 日本</a>");
}

TEST(XmlWriterTest, RawIsAppendedVerbatim) {
  XmlWriter w;
  w.Open("a").Raw("<b x=\"&amp;\"/>").Text("&").Close();
  EXPECT_EQ(w.Take(), "<a><b x=\"&amp;\"/>&amp;</a>");
}

TEST(XmlWriterTest, TextClosesTheStartTag) {
  XmlWriter w;
  w.Open("a").Text("").Close();
  EXPECT_EQ(w.Take(), "<a></a>");
}

TEST(XmlWriterTest, WhatIsWrittenParsesBackUnchanged) {
  const std::string text = "line1\nline2\r\n\ttab < & > \" ' ]]> Müller";
  const std::string attr = "  lead\tand\ntrail\r  <&>\"'";
  XmlWriter w;
  w.Open("r:root").Attr("xmlns:r", "urn:r").Attr("v", attr);
  w.Open("r:t").Text(text).Close();
  w.Close();
  std::string xml = w.Take();
  auto doc = XmlDocument::Parse(xml);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString() << "\n" << xml;
  EXPECT_TRUE(doc->Root().Is("urn:r", "root"));
  EXPECT_EQ(doc->Root().Attr("v"), attr);
  EXPECT_EQ(doc->Root().FirstChild("urn:r", "t").Text(), text);
}

// Regression (fixed; wire/xml/xml_writer.cc, XmlWriter::AppendEscaped): C0 control
// characters other than tab, LF and CR (U+0001-U+0008, U+000B, U+000C,
// U+000E-U+001F) and bytes that are not UTF-8 are copied through unchanged.
// XML 1.0 allows none of them, not even as character references, so the
// output is not well-formed. Observed: Parse of the result fails with
// "PCDATA invalid Char value 1". Expected: well-formed output (the
// characters dropped or replaced). Reachable from the network: see
// SoapEndpointTest.FaultForAControlCharacterInContentTypeIsWellFormed.
TEST(XmlWriterTest, ControlCharactersStillGiveWellFormedXml) {
  for (const std::string& bad : {std::string("a\x01" "b"), std::string("esc\x1b[0m"), std::string("nul\0x", 5),
                                 std::string("latin1 \xff")}) {
    XmlWriter w;
    w.Open("r").Attr("a", bad).Text(bad).Close();
    std::string xml = w.Take();
    auto doc = XmlDocument::Parse(xml);
    EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  }
}

TEST(XmlWriterTest, StrShowsTheTextSoFar) {
  XmlWriter w;
  w.Open("a");
  EXPECT_EQ(w.str(), "<a");
  w.Text("1");
  EXPECT_EQ(w.str(), "<a>1");
  w.Close();
  EXPECT_EQ(w.Take(), "<a>1</a>");
}

}  // namespace
}  // namespace xds::xml

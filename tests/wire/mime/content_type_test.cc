#include "wire/mime/content_type.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace xds::mime {
namespace {

TEST(ContentTypeTest, ParsesMtomPackageType) {
  Result<ContentType> ct = ParseContentType(
      "multipart/related; boundary=\"MIMEBoundary_x\"; type=\"application/xop+xml\"; "
      "start=\"<0.urn:uuid:1B2C@apache.org>\"; start-info=\"application/soap+xml\"");
  ASSERT_TRUE(ct.ok()) << ct.status().ToString();
  EXPECT_EQ(ct->type, "multipart");
  EXPECT_EQ(ct->subtype, "related");
  EXPECT_EQ(ct->MediaType(), "multipart/related");
  EXPECT_EQ(ct->params.size(), 4u);
  EXPECT_EQ(ct->Param("boundary"), "MIMEBoundary_x");
  EXPECT_EQ(ct->Param("type"), "application/xop+xml");
  EXPECT_EQ(ct->Param("start"), "<0.urn:uuid:1B2C@apache.org>");
  EXPECT_EQ(ct->Param("start-info"), "application/soap+xml");
  EXPECT_EQ(ct->Param("action"), "");
  EXPECT_FALSE(ct->HasParam("action"));
}

TEST(ContentTypeTest, NamesAreCaseInsensitiveValuesAreNot) {
  Result<ContentType> ct = ParseContentType("Multipart/RELATED;BOUNDARY=AbC;Start=<X@Y>");
  ASSERT_TRUE(ct.ok()) << ct.status().ToString();
  EXPECT_TRUE(ct->Is("multipart", "related"));
  EXPECT_TRUE(ct->Is("MULTIPART", "Related"));
  EXPECT_FALSE(ct->Is("multipart", "mixed"));
  EXPECT_EQ(ct->Param("Boundary"), "AbC");
  EXPECT_TRUE(ct->HasParam("START"));
  EXPECT_EQ(ct->Param("start"), "<X@Y>");  // bare tspecials accepted, see header
}

TEST(ContentTypeTest, QuotedStringsKeepSemicolonsAndEscapes) {
  Result<ContentType> ct =
      ParseContentType(R"(application/xop+xml; a="x;y = z"; b="say \"hi\" \\o/" ; c=plain)");
  ASSERT_TRUE(ct.ok()) << ct.status().ToString();
  EXPECT_EQ(ct->Param("a"), "x;y = z");
  EXPECT_EQ(ct->Param("b"), R"(say "hi" \o/)");
  EXPECT_EQ(ct->Param("c"), "plain");
}

TEST(ContentTypeTest, ToleratesWhitespaceAndStraySemicolons) {
  Result<ContentType> ct = ParseContentType("  text/xml ;charset = UTF-8 ;; q=1 ;  ");
  ASSERT_TRUE(ct.ok()) << ct.status().ToString();
  EXPECT_EQ(ct->MediaType(), "text/xml");
  EXPECT_EQ(ct->Param("charset"), "UTF-8");
  EXPECT_EQ(ct->Param("q"), "1");
  ASSERT_TRUE(ParseContentType("application/soap+xml").ok());
}

TEST(ContentTypeTest, RejectsMalformedValues) {
  for (std::string_view bad :
       {"", "   ", "text", "text/", "/xml", "text/xml garbage", "text/xml; =x", "text/xml; x",
        "text/xml; x=", "text/xml; x=\"open", "text/xml; x=a\"b", "text/xml; x=\"a\rb\"",
        "a/b; boundary=x; Boundary=y"}) {
    Result<ContentType> ct = ParseContentType(bad);
    ASSERT_FALSE(ct.ok()) << "accepted: " << bad;
    EXPECT_EQ(ct.status().code(), Status::Code::kInvalidArgument) << bad;
  }
  Result<ContentType> dup = ParseContentType("a/b; boundary=x; Boundary=y");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("'boundary' appears twice"), std::string::npos);
}

TEST(ContentTypeTest, QuoteParamRoundTrips) {
  for (std::string_view value : {"", "plain", "with \"quotes\"", "back\\slash", "semi;colon"}) {
    Result<ContentType> ct = ParseContentType("a/b; p=" + QuoteParam(value));
    ASSERT_TRUE(ct.ok()) << value;
    EXPECT_EQ(ct->Param("p"), value);
  }
  EXPECT_EQ(QuoteParam("a\"b"), "\"a\\\"b\"");
}

TEST(ContentTypeTest, StripAngleBrackets) {
  EXPECT_EQ(StripAngleBrackets("<a@b>"), "a@b");
  EXPECT_EQ(StripAngleBrackets("  < a@b >  "), "a@b");
  EXPECT_EQ(StripAngleBrackets("a@b"), "a@b");
  EXPECT_EQ(StripAngleBrackets("<a@b"), "<a@b");
  EXPECT_EQ(StripAngleBrackets("<>"), "");
  EXPECT_EQ(StripAngleBrackets(""), "");
}

TEST(ContentTypeTest, AsciiHelpers) {
  EXPECT_EQ(AsciiLower("Content-ID: <AbC>"), "content-id: <abc>");
  EXPECT_TRUE(EqualsIgnoreCase("Content-Transfer-Encoding", "content-transfer-ENCODING"));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abd"));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "ab"));
  EXPECT_EQ(TrimWhitespace(" \t x y \t"), "x y");
}

}  // namespace
}  // namespace xds::mime

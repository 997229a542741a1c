// The ebRS value syntax, code and DTM parsing, and LIKE escaping, without a
// store (ITI TF-2: 3.18.4.1.2.3).
#include "registry/query/query_parameters.h"

#include <gtest/gtest.h>

#include "registry/query/sql_builder.h"
#include "registry/query/time_range.h"

namespace xds::registry {
namespace {

std::vector<EbrsItem> Decode(std::string_view v) {
  auto r = DecodeEbrsValue(v);
  EXPECT_TRUE(r.ok()) << v << ": " << r.status().ToString();
  return r.ok() ? *r : std::vector<EbrsItem>{};
}

TEST(DecodeEbrsValueTest, QuotedStringWithDoubledQuote) {
  EXPECT_EQ(Decode("'Children''s Hospital'"),
            (std::vector<EbrsItem>{{"Children's Hospital", true}}));
}

TEST(DecodeEbrsValueTest, UnquotedNumber) {
  EXPECT_EQ(Decode(" 200412252300 "), (std::vector<EbrsItem>{{"200412252300", false}}));
}

TEST(DecodeEbrsValueTest, ListWithSpacesAndCommasInsideQuotes) {
  EXPECT_EQ(Decode("( 'a,b' , 'c''d',\n'e' )"),
            (std::vector<EbrsItem>{{"a,b", true}, {"c'd", true}, {"e", true}}));
}

TEST(DecodeEbrsValueTest, SingleElementListAndEmptyString) {
  EXPECT_EQ(Decode("('x')"), (std::vector<EbrsItem>{{"x", true}}));
  EXPECT_EQ(Decode("''"), (std::vector<EbrsItem>{{"", true}}));
}

TEST(DecodeEbrsValueTest, UnquotedPatientIdKeepsCxDelimiters) {
  EXPECT_EQ(Decode("P1^^^&1.2.3&ISO"), (std::vector<EbrsItem>{{"P1^^^&1.2.3&ISO", false}}));
}

TEST(DecodeEbrsValueTest, RejectsMalformedValues) {
  for (std::string_view bad : {"", "   ", "'open", "('a'", "('a' 'b')", "()", "('a',)",
                               "'a' trailing", "'a','b'", "('a'))"}) {
    EXPECT_FALSE(DecodeEbrsValue(bad).ok()) << "accepted: " << bad;
  }
}

TEST(ParseQueryCodeTest, CodeAndScheme) {
  auto c = ParseQueryCode("10160-0^^2.16.840.1.113883.6.1");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->code, "10160-0");
  EXPECT_EQ(c->scheme, "2.16.840.1.113883.6.1");
}

TEST(ParseQueryCodeTest, RejectsIncompleteCodes) {
  for (std::string_view bad : {"10160-0", "10160-0^^", "^^2.16", "10160-0^2.16", "a^^^&1.2&ISO"})
    EXPECT_FALSE(ParseQueryCode(bad).has_value()) << bad;
}

TEST(DtmTest, AcceptsEveryPrecision) {
  for (std::string_view ok : {"2004", "200412", "20041225", "2004122523", "200412252359",
                              "20041225235959"})
    EXPECT_TRUE(IsValidDtm(ok)) << ok;
}

TEST(DtmTest, RejectsMalformedDtm) {
  for (std::string_view bad : {"", "200", "20041", "2004-12-25", "20041325", "20041200",
                               "2004122524", "200412252360", "20041225235960", "200412252359599",
                               "20041225T1200"})
    EXPECT_FALSE(IsValidDtm(bad)) << bad;
}

TEST(LikeTest, BackslashIsEscapedWildcardsKept) {
  EXPECT_EQ(XdsLikeToSql("%Sm_th\\S\\x%"), "%Sm_th\\\\S\\\\x%");
}

TEST(QueryParametersTest, ListSplitAcrossValuesIsOneList) {
  std::vector<ihe::Slot> slots = {{"$XDSDocumentEntryClassCode", {"('a^^s1',", "'b^^s2')"}}};
  QueryParameters p(slots);
  // Each piece must be parenthesised; a dangling comma is malformed.
  p.Codes("$XDSDocumentEntryClassCode");
  EXPECT_FALSE(p.ok());

  std::vector<ihe::Slot> good = {{"$XDSDocumentEntryClassCode", {"('a^^s1')", "('b^^s2','c^^s3')"}}};
  QueryParameters q(good);
  auto codes = q.Codes("$XDSDocumentEntryClassCode");
  EXPECT_TRUE(q.ok());
  ASSERT_EQ(codes.size(), 3u);
  EXPECT_EQ(codes[2].code, "c");
}

TEST(QueryParametersTest, AndOrParameterKeepsOneGroupPerSlot) {
  std::vector<ihe::Slot> slots = {{"$XDSDocumentEntryEventCodeList", {"('a^^s','b^^s')"}},
                                  {"$XDSDocumentEntryEventCodeList", {"('c^^s')"}}};
  QueryParameters p(slots);
  auto groups = p.CodesAndOr("$XDSDocumentEntryEventCodeList");
  EXPECT_TRUE(p.ok());
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].size(), 2u);
  EXPECT_EQ(groups[1].size(), 1u);
}

TEST(QueryParametersTest, TimesArePadded) {
  std::vector<ihe::Slot> slots = {{"$From", {"2004"}}, {"$To", {"'200412'"}}};
  QueryParameters p(slots);
  TimeRange r = p.Times("$From", "$To");
  EXPECT_TRUE(p.ok());
  EXPECT_EQ(r.from, "20040000000000");
  EXPECT_EQ(r.to, "20041200000000");
}

TEST(QueryParametersTest, EntryTypesDefaultToStable) {
  std::vector<ihe::Slot> none;
  QueryParameters p(none);
  EntryTypes t = p.DocumentEntryTypes("$XDSDocumentEntryType");
  EXPECT_TRUE(t.stable);
  EXPECT_FALSE(t.on_demand);
}

}  // namespace
}  // namespace xds::registry

// XmlDocument: the hardened parser (malformed input, DOCTYPE in every form,
// depth and size limits) and the namespace-aware XmlElement accessors.
#include "wire/xml/xml_document.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace xds::xml {
namespace {

using Code = Status::Code;

std::string Nested(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += "<e>";
  for (int i = 0; i < depth; ++i) out += "</e>";
  return out;
}

TEST(XmlDocumentTest, DefaultDocumentHasNoRoot) {
  XmlDocument doc;
  EXPECT_FALSE(doc.Root());
}

TEST(XmlDocumentTest, ParsesAWellFormedDocument) {
  auto doc = XmlDocument::Parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root a=\"1\"><x/></root>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  XmlElement root = doc->Root();
  ASSERT_TRUE(root);
  EXPECT_EQ(root.LocalName(), "root");
  EXPECT_EQ(root.NamespaceUri(), "");
  EXPECT_EQ(root.Attr("a"), "1");
}

TEST(XmlDocumentTest, MalformedXmlIsInvalidArgumentWithALine) {
  auto doc = XmlDocument::Parse("<root>\n<a>\n</b>\n</root>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("malformed XML"), std::string::npos) << doc.status().message();
  EXPECT_NE(doc.status().message().find("(line 3)"), std::string::npos) << doc.status().message();
}

TEST(XmlDocumentTest, RefusesOtherMalformedInputs) {
  const std::vector<std::string> inputs = {
      "",
      "   ",
      "not xml at all",
      "<root>",
      "<root></root><second/>",
      "<root a=\"1\" a=\"2\"/>",
      "<root>&undeclared;</root>",      // entity without any DTD
      std::string("<root>\0</root>", 14),
  };
  for (const auto& in : inputs) {
    auto doc = XmlDocument::Parse(in);
    EXPECT_FALSE(doc.ok()) << "accepted: " << in;
    if (!doc.ok()) {
      EXPECT_EQ(doc.status().code(), Code::kInvalidArgument) << in;
    }
  }
}

TEST(XmlDocumentTest, UnboundPrefixNeverMatchesANamespace) {
  // Whatever the parser does with an undeclared prefix, the element must not
  // pass for one in a real namespace.
  auto doc = XmlDocument::Parse("<s:Envelope xmlns:s=\"urn:s\"><q:Req/></s:Envelope>");
  if (!doc.ok()) {
    EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
    return;
  }
  XmlElement req = doc->Root().FirstChildElement();
  ASSERT_TRUE(req);
  EXPECT_EQ(req.NamespaceUri(), "");
  EXPECT_FALSE(req.Is("urn:s", "Req"));
  EXPECT_TRUE(doc->Root().Children("", "Req").empty());
}

// Regression (fixed; wire/xml/xml_document.cc, XmlDocument::Parse): a prefix with no
// namespace declaration makes the document not namespace-well-formed
// (Namespaces in XML 1.0, section 5), which SOAP 1.2 requires, yet Parse
// returns OK: libxml2 reports the error as recoverable and the element is
// kept in no namespace with LocalName() "q:Req". Expected: InvalidArgument.
TEST(XmlDocumentTest, UnboundPrefixIsRefused) {
  for (const char* in : {"<p:root/>", "<r><q:Req/></r>", "<r p:a=\"1\"/>"}) {
    auto doc = XmlDocument::Parse(in);
    EXPECT_FALSE(doc.ok()) << "accepted: " << in;
    if (!doc.ok()) {
      EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
    }
  }
}

TEST(XmlDocumentTest, RefusesADoctypeWithAnInternalSubset) {
  auto doc = XmlDocument::Parse(
      "<!DOCTYPE root [<!ELEMENT root (#PCDATA)><!ENTITY greet \"hello\">]><root>&greet;</root>");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("DOCTYPE"), std::string::npos) << doc.status().message();
}

TEST(XmlDocumentTest, RefusesABareDoctype) {
  auto doc = XmlDocument::Parse("<!DOCTYPE root><root/>");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("DOCTYPE"), std::string::npos) << doc.status().message();
}

TEST(XmlDocumentTest, RefusesAnEntityBombWithoutExpandingIt) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  bomb += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    std::string prev = "&lol" + std::to_string(i - 1) + ";";
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) bomb += prev;
    bomb += "\">\n";
  }
  bomb += "]>\n<lolz>&lol9;</lolz>";
  auto doc = XmlDocument::Parse(bomb);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("DOCTYPE"), std::string::npos) << doc.status().message();
  EXPECT_EQ(doc.status().message().find("lollol"), std::string::npos);
}

class ExternalEntityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("secret.txt");
    std::ofstream(path_) << kSecret;
  }
  static constexpr char kSecret[] = "TOP-SECRET-4f1c9e2a";
  testing::TempDir dir_;
  std::string path_;
};

TEST_F(ExternalEntityTest, SystemEntityIsRefusedAndNeverRead) {
  const std::vector<std::string> attacks = {
      "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + path_ + "\">]><r>&x;</r>",
      "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + path_ + "\">]><r>&x;</r>",
      "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + path_ + "\">]><r a=\"&x;\"/>",
      "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file://" + path_ + "\"> %p;]><r/>",
      "<!DOCTYPE r SYSTEM \"file://" + path_ + "\"><r/>",
      "<!DOCTYPE r PUBLIC \"-//x//y\" \"file://" + path_ + "\"><r/>",
  };
  for (const auto& in : attacks) {
    auto doc = XmlDocument::Parse(in);
    ASSERT_FALSE(doc.ok()) << "accepted: " << in;
    EXPECT_EQ(doc.status().code(), Code::kInvalidArgument) << in;
    EXPECT_EQ(doc.status().message().find(kSecret), std::string::npos) << doc.status().message();
  }
}

TEST_F(ExternalEntityTest, XIncludeIsNotProcessed) {
  auto doc = XmlDocument::Parse(
      "<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file://" + path_ +
      "\" parse=\"text\"/></r>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->Root().Text().find(kSecret), std::string::npos);
  EXPECT_EQ(doc->Root().Serialize().find(kSecret), std::string::npos);
  ASSERT_TRUE(doc->Root().FirstChild("http://www.w3.org/2001/XInclude", "include"));
}

TEST(XmlDocumentTest, DepthLimitIsInclusive) {
  ParseLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(XmlDocument::Parse(Nested(3), limits).ok());
  auto deep = XmlDocument::Parse(Nested(4), limits);
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.status().code(), Code::kInvalidArgument);
  EXPECT_NE(deep.status().message().find("deeper than 3"), std::string::npos) << deep.status().message();
}

TEST(XmlDocumentTest, DepthLimitLooksAtEveryBranch) {
  ParseLimits limits;
  limits.max_depth = 3;
  // The deep branch is the last child of the root.
  auto doc = XmlDocument::Parse("<a><b/><b><c/></b><b><c><d/></c></b></a>", limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
}

TEST(XmlDocumentTest, DefaultDepthLimitIs64) {
  EXPECT_TRUE(XmlDocument::Parse(Nested(64)).ok());
  auto doc = XmlDocument::Parse(Nested(65));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
}

TEST(XmlDocumentTest, VeryDeepInputIsRefusedNotCrashed) {
  auto doc = XmlDocument::Parse(Nested(100000));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kInvalidArgument);
}

TEST(XmlDocumentTest, SizeLimitIsCheckedBeforeParsing) {
  const std::string xml = "<root>" + std::string(100, 'x') + "</root>";
  ParseLimits limits;
  limits.max_bytes = xml.size();
  EXPECT_TRUE(XmlDocument::Parse(xml, limits).ok());
  limits.max_bytes = xml.size() - 1;
  auto doc = XmlDocument::Parse(xml, limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), Code::kTooLarge);
  // Even garbage gets TooLarge: the parser never ran.
  auto garbage = XmlDocument::Parse(std::string(200, '<'), limits);
  EXPECT_EQ(garbage.status().code(), Code::kTooLarge);
}

constexpr char kNamespaced[] =
    "<a:root xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns:a2=\"urn:a\" xmlns=\"urn:default\">\n"
    "  <a:item id=\"1\" b:flag=\"yes\"/>\n"
    "  <!-- a comment -->\n"
    "  <a2:item id=\"2\"/>\n"
    "  <b:item id=\"3\"/>\n"
    "  <item id=\"4\"/>\n"
    "  <?pi data?>\n"
    "  <a:other/>\n"
    "</a:root>";

TEST(XmlElementTest, NamespaceAwareNamesIgnorePrefixes) {
  auto doc = XmlDocument::Parse(kNamespaced);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  XmlElement root = doc->Root();
  EXPECT_TRUE(root.Is("urn:a", "root"));
  EXPECT_FALSE(root.Is("urn:b", "root"));
  EXPECT_FALSE(root.Is("urn:a", "Root"));
  EXPECT_EQ(root.NamespaceUri(), "urn:a");
  EXPECT_EQ(root.LocalName(), "root");
  EXPECT_FALSE(XmlElement().Is("", ""));
}

TEST(XmlElementTest, ChildrenFilterByNamespaceNotPrefix) {
  auto doc = XmlDocument::Parse(kNamespaced);
  ASSERT_TRUE(doc.ok());
  XmlElement root = doc->Root();
  EXPECT_EQ(root.Children().size(), 5u);  // comments, PIs and text are skipped

  auto in_a = root.Children("urn:a", "item");
  ASSERT_EQ(in_a.size(), 2u);
  EXPECT_EQ(in_a[0].Attr("id"), "1");
  EXPECT_EQ(in_a[1].Attr("id"), "2");

  auto in_default = root.Children("urn:default", "item");
  ASSERT_EQ(in_default.size(), 1u);
  EXPECT_EQ(in_default[0].Attr("id"), "4");
  EXPECT_TRUE(root.Children("", "item").empty());

  EXPECT_EQ(root.FirstChild("urn:b", "item").Attr("id"), "3");
  EXPECT_FALSE(root.FirstChild("urn:b", "other"));
  EXPECT_TRUE(root.FirstChild("urn:a", "other"));
  EXPECT_EQ(root.FirstChildElement().Attr("id"), "1");
  EXPECT_FALSE(root.FirstChild("urn:a", "other").FirstChildElement());
}

TEST(XmlElementTest, AttributesWithAndWithoutNamespace) {
  auto doc = XmlDocument::Parse(kNamespaced);
  ASSERT_TRUE(doc.ok());
  XmlElement item = doc->Root().FirstChild("urn:a", "item");
  EXPECT_TRUE(item.HasAttr("id"));
  EXPECT_FALSE(item.HasAttr("flag"));  // b:flag is namespaced
  EXPECT_EQ(item.Attr("flag"), "");
  EXPECT_EQ(item.AttrNs("urn:b", "flag"), "yes");
  EXPECT_EQ(item.AttrNs("urn:a", "flag"), "");
  EXPECT_EQ(item.AttrNs("urn:b", "id"), "");
  EXPECT_EQ(item.Attr("missing"), "");
  EXPECT_FALSE(item.HasAttr("missing"));
}

TEST(XmlElementTest, TextConcatenatesDescendantsAndDecodes) {
  auto doc = XmlDocument::Parse(
      "<r>one <b>two</b> <![CDATA[<three> & ]]>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</r>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->Root().Text(), "one two <three> & <&>\"'AB");
  EXPECT_EQ(doc->Root().FirstChildElement().Text(), "two");
}

TEST(XmlElementTest, AttributeValuesAreDecoded) {
  auto doc = XmlDocument::Parse("<r v=\"a&amp;b&lt;c&#10;d\"/>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->Root().Attr("v"), "a&b<c\nd");
}

TEST(XmlElementTest, LineNumbers) {
  auto doc = XmlDocument::Parse("<r>\n\n  <a/>\n  <b/>\n</r>");
  ASSERT_TRUE(doc.ok());
  auto kids = doc->Root().Children();
  ASSERT_EQ(kids.size(), 2u);
  EXPECT_EQ(doc->Root().Line(), 1);
  EXPECT_EQ(kids[0].Line(), 3);
  EXPECT_EQ(kids[1].Line(), 4);
}

TEST(XmlElementTest, ElementsStayValidAfterTheDocumentMoves) {
  auto parsed = XmlDocument::Parse("<r><a id=\"x\"/></r>");
  ASSERT_TRUE(parsed.ok());
  XmlElement a = parsed->Root().FirstChildElement();
  XmlDocument moved = std::move(*parsed);
  EXPECT_EQ(a.Attr("id"), "x");
  XmlDocument assigned;
  assigned = std::move(moved);
  EXPECT_EQ(a.Attr("id"), "x");
  EXPECT_EQ(assigned.Root().LocalName(), "r");
}

TEST(XmlElementTest, SerializeCarriesInheritedNamespaceDeclarations) {
  auto doc = XmlDocument::Parse(
      "<a:root xmlns:a=\"urn:a\" xmlns:b=\"urn:b\" xmlns=\"urn:default\">"
      "<b:item b:attr=\"v\" plain=\"p\"><child>t &amp; u</child><a:x/></b:item>"
      "</a:root>");
  ASSERT_TRUE(doc.ok());
  std::string text = doc->Root().FirstChild("urn:b", "item").Serialize();
  EXPECT_EQ(text.find("<?xml"), std::string::npos) << text;

  auto again = XmlDocument::Parse(text);
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << text;
  XmlElement item = again->Root();
  EXPECT_TRUE(item.Is("urn:b", "item")) << text;
  EXPECT_EQ(item.AttrNs("urn:b", "attr"), "v");
  EXPECT_EQ(item.Attr("plain"), "p");
  XmlElement child = item.FirstChild("urn:default", "child");
  ASSERT_TRUE(child) << text;
  EXPECT_EQ(child.Text(), "t & u");
  EXPECT_TRUE(item.FirstChild("urn:a", "x")) << text;
}

TEST(XmlElementTest, SerializeOfTheRootRoundTrips) {
  auto doc = XmlDocument::Parse(kNamespaced);
  ASSERT_TRUE(doc.ok());
  auto again = XmlDocument::Parse(doc->Root().Serialize());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->Root().Is("urn:a", "root"));
  EXPECT_EQ(again->Root().Children("urn:a", "item").size(), 2u);
  EXPECT_EQ(again->Root().FirstChild("urn:a", "item").AttrNs("urn:b", "flag"), "yes");
}

}  // namespace
}  // namespace xds::xml

// wire/xml/schema_validator: loading (local files only), subtree
// validation, error messages, thread safety.
#include "wire/xml/schema_validator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/schemas/schema_test_util.h"
#include "tests/support/temp_dir.h"

namespace xds::schemas_test {
namespace {

using Code = Status::Code;
using xml::SchemaSet;
using xml::XmlDocument;

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

constexpr char kTinySchema[] = R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="urn:t" xmlns:t="urn:t" elementFormDefault="qualified">
  <xs:element name="a"><xs:complexType><xs:sequence>
    <xs:element name="b" type="xs:string"/>
  </xs:sequence><xs:attribute name="id" type="xs:string" use="required"/></xs:complexType></xs:element>
</xs:schema>)";

TEST(SchemaSetLoad, EveryNamespaceSchemaCompilesOnItsOwn) {
  for (const char* file : {"rim.xsd", "rs.xsd", "lcm.xsd", "query.xsd", "xop.xsd", "xds-b.xsd", "xdsi-b.xsd"}) {
    auto set = SchemaSet::LoadFile(SchemaDir() + "/" + file);
    EXPECT_TRUE(set.ok()) << file << ": " << set.status().ToString();
  }
}

TEST(SchemaSetLoad, DriverImportingAllNamespacesCompiles) {
  auto set = SchemaSet::LoadMemory(kAllMessagesDriver, SchemaDir());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
}

TEST(SchemaSetLoad, MissingFileIsNotFound) {
  auto set = SchemaSet::LoadFile(SchemaDir() + "/no-such.xsd");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Code::kNotFound);
}

TEST(SchemaSetLoad, MissingImportFailsTheLoad) {
  // libxml2 only warns and skips an import it cannot find; SchemaSet fails.
  testing::TempDir dir;
  auto set = SchemaSet::LoadMemory(R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:x" schemaLocation="x.xsd"/></xs:schema>)",
                                   dir.path());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Code::kInvalidArgument);
  EXPECT_NE(set.status().message().find("x.xsd' not found"), std::string::npos) << set.status().message();
}

TEST(SchemaSetLoad, ImportOutsideTheSchemaDirectoryIsRefused) {
  testing::TempDir dir;
  const std::string inner = dir.File("inner");
  ASSERT_TRUE(std::filesystem::create_directory(inner));
  WriteText(dir.File("outside.xsd"), kTinySchema);
  WriteText(inner + "/main.xsd", R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:t" schemaLocation="../outside.xsd"/></xs:schema>)");
  auto set = SchemaSet::LoadFile(inner + "/main.xsd");
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("outside the schema directory"), std::string::npos)
      << set.status().message();
}

TEST(SchemaSetLoad, NetworkImportIsRefusedWithoutFetching) {
  testing::TempDir dir;
  for (const char* url : {"http://127.0.0.1:9/x.xsd", "ftp://127.0.0.1/x.xsd", "https://example.invalid/x.xsd"}) {
    std::string xsd = std::string(R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:x" schemaLocation=")") + url + R"("/></xs:schema>)";
    auto set = SchemaSet::LoadMemory(xsd, dir.path());
    ASSERT_FALSE(set.ok()) << url;
    EXPECT_NE(set.status().message().find("only local files"), std::string::npos) << set.status().message();
  }
}

TEST(SchemaSetLoad, FileUrlInsideTheDirectoryIsAccepted) {
  testing::TempDir dir;
  WriteText(dir.File("t.xsd"), kTinySchema);
  auto set = SchemaSet::LoadMemory(R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:import namespace="urn:t" schemaLocation="file://)" + dir.File("t.xsd") + R"("/></xs:schema>)",
                                   dir.path());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto doc = XmlDocument::Parse(R"(<t:a xmlns:t="urn:t" id="1"><t:b>x</t:b></t:a>)");
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(set->Validate(*doc).ok());
}

TEST(SchemaSetLoad, BrokenSchemaReportsFileAndLine) {
  testing::TempDir dir;
  WriteText(dir.File("bad.xsd"), R"(<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="a" type="xs:nosuchtype"/>
</xs:schema>)");
  auto set = SchemaSet::LoadFile(dir.File("bad.xsd"));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Code::kInvalidArgument);
  EXPECT_NE(set.status().message().find("bad.xsd:2"), std::string::npos) << set.status().message();
}

TEST(SchemaSetLoad, MalformedInMemorySchemaIsInvalidArgument) {
  auto set = SchemaSet::LoadMemory("<xs:schema", SchemaDir());
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), Code::kInvalidArgument);
}

TEST(SchemaSetValidate, ReportsFirstErrorWithLineAndSenderPrefixes) {
  auto set = SchemaSet::LoadMemory(kTinySchema, SchemaDir());
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto doc = XmlDocument::Parse("<x:a xmlns:x=\"urn:t\" id=\"1\">\n\n  <x:c/>\n  <x:d/>\n</x:a>");
  ASSERT_TRUE(doc.ok());
  Status s = set->Validate(*doc);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("at line 3"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("Element 'x:c'"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("x:d"), std::string::npos) << "only the first error: " << s.message();
}

TEST(SchemaSetValidate, ValidatesASubtreeAsValidationRoot) {
  auto set = SchemaSet::LoadMemory(kTinySchema, SchemaDir());
  ASSERT_TRUE(set.ok());
  auto doc = XmlDocument::Parse(R"(<wrapper xmlns:t="urn:t"><other/><t:a id="1"><t:b>x</t:b></t:a></wrapper>)");
  ASSERT_TRUE(doc.ok());
  xml::XmlElement a = doc->Root().FirstChild("urn:t", "a");
  ASSERT_TRUE(a);
  EXPECT_TRUE(set->Validate(a).ok());
  Status whole = set->Validate(*doc);
  ASSERT_FALSE(whole.ok());
  EXPECT_NE(whole.message().find("No matching global declaration"), std::string::npos) << whole.message();
}

TEST(SchemaSetValidate, DoesNotModifyTheDocument) {
  auto doc = XmlDocument::Parse(ReadFile(TestdataFile("submissions/valid_full.xml")));
  ASSERT_TRUE(doc.ok());
  const std::string before = doc->Root().Serialize();
  ASSERT_TRUE(MessageSchemas().Validate(*doc).ok());
  EXPECT_EQ(doc->Root().Serialize(), before);
}

TEST(SchemaSetValidate, NullElementAndMovedFromSetAreErrors) {
  auto set = SchemaSet::LoadMemory(kTinySchema, SchemaDir());
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(set->Validate(xml::XmlElement()).code(), Code::kInvalidArgument);
  SchemaSet moved = std::move(*set);
  auto doc = XmlDocument::Parse(R"(<t:a xmlns:t="urn:t" id="1"><t:b/></t:a>)");
  ASSERT_TRUE(doc.ok());
  EXPECT_TRUE(moved.Validate(*doc).ok());
  EXPECT_EQ(set->Validate(*doc).code(), Code::kInternal);  // NOLINT: use after move is the point
}

TEST(SchemaSetValidate, ConcurrentValidationsShareOneSet) {
  const std::string valid = ReadFile(TestdataFile("submissions/valid_full.xml"));
  const std::string invalid = R"(<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
      xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:RegistryObjectList>
      <rim:ExtrinsicObject id="a"><rim:Slot><rim:ValueList/></rim:Slot></rim:ExtrinsicObject>
      </rim:RegistryObjectList></lcm:SubmitObjectsRequest>)";
  const xml::SchemaSet& set = MessageSchemas();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        const bool want_valid = (i + t) % 2 == 0;
        auto doc = XmlDocument::Parse(want_valid ? valid : invalid);
        if (!doc.ok() || set.Validate(*doc).ok() != want_valid) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(SchemaSetValidate, HardenedParserStillRefusesDoctypeAfterLoading) {
  // Loading installs a process-wide entity loader; the hardened parser's
  // behaviour must not change.
  ASSERT_TRUE(SchemaSet::LoadMemory(kTinySchema, SchemaDir()).ok());
  auto doc = XmlDocument::Parse(R"(<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>)");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("DOCTYPE"), std::string::npos);
}

}  // namespace
}  // namespace xds::schemas_test

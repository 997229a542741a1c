#include "tests/schemas/schema_test_util.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "wire/ihe/namespaces.h"

namespace xds::schemas_test {

std::string SchemaDir() { return XDS_SCHEMA_DIR; }
std::string TestdataFile(const std::string& relative) { return std::string(XDS_TESTDATA_DIR) + "/" + relative; }
std::string ExampleFile(const std::string& name) {
  return std::string(XDS_TESTDATA_DIR) + "/../../examples/" + name;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const char kAllMessagesDriver[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" schemaLocation="lcm.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0" schemaLocation="query.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" schemaLocation="rs.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0" schemaLocation="rim.xsd"/>
  <xs:import namespace="urn:ihe:iti:xds-b:2007" schemaLocation="xds-b.xsd"/>
  <xs:import namespace="urn:ihe:rad:xdsi-b:2009" schemaLocation="xdsi-b.xsd"/>
  <xs:import namespace="http://www.w3.org/2004/08/xop/include" schemaLocation="xop.xsd"/>
</xs:schema>
)";

const xml::SchemaSet& MessageSchemas() {
  static const xml::SchemaSet* set = [] {
    auto loaded = xml::SchemaSet::LoadMemory(kAllMessagesDriver, SchemaDir());
    if (!loaded.ok()) {
      std::fprintf(stderr, "message schemas do not compile: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return new xml::SchemaSet(std::move(*loaded));
  }();
  return *set;
}

Status ValidateXml(std::string_view xml) {
  auto doc = xml::XmlDocument::Parse(xml);
  if (!doc.ok()) return doc.status();
  return MessageSchemas().Validate(*doc);
}

xml::XmlElement SoapBodyChild(const xml::XmlDocument& envelope) {
  xml::XmlElement root = envelope.Root();
  if (!root) return {};
  xml::XmlElement body = root.FirstChild(ns::kSoap12, "Body");
  return body ? body.FirstChildElement() : xml::XmlElement();
}

}  // namespace xds::schemas_test

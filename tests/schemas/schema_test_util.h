// Helpers of the schema tests: the message schemas loaded once, file
// reading, and parse-then-validate in one call.
#pragma once

#include <string>
#include <string_view>

#include "wire/base/status.h"
#include "wire/xml/schema_validator.h"
#include "wire/xml/xml_document.h"

namespace xds::schemas_test {

// schemas/xml (XDS_SCHEMA_DIR) and the repository's tests/testdata and examples.
std::string SchemaDir();
std::string TestdataFile(const std::string& relative);
std::string ExampleFile(const std::string& name);

std::string ReadFile(const std::string& path);

// An XSD importing every message namespace (lcm, query, rs, rim, xds-b,
// xdsi-b, xop) from SchemaDir(), so one set validates every message root.
extern const char kAllMessagesDriver[];

// The set compiled from kAllMessagesDriver, loaded on first use. Aborts the
// test program if the schemas do not compile.
const xml::SchemaSet& MessageSchemas();

// Parses `xml` with the hardened parser and validates its root element.
Status ValidateXml(std::string_view xml);

// The first child element of soap:Body in a parsed envelope (null if none).
xml::XmlElement SoapBodyChild(const xml::XmlDocument& envelope);

}  // namespace xds::schemas_test

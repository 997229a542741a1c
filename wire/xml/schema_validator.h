// SchemaSet: a compiled XML Schema (one XSD and everything it imports),
// loaded once at start, against which parsed messages are validated.
//
// Loading reads local files only. Imports are resolved relative to the
// schema's directory; a schemaLocation outside that directory, a network URL
// or an XML catalog redirection is refused. libxml2 compiles the schema with
// network access off. The first load installs a process-wide libxml2
// external-entity loader that enforces this while a SchemaSet is loading on
// the calling thread and otherwise defers to the loader it replaced; load
// schemas at start, before request threads run.
//
// Validation is thread-safe: the compiled schema is immutable after loading
// and every Validate() call uses its own libxml2 validation context
// (xmlSchemaValidCtxt is not thread-safe). Validation does not modify the
// document (no default attributes are added). Move-only.
//
// Schemas live in schemas/xml/ (one XSD per namespace: rim, rs, lcm, query,
// xds-b, xdsi-b, xop). Load the one whose namespace holds the message root,
// e.g. lcm.xsd for ITI-42 or query.xsd for ITI-18, or load from memory a
// driver that imports several.
#pragma once

#include <string>
#include <string_view>

#include "wire/base/status.h"
#include "wire/xml/xml_document.h"

struct _xmlSchema;
struct _xmlDoc;

namespace xds::xml {

class SchemaSet {
 public:
  // Compiles the XSD at `path`. Its imports may name only files under the
  // directory of `path`. NotFound when the file is missing, InvalidArgument
  // when a schema is not a valid XSD or an import is refused; the message
  // names the file and line.
  static Result<SchemaSet> LoadFile(const std::string& path);

  // Compiles an XSD held in memory (typically a driver made of xs:import
  // elements). Relative schemaLocations resolve against `base_dir`, and only
  // files under `base_dir` may be read.
  static Result<SchemaSet> LoadMemory(std::string_view xsd, const std::string& base_dir);

  SchemaSet(SchemaSet&& other) noexcept;
  SchemaSet& operator=(SchemaSet&& other) noexcept;
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;
  ~SchemaSet();

  // Validates `element` and its subtree as a validation root: the element
  // must match a global element declaration of the schema (e.g. the first
  // child of soap:Body). OK when valid; otherwise InvalidArgument carrying
  // the first error and its source line, e.g.
  //   "schema validation failed at line 12: Element 'rim:Value': This
  //    element is not expected. Expected is ( rim:ValueList )."
  // Namespace URIs in the message are shown with the prefixes in scope at
  // the offending element. Internal if validation could not run at all.
  Status Validate(const XmlElement& element) const;

  // Validates the whole document (its root element).
  Status Validate(const XmlDocument& document) const;

 private:
  SchemaSet(_xmlSchema* schema, _xmlDoc* owned_doc) : schema_(schema), owned_doc_(owned_doc) {}
  void Reset();

  _xmlSchema* schema_ = nullptr;
  // LoadMemory only: the parsed driver document, which libxml2 requires to
  // outlive the compiled schema.
  _xmlDoc* owned_doc_ = nullptr;
};

}  // namespace xds::xml

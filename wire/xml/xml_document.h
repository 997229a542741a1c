// XmlDocument: a parsed XML document, read through the hardened libxml2
// parser, and XmlElement, a borrowed view of one of its elements.
//
// This is the only place in the project that includes libxml2 headers for
// parsing. Untrusted input is parsed with network access off, no DTD
// loading, no entity substitution, and a document with any DOCTYPE is
// refused outright (SOAP 1.2 forbids one, and it is how entity bombs
// arrive). Size is checked before parsing and depth after.
//
// XmlElement views are valid while their XmlDocument lives. Not thread-safe;
// one document per request.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wire/base/status.h"

struct _xmlDoc;
struct _xmlNode;

namespace xds::security {
class XuaVerifier;  // wire/security/xua_verifier.h
}

namespace xds::xml {

class SchemaSet;  // wire/xml/schema_validator.h

struct ParseLimits {
  size_t max_bytes = 64 * 1024 * 1024;
  int max_depth = 64;
};

class XmlElement {
 public:
  XmlElement() = default;
  explicit XmlElement(_xmlNode* node) : node_(node) {}

  explicit operator bool() const { return node_ != nullptr; }
  std::string_view LocalName() const;
  std::string_view NamespaceUri() const;
  bool Is(std::string_view ns, std::string_view local) const;

  // Attribute without namespace; empty when absent.
  std::string Attr(std::string_view name) const;
  bool HasAttr(std::string_view name) const;
  // Attribute in a namespace (e.g. soap:mustUnderstand).
  std::string AttrNs(std::string_view ns, std::string_view name) const;

  // Concatenated text content of this element and its descendants.
  std::string Text() const;

  // Child elements in document order, optionally filtered by namespace/name.
  std::vector<XmlElement> Children() const;
  std::vector<XmlElement> Children(std::string_view ns, std::string_view local) const;
  XmlElement FirstChild(std::string_view ns, std::string_view local) const;
  XmlElement FirstChildElement() const;
  // The next element among this one's siblings; null after the last. With
  // FirstChildElement(), walks the children without building a vector.
  XmlElement NextSiblingElement() const;

  // Serializes this element (and its subtree) back to XML text, carrying the
  // namespace declarations it needs.
  std::string Serialize() const;

  // Line in the source document, for error messages.
  long Line() const;

 private:
  friend class SchemaSet;  // validates the libxml2 node in place
  // Verifies an assertion's XML signature in place: a serialized copy
  // would not keep the exact namespace prefixes the signature covers.
  friend class security::XuaVerifier;
  _xmlNode* node_ = nullptr;
};

class XmlDocument {
 public:
  XmlDocument() = default;  // empty; Root() is null
  ~XmlDocument();
  XmlDocument(XmlDocument&&) noexcept;
  XmlDocument& operator=(XmlDocument&&) noexcept;

  // Parses untrusted bytes. Fails with InvalidArgument on malformed XML,
  // a DOCTYPE or excessive depth, and TooLarge beyond limits.max_bytes.
  static Result<XmlDocument> Parse(std::string_view bytes, const ParseLimits& limits = {});

  XmlElement Root() const;

 private:
  explicit XmlDocument(_xmlDoc* doc) : doc_(doc) {}
  _xmlDoc* doc_ = nullptr;
};

}  // namespace xds::xml

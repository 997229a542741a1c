// XmlWriter: builds XML text element by element, escaping as it goes.
//
// Writing is plain string building, not a libxml2 tree: responses carrying
// thousands of registry objects are written in one pass with no per-node
// allocation (the names of open elements are remembered as positions in the
// output, not as copies). Names are written as given (callers use the fixed prefixes of
// wire/ihe/namespaces.h and declare them with Attr("xmlns:rim", ...)).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xds::xml {

class XmlWriter {
 public:
  XmlWriter();
  // Starts <qname. Attributes may follow until content or Close().
  XmlWriter& Open(std::string_view qname);
  XmlWriter& Attr(std::string_view name, std::string_view value);
  // Escaped character content.
  XmlWriter& Text(std::string_view text);
  // Closes the innermost open element ("/>" when it had no content).
  XmlWriter& Close();
  // <qname>text</qname> in one call.
  XmlWriter& Element(std::string_view qname, std::string_view text);
  // Appends an already well-formed fragment as content.
  XmlWriter& Raw(std::string_view xml);

  const std::string& str() const { return out_; }
  std::string Take();

  // Escapes markup characters; characters XML 1.0 forbids (C0 controls,
  // malformed UTF-8) become U+FFFD so the output is always well-formed.
  static void AppendEscaped(std::string& out, std::string_view text, bool in_attribute);

 private:
  void FinishStartTag();
  // Where an open element's qname sits in out_ (written by Open()).
  struct OpenElement {
    size_t offset;
    size_t length;
  };
  std::string out_;
  std::vector<OpenElement> open_;
  bool start_tag_open_ = false;
};

}  // namespace xds::xml

#include "wire/xml/xml_writer.h"

#include <cassert>

namespace xds::xml {

void XmlWriter::AppendEscaped(std::string& out, std::string_view text, bool in_attribute) {
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (in_attribute) out += "&quot;"; else out += c;
        break;
      case '\n':
        if (in_attribute) out += "&#10;"; else out += c;
        break;
      case '\r': out += "&#13;"; break;
      case '\t':
        if (in_attribute) out += "&#9;"; else out += c;
        break;
      default: out += c;
    }
  }
}

void XmlWriter::FinishStartTag() {
  if (start_tag_open_) {
    out_ += '>';
    start_tag_open_ = false;
  }
}

XmlWriter& XmlWriter::Open(std::string_view qname) {
  FinishStartTag();
  out_ += '<';
  out_ += qname;
  open_.emplace_back(qname);
  start_tag_open_ = true;
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, std::string_view value) {
  assert(start_tag_open_ && "Attr() only right after Open()");
  out_ += ' ';
  out_ += name;
  out_ += "=\"";
  AppendEscaped(out_, value, true);
  out_ += '"';
  return *this;
}

XmlWriter& XmlWriter::Text(std::string_view text) {
  FinishStartTag();
  AppendEscaped(out_, text, false);
  return *this;
}

XmlWriter& XmlWriter::Raw(std::string_view xml) {
  FinishStartTag();
  out_ += xml;
  return *this;
}

XmlWriter& XmlWriter::Close() {
  assert(!open_.empty());
  if (start_tag_open_) {
    out_ += "/>";
    start_tag_open_ = false;
  } else {
    out_ += "</";
    out_ += open_.back();
    out_ += '>';
  }
  open_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::Element(std::string_view qname, std::string_view text) {
  Open(qname);
  if (!text.empty()) Text(text);
  return Close();
}

std::string XmlWriter::Take() {
  assert(open_.empty());
  return std::move(out_);
}

}  // namespace xds::xml

#include "wire/xml/xml_writer.h"

#include <cassert>

namespace xds::xml {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i] (1-4), or 0
// when it is not one (overlong forms, surrogates and values past U+10FFFF
// included).
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char c = b(0);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
  if (len == 0 || i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k)
    if ((b(k) & 0xc0) != 0x80) return 0;
  if (len == 2 && c < 0xc2) return 0;                                   // overlong
  if (len == 3 && c == 0xe0 && b(1) < 0xa0) return 0;                  // overlong
  if (len == 3 && c == 0xed && b(1) >= 0xa0) return 0;                  // surrogate
  if (len == 3 && c == 0xef && b(1) == 0xbf && b(2) >= 0xbe) return 0;  // U+FFFE, U+FFFF
  if (len == 4 && (c > 0xf4 || (c == 0xf0 && b(1) < 0x90) || (c == 0xf4 && b(1) >= 0x90))) return 0;
  return len;
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// The bytes that are copied as they are in text and attributes, as a table:
// the scan over every value written is the writer's inner loop.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int u = 0x20; u < 0x80; ++u) plain[u] = u != '&' && u != '<' && u != '>' && u != '"';
  }
};
constexpr PlainBytes kPlain;

bool IsPlain(unsigned char u) { return kPlain.plain[u]; }

// Most documents written are a few KiB (a registry object, a response);
// starting there avoids the first rounds of regrowth.
constexpr size_t kInitialCapacity = 4096;

}  // namespace

void XmlWriter::AppendEscaped(std::string& out, std::string_view text, bool in_attribute) {
  for (size_t i = 0; i < text.size();) {
    // Copy the run of plain bytes in one append: most values are all plain.
    size_t run = i;
    while (run < text.size() && IsPlain(static_cast<unsigned char>(text[run]))) ++run;
    if (run > i) {
      out.append(text.data() + i, run - i);
      i = run;
      if (i == text.size()) break;
    }
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      // XML 1.0 allows only well-formed UTF-8: anything else (a Latin-1
      // byte from a sloppy peer, say) becomes U+FFFD so the document parses.
      size_t len = Utf8SequenceLength(text, i);
      if (len == 0) {
        out += kReplacementCharacter;
        ++i;
      } else {
        out.append(text.substr(i, len));
        i += len;
      }
      continue;
    }
    ++i;
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
      default:
        // C0 controls other than tab, LF and CR cannot appear in XML 1.0,
        // not even as character references.
        if (u < 0x20) out += kReplacementCharacter; else out += c;
    }
  }
}

XmlWriter::XmlWriter() { open_.reserve(16); }

void XmlWriter::FinishStartTag() {
  if (start_tag_open_) {
    out_ += '>';
    start_tag_open_ = false;
  }
}

XmlWriter& XmlWriter::Open(std::string_view qname) {
  FinishStartTag();
  if (out_.capacity() < kInitialCapacity) out_.reserve(kInitialCapacity);
  out_ += '<';
  open_.push_back({out_.size(), qname.size()});
  out_ += qname;
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
    // The name is copied from earlier in out_: make room first so that the
    // source stays where it is while it is appended.
    const OpenElement e = open_.back();
    out_.reserve(out_.size() + e.length + 3);
    out_ += "</";
    out_.append(out_.data() + e.offset, e.length);
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

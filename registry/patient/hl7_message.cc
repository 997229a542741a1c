#include "registry/patient/hl7_message.h"

#include <cctype>

namespace xds::registry {
namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";

// Part n (1-based) of text split on delimiter; empty when there are fewer
// parts. Splitting the raw text before unescaping is what makes \F\ and
// friends safe: an escaped delimiter is never a real one.
std::string_view NthPart(std::string_view text, char delimiter, std::size_t n) {
  if (n == 0) return {};
  std::size_t start = 0;
  for (std::size_t i = 1; i < n; ++i) {
    std::size_t pos = text.find(delimiter, start);
    if (pos == std::string_view::npos) return {};
    start = pos + 1;
  }
  std::size_t end = text.find(delimiter, start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::vector<std::string> SplitAll(std::string_view text, char delimiter) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t pos = text.find(delimiter, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Appends the decoded form of one escape sequence (the text between the two
// escape characters). False when the sequence is not one we decode.
bool AppendEscapeSequence(std::string_view seq, const Hl7Delimiters& d, std::string& out) {
  if (seq.size() == 1) {
    switch (seq[0]) {
      case 'F': out += d.field; return true;
      case 'S': out += d.component; return true;
      case 'T': out += d.subcomponent; return true;
      case 'R': out += d.repetition; return true;
      case 'E': out += d.escape; return true;
      case 'H':  // start/end highlighting: presentation only
      case 'N': return true;
      default: return false;
    }
  }
  if (seq.size() >= 3 && seq[0] == 'X' && (seq.size() - 1) % 2 == 0) {
    std::string bytes;
    for (std::size_t i = 1; i < seq.size(); i += 2) {
      int hi = HexValue(seq[i]);
      int lo = HexValue(seq[i + 1]);
      if (hi < 0 || lo < 0) return false;
      bytes += static_cast<char>(hi * 16 + lo);
    }
    out += bytes;
    return true;
  }
  return false;
}

bool IsSegmentName(std::string_view name) {
  if (name.size() != 3) return false;
  for (char c : name) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// HL7 v2.5 Ch. 2.5.4: delimiters must be distinct, and a letter, digit, space
// or control character would make the message ambiguous.
Status ReadDelimiters(std::string_view msh, Hl7Delimiters& d) {
  if (msh.size() < 8 || msh.substr(0, 3) != "MSH") {
    return Status::InvalidArgument("message does not start with an MSH segment");
  }
  d.field = msh[3];
  std::size_t end = msh.find(d.field, 4);
  std::string_view encoding = msh.substr(4, end == std::string_view::npos ? std::string_view::npos : end - 4);
  // A fifth character is the v2.7 truncation character; we never truncate.
  if (encoding.size() != 4 && encoding.size() != 5) {
    return Status::InvalidArgument("MSH-2 must hold 4 encoding characters, got \"" +
                                   std::string(encoding) + "\"");
  }
  d.component = encoding[0];
  d.repetition = encoding[1];
  d.escape = encoding[2];
  d.subcomponent = encoding[3];
  std::string all = std::string(1, d.field) + std::string(encoding);
  for (std::size_t i = 0; i < all.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(all[i]);
    if (!std::isgraph(c) || std::isalnum(c)) {
      return Status::InvalidArgument("MSH-1/MSH-2 delimiters must be punctuation characters");
    }
    if (all.find(all[i], i + 1) != std::string::npos) {
      return Status::InvalidArgument("MSH-1/MSH-2 delimiters must be distinct");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string Hl7Unescape(std::string_view text, const Hl7Delimiters& d) {
  if (text.find(d.escape) == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != d.escape) {
      out += text[i];
      continue;
    }
    std::size_t end = text.find(d.escape, i + 1);
    if (end == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    if (!AppendEscapeSequence(text.substr(i + 1, end - i - 1), d, out)) {
      out.append(text.substr(i, end - i + 1));
    }
    i = end;
  }
  return out;
}

std::string Hl7Escape(std::string_view text, const Hl7Delimiters& d) {
  std::string out;
  out.reserve(text.size());
  auto append = [&](std::string_view seq) {
    out += d.escape;
    out.append(seq);
    out += d.escape;
  };
  for (char c : text) {
    // The escape character first: the other cases emit it.
    if (c == d.escape) {
      append("E");
    } else if (c == d.field) {
      append("F");
    } else if (c == d.component) {
      append("S");
    } else if (c == d.subcomponent) {
      append("T");
    } else if (c == d.repetition) {
      append("R");
    } else if (c == '\r' || c == '\n') {
      unsigned char u = static_cast<unsigned char>(c);
      append(std::string{'X', kHexDigits[u >> 4], kHexDigits[u & 0xF]});
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view Hl7Segment::RawField(std::size_t field) const {
  if (field == 0 || field >= fields_.size()) return {};
  return fields_[field];
}

std::size_t Hl7Segment::RepetitionCount(std::size_t field) const {
  std::string_view raw = RawField(field);
  if (raw.empty()) return 0;
  // MSH-1 and MSH-2 hold the delimiters themselves.
  if (name_ == "MSH" && field <= 2) return 1;
  std::size_t count = 1;
  for (char c : raw) {
    if (c == delimiters_.repetition) ++count;
  }
  return count;
}

std::string Hl7Segment::Get(std::size_t field, std::size_t component, std::size_t subcomponent) const {
  return GetRepetition(field, 1, component, subcomponent);
}

std::string Hl7Segment::GetRepetition(std::size_t field, std::size_t repetition, std::size_t component,
                                      std::size_t subcomponent) const {
  std::string_view raw = RawField(field);
  if (name_ == "MSH" && field <= 2) {
    return repetition == 1 && component == 1 && subcomponent == 1 ? std::string(raw) : std::string();
  }
  std::string_view value = NthPart(raw, delimiters_.repetition, repetition);
  value = NthPart(value, delimiters_.component, component);
  value = NthPart(value, delimiters_.subcomponent, subcomponent);
  return Hl7Unescape(value, delimiters_);
}

Result<Hl7Message> Hl7Message::Parse(std::string_view er7) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < er7.size();) {
    std::size_t end = er7.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = er7.size();
    if (end > start) lines.push_back(er7.substr(start, end - start));
    start = end + 1;
  }
  if (lines.empty()) return Status::InvalidArgument("empty message");

  Hl7Message message;
  XDS_RETURN_IF_ERROR(ReadDelimiters(lines[0], message.delimiters_));
  const Hl7Delimiters& d = message.delimiters_;

  message.segments_.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::string> fields = SplitAll(lines[i], d.field);
    if (!IsSegmentName(fields[0])) {
      return Status::InvalidArgument("segment " + std::to_string(i + 1) + " has an invalid name \"" +
                                     fields[0].substr(0, 16) + "\"");
    }
    if (fields[0] == "MSH") {
      if (i != 0) return Status::InvalidArgument("more than one MSH segment (batches are not supported)");
      // Renumber so that fields[n] is MSH-n: MSH-1 is the separator between
      // "MSH" and MSH-2, so it never appears as a split part.
      fields.insert(fields.begin() + 1, std::string(1, d.field));
    }
    std::string name = fields[0];
    message.segments_.push_back(Hl7Segment(std::move(name), std::move(fields), d));
  }
  return message;
}

const Hl7Segment* Hl7Message::Find(std::string_view name) const {
  for (const Hl7Segment& segment : segments_) {
    if (segment.name() == name) return &segment;
  }
  return nullptr;
}

std::string Hl7Message::Get(std::string_view segment, std::size_t field, std::size_t component,
                            std::size_t subcomponent) const {
  const Hl7Segment* found = Find(segment);
  return found == nullptr ? std::string() : found->Get(field, component, subcomponent);
}

}  // namespace xds::registry

#include "wire/mime/multipart_parser.h"

#include <algorithm>

#include "wire/mime/content_type.h"

namespace xds::mime {
namespace {

// Transport padding allowed between a boundary and its CRLF (RFC 2046 5.1.1
// permits linear whitespace there). Real senders use none; the cap keeps a
// hostile body from growing the buffer.
constexpr size_t kMaxTransportPadding = 256;

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

std::string PartName(size_t index) { return "MIME part #" + std::to_string(index + 1); }

// Splits a header block (lines each ending in CRLF) into fields, undoing
// folding (RFC 5322 2.2.3). `name` names the part in error messages.
Status ParseHeaderLines(std::string_view block, const std::string& name,
                        std::vector<std::pair<std::string, std::string>>* fields) {
  auto is_bad = [](char ch) { return IsControl(ch) && ch != '\t'; };
  while (!block.empty()) {
    const size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block.remove_prefix(eol + 2);
    if (std::any_of(line.begin(), line.end(), is_bad)) {
      return Status::InvalidArgument(name +
                                     " has a control character (bare CR or LF?) in its headers");
    }
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      if (fields->empty()) {
        return Status::InvalidArgument(name + " headers start with a continuation line");
      }
      std::string& value = fields->back().second;
      if (!value.empty()) value.push_back(' ');
      value.append(TrimWhitespace(line));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || TrimWhitespace(line.substr(0, colon)).empty()) {
      return Status::InvalidArgument(name + " has a malformed header line: \"" +
                                     std::string(line.substr(0, 80)) + "\"");
    }
    fields->emplace_back(AsciiLower(TrimWhitespace(line.substr(0, colon))),
                         std::string(TrimWhitespace(line.substr(colon + 1))));
  }
  return Status::Ok();
}

}  // namespace

const std::string* PartHeaders::Find(std::string_view lower_name) const {
  for (const auto& [name, value] : fields) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

Status MultipartParser::CheckBoundary(std::string_view boundary) {
  if (boundary.empty()) return Status::InvalidArgument("multipart boundary is empty");
  if (boundary.size() > kMaxBoundaryLength) {
    return Status::InvalidArgument("multipart boundary is " + std::to_string(boundary.size()) +
                                   " characters long; at most " +
                                   std::to_string(kMaxBoundaryLength) + " are accepted");
  }
  if (std::any_of(boundary.begin(), boundary.end(), IsControl)) {
    return Status::InvalidArgument("multipart boundary contains a control character");
  }
  return Status::Ok();
}

MultipartParser::MultipartParser(std::string_view boundary, Callbacks callbacks,
                                 MultipartLimits limits)
    : boundary_(boundary),
      delimiter_("\r\n--" + std::string(boundary)),
      callbacks_(std::move(callbacks)),
      limits_(limits),
      status_(CheckBoundary(boundary)) {}

Status MultipartParser::Fail(Status status) {
  status_ = std::move(status);
  return status_;
}

Status MultipartParser::Feed(std::string_view chunk) {
  if (!status_.ok()) return status_;
  if (finished_) return Fail(Status::Internal("MultipartParser::Feed called after Finish"));
  if (!carry_.empty()) {
    // Settle the lookbehind by joining it with at most one delimiter's worth
    // of new bytes, so the copy stays small however large the chunk is.
    const size_t old = carry_.size();
    const size_t take = std::min(chunk.size(), delimiter_.size());
    std::string joint = std::move(carry_);
    carry_.clear();
    joint.append(chunk.substr(0, take));
    size_t used = 0;
    Status s = Consume(joint, &used);
    if (!s.ok()) return Fail(std::move(s));
    if (used < old) {
      // Still undecided: only possible when the whole chunk fit in `joint`
      // (an undecided tail is shorter than the delimiter).
      carry_ = joint.substr(used);
      return Status::Ok();
    }
    // What is left of `joint` came from `chunk`; re-read it from there.
    chunk.remove_prefix(used - old);
  }
  size_t used = 0;
  Status s = Consume(chunk, &used);
  if (!s.ok()) return Fail(std::move(s));
  carry_.assign(chunk.substr(used));
  return Status::Ok();
}

Status MultipartParser::Finish() {
  if (!status_.ok()) return status_;
  if (finished_) return Status::Ok();
  finished_ = true;
  switch (state_) {
    case State::kEpilogue:
      return Status::Ok();
    case State::kPreamble:
      return Fail(Status::InvalidArgument(
          "multipart body contains no boundary delimiter \"--" + boundary_ +
          "\": the body is empty or does not use the Content-Type boundary"));
    case State::kDelimiterTail:
      return Fail(Status::InvalidArgument(
          "multipart body is truncated: it ends on a boundary line with no closing "
          "delimiter \"--" + boundary_ + "--\""));
    case State::kHeaders:
      return Fail(Status::InvalidArgument("multipart body is truncated inside the headers of " +
                                          PartName(parts_)));
    case State::kBody:
      return Fail(Status::InvalidArgument(
          "multipart body is truncated: " + PartName(parts_ - 1) +
          " is not followed by a boundary (closing delimiter \"--" + boundary_ +
          "--\" missing)"));
  }
  return Status::Internal("MultipartParser: unknown state");
}

Status MultipartParser::Consume(std::string_view data, size_t* used) {
  size_t pos = 0;
  while (pos < data.size()) {
    switch (state_) {
      case State::kPreamble:
      case State::kBody: {
        bool need_more = false;
        XDS_RETURN_IF_ERROR(ScanBody(data, &pos, &need_more));
        if (need_more) {
          *used = pos;
          return Status::Ok();
        }
        break;
      }
      case State::kDelimiterTail:
        XDS_RETURN_IF_ERROR(OnDelimiterTailByte(data[pos++]));
        break;
      case State::kHeaders:
        // Byte at a time is fine: header blocks are small and capped.
        XDS_RETURN_IF_ERROR(OnHeaderByte(data[pos++]));
        break;
      case State::kEpilogue:
        pos = data.size();
        break;
    }
  }
  *used = data.size();
  return Status::Ok();
}

Status MultipartParser::ScanBody(std::string_view data, size_t* pos, bool* need_more) {
  const bool in_part = state_ == State::kBody;
  std::string_view rest = data.substr(*pos);
  const size_t hit = rest.find(delimiter_);
  if (hit == std::string_view::npos) {
    // Hand on everything except a tail that may be the start of a delimiter.
    const size_t keep = PartialDelimiterLength(rest);
    if (in_part && rest.size() > keep && callbacks_.on_part_data) {
      XDS_RETURN_IF_ERROR(callbacks_.on_part_data(rest.substr(0, rest.size() - keep)));
    }
    *pos = data.size() - keep;
    *need_more = true;
    return Status::Ok();
  }
  if (in_part) {
    // The CRLF before "--boundary" belongs to the delimiter, not the data
    // (RFC 2046 5.1.1), so a part's bytes end exactly at `hit`.
    if (hit > 0 && callbacks_.on_part_data) {
      XDS_RETURN_IF_ERROR(callbacks_.on_part_data(rest.substr(0, hit)));
    }
    if (callbacks_.on_part_end) XDS_RETURN_IF_ERROR(callbacks_.on_part_end());
  }
  *pos += hit + delimiter_.size();
  state_ = State::kDelimiterTail;
  delimiter_tail_.clear();
  return Status::Ok();
}

size_t MultipartParser::PartialDelimiterLength(std::string_view data) const {
  const size_t n = data.size();
  const size_t first = n >= delimiter_.size() ? n - delimiter_.size() + 1 : 0;
  for (size_t p = first; p < n; ++p) {
    // The longest candidate wins: it starts earliest.
    if (data[p] == '\r' && delimiter_.compare(0, n - p, data.data() + p, n - p) == 0) {
      return n - p;
    }
  }
  return 0;
}

Status MultipartParser::OnDelimiterTailByte(char c) {
  delimiter_tail_.push_back(c);
  const size_t n = delimiter_tail_.size();
  if (n == 1 && c == '-') return Status::Ok();  // maybe the closing "--"
  if (n == 2 && delimiter_tail_[0] == '-') {
    if (c != '-') {
      return Status::InvalidArgument("boundary \"--" + boundary_ +
                                     "-\" is followed by unexpected text");
    }
    state_ = State::kEpilogue;
    return Status::Ok();
  }
  const char prev = n >= 2 ? delimiter_tail_[n - 2] : '\0';
  if (prev == '\r') {
    if (c != '\n') {
      return Status::InvalidArgument("boundary line \"--" + boundary_ +
                                     "\" has a CR without LF");
    }
    if (parts_ >= limits_.max_parts) {
      return Status::TooLarge("multipart body has more than " +
                              std::to_string(limits_.max_parts) + " parts");
    }
    state_ = State::kHeaders;
    header_block_.clear();
    return Status::Ok();
  }
  if (c == ' ' || c == '\t' || c == '\r') {
    if (n > kMaxTransportPadding) {
      return Status::InvalidArgument("boundary line \"--" + boundary_ + "\" has more than " +
                                     std::to_string(kMaxTransportPadding) +
                                     " bytes of padding");
    }
    return Status::Ok();
  }
  // RFC 2046 5.1.1: the boundary must not occur inside a part, so text after
  // it means a bad sender; guessing would let two parsers disagree.
  return Status::InvalidArgument("boundary \"--" + boundary_ +
                                 "\" is followed by unexpected text on its line");
}

Status MultipartParser::OnHeaderByte(char c) {
  if (header_block_.size() >= limits_.max_header_bytes) {
    return Status::TooLarge("header block of " + PartName(parts_) + " exceeds " +
                            std::to_string(limits_.max_header_bytes) + " bytes");
  }
  header_block_.push_back(c);
  if (c != '\n') return Status::Ok();
  const size_t n = header_block_.size();
  const bool ended = header_block_ == "\r\n" ||
                     (n >= 4 && header_block_.compare(n - 4, 4, "\r\n\r\n") == 0);
  return ended ? BeginPart() : Status::Ok();
}

Status MultipartParser::BeginPart() {
  PartHeaders h;
  h.index = parts_;
  const std::string name = PartName(parts_);
  std::string_view block = header_block_;
  block.remove_suffix(2);  // the blank line; every remaining line ends in CRLF
  XDS_RETURN_IF_ERROR(ParseHeaderLines(block, name, &h.fields));

  // Two Content-IDs or Content-Types would make the part ambiguous.
  struct Known {
    std::string_view header;
    std::string* out;
  };
  for (Known k : {Known{"content-id", &h.content_id}, Known{"content-type", &h.content_type},
                  Known{"content-transfer-encoding", &h.content_transfer_encoding}}) {
    size_t count = 0;
    for (const auto& field : h.fields) {
      if (field.first != k.header) continue;
      if (++count > 1) {
        return Status::InvalidArgument(name + " has more than one " + std::string(k.header) +
                                       " header");
      }
      *k.out = field.second;
    }
  }
  h.content_id = std::string(StripAngleBrackets(h.content_id));
  h.content_transfer_encoding = AsciiLower(h.content_transfer_encoding);

  ++parts_;
  state_ = State::kBody;
  header_block_.clear();
  if (callbacks_.on_part_begin) return callbacks_.on_part_begin(h);
  return Status::Ok();
}

}  // namespace xds::mime

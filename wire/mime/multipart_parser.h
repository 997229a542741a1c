// MultipartParser: a streaming push parser for MIME multipart bodies
// (RFC 2046 5.1), the framing under MTOM/XOP (ITI TF-2 Appendix V.8).
//
// The caller pushes the body in chunks of any size, split anywhere (inside a
// boundary, a header line or CRLF), and gets callbacks for each part's
// headers, its body bytes (streamed, in pieces) and its end. Memory stays
// bounded whatever the part sizes: besides one part's header block (capped by
// MultipartLimits) the parser keeps only a lookbehind shorter than the
// delimiter "\r\n--boundary".
//
// Ownership: the parser owns copies of the boundary and the callbacks.
// Thread safety: none; one parser serves one body on one thread at a time.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/base/status.h"

namespace xds::mime {

// The headers of one body part. A value type; the parser hands a const
// reference that is valid only during the on_part_begin call.
struct PartHeaders {
  // Every header in order of appearance: name lower-cased, value with folding
  // undone and surrounding whitespace trimmed.
  std::vector<std::pair<std::string, std::string>> fields;
  std::string content_id;                 // Content-ID without <>, empty when absent
  std::string content_type;               // Content-Type as sent, empty when absent
  std::string content_transfer_encoding;  // lower-cased, empty when absent
  size_t index = 0;                       // 0-based position of the part in the body

  // The value of the first header named `lower_name`, or nullptr.
  const std::string* Find(std::string_view lower_name) const;
};

// Caps on untrusted input (STYLE.md: cap MIME parts before parsing).
struct MultipartLimits {
  // One part's header block, including the blank line that ends it. SOAP
  // stacks send a few hundred bytes; 16 KiB leaves room for odd clients.
  size_t max_header_bytes = 16 * 1024;
  // Parts per body. An ITI-41 carries one part per document; a RAD-69
  // response one per instance, so large studies need a generous cap.
  size_t max_parts = 10000;
};

class MultipartParser {
 public:
  // A callback returning a non-OK Status stops the parse; Feed returns it.
  // Any callback may be empty. String views are valid only during the call.
  struct Callbacks {
    std::function<Status(const PartHeaders&)> on_part_begin;
    std::function<Status(std::string_view bytes)> on_part_data;
    std::function<Status()> on_part_end;
  };

  // RFC 2046 allows 70 characters; some stacks send longer boundaries, and
  // memory only grows with this length, so accept up to 256.
  static constexpr size_t kMaxBoundaryLength = 256;

  // OK when `boundary` is usable: 1..kMaxBoundaryLength characters, no
  // control characters (a CR or LF would make the delimiter unparseable).
  static Status CheckBoundary(std::string_view boundary);

  // `boundary` is the Content-Type parameter value, without the leading "--".
  // An unusable boundary is reported by the first Feed or Finish.
  MultipartParser(std::string_view boundary, Callbacks callbacks, MultipartLimits limits = {});

  // Parses the next piece of the body. After an error every later call
  // returns the same error (the body cannot be resynchronised).
  Status Feed(std::string_view chunk);

  // Declares the end of the body. Returns InvalidArgument when the closing
  // delimiter "--boundary--" was not seen (truncated body or wrong boundary).
  // The epilogue after the closing delimiter is ignored, as is the preamble.
  Status Finish();

  // Parts whose headers have been parsed so far.
  size_t parts() const { return parts_; }
  // True once the closing delimiter has been seen.
  bool complete() const { return state_ == State::kEpilogue; }

 private:
  enum class State {
    kPreamble,       // before the first delimiter; bytes are discarded
    kDelimiterTail,  // after "--boundary": "--", or padding then CRLF
    kHeaders,        // a part's header block
    kBody,           // a part's bytes, streamed to on_part_data
    kEpilogue,       // after the closing delimiter; bytes are discarded
  };

  // Consumes data[0, *used); the rest (shorter than the delimiter) may be the
  // start of a delimiter and must be seen again with the bytes that follow.
  Status Consume(std::string_view data, size_t* used);
  Status ScanBody(std::string_view data, size_t* pos, bool* need_more);
  Status OnDelimiterTailByte(char c);
  Status OnHeaderByte(char c);
  Status BeginPart();
  // Bytes at the end of `data` that are a proper prefix of delimiter_.
  size_t PartialDelimiterLength(std::string_view data) const;
  Status Fail(Status status);

  std::string boundary_;
  std::string delimiter_;  // "\r\n--" + boundary_
  Callbacks callbacks_;
  MultipartLimits limits_;
  State state_ = State::kPreamble;
  // Lookbehind, shorter than delimiter_. Starts as a virtual CRLF so that a
  // body beginning with "--boundary" (no preamble) matches the delimiter.
  std::string carry_ = "\r\n";
  std::string delimiter_tail_;  // bytes after "--boundary", up to CRLF
  std::string header_block_;    // the current part's headers, capped
  size_t parts_ = 0;
  bool finished_ = false;
  Status status_;  // the first error; sticky
};

}  // namespace xds::mime

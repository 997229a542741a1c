// Reading MTOM/XOP packages (ITI TF-2 Appendix V.8; W3C XOP 1.0): a
// multipart/related body whose root part is the SOAP envelope and whose
// other parts are the binaries that xop:Include elements point at.
//
// Two entry points over the same MultipartParser:
//  - ParseMtom: the whole body is in memory; every part is copied into an
//    MtomMessage. For SOAP endpoints handling small messages.
//  - MtomReader: push-fed; buffers only the root XML (capped) and streams each
//    attachment to a caller-supplied PartSink, so large ITI-41 / RAD-68
//    uploads never sit in memory.
// Thread safety: none; an MtomReader serves one message on one thread.
// The writing side is in wire/mime/mtom_writer.h.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wire/base/status.h"
#include "wire/mime/multipart_parser.h"

namespace xds::mime {

// A whole MTOM package in memory. A value type.
struct MtomMessage {
  std::string root_xml;                      // the SOAP envelope, xop:Include left in place
  std::map<std::string, std::string> parts;  // Content-ID (no angle brackets) -> bytes
  // Content-ID -> Content-Type as sent, for every entry of `parts`.
  std::map<std::string, std::string> part_content_types;
  std::string root_content_id;    // may be empty when the package has no start parameter
  std::string root_content_type;  // normally application/xop+xml; type="application/soap+xml"
};

// Parses a whole multipart/related MTOM/XOP body held in memory.
// `content_type` is the HTTP Content-Type header value. Fails with
// InvalidArgument when the Content-Type is not multipart/related or has no
// boundary, the body is malformed or truncated, the root part (named by the
// start parameter, else the first part) is missing, a non-root part has no
// Content-ID, or a Content-ID repeats; TooLarge when a limit is exceeded.
Result<MtomMessage> ParseMtom(std::string_view content_type, std::string_view body);

// The destination of one attachment's bytes, e.g. a spool file. Owned by the
// MtomReader while the part is read. Write is called zero or more times, then
// Close exactly once when the part ended well. A sink destroyed without
// Close (a later error aborted the message) must discard what it received.
class PartSink {
 public:
  virtual ~PartSink() = default;
  virtual Status Write(std::string_view bytes) = 0;
  virtual Status Close() = 0;
};

// Makes the sink for one attachment, given its headers. Returning an error
// (for example a refused Content-Type, or no spool space) stops the parse.
using PartSinkFactory = std::function<Result<std::unique_ptr<PartSink>>(const PartHeaders&)>;

struct MtomLimits {
  // The root part is parsed as XML, so it must be held whole; 64 MiB covers
  // any realistic metadata (a big ITI-42 is a few MiB) with room to spare.
  size_t max_root_bytes = 64 * 1024 * 1024;
  MultipartLimits multipart;
};

// Push-fed MTOM/XOP reader. Create it from the HTTP Content-Type, Feed the
// body in chunks of any size, then Finish; after an OK Finish the root XML
// and the attachment list are complete. Owns the factory, the current sink
// and the buffered root XML. Not copyable or movable (the parser's callbacks
// point at it), hence the unique_ptr from Create.
class MtomReader {
 public:
  // Fails with InvalidArgument when `content_type` is not multipart/related,
  // lacks a usable boundary, or `factory` is empty.
  static Result<std::unique_ptr<MtomReader>> Create(std::string_view content_type,
                                                    PartSinkFactory factory,
                                                    MtomLimits limits = {});
  MtomReader(const MtomReader&) = delete;
  MtomReader& operator=(const MtomReader&) = delete;

  // Errors are sticky: after one, every call returns it.
  Status Feed(std::string_view chunk);
  // Checks the closing boundary and that the root part was found.
  Status Finish();

  const std::string& root_xml() const { return root_xml_; }
  std::string TakeRootXml() { return std::move(root_xml_); }
  const PartHeaders& root_headers() const { return root_headers_; }
  // Headers of every attachment (non-root part), in body order.
  const std::vector<PartHeaders>& attachments() const { return attachments_; }
  // The root Content-ID from the start parameter; empty when absent.
  const std::string& start() const { return start_; }

 private:
  MtomReader(std::string_view boundary, std::string start, PartSinkFactory factory,
             MtomLimits limits);
  Status OnPartBegin(const PartHeaders& headers);
  Status OnPartData(std::string_view bytes);
  Status OnPartEnd();

  std::string start_;  // root Content-ID without <>; empty: the first part is the root
  PartSinkFactory factory_;
  MtomLimits limits_;
  MultipartParser parser_;  // declared after the fields its callbacks use
  std::unique_ptr<PartSink> sink_;  // the attachment being read, if any
  bool in_root_ = false;
  bool root_seen_ = false;
  std::string root_xml_;
  PartHeaders root_headers_;
  std::set<std::string> content_ids_;  // seen so far, to reject duplicates
  std::vector<PartHeaders> attachments_;
};

// The Content-ID an xop:Include href points at: "cid:" (any case) removed and
// %hh escapes decoded (RFC 2392). Malformed escapes are kept literally.
// Returns empty when `href` is not a cid: URL.
std::string CidFromHref(std::string_view href);

// The inverse: "cid:" + `content_id`, percent-encoding every character that
// may not appear literally in a URL (ITI TF-2 V.8; RFC 2392).
std::string HrefFromCid(std::string_view content_id);

}  // namespace xds::mime

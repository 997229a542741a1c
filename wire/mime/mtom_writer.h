// MtomWriter: writes an MTOM/XOP package (ITI TF-2 Appendix V.8) in pieces,
// so a response carrying large documents can be streamed (RAD-69, ITI-43):
//
//   MtomWriter w("urn:ihe:iti:2007:RetrieveDocumentSetResponse");
//   header  Content-Type: w.ContentType()
//   body    w.RootPart(envelope)
//           w.PartHeader(cid, "application/dicom"), then the bytes, in chunks
//           ... one PartHeader + bytes per attachment ...
//           w.Closing()
//
// The envelope refers to each attachment with <xop:Include href="..."/>,
// where href = HrefFromCid(cid) (wire/mime/mtom.h).
//
// Each writer has its own random boundary and root Content-ID. The boundary
// holds a version-4 UUID (122 random bits), so it cannot plausibly occur in
// the data and the bytes never need scanning. Immutable after construction,
// so const methods may be called from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xds::mime {

class MtomWriter {
 public:
  // One attachment for Whole(). Views: the bytes must outlive the call.
  struct Attachment {
    std::string_view content_id;    // without <>
    std::string_view content_type;  // e.g. "application/pdf"
    std::string_view bytes;
  };

  // A fresh boundary and root Content-ID. A non-empty `action` (the
  // wsa:Action) is repeated as the action parameter of ContentType().
  explicit MtomWriter(std::string_view action = {});
  // Fixed boundary and root Content-ID, for golden tests.
  MtomWriter(std::string_view boundary, std::string_view root_content_id,
             std::string_view action);

  // The HTTP Content-Type value of the package:
  // multipart/related; boundary=...; type="application/xop+xml";
  // start="<root>"; start-info="application/soap+xml"[; action="..."]
  std::string ContentType() const;

  // The first boundary, the root part headers and the SOAP envelope.
  std::string RootPart(std::string_view soap_xml) const;

  // The delimiter and headers that open an attachment; the caller then
  // writes its bytes unchanged. Control characters are dropped from
  // `content_id` together with '<' and '>', and a `content_type` holding a
  // control character becomes application/octet-stream: both may come from
  // submitted metadata, and a CR/LF would inject headers.
  std::string PartHeader(std::string_view content_id, std::string_view content_type) const;

  // The closing delimiter; the package is complete after it.
  std::string Closing() const;

  // RootPart + PartHeader/bytes for each attachment + Closing, in one string.
  // For tests and small messages (ITI-41 responses, ITI-43 requests).
  std::string Whole(std::string_view soap_xml, const std::vector<Attachment>& attachments) const;

  const std::string& boundary() const { return boundary_; }
  const std::string& root_content_id() const { return root_content_id_; }

  // A fresh globally unique Content-ID ("<uuid>@xds", no angle brackets).
  static std::string NewContentId();

 private:
  std::string boundary_;
  std::string root_content_id_;
  std::string action_;  // may be empty
};

}  // namespace xds::mime

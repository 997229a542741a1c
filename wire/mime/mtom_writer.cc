#include "wire/mime/mtom_writer.h"

#include <algorithm>

#include "wire/base/ids.h"
#include "wire/mime/content_type.h"

namespace xds::mime {
namespace {

bool IsControl(char c) {
  auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}

// `s` without control characters: header values must stay on one line.
std::string WithoutControls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (!IsControl(c)) out.push_back(c);
  }
  return out;
}

// A UUID without its "urn:uuid:" prefix: the colons are legal in a boundary
// and a Content-ID, but needless and awkward in a cid: URL.
std::string BareUuid() {
  std::string uuid = NewUrnUuid();
  constexpr std::string_view kPrefix = "urn:uuid:";
  return uuid.substr(kPrefix.size());
}

}  // namespace

MtomWriter::MtomWriter(std::string_view action)
    : boundary_("MIMEBoundary_" + BareUuid()),
      root_content_id_("root." + NewContentId()),
      action_(WithoutControls(action)) {}

MtomWriter::MtomWriter(std::string_view boundary, std::string_view root_content_id,
                       std::string_view action)
    : boundary_(WithoutControls(boundary)),
      root_content_id_(WithoutControls(root_content_id)),
      action_(WithoutControls(action)) {}

std::string MtomWriter::NewContentId() { return BareUuid() + "@xds"; }

std::string MtomWriter::ContentType() const {
  // The boundary is written bare: ours holds only token characters, and some
  // receivers mishandle a quoted one. ITI TF-2 V.8 sample form.
  std::string out = "multipart/related; boundary=" + boundary_ +
                    "; type=\"application/xop+xml\"; start=" +
                    QuoteParam("<" + root_content_id_ + ">") +
                    "; start-info=\"application/soap+xml\"";
  if (!action_.empty()) out += "; action=" + QuoteParam(action_);
  return out;
}

std::string MtomWriter::RootPart(std::string_view soap_xml) const {
  std::string out;
  out.reserve(soap_xml.size() + 256);
  out += "--" + boundary_ + "\r\n";
  out += "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n";
  out += "Content-Transfer-Encoding: binary\r\n";
  out += "Content-ID: <" + root_content_id_ + ">\r\n\r\n";
  out += soap_xml;
  return out;
}

std::string MtomWriter::PartHeader(std::string_view content_id,
                                   std::string_view content_type) const {
  std::string cid = WithoutControls(content_id);
  cid.erase(std::remove_if(cid.begin(), cid.end(), [](char c) { return c == '<' || c == '>'; }),
            cid.end());
  const bool type_ok = !content_type.empty() &&
                       std::none_of(content_type.begin(), content_type.end(), IsControl);
  // The CRLF before "--" belongs to the delimiter (RFC 2046 5.1.1), which is
  // why the previous part's bytes are written without a trailing newline.
  std::string out = "\r\n--" + boundary_ + "\r\n";
  out += "Content-Type: ";
  out += type_ok ? content_type : std::string_view("application/octet-stream");
  out += "\r\nContent-Transfer-Encoding: binary\r\n";
  out += "Content-ID: <" + cid + ">\r\n\r\n";
  return out;
}

std::string MtomWriter::Closing() const { return "\r\n--" + boundary_ + "--\r\n"; }

std::string MtomWriter::Whole(std::string_view soap_xml,
                              const std::vector<Attachment>& attachments) const {
  size_t size = soap_xml.size() + 512;
  for (const Attachment& a : attachments) size += a.bytes.size() + 256;
  std::string out;
  out.reserve(size);
  out += RootPart(soap_xml);
  for (const Attachment& a : attachments) {
    out += PartHeader(a.content_id, a.content_type);
    out += a.bytes;
  }
  out += Closing();
  return out;
}

}  // namespace xds::mime

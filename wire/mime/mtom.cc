#include "wire/mime/mtom.h"

#include <utility>

#include "wire/mime/content_type.h"

namespace xds::mime {
namespace {

// MTOM parts carry raw octets (XOP 1.0 section 3; ITI TF-2 V.8 sends
// "binary"). Decoding base64 or quoted-printable here would hide a sender bug
// and double the work, so anything else is refused.
bool IsIdentityEncoding(const std::string& cte) {
  return cte.empty() || cte == "binary" || cte == "8bit" || cte == "7bit";
}

// Appends an attachment to a string owned by the MtomMessage being built.
class StringSink : public PartSink {
 public:
  explicit StringSink(std::string* out) : out_(out) {}
  Status Write(std::string_view bytes) override {
    out_->append(bytes);
    return Status::Ok();
  }
  Status Close() override { return Status::Ok(); }

 private:
  std::string* out_;  // borrowed; a map node that outlives the sink
};

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::unique_ptr<MtomReader>> MtomReader::Create(std::string_view content_type,
                                                       PartSinkFactory factory,
                                                       MtomLimits limits) {
  if (!factory) return Status::InvalidArgument("MtomReader needs a part sink factory");
  Result<ContentType> ct = ParseContentType(content_type);
  if (!ct.ok()) return ct.status();
  if (!ct->Is("multipart", "related")) {
    return Status::InvalidArgument("MTOM/XOP package must be multipart/related, not " +
                                   ct->MediaType());
  }
  if (!ct->HasParam("boundary")) {
    return Status::InvalidArgument("multipart/related Content-Type has no boundary parameter");
  }
  std::string boundary = ct->Param("boundary");
  XDS_RETURN_IF_ERROR(MultipartParser::CheckBoundary(boundary));
  std::string start(StripAngleBrackets(ct->Param("start")));
  // Not make_unique: the constructor is private so that Create's checks run.
  return std::unique_ptr<MtomReader>(
      new MtomReader(boundary, std::move(start), std::move(factory), limits));
}

MtomReader::MtomReader(std::string_view boundary, std::string start, PartSinkFactory factory,
                       MtomLimits limits)
    : start_(std::move(start)),
      factory_(std::move(factory)),
      limits_(limits),
      parser_(boundary,
              {[this](const PartHeaders& h) { return OnPartBegin(h); },
               [this](std::string_view bytes) { return OnPartData(bytes); },
               [this]() { return OnPartEnd(); }},
              limits.multipart) {}

Status MtomReader::Feed(std::string_view chunk) { return parser_.Feed(chunk); }

Status MtomReader::Finish() {
  XDS_RETURN_IF_ERROR(parser_.Finish());
  if (!root_seen_) {
    if (start_.empty()) return Status::InvalidArgument("MTOM/XOP package has no parts");
    return Status::InvalidArgument("MTOM/XOP root part <" + start_ +
                                   "> named by the start parameter is not in the package");
  }
  return Status::Ok();
}

Status MtomReader::OnPartBegin(const PartHeaders& h) {
  const bool is_root =
      !root_seen_ && (start_.empty() ? h.index == 0 : h.content_id == start_);
  const std::string where = h.content_id.empty()
                                ? "MIME part #" + std::to_string(h.index + 1)
                                : "MIME part <" + h.content_id + ">";
  if (!is_root && h.content_id.empty()) {
    return Status::InvalidArgument(where +
                                   " has no Content-ID; an XOP attachment must have one");
  }
  if (!h.content_id.empty() && !content_ids_.insert(h.content_id).second) {
    return Status::InvalidArgument("MTOM/XOP package has two parts with Content-ID <" +
                                   h.content_id + ">");
  }
  if (!IsIdentityEncoding(h.content_transfer_encoding)) {
    return Status::InvalidArgument(where + " has Content-Transfer-Encoding " +
                                   h.content_transfer_encoding +
                                   "; MTOM/XOP parts must be binary");
  }
  if (is_root) {
    in_root_ = true;
    root_headers_ = h;
    return Status::Ok();
  }
  Result<std::unique_ptr<PartSink>> sink = factory_(h);
  if (!sink.ok()) return sink.status();
  if (*sink == nullptr) return Status::Internal("part sink factory returned no sink for " + where);
  sink_ = std::move(sink).value();
  attachments_.push_back(h);
  return Status::Ok();
}

Status MtomReader::OnPartData(std::string_view bytes) {
  if (!in_root_) return sink_->Write(bytes);
  if (bytes.size() > limits_.max_root_bytes - root_xml_.size()) {
    return Status::TooLarge("MTOM/XOP root part exceeds " +
                            std::to_string(limits_.max_root_bytes) + " bytes");
  }
  root_xml_.append(bytes);
  return Status::Ok();
}

Status MtomReader::OnPartEnd() {
  if (in_root_) {
    in_root_ = false;
    root_seen_ = true;
    return Status::Ok();
  }
  Status s = sink_->Close();
  sink_.reset();
  return s;
}

Result<MtomMessage> ParseMtom(std::string_view content_type, std::string_view body) {
  MtomMessage message;
  auto factory = [&message](const PartHeaders& h) -> Result<std::unique_ptr<PartSink>> {
    // std::map nodes are stable, so the sink may keep a pointer into the map.
    message.part_content_types[h.content_id] = h.content_type;
    return std::unique_ptr<PartSink>(new StringSink(&message.parts[h.content_id]));
  };
  Result<std::unique_ptr<MtomReader>> reader = MtomReader::Create(content_type, factory);
  if (!reader.ok()) return reader.status();
  XDS_RETURN_IF_ERROR((*reader)->Feed(body));
  XDS_RETURN_IF_ERROR((*reader)->Finish());
  message.root_xml = (*reader)->TakeRootXml();
  message.root_content_id = (*reader)->root_headers().content_id;
  message.root_content_type = (*reader)->root_headers().content_type;
  return message;
}

std::string CidFromHref(std::string_view href) {
  constexpr std::string_view kScheme = "cid:";
  href = TrimWhitespace(href);
  if (href.size() < kScheme.size() || !EqualsIgnoreCase(href.substr(0, kScheme.size()), kScheme)) {
    return std::string();
  }
  href.remove_prefix(kScheme.size());
  std::string out;
  out.reserve(href.size());
  for (size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size() && HexValue(href[i + 1]) >= 0 &&
        HexValue(href[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(href[i + 1]) * 16 + HexValue(href[i + 2])));
      i += 2;
    } else {
      out.push_back(href[i]);
    }
  }
  return out;
}

std::string HrefFromCid(std::string_view content_id) {
  // RFC 3986 unreserved characters plus the sub-delims, ':' and '@' that an
  // addr-spec Content-ID commonly holds; everything else is escaped.
  static constexpr std::string_view kLiteral = "-._~!$&'()*+,;=:@";
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "cid:";
  for (char c : content_id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum || kLiteral.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      const auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xf]);
    }
  }
  return out;
}

}  // namespace xds::mime

#include "wire/soap/soap_client.h"

#include <strings.h>

#include "wire/base/ids.h"
#include "wire/ihe/namespaces.h"
#include "wire/mime/mtom.h"
#include "wire/mime/mtom_writer.h"

namespace xds::soap {
namespace {

bool IsMultipart(const std::string& content_type) {
  return content_type.size() >= 17 && strncasecmp(content_type.c_str(), "multipart/related", 17) == 0;
}

}  // namespace

Status ParseSoapReply(SoapResponse& out) {
  auto doc = xml::XmlDocument::Parse(out.raw);
  if (!doc.ok())
    return Status::InvalidArgument("HTTP " + std::to_string(out.http_status) +
                                   " reply is not XML: " + doc.status().message());
  xml::XmlElement root = doc->Root();
  if (!root.Is(ns::kSoap12, "Envelope")) return Status::InvalidArgument("reply is not a SOAP 1.2 envelope");
  if (auto header = root.FirstChild(ns::kSoap12, "Header")) {
    if (auto a = header.FirstChild(ns::kWsa, "Action")) out.action = a.Text();
    if (auto r = header.FirstChild(ns::kWsa, "RelatesTo")) out.relates_to = r.Text();
  }
  auto body = root.FirstChild(ns::kSoap12, "Body");
  if (!body || !body.FirstChildElement()) return Status::InvalidArgument("reply has an empty SOAP Body");
  out.body = body.FirstChildElement();
  if (out.body.Is(ns::kSoap12, "Fault")) {
    out.is_fault = true;
    out.fault = ReadFault(out.body);
  }
  out.document = std::move(*doc);
  return Status::Ok();
}

SoapClient::SoapClient(const std::string& endpoint_url, SoapClientOptions options)
    : url_(endpoint_url), options_(std::move(options)), spool_(options_.attachments) {
  auto parts = http::SplitUrl(endpoint_url);
  std::string base = parts.ok() ? parts->base : endpoint_url;
  path_ = parts.ok() ? parts->path : "/";
  http_ = std::make_unique<http::HttpClient>(base, options_.http);
}

SoapClient::SoapClient(const std::string& endpoint_url, http::HttpClientOptions http_options)
    : SoapClient(endpoint_url, SoapClientOptions{http_options, {}, 64 * 1024 * 1024, {}}) {}

SoapClient::~SoapClient() = default;

Result<SoapResponse> SoapClient::Call(const std::string& action, const std::string& body_xml,
                                      const std::vector<OutgoingPart>& attachments) {
  last_message_id_ = NewUrnUuid();
  std::string envelope = WriteRequestEnvelope(action, url_, last_message_id_, body_xml, options_.header_blocks);
  if (attachments.empty())
    return PostRaw("application/soap+xml; charset=UTF-8; action=\"" + action + "\"", envelope);

  mime::MtomWriter writer(action);
  std::string root = writer.RootPart(envelope);
  std::vector<std::string> headers;
  std::optional<uint64_t> length = root.size() + writer.Closing().size();
  for (const OutgoingPart& part : attachments) {
    headers.push_back(writer.PartHeader(part.content_id, part.content_type));
    if (length && part.size) *length += headers.back().size() + *part.size;
    else length.reset();
  }
  return Exchange(writer.ContentType(), length, [&](const http::ChunkSink& sink) {
    if (!sink(root)) return false;
    for (size_t i = 0; i < attachments.size(); ++i)
      if (!sink(headers[i]) || !attachments[i].write(sink)) return false;
    return sink(writer.Closing());
  });
}

Result<SoapResponse> SoapClient::PostRaw(const std::string& content_type, const std::string& bytes) {
  return Exchange(content_type, bytes.size(), [&bytes](const http::ChunkSink& sink) { return sink(bytes); });
}

Result<SoapResponse> SoapClient::Exchange(const std::string& content_type, std::optional<uint64_t> length,
                                          const std::function<bool(const http::ChunkSink&)>& write_body) {
  SoapResponse out;
  std::unique_ptr<mime::MtomReader> reader;
  Status answer_status;
  auto open_answer = [&](const http::HttpResponse& head) -> http::ChunkSink {
    out.http_status = head.status;
    out.content_type = head.content_type;
    if (IsMultipart(head.content_type)) {
      mime::MtomLimits limits;
      limits.max_root_bytes = options_.max_envelope_bytes;
      auto created = mime::MtomReader::Create(head.content_type, spool_.SinkFactory(&out.attachments), limits);
      if (!created.ok()) {
        answer_status = created.status();
        return nullptr;
      }
      reader = std::move(*created);
      return [&](std::string_view chunk) {
        answer_status = reader->Feed(chunk);
        return answer_status.ok();
      };
    }
    return [&](std::string_view chunk) {
      if (out.raw.size() + chunk.size() > options_.max_envelope_bytes) {
        answer_status = Status::TooLarge("reply larger than " + std::to_string(options_.max_envelope_bytes) + " bytes");
        return false;
      }
      out.raw.append(chunk);
      return true;
    };
  };
  auto exchanged = http_->PostStreaming(path_, content_type, length, write_body, open_answer);
  if (!answer_status.ok()) {
    if (answer_status.code() == Status::Code::kInvalidArgument || answer_status.code() == Status::Code::kTooLarge)
      return Status::InvalidArgument("bad MTOM reply: " + answer_status.message());
    return answer_status;
  }
  if (!exchanged.ok()) return exchanged.status();
  if (reader) {
    if (Status done = reader->Finish(); !done.ok()) return Status::InvalidArgument("bad MTOM reply: " + done.message());
    out.raw = reader->TakeRootXml();
  }
  XDS_RETURN_IF_ERROR(ParseSoapReply(out));
  return out;
}

}  // namespace xds::soap

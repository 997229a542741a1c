#include "wire/soap/soap_client.h"

#include "wire/base/ids.h"
#include "wire/ihe/namespaces.h"
#include "wire/mime/mtom.h"

namespace xds::soap {

SoapClient::SoapClient(const std::string& endpoint_url, http::HttpClientOptions options) : url_(endpoint_url) {
  auto parts = http::SplitUrl(endpoint_url);
  std::string base = parts.ok() ? parts->base : endpoint_url;
  path_ = parts.ok() ? parts->path : "/";
  http_ = std::make_unique<http::HttpClient>(base, options);
}

SoapClient::~SoapClient() = default;

Result<SoapResponse> SoapClient::Call(const std::string& action, const std::string& body_xml) {
  last_message_id_ = NewUrnUuid();
  std::string envelope = WriteRequestEnvelope(action, url_, last_message_id_, body_xml);
  return PostRaw("application/soap+xml; charset=UTF-8; action=\"" + action + "\"", envelope);
}

Result<SoapResponse> SoapClient::PostRaw(const std::string& content_type, const std::string& bytes) {
  auto reply = http_->Post(path_, content_type, bytes);
  if (!reply.ok()) return reply.status();
  SoapResponse out;
  out.http_status = reply->status;
  out.content_type = reply->content_type;
  out.raw = std::move(reply->body);
  std::string_view envelope = out.raw;
  mime::MtomMessage mtom;
  if (out.content_type.rfind("multipart/related", 0) == 0) {
    auto parsed = mime::ParseMtom(out.content_type, out.raw);
    if (!parsed.ok()) return Status::InvalidArgument("bad MTOM reply: " + parsed.status().message());
    mtom = std::move(*parsed);
    envelope = mtom.root_xml;
  }
  auto doc = xml::XmlDocument::Parse(envelope);
  if (!doc.ok())
    return Status::InvalidArgument("HTTP " + std::to_string(out.http_status) + " reply is not XML: " +
                                   doc.status().message());
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
  return out;
}

}  // namespace xds::soap

#include "wire/soap/soap_endpoint.h"

#include <spdlog/spdlog.h>

#include "wire/mime/mtom.h"
#include "wire/mime/mtom_writer.h"

namespace xds::soap {
namespace {

constexpr char kSoapContentType[] = "application/soap+xml; charset=UTF-8";

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

}  // namespace

http::HttpResponse FaultResponse(const Fault& fault, std::string_view relates_to) {
  http::HttpResponse r;
  r.status = fault.code == FaultCode::kReceiver ? 500 : 400;
  r.content_type = kSoapContentType;
  r.body = WriteFaultEnvelope(fault, relates_to);
  return r;
}

void SoapEndpoint::On(std::string action, SoapHandler handler) {
  handlers_.emplace(std::move(action), std::move(handler));
}

http::HttpResponse SoapEndpoint::Handle(const http::HttpRequest& request) const {
  std::string_view content_type = request.content_type;
  std::string_view envelope_bytes = request.body;
  mime::MtomMessage mtom;
  bool is_mtom = StartsWithNoCase(content_type, "multipart/related");
  if (is_mtom) {
    auto parsed = mime::ParseMtom(content_type, request.body);
    if (!parsed.ok())
      return FaultResponse({FaultCode::kSender, {}, "bad MTOM/XOP package: " + parsed.status().message()}, {});
    mtom = std::move(*parsed);
    envelope_bytes = mtom.root_xml;
  } else if (StartsWithNoCase(content_type, "text/xml")) {
    return FaultResponse({FaultCode::kVersionMismatch, {},
                          "Content-Type text/xml is SOAP 1.1; IHE transactions require SOAP 1.2 "
                          "(application/soap+xml)"},
                         {});
  } else if (!StartsWithNoCase(content_type, "application/soap+xml")) {
    return FaultResponse({FaultCode::kSender, {},
                          "unsupported Content-Type '" + std::string(content_type) +
                              "'; expected application/soap+xml or multipart/related"},
                         {});
  }

  ParseOutcome parsed = ParseEnvelope(envelope_bytes);
  if (!parsed.ok) return FaultResponse(parsed.fault, {});
  const Envelope& env = parsed.envelope;

  if (std::string header = FirstNotUnderstoodHeader(env); !header.empty())
    return FaultResponse({FaultCode::kMustUnderstand, {}, "header not understood: " + header},
                         env.message_id);

  auto it = handlers_.find(env.action);
  if (it == handlers_.end())
    return FaultResponse({FaultCode::kSender, "wsa:ActionNotSupported",
                          "the " + name_ + " endpoint does not support action " + env.action},
                         env.message_id);

  Result<SoapReply> reply = it->second(SoapRequest{env, mtom.parts, request});
  if (!reply.ok()) {
    const Status& s = reply.status();
    bool sender = s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kTooLarge;
    if (!sender) spdlog::error("{} {} failed: {}", name_, env.action, s.ToString());
    return FaultResponse({sender ? FaultCode::kSender : FaultCode::kReceiver, {}, s.message()},
                         env.message_id);
  }
  http::HttpResponse r;
  std::string envelope = WriteResponseEnvelope(reply->action, env.message_id, reply->body_xml);
  if (is_mtom) {
    // ITI TF-2 Appendix V.8.1: a response uses the packaging of its request.
    mime::MtomWriter writer(reply->action);
    r.content_type = writer.ContentType();
    r.body = writer.Whole(envelope, {});
  } else {
    r.content_type = kSoapContentType;
    r.body = std::move(envelope);
  }
  return r;
}

}  // namespace xds::soap

#include "wire/soap/soap_endpoint.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>

#include "wire/audit/transaction_auditor.h"
#include "wire/mime/mtom.h"
#include "wire/mime/mtom_writer.h"
#include "wire/security/xua_verifier.h"

namespace xds::soap {
namespace {

constexpr char kSoapContentType[] = "application/soap+xml; charset=UTF-8";

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

Fault SenderFault(std::string reason) { return {FaultCode::kSender, {}, std::move(reason)}; }

}  // namespace

http::HttpResponse FaultResponse(const Fault& fault, std::string_view relates_to) {
  http::HttpResponse r;
  r.status = fault.code == FaultCode::kReceiver ? 500 : 400;
  r.content_type = kSoapContentType;
  r.body = WriteFaultEnvelope(fault, relates_to);
  return r;
}

http::HttpResponse MtomResponse(std::string_view action, std::string envelope, std::vector<OutgoingPart> attachments,
                                std::function<size_t()> next_attachment) {
  auto writer = std::make_shared<mime::MtomWriter>(action);
  http::HttpResponse r;
  r.content_type = writer->ContentType();
  if (attachments.empty()) {
    r.body = writer->Whole(envelope, {});
    return r;
  }
  // Headers are computed now so that the total length is known up front.
  struct Piece {
    std::string header;
    OutgoingPart part;
  };
  auto pieces = std::make_shared<std::vector<Piece>>();
  auto root = std::make_shared<std::string>(writer->RootPart(envelope));
  std::optional<uint64_t> length = root->size() + writer->Closing().size();
  for (auto& part : attachments) {
    std::string header = writer->PartHeader(part.content_id, part.content_type);
    if (length && part.size) *length += header.size() + *part.size;
    else length.reset();
    pieces->push_back({std::move(header), std::move(part)});
  }
  r.stream_length = length;
  r.stream = [writer, root, pieces, next = std::move(next_attachment)](const http::ChunkSink& sink) {
    if (!sink(*root)) return false;
    std::vector<bool> written(pieces->size(), false);
    for (size_t n = 0; n < pieces->size(); ++n) {
      size_t i = next ? next() : n;
      if (i >= pieces->size() || written[i]) return false;  // a broken order: never a false package
      written[i] = true;
      const Piece& piece = (*pieces)[i];
      if (!sink(piece.header)) return false;
      if (!piece.part.write(sink)) return false;
    }
    return sink(writer->Closing());
  };
  return r;
}

void SoapEndpoint::On(std::string action, SoapHandler handler) {
  handlers_.emplace(std::move(action), std::move(handler));
}

void SoapEndpoint::Mount(http::HttpServer& server, const std::string& path) const {
  auditor_ = server.auditor();
  xua_ = server.xua_verifier();
  server.PostStreaming(path, [this](const http::HttpRequest& request, const http::BodyReader& body) {
    return Handle(request, body);
  });
}

http::HttpResponse SoapEndpoint::Handle(const http::HttpRequest& request) const {
  return Handle(request, [&request](const http::ChunkSink& sink) { return sink(request.body); });
}

http::HttpResponse SoapEndpoint::Handle(const http::HttpRequest& request, const http::BodyReader& body) const {
  std::string_view content_type = request.content_type;
  std::map<std::string, mime::ReceivedPart> attachments;
  std::string envelope;
  bool is_mtom = StartsWithNoCase(content_type, "multipart/related");
  if (is_mtom) {
    mime::MtomLimits limits;
    limits.max_root_bytes = options_.max_envelope_bytes;
    auto reader = mime::MtomReader::Create(content_type, spool_.SinkFactory(&attachments), limits);
    if (!reader.ok()) return FaultResponse(SenderFault("bad MTOM/XOP package: " + reader.status().message()), {});
    Status fed;
    bool read = body([&](std::string_view chunk) { return (fed = (*reader)->Feed(chunk)).ok(); });
    if (!fed.ok()) return FaultResponse(SenderFault("bad MTOM/XOP package: " + fed.message()), {});
    if (!read) return FaultResponse(SenderFault("the request body ended before its declared length"), {});
    if (Status done = (*reader)->Finish(); !done.ok())
      return FaultResponse(SenderFault("bad MTOM/XOP package: " + done.message()), {});
    envelope = (*reader)->TakeRootXml();
  } else if (StartsWithNoCase(content_type, "text/xml")) {
    return FaultResponse({FaultCode::kVersionMismatch, {},
                          "Content-Type text/xml is SOAP 1.1; IHE transactions require SOAP 1.2 "
                          "(application/soap+xml)"},
                         {});
  } else if (!StartsWithNoCase(content_type, "application/soap+xml")) {
    return FaultResponse(SenderFault("unsupported Content-Type '" + std::string(content_type) +
                                     "'; expected application/soap+xml or multipart/related"),
                         {});
  } else {
    bool too_large = false;
    bool read = body([&](std::string_view chunk) {
      if (envelope.size() + chunk.size() > options_.max_envelope_bytes) return !(too_large = true);
      envelope.append(chunk);
      return true;
    });
    if (too_large)
      return FaultResponse(
          SenderFault("SOAP envelope larger than " + std::to_string(options_.max_envelope_bytes) + " bytes"), {});
    if (!read) return FaultResponse(SenderFault("the request body ended before its declared length"), {});
  }
  return Dispatch(request, envelope, attachments, is_mtom);
}

http::HttpResponse SoapEndpoint::Dispatch(const http::HttpRequest& request, std::string_view envelope_bytes,
                                          std::map<std::string, mime::ReceivedPart>& attachments,
                                          bool is_mtom) const {
  xml::ParseLimits limits;
  limits.max_bytes = std::max(limits.max_bytes, options_.max_envelope_bytes);
  ParseOutcome parsed = ParseEnvelope(envelope_bytes, limits);
  if (!parsed.ok) return FaultResponse(parsed.fault, {});
  const Envelope& env = parsed.envelope;

  if (std::string header = FirstNotUnderstoodHeader(env, xua_ != nullptr); !header.empty())
    return FaultResponse({FaultCode::kMustUnderstand, {}, "header not understood: " + header}, env.message_id);

  security::Requester requester = security::RequesterOf(request);
  if (xua_) {
    bool carries_security = std::any_of(env.headers.begin(), env.headers.end(), [](const xml::XmlElement& h) {
      return h.Is(security::kWsseNamespace, "Security");
    });
    // In-process callers (an all-in-one node's repository registering
    // beside its registry) cross no trust boundary; exempt systems have no
    // user to assert. Both are verified anyway if they send an assertion.
    bool exempt = request.remote_addr == kInProcessAddress ||
                  security::Listed(requester, xua_->options().exempt_requesters);
    if (carries_security || !exempt) {
      security::XuaVerdict verdict = xua_->Verify(env.headers);
      if (!verdict.accepted) {
        spdlog::warn("{} {} from {} refused: {}", name_, env.action, request.remote_addr, verdict.reason);
        if (auditor_) auditor_->SoapRefused(request, env.action, env.reply_to, verdict.reason);
        // WS-Security 1.1 §12: soap:Sender with the wsse: subcode.
        return FaultResponse({FaultCode::kSender, security::XuaFaultSubcode(verdict.fault), verdict.reason},
                             env.message_id);
      }
      requester.assertion = std::move(verdict.assertion);
    }
  }

  auto it = handlers_.find(env.action);
  if (it == handlers_.end())
    return FaultResponse({FaultCode::kSender, "wsa:ActionNotSupported",
                          "the " + name_ + " endpoint does not support action " + env.action},
                         env.message_id);

  Result<SoapReply> reply = it->second(SoapRequest{env, attachments, request, requester});
  if (auditor_) {
    std::string fault = reply.ok() ? std::string() : reply.status().ToString();
    auditor_->SoapExchange(request, requester, env.action, env.reply_to, env.body, fault,
                           reply.ok() ? std::string_view(reply->body_xml) : std::string_view());
  }
  if (!reply.ok()) {
    const Status& s = reply.status();
    bool sender = s.code() == Status::Code::kInvalidArgument || s.code() == Status::Code::kTooLarge;
    if (!sender) spdlog::error("{} {} failed: {}", name_, env.action, s.ToString());
    return FaultResponse({sender ? FaultCode::kSender : FaultCode::kReceiver, {}, s.message()}, env.message_id);
  }
  std::string envelope = WriteResponseEnvelope(reply->action, env.message_id, reply->body_xml);
  // ITI TF-2 Appendix V.8.1: a response uses the packaging of its request;
  // a reply with documents is MTOM whatever the request was.
  if (is_mtom || !reply->attachments.empty())
    return MtomResponse(reply->action, std::move(envelope), std::move(reply->attachments),
                        std::move(reply->next_attachment));
  http::HttpResponse r;
  r.content_type = kSoapContentType;
  r.body = std::move(envelope);
  return r;
}

}  // namespace xds::soap

// SoapEndpoint: turns an HTTP POST into a SOAP 1.2 request, dispatches it on
// wsa:Action to the handler an actor registered, and writes the reply
// envelope (with wsa:RelatesTo) or a SOAP fault.
//
// The request body is read as it arrives: an MTOM/XOP package's attachments
// stream into a PartSpool (files or memory, per SoapEndpointOptions) with
// their size and SHA-1 computed in passing, so a multi-gigabyte ITI-41 never
// sits in memory. A reply may carry attachments of its own (ITI-43, RAD-69);
// they are then written as an MTOM/XOP package, streamed from their source.
//
// SOAP faults come from here and only here: unparsable envelope or MIME
// package, SOAP 1.1, missing or unknown wsa:Action, a mustUnderstand header
// not understood, a user assertion (XUA) missing or refused. Everything
// about metadata is the handler's business and travels inside the normal
// response as a RegistryErrorList.
//
// When the server it is mounted on has a XuaVerifier, the wsse:Security
// header is understood and checked before dispatch; the verified assertion
// reaches the handler in SoapRequest::requester. A call from another actor
// of this process (LocalSoapTransport, kInProcessAddress) crosses no trust
// boundary and is not asked for one.
//
// Immutable after the handlers are registered; Handle() is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/http_server.h"
#include "wire/http/http_types.h"
#include "wire/mime/received_part.h"
#include "wire/security/requester.h"
#include "wire/soap/envelope.h"

namespace xds::audit {
class TransactionAuditor;  // wire/audit/transaction_auditor.h
}
namespace xds::security {
class XuaVerifier;  // wire/security/xua_verifier.h
}

namespace xds::soap {

// HttpRequest::remote_addr of a call made in-process (LocalSoapTransport).
inline constexpr char kInProcessAddress[] = "in-process";

struct SoapRequest {
  const Envelope& envelope;
  // MTOM/XOP attachments by Content-ID (empty for a simple SOAP message).
  // The handler may take a part (ReceivedPart::MoveTo); the rest are
  // deleted when the request ends.
  std::map<std::string, mime::ReceivedPart>& attachments;
  const http::HttpRequest& http;
  // Who sent it: the TLS client certificate and, when the request carried
  // one that verified, the XUA assertion.
  const security::Requester& requester;
};

// One attachment of a reply, written after the envelope.
struct OutgoingPart {
  std::string content_id;  // without <>; the envelope's xop:Include names it
  std::string content_type;
  // Its exact byte count when known (then the reply has a Content-Length).
  std::optional<uint64_t> size;
  // Writes the bytes into the sink; false aborts the reply (the client sees
  // a truncated package, never a false complete one).
  std::function<bool(const http::ChunkSink&)> write;
};

struct SoapReply {
  SoapReply() = default;
  SoapReply(std::string reply_action, std::string reply_body_xml, std::vector<OutgoingPart> reply_attachments = {})
      : action(std::move(reply_action)),
        body_xml(std::move(reply_body_xml)),
        attachments(std::move(reply_attachments)) {}

  std::string action;    // wsa:Action of the response
  std::string body_xml;  // the element to put in soap:Body
  // Non-empty: the reply is an MTOM/XOP package, whatever the request was.
  std::vector<OutgoingPart> attachments;
  // Optional: the index of the attachment to write next, asked once per
  // attachment; it may block until one is ready and must name each exactly
  // once. Unset: list order. XOP 1.0 §4.1 makes the order of the parts
  // after the root insignificant, so a reply whose parts come from a slower
  // source (a PACS) writes each as soon as it is there.
  std::function<size_t()> next_attachment;
};

// A non-OK Status becomes a fault: InvalidArgument/TooLarge → Sender,
// anything else → Receiver.
using SoapHandler = std::function<Result<SoapReply>(const SoapRequest&)>;

struct SoapEndpointOptions {
  // The envelope (the root part of a package) is parsed as XML, so it must
  // be held whole; 64 MiB covers any realistic metadata.
  size_t max_envelope_bytes = 64 * 1024 * 1024;
  // Where MTOM attachments go while the request is read. The default keeps
  // them in memory, capped at 64 MiB: endpoints that take documents set a
  // spool directory.
  mime::PartSpoolOptions attachments;
};

class SoapEndpoint {
 public:
  explicit SoapEndpoint(std::string name, SoapEndpointOptions options = {})
      : name_(std::move(name)), options_(std::move(options)), spool_(options_.attachments) {}

  void On(std::string action, SoapHandler handler);
  // Serves this endpoint at `path` on `server` (streaming reads). The
  // endpoint must outlive the server's use of it. From then on each
  // transaction it answers (in-process calls too) is reported to the
  // server's auditor, if it has one (ATNA ITI-20), and each request's
  // user assertion is checked by the server's XuaVerifier, if it has one.
  void Mount(http::HttpServer& server, const std::string& path) const;

  // Reads the body through `body` as it arrives, then dispatches.
  http::HttpResponse Handle(const http::HttpRequest& request, const http::BodyReader& body) const;
  // The same for a body already in request.body (in-process callers, tests).
  http::HttpResponse Handle(const http::HttpRequest& request) const;

 private:
  http::HttpResponse Dispatch(const http::HttpRequest& request, std::string_view envelope_bytes,
                              std::map<std::string, mime::ReceivedPart>& attachments, bool is_mtom) const;

  std::string name_;
  SoapEndpointOptions options_;
  mime::PartSpool spool_;
  std::map<std::string, SoapHandler, std::less<>> handlers_;
  // Taken from the server by Mount (before it serves); null: no audit.
  mutable const audit::TransactionAuditor* auditor_ = nullptr;
  // Taken from the server by Mount too; null: no user assertions.
  mutable const security::XuaVerifier* xua_ = nullptr;
};

// The HTTP response carrying a fault (400 for Sender, 500 for Receiver).
http::HttpResponse FaultResponse(const Fault& fault, std::string_view relates_to);

// The HTTP response carrying `envelope` and `attachments` as one MTOM/XOP
// package, streamed; with a Content-Length when every size is known. The
// attachments in the order `next_attachment` gives (SoapReply), else in
// list order.
http::HttpResponse MtomResponse(std::string_view action, std::string envelope, std::vector<OutgoingPart> attachments,
                                std::function<size_t()> next_attachment = {});

}  // namespace xds::soap

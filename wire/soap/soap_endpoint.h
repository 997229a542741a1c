// SoapEndpoint: turns an HTTP POST into a SOAP 1.2 request, dispatches it on
// wsa:Action to the handler an actor registered, and writes the reply
// envelope (with wsa:RelatesTo) or a SOAP fault.
//
// SOAP faults come from here and only here: unparsable envelope, SOAP 1.1,
// missing or unknown wsa:Action, a mustUnderstand header not understood.
// Everything about metadata is the handler's business and travels inside the
// normal response as a RegistryErrorList.
//
// Immutable after the handlers are registered; Handle() is thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_types.h"
#include "wire/soap/envelope.h"

namespace xds::soap {

struct SoapRequest {
  const Envelope& envelope;
  // MTOM/XOP parts by Content-ID (empty for a simple SOAP message).
  const std::map<std::string, std::string>& attachments;
  const http::HttpRequest& http;
};

struct SoapReply {
  std::string action;    // wsa:Action of the response
  std::string body_xml;  // the element to put in soap:Body
};

// A non-OK Status becomes a fault: InvalidArgument/TooLarge → Sender,
// anything else → Receiver.
using SoapHandler = std::function<Result<SoapReply>(const SoapRequest&)>;

class SoapEndpoint {
 public:
  explicit SoapEndpoint(std::string name) : name_(std::move(name)) {}

  void On(std::string action, SoapHandler handler);
  http::HttpResponse Handle(const http::HttpRequest& request) const;

 private:
  std::string name_;
  std::map<std::string, SoapHandler, std::less<>> handlers_;
};

// The HTTP response carrying a fault (400 for Sender, 500 for Receiver).
http::HttpResponse FaultResponse(const Fault& fault, std::string_view relates_to);

}  // namespace xds::soap

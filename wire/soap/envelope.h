// SOAP 1.2 envelopes with WS-Addressing (ITI TF-2 Appendix V): reading a
// request envelope and writing response and fault envelopes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wire/base/status.h"
#include "wire/xml/xml_document.h"

namespace xds::soap {

// A parsed request. `body` is the first child of soap:Body and is valid while
// `document` lives.
struct Envelope {
  xml::XmlDocument document;
  std::string action;      // wsa:Action
  std::string message_id;  // wsa:MessageID
  std::string reply_to;    // wsa:ReplyTo/wsa:Address
  std::string to;          // wsa:To
  std::vector<xml::XmlElement> headers;
  xml::XmlElement body;
};

// SOAP 1.2 fault codes (SOAP 1.2 part 1, 5.4.6).
enum class FaultCode { kVersionMismatch, kMustUnderstand, kSender, kReceiver };

struct Fault {
  FaultCode code = FaultCode::kSender;
  std::string subcode;  // a QName such as "wsa:ActionNotSupported"; may be empty
  std::string reason;
};

// Parses a SOAP 1.2 envelope. On a malformed or non-1.2 envelope returns the
// fault to send back instead (VersionMismatch for SOAP 1.1, Sender otherwise).
struct ParseOutcome {
  bool ok = false;
  Envelope envelope;
  Fault fault;
};
ParseOutcome ParseEnvelope(std::string_view bytes, const xml::ParseLimits& limits = {});

// Headers this service understands: WS-Addressing, and wsse:Security when
// the endpoint verifies XUA assertions (`understands_ws_security`). Any
// other header marked mustUnderstand yields a MustUnderstand fault (SOAP
// 1.2 part 1, 5.2.3). Returns an empty reason when all are understood.
std::string FirstNotUnderstoodHeader(const Envelope& envelope, bool understands_ws_security = false);

// Writes a response envelope around an already-serialized body element.
std::string WriteResponseEnvelope(std::string_view action, std::string_view relates_to,
                                  std::string_view body_xml);

// Writes a request envelope (used by our clients: repository, tests, bench).
// `extra_headers` are serialized header blocks (e.g. a wsse:Security with a
// XUA assertion) written after the WS-Addressing ones, verbatim.
std::string WriteRequestEnvelope(std::string_view action, std::string_view to,
                                 std::string_view message_id, std::string_view body_xml,
                                 const std::vector<std::string>& extra_headers = {});

// Writes a fault envelope. `relates_to` may be empty. A subcode may use the
// prefixes wsa: (WS-Addressing) and wsse: (WS-Security 1.1 §12), which the
// envelope declares.
std::string WriteFaultEnvelope(const Fault& fault, std::string_view relates_to);

// Reads a soap:Fault from a response body (clients); empty reason if none.
Fault ReadFault(const xml::XmlElement& body);

}  // namespace xds::soap

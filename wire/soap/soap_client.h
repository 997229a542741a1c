// SoapClient: sends one SOAP 1.2 request with WS-Addressing headers to an
// endpoint URL and returns the parsed reply: the body element or the fault.
// Used by actors that call other actors (repository → registry), by the
// tests and by the bench programs.
//
// Not thread-safe: one client per thread (it keeps a keep-alive connection).
#pragma once

#include <memory>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_client.h"
#include "wire/soap/envelope.h"

namespace xds::soap {

struct SoapResponse {
  int http_status = 0;
  std::string content_type;
  std::string raw;               // the HTTP body as received
  xml::XmlDocument document;     // the parsed envelope
  std::string action;            // wsa:Action of the reply
  std::string relates_to;        // wsa:RelatesTo
  bool is_fault = false;
  Fault fault;
  xml::XmlElement body;          // first child of soap:Body (valid with `document`)
};

class SoapClient {
 public:
  explicit SoapClient(const std::string& endpoint_url, http::HttpClientOptions options = {});
  ~SoapClient();

  // Wraps body_xml in an envelope with `action` and a fresh MessageID.
  // Unavailable when the peer cannot be reached; InvalidArgument when the
  // reply is not a SOAP 1.2 envelope.
  Result<SoapResponse> Call(const std::string& action, const std::string& body_xml);
  // Posts raw bytes (for tests of malformed input) and parses what returns.
  Result<SoapResponse> PostRaw(const std::string& content_type, const std::string& bytes);

  const std::string& last_message_id() const { return last_message_id_; }

 private:
  std::string url_;
  std::string path_;
  std::unique_ptr<http::HttpClient> http_;
  std::string last_message_id_;
};

}  // namespace xds::soap

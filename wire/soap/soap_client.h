// SoapClient: sends one SOAP 1.2 request with WS-Addressing headers to an
// endpoint URL and returns the parsed reply: the body element or the fault,
// and the reply's MTOM attachments. Used by actors that call other actors
// (repository → registry, imaging source → repository), by the command-line
// client, the tests and the bench programs.
//
// Requests with attachments go as MTOM/XOP packages whose parts stream from
// their source; reply attachments stream into a PartSpool (memory, or files
// when SoapClientOptions names a directory), so retrieving a 2 GB document
// keeps memory flat.
//
// Not thread-safe: one client per thread (it keeps a keep-alive connection).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/http_client.h"
#include "wire/mime/received_part.h"
#include "wire/soap/envelope.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::soap {

struct SoapResponse {
  int http_status = 0;
  std::string content_type;
  std::string raw;               // the envelope as received (the root part of a package)
  xml::XmlDocument document;     // the parsed envelope
  std::string action;            // wsa:Action of the reply
  std::string relates_to;        // wsa:RelatesTo
  bool is_fault = false;
  Fault fault;
  xml::XmlElement body;          // first child of soap:Body (valid with `document`)
  // Reply attachments by Content-ID (MTOM replies only).
  std::map<std::string, mime::ReceivedPart> attachments;
};

// Parses out.raw (a reply envelope) into the other fields of `out`.
// InvalidArgument when it is not a SOAP 1.2 envelope with a body.
Status ParseSoapReply(SoapResponse& out);

struct SoapClientOptions {
  http::HttpClientOptions http;
  // Where reply attachments go (default: memory, up to 64 MiB).
  mime::PartSpoolOptions attachments;
  size_t max_envelope_bytes = 64 * 1024 * 1024;
  // Serialized SOAP header blocks added to every request after the
  // WS-Addressing headers, e.g. a wsse:Security holding the user's XUA
  // assertion (ITI-40). Sent verbatim: a signed assertion must not change.
  std::vector<std::string> header_blocks;
};

class SoapClient {
 public:
  explicit SoapClient(const std::string& endpoint_url, SoapClientOptions options = {});
  explicit SoapClient(const std::string& endpoint_url, http::HttpClientOptions http_options);
  ~SoapClient();

  // Wraps body_xml in an envelope with `action` and a fresh MessageID; with
  // attachments, sends an MTOM/XOP package whose xop:Include elements (in
  // body_xml) name them. Unavailable when the peer cannot be reached or the
  // exchange breaks; InvalidArgument when the reply is not a SOAP 1.2
  // envelope or a well-formed package.
  Result<SoapResponse> Call(const std::string& action, const std::string& body_xml,
                            const std::vector<OutgoingPart>& attachments = {});
  // Posts raw bytes (for tests of malformed input) and parses what returns.
  Result<SoapResponse> PostRaw(const std::string& content_type, const std::string& bytes);

  const std::string& last_message_id() const { return last_message_id_; }

 private:
  Result<SoapResponse> Exchange(const std::string& content_type, std::optional<uint64_t> length,
                                const std::function<bool(const http::ChunkSink&)>& write_body);

  std::string url_;
  std::string path_;
  SoapClientOptions options_;
  mime::PartSpool spool_;
  std::unique_ptr<http::HttpClient> http_;
  std::string last_message_id_;
};

}  // namespace xds::soap

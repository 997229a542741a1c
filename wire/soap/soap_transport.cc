#include "wire/soap/soap_transport.h"

#include "wire/base/ids.h"

namespace xds::soap {
namespace {

// Idle connections kept per transport: enough for the concurrent calls of
// one actor without holding sockets nobody uses.
constexpr size_t kMaxIdleClients = 8;

}  // namespace

HttpSoapTransport::HttpSoapTransport(std::string endpoint_url, SoapClientOptions options)
    : url_(std::move(endpoint_url)), options_(std::move(options)) {}

Result<SoapResponse> HttpSoapTransport::Call(const std::string& action, const std::string& body_xml) {
  std::unique_ptr<SoapClient> client;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      client = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!client) client = std::make_unique<SoapClient>(url_, options_);
  Result<SoapResponse> reply = client->Call(action, body_xml);
  // A client whose exchange broke may hold a dead connection: drop it.
  if (reply.ok()) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleClients) idle_.push_back(std::move(client));
  }
  return reply;
}

Result<SoapResponse> LocalSoapTransport::Call(const std::string& action, const std::string& body_xml) {
  http::HttpRequest request;
  request.method = "POST";
  request.path = path_;
  request.content_type = "application/soap+xml; charset=UTF-8; action=\"" + action + "\"";
  request.remote_addr = kInProcessAddress;
  request.body = WriteRequestEnvelope(action, path_, NewUrnUuid(), body_xml);
  http::HttpResponse answer = endpoint_.Handle(request);
  if (answer.stream) return Status::Internal("in-process SOAP call answered with a stream");
  SoapResponse out;
  out.http_status = answer.status;
  out.content_type = answer.content_type;
  out.raw = std::move(answer.body);
  XDS_RETURN_IF_ERROR(ParseSoapReply(out));
  return out;
}

}  // namespace xds::soap

// SoapTransport: how one actor calls another's SOAP endpoint, whether that
// actor runs on another host (HTTP) or in the same process (a direct call
// into its SoapEndpoint, with the same envelopes and the same answers, but
// no socket). The composition root (apps/) picks one per link from the
// configuration; the calling actor only sees this interface.
//
// Implementations are thread-safe: actors call them from request threads.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "wire/soap/soap_client.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::soap {

class SoapTransport {
 public:
  virtual ~SoapTransport() = default;
  // As SoapClient::Call. Unavailable when the peer cannot be reached or
  // does not answer in time.
  virtual Result<SoapResponse> Call(const std::string& action, const std::string& body_xml) = 0;
  // Where the calls go, for logs and messages.
  virtual std::string Describe() const = 0;
};

// Over HTTP to an endpoint URL. Keeps a few idle keep-alive clients.
class HttpSoapTransport : public SoapTransport {
 public:
  HttpSoapTransport(std::string endpoint_url, SoapClientOptions options);
  Result<SoapResponse> Call(const std::string& action, const std::string& body_xml) override;
  std::string Describe() const override { return url_; }

 private:
  std::string url_;
  SoapClientOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<SoapClient>> idle_;  // guarded by mutex_
};

// Straight into an endpoint of this process. The endpoint is borrowed and
// must outlive the transport.
class LocalSoapTransport : public SoapTransport {
 public:
  LocalSoapTransport(const SoapEndpoint& endpoint, std::string path)
      : endpoint_(endpoint), path_(std::move(path)) {}
  Result<SoapResponse> Call(const std::string& action, const std::string& body_xml) override;
  std::string Describe() const override { return "in-process " + path_; }

 private:
  const SoapEndpoint& endpoint_;
  std::string path_;
};

}  // namespace xds::soap

// RegistryService: the Document Registry's SOAP face. Binds ITI-42
// (Register Document Set-b) and ITI-18 (Registry Stored Query) to a
// SoapEndpoint; the transactions themselves live in registry/submit and
// registry/query.
//
// Thread-safe: holds only immutable options and the thread-safe store.
#pragma once

#include "registry/query/stored_query.h"
#include "registry/store/registry_store.h"
#include "registry/submit/register_document_set.h"
#include "wire/config/config.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::registry {

struct RegistryOptions {
  RegisterOptions register_options;
  QueryOptions query_options;

  // Reads [registry] keys of the configuration file.
  static RegistryOptions FromConfig(const Config& config);
};

class RegistryService {
 public:
  RegistryService(RegistryStore& store, RegistryOptions options)
      : store_(store), options_(std::move(options)) {}

  // Registers the ITI-42 and ITI-18 actions on `endpoint`.
  void Bind(soap::SoapEndpoint& endpoint);

  Result<soap::SoapReply> Register(const soap::SoapRequest& request);
  Result<soap::SoapReply> StoredQuery(const soap::SoapRequest& request);

 private:
  RegistryStore& store_;
  const RegistryOptions options_;
};

}  // namespace xds::registry

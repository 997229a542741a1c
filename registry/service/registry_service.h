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
#include "wire/xml/schema_validator.h"

namespace xds::registry {

struct RegistryOptions {
  RegisterOptions register_options;
  QueryOptions query_options;

  // Reads [registry] keys of the configuration file.
  static RegistryOptions FromConfig(const Config& config);
};

class RegistryService {
 public:
  // `schemas` (optional, borrowed, must outlive the service): request
  // bodies that do not match schemas/xml are refused before any metadata
  // rule runs, with XDSRegistryMetadataError (ITI-42) or XDSRegistryError
  // (ITI-18) naming the first structural error.
  RegistryService(RegistryStore& store, RegistryOptions options, const xml::SchemaSet* schemas = nullptr)
      : store_(store), options_(std::move(options)), schemas_(schemas) {}

  // Registers the ITI-42 and ITI-18 actions on `endpoint`.
  void Bind(soap::SoapEndpoint& endpoint);

  Result<soap::SoapReply> Register(const soap::SoapRequest& request);
  Result<soap::SoapReply> StoredQuery(const soap::SoapRequest& request);

 private:
  // The first structural error of `body`, or OK (also when no schemas).
  Status CheckSchema(const xml::XmlElement& body) const;

  RegistryStore& store_;
  const RegistryOptions options_;
  const xml::SchemaSet* schemas_;
};

}  // namespace xds::registry

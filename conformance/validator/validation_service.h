// ValidationService: the conformance suite's other direction. It stands in
// for our Document Registry (ITI-42) and Document Repository (ITI-41) as a
// test peer: a vendor's Document Source or Repository sends its real
// submissions here and gets back a RegistryResponse whose RegistryErrorList
// names every rule the submission breaks, not only the first. Nothing is
// stored: a valid submission is answered Success and forgotten.
//
// The metadata rules are the registry's own (registry/validate,
// ValidateSubmission): the same code judges vendors and guards our
// registry. ITI-41 adds the repository's checks (ITI TF-2b 3.41.4.1.3):
// every DocumentEntry has its document and every document its entry, and a
// hash or size in the metadata matches the bytes received.
//
// What needs registry state is not checked (patient known from the feed,
// uniqueIds or entryUUIDs already registered, targets of associations to
// registered entries): the peer has no registry behind it.
//
// Immutable after construction; Handle is thread-safe.
#pragma once

#include <memory>
#include <string>

#include "registry/validate/submission_validator.h"
#include "wire/http/http_server.h"
#include "wire/ihe/registry_error.h"
#include "wire/soap/soap_endpoint.h"
#include "wire/xml/schema_validator.h"

namespace xds::conformance {

struct ValidationPeerOptions {
  // The registry's mimeType list etc. (repository_fields_required is set per
  // transaction: R for ITI-42, O for ITI-41).
  registry::ValidationOptions validation;
  // When set, bodies are first checked against our XML Schemas (as the
  // registry does with validate_schema); problems become a metadata error.
  const xml::SchemaSet* schemas = nullptr;
};

class ValidationService {
 public:
  explicit ValidationService(ValidationPeerOptions options);

  // Serves ITI-42 and ITI-41 on one SOAP endpoint at `path`.
  void Mount(http::HttpServer& server, const std::string& path);

  // The rules an ITI-42 body breaks (empty: valid).
  ihe::RegistryErrors ValidateRegister(const xml::XmlElement& body) const;
  // The rules an ITI-41 request breaks, attachments included.
  ihe::RegistryErrors ValidateProvide(const soap::SoapRequest& request) const;

 private:
  ValidationPeerOptions options_;
  std::unique_ptr<soap::SoapEndpoint> endpoint_;
};

}  // namespace xds::conformance

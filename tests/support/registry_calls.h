// One-line ITI-42 and ITI-18 calls for tests and benches, over a real
// SoapClient. Failures of the exchange itself (no reply, fault) are
// returned as a Status so that tests can assert on them.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "tests/support/submission_builder.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/soap_client.h"

namespace xds::testing {

Result<ihe::RegistryResponse> Register(soap::SoapClient& client, const std::string& submit_objects_xml);
Result<ihe::RegistryResponse> Register(soap::SoapClient& client, const SubmissionBuilder& builder);

// ITI-57 Update Document Set, or ITI-92 Restricted Update Document Set.
Result<ihe::RegistryResponse> Update(soap::SoapClient& client, const SubmissionBuilder& builder,
                                     bool restricted = false);
// ITI-62 Remove Metadata of the given entryUUIDs.
Result<ihe::RegistryResponse> Remove(soap::SoapClient& client, const std::vector<std::string>& entry_uuids);
// ITI-51 Multi-Patient Stored Query.
Result<ihe::AdhocQueryResponse> MultiPatientQuery(soap::SoapClient& client, const ihe::AdhocQueryRequest& request);

// A stored query with parameters given as (name, raw ebRS value) pairs; a
// name may repeat (AND of repeated coded slots).
ihe::AdhocQueryRequest StoredQuery(const std::string& query_id,
                                   const std::vector<std::pair<std::string, std::string>>& params,
                                   const std::string& return_type = "LeafClass");
Result<ihe::AdhocQueryResponse> Query(soap::SoapClient& client, const ihe::AdhocQueryRequest& request);

// FindDocuments for one patient, plus extra parameters; Approved only
// unless `extra` names $XDSDocumentEntryStatus.
ihe::AdhocQueryRequest FindDocuments(const std::string& patient_id,
                                     std::vector<std::pair<std::string, std::string>> extra = {},
                                     const std::string& return_type = "LeafClass");

// 'value' with embedded quotes doubled, as ebRS string parameters need.
std::string Quoted(const std::string& value);

// Error codes of a response, in order.
std::vector<std::string> ErrorCodes(const ihe::RegistryErrors& errors);

}  // namespace xds::testing

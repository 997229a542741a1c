// One-line ITI-41 and ITI-43 calls for tests and benches, over a real
// SoapClient: documents go as MTOM attachments (or inline base64), and
// retrieved documents come back as ReceivedParts.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "tests/support/submission_builder.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/soap_client.h"

namespace xds::testing {

// The bytes of one document of a submission, for the DocumentEntry `entry_id`.
struct DocumentBytes {
  std::string entry_id;
  std::string bytes;
  bool as_inline = false;  // base64 inside the envelope instead of MTOM
};

// Removes the hash, size and repositoryUniqueId slots SubmissionBuilder puts
// on every entry (for ITI-42), as a Document Source that leaves them to the
// repository does in ITI-41.
void OmitRepositoryAttributes(SubmissionBuilder& builder, const std::string& entry_id);

// The ITI-41 body (xdsb:ProvideAndRegisterDocumentSetRequest) and its
// attachments; the Content-IDs are derived from the entry ids.
struct ProvideRequest {
  std::string body_xml;
  std::vector<soap::OutgoingPart> attachments;
};
ProvideRequest BuildProvide(const ihe::SubmitObjectsRequest& metadata, const std::vector<DocumentBytes>& documents);

Result<ihe::RegistryResponse> Provide(soap::SoapClient& client, const SubmissionBuilder& builder,
                                      const std::vector<DocumentBytes>& documents);

// Provides one document per (entry id, bytes, mimeType) for kPatientA in one
// submission; returns the uniqueIds in the same order, or an error naming
// the first error code of a refused submission.
Result<std::vector<std::string>> ProvideDocuments(
    soap::SoapClient& client, const std::vector<std::tuple<std::string, std::string, std::string>>& documents);

struct Retrieved {
  ihe::RetrieveDocumentSetResponse response;
  std::map<std::string, std::string> bytes;  // documentUniqueId -> content
};
Result<Retrieved> Retrieve(soap::SoapClient& client, const std::vector<ihe::DocumentRequest>& requests);

// ITI-86 Remove Documents; a SOAP fault becomes InvalidArgument.
Result<ihe::RegistryResponse> RemoveDocuments(soap::SoapClient& client,
                                              const std::vector<ihe::DocumentRequest>& requests);

}  // namespace xds::testing

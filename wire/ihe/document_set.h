// The XDS.b document-carrying messages (ITI TF-2b 3.41, 3.43), read and
// written as plain values:
//   ITI-41  xdsb:ProvideAndRegisterDocumentSetRequest: the metadata (an
//           lcm:SubmitObjectsRequest) and one xdsb:Document per document,
//           its bytes either an xop:Include (MTOM attachment) or inline
//           base64.
//   ITI-43  xdsb:RetrieveDocumentSetRequest / Response: DocumentRequests in,
//           an rs:RegistryResponse and DocumentResponses (bytes as
//           xop:Include) out.
// The bytes themselves travel as MTOM parts (wire/soap); here a document is
// named by its Content-ID.
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"
#include "wire/xml/xml_document.h"
#include "wire/xml/xml_writer.h"

namespace xds::ihe {

// One xdsb:Document of an ITI-41 request.
struct ProvidedDocument {
  std::string id;          // the DocumentEntry id it belongs to (symbolic or UUID)
  std::string content_id;  // the MTOM part, when sent as xop:Include
  bool is_inline = false;  // sent as base64 text: `inline_bytes` holds it, decoded
  std::string inline_bytes;
};

struct ProvideAndRegisterRequest {
  SubmitObjectsRequest metadata;
  std::vector<ProvidedDocument> documents;
};

// InvalidArgument when the element is not a ProvideAndRegisterDocumentSet
// request, lacks its SubmitObjectsRequest, or a Document has no id, an
// xop:Include without a cid: href, or inline text that is not base64.
Result<ProvideAndRegisterRequest> ReadProvideAndRegisterRequest(const xml::XmlElement& element);

// Writes the request; every document goes as xop:Include of its content_id
// (inline documents are written as base64 text).
void WriteProvideAndRegisterRequest(xml::XmlWriter& w, const SubmitObjectsRequest& metadata,
                                    const std::vector<ProvidedDocument>& documents);

// One xdsb:DocumentRequest (ITI-43) or, for RAD-69, the same three ids.
struct DocumentRequest {
  std::string home_community_id;  // optional
  std::string repository_unique_id;
  std::string document_unique_id;
};

// InvalidArgument when the element is not a RetrieveDocumentSetRequest, has
// no DocumentRequest, or one lacks RepositoryUniqueId or DocumentUniqueId.
Result<std::vector<DocumentRequest>> ReadRetrieveDocumentSetRequest(const xml::XmlElement& element);
void WriteRetrieveDocumentSetRequest(xml::XmlWriter& w, const std::vector<DocumentRequest>& requests);

// ITI-86 Remove Documents: rmd:RemoveDocumentsRequest holds the same
// xdsb:DocumentRequest elements as ITI-43, naming documents to delete.
// InvalidArgument as for ReadRetrieveDocumentSetRequest.
Result<std::vector<DocumentRequest>> ReadRemoveDocumentsRequest(const xml::XmlElement& element);
void WriteRemoveDocumentsRequest(xml::XmlWriter& w, const std::vector<DocumentRequest>& requests);

// One xdsb:DocumentResponse: the ids, the mimeType, and the MTOM part.
struct DocumentResponse {
  std::string home_community_id;
  std::string repository_unique_id;
  std::string document_unique_id;
  std::string mime_type;
  std::string content_id;
};

// Status: Success when no error, Failure when no document, else
// PartialSuccess (ITI TF-2b 3.43.4.2.3).
void WriteRetrieveDocumentSetResponse(xml::XmlWriter& w, const std::vector<DocumentResponse>& documents,
                                      const RegistryErrors& errors);

struct RetrieveDocumentSetResponse {
  std::string status;
  RegistryErrors errors;
  std::vector<DocumentResponse> documents;
};
Result<RetrieveDocumentSetResponse> ReadRetrieveDocumentSetResponse(const xml::XmlElement& element);

}  // namespace xds::ihe

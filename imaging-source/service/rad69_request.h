// The RAD-69 Retrieve Imaging Document Set request (RAD TF-3 4.69.4.1.2;
// transactions.md §13) as plain values, read from the SOAP body.
//
//   iherad:RetrieveImagingDocumentSetRequest
//     iherad:StudyRequest @studyInstanceUID            1..n
//       iherad:SeriesRequest @seriesInstanceUID        1..n
//         xds:DocumentRequest                          1..n
//           xds:HomeCommunityId? xds:RepositoryUniqueId xds:DocumentUniqueId
//     iherad:TransferSyntaxUIDList/iherad:TransferSyntaxUID   1..n
//
// Value types; thread-safe functions.
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/xml/xml_document.h"

namespace xds::imaging {

struct Rad69DocumentRequest {
  std::string home_community_id;
  std::string repository_unique_id;
  std::string document_unique_id;  // SOP Instance UID
};

struct Rad69SeriesRequest {
  std::string series_instance_uid;
  std::vector<Rad69DocumentRequest> documents;
};

struct Rad69StudyRequest {
  std::string study_instance_uid;
  std::vector<Rad69SeriesRequest> series;
};

struct Rad69Request {
  std::vector<Rad69StudyRequest> studies;
  std::vector<std::string> transfer_syntaxes;  // the consumer's order
  size_t DocumentCount() const;
};

// InvalidArgument when `body` is not a RetrieveImagingDocumentSetRequest or
// breaks its structure (RAD TF-3 4.69.5 validation: at least one study,
// series and document, non-empty UIDs, each document with both ids). An
// empty TransferSyntaxUIDList is read, not refused: it is answered per
// document with XDSRepositoryError (xds-i.md §5).
Result<Rad69Request> ReadRad69Request(const xml::XmlElement& body);

// Writes a request body (for our clients and tests).
std::string WriteRad69Request(const Rad69Request& request);

}  // namespace xds::imaging

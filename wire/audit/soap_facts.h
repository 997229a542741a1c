// What an audit record needs from a SOAP exchange, read from the request
// envelope's body and the reply (ITI TF-2 audit tables: patient, submission
// set, documents, studies, query parameters), so that every SOAP endpoint
// is audited from one place (SoapEndpoint) without the actors' help.
#pragma once

#include <optional>
#include <string_view>

#include "wire/audit/audit_events.h"
#include "wire/security/requester.h"
#include "wire/xml/xml_document.h"

namespace xds::audit {

// The transaction a request wsa:Action belongs to; nullopt for actions
// that are not audited. ProvideAndRegisterDocumentSet-b is ITI-41 (a RAD-68
// request carries the same action and cannot be told apart on the wire).
std::optional<Transaction> TransactionOfAction(std::string_view action);

// Adds what `body` (the first child of soap:Body) names to `facts`:
// patient ids, the SubmissionSet uniqueId, DocumentRequests, StudyRequests,
// and for ITI-18 the query id and the AdhocQueryRequest itself.
void AddRequestFacts(Transaction transaction, const xml::XmlElement& body, TransactionFacts& facts);

// Adds who asked, as a verified XUA assertion names them (ITI TF-2
// 3.40.4.2 "ATNA Audit encoding"): the human requestor as
// "alias<user@issuer>" (alias: NameID/@SPProvidedID, omitted when absent)
// and every purpose of use, which ITI-40 requires in EventIdentification.
// Nothing without an assertion.
void AddRequesterFacts(const security::Requester& requester, TransactionFacts& facts);

// The outcome an ebRS reply reports in its status attribute
// (RegistryResponse, AdhocQueryResponse, RetrieveDocumentSetResponse):
// Failure → serious failure, PartialSuccess → minor failure, else success.
Outcome OutcomeOfReply(std::string_view reply_body_xml);

}  // namespace xds::audit

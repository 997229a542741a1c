// The audit records of the transactions this project serves or makes
// (ITI-20, and each transaction's "Security Considerations" audit table in
// ITI TF-2 / RAD TF-3), built from plain facts about one exchange.
//
// Codes (see /work/shared/ihe/security.md §3.3–3.4):
//   transaction  this node is   EventID                        action
//   ITI-8        destination    110110 Patient Record          C
//   ITI-18       either         110112 Query                   E
//   ITI-41       destination    110107 Import                  C
//                source         110106 Export                  R
//   ITI-42       destination    110107 Import                  C
//                source         110106 Export                  R
//   ITI-43       destination    110106 Export                  R
//                source         110107 Import                  C
//   RAD-68       as ITI-41, EventTypeCode RAD-68
//   RAD-69       destination    110104 DICOM Instances Transferred R
//   RAD-55/107   destination    110104 DICOM Instances Transferred R (WADO)
// EventTypeCode: EV(<transaction>, "IHE Transactions", <name>).
// Outcome: 0 success; 4 partial success; 8 failure (fault, Failure status,
// refusal). A transaction naming several patients gives one record per
// patient (ITI-20).
#pragma once

#include <string>
#include <vector>

#include "wire/audit/audit_message.h"

namespace xds::audit {

enum class Transaction {
  kIti8,    // Patient Identity Feed (HL7 v2)
  kIti18,   // Registry Stored Query
  kIti41,   // Provide and Register Document Set-b
  kIti42,   // Register Document Set-b
  kIti43,   // Retrieve Document Set
  kRad68,   // Provide and Register Imaging Document Set
  kRad69,   // Retrieve Imaging Document Set
  kRad55,   // WADO-URI retrieve
  kRad107,  // WADO-RS retrieve
};

// "ITI-18", "RAD-69" ...
std::string TransactionName(Transaction t);

// Which end of the exchange the auditing node is.
enum class Side { kSource, kDestination };

// One end of an exchange, as the audit record names it.
struct Peer {
  std::string user_id;            // SOAP endpoint URI, wsa:ReplyTo, AE title...
  std::string alternative_user_id;  // process id (when this process)
  std::string user_name;          // e.g. the TLS peer certificate's subject
  std::string address;            // host name or IP (NetworkAccessPointID)
};

struct DocumentFact {
  std::string unique_id;
  std::string repository_unique_id;
  std::string home_community_id;
};

// What the auditing node knows of one exchange.
struct TransactionFacts {
  Transaction transaction = Transaction::kIti18;
  Side side = Side::kDestination;
  Outcome outcome = Outcome::kSuccess;
  std::string outcome_description;
  Peer source;       // who sent the request
  Peer destination;  // who answered it
  // The human requestor from a XUA assertion, as ITI-40 wants it in
  // UserName: "alias<user@issuer>"; empty: none known.
  std::string human_requestor;
  std::vector<Code> purposes_of_use;

  std::vector<std::string> patient_ids;  // CX: id^^^&oid&ISO
  std::string submission_set_unique_id;  // ITI-41/42, RAD-68
  std::vector<DocumentFact> documents;   // ITI-43
  std::vector<std::string> study_uids;   // RAD-69, WADO
  std::string query_id;                  // ITI-18 stored query UUID
  std::string query_request;             // ITI-18: the AdhocQueryRequest as received
  std::string hl7_message_control_id;    // ITI-8: MSH-10
  char feed_action = 'C';                // ITI-8: C add, U update, D merged away
};

// Identifies the auditing node (AuditSourceIdentification).
struct AuditSource {
  std::string source_id;           // e.g. "xds-node@reg01.region.example"
  std::string enterprise_site_id;  // e.g. the structure's OID
};

// The records of one exchange: one per patient (at least one).
std::vector<AuditMessage> TransactionRecords(const TransactionFacts& facts, const AuditSource& source);

// A Security Alert (110113): a node-authentication failure (a refused TLS
// handshake, EventTypeCode 110126 Node Authentication) or a denied request
// (110132 Use of Restricted Function). `reason` goes to
// EventOutcomeDescription.
enum class AlertKind { kNodeAuthentication, kRestrictedFunction };
AuditMessage SecurityAlert(AlertKind kind, const Peer& offender, const Peer& self, const std::string& reason,
                           const AuditSource& source);

// Application Activity (110100) start (110120) or stop (110121) of this node.
AuditMessage ApplicationActivity(bool start, const Peer& self, const AuditSource& source);

}  // namespace xds::audit

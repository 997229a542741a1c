// IdentityFeed: the Document Registry's side of the Patient Identity Feed
// (ITI TF-2: 3.8, HL7 v2.3.1 / v2.5 ADT). It turns one ER7 message into
// PatientRegistry calls and answers with an HL7 ACK in original
// acknowledgment mode (ITI TF-2x: C.2.3).
//
//   ADT^A01, A04, A05, A08  AddOrUpdatePatient for each PID-3 identifier of
//                           the affinity domain (ITI TF-2: 3.8.4.1.3)
//   ADT^A40                 MergePatients(PID-3, MRG-1) (ITI TF-2: 3.8.4.2.3)
//   ADT^A37                 UnmergePatients of the two PIDs' ids: undoes an
//                           earlier A40 (patient unlink)
//   anything else           AR "unsupported message type"
//
// Identifiers issued by other assigning authorities are ignored, as the
// Document Registry stores only the affinity domain's ids; a message with none
// gets AE. Stored ids use the CX form of DocumentEntry.patientId (ITI TF-3),
// "id^^^&oid&ISO": the namespace id of the assigning authority is dropped.
//
// Ownership: borrows the PatientRegistry, which must outlive the feed.
// Thread safety: options (and the auditor) are fixed before the first message
// and the only mutable state is an atomic counter, so Handle() may run on many MLLP connection threads at
// once (PatientRegistry implementations are safe for concurrent use).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/patient/patient_registry.h"
#include "wire/audit/transaction_auditor.h"

namespace xds::registry {

class Hl7Message;
class Hl7Segment;

struct IdentityFeedOptions {
  // Universal ids (OIDs) of the assigning authorities of the affinity domain.
  // Empty accepts any syntactically valid OID.
  std::vector<std::string> accepted_assigning_authorities;
};

class IdentityFeed {
 public:
  IdentityFeed(PatientRegistry& registry, IdentityFeedOptions options);

  IdentityFeed(const IdentityFeed&) = delete;
  IdentityFeed& operator=(const IdentityFeed&) = delete;

  // Applies one ER7 message and returns the ACK (segments ended by \r,
  // without MLLP framing). Never fails: every problem becomes an AE or AR
  // acknowledgment whose ERR segment and MSA-3 say why. `peer` is the
  // sender's "address:port", for the audit record.
  std::string Handle(std::string_view hl7_message, const std::string& peer = {});

  // ITI-20: with an auditor (borrowed, may be null; set before the first
  // message), each message is audited (Patient Record, 110110).
  void set_auditor(const audit::TransactionAuditor* auditor) { auditor_ = auditor; }

 private:
  struct Outcome;
  struct DomainId;

  Outcome Apply(const Hl7Message& message);
  Outcome AddOrUpdate(const Hl7Message& message);
  Outcome Merge(const Hl7Message& message);
  Outcome Unlink(const Hl7Message& message);
  // The ids of a CX field (PID-3, MRG-1) that belong to the affinity domain.
  std::vector<DomainId> DomainIds(const Hl7Segment& segment, std::size_t field) const;
  bool IsAcceptedAuthority(const std::string& oid) const;
  // What IsAcceptedAuthority() wants, for error texts.
  std::string AcceptedText() const;
  std::string BuildAck(const Hl7Message* message, const Outcome& outcome);
  void Audit(const Hl7Message* message, const Outcome& outcome, const std::string& peer) const;

  PatientRegistry& registry_;
  const IdentityFeedOptions options_;
  // Makes ACK control ids (MSH-10) unique within one second.
  std::atomic<std::uint64_t> ack_counter_{0};
  const audit::TransactionAuditor* auditor_ = nullptr;
};

}  // namespace xds::registry

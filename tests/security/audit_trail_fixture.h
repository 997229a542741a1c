// AuditTrailFixture: a node's audit trail for tests, all real: a TLS
// syslog sink (RFC 5425, mutual TLS) sending to Debian's rsyslogd
// (RsyslogReceiver) and the node's TransactionAuditor over it, with
// certificates made at test time. Tests hand auditor() to the HttpServer
// their actors mount on, make transactions, then read the records that
// reached the repository, parsed, and pick them by event type.
//
// Not thread-safe; one per test.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tests/security/rsyslog_receiver.h"
#include "tests/security/test_pki.h"
#include "wire/audit/syslog_audit_sink.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/xml/xml_document.h"

namespace xds::testing {

// One received audit message, parsed.
struct AuditRecord {
  std::string event_id;       // EventID csd-code, e.g. "110104"
  std::string action;         // EventActionCode
  std::string outcome;        // EventOutcomeIndicator
  std::string event_type;     // EventTypeCode csd-code, e.g. "RAD-55"
  std::string outcome_description;
  xml::XmlDocument document;
  // ParticipantObjectIdentification elements.
  std::vector<xml::XmlElement> Objects() const;
  // ParticipantObjectID of the objects whose ParticipantObjectIDTypeCode
  // csd-code is `id_type` ("2" patient, "110180" study, ...).
  std::vector<std::string> ObjectIds(const std::string& id_type) const;
  // The ActiveParticipant whose RoleIDCode is `role` ("110153" source,
  // "110152" destination); empty when none.
  xml::XmlElement Participant(const std::string& role) const;
};

// The first descendant of `root` named `local`, depth first.
xml::XmlElement FindElement(const xml::XmlElement& root, std::string_view local);

class AuditTrailFixture {
 public:
  // `node_name` goes into the node's certificate and AuditSourceID.
  explicit AuditTrailFixture(const std::string& node_name);
  ~AuditTrailFixture();

  // Starts rsyslogd and the sink; the auditor exists from then on.
  Status Start();
  const audit::TransactionAuditor* auditor() const { return auditor_.get(); }

  // Waits until `count` records arrived; every record received so far.
  std::vector<AuditRecord> WaitFor(size_t count, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // Waits until `count` records of `event_type` (EventTypeCode, e.g.
  // "RAD-55") arrived, or the timeout; the records of that type.
  std::vector<AuditRecord> WaitForType(const std::string& event_type, size_t count,
                                       std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  std::vector<AuditRecord> Parse() const;

  std::string node_name_;
  TestPki pki_;
  TempDir dir_;
  std::unique_ptr<RsyslogReceiver> receiver_;
  std::unique_ptr<audit::SyslogAuditSink> sink_;
  std::unique_ptr<audit::TransactionAuditor> auditor_;
};

}  // namespace xds::testing

#include "tests/security/audit_trail_fixture.h"

#include <thread>

namespace xds::testing {

xml::XmlElement FindElement(const xml::XmlElement& root, std::string_view local) {
  for (xml::XmlElement c = root.FirstChildElement(); c; c = c.NextSiblingElement()) {
    if (c.LocalName() == local) return c;
    if (xml::XmlElement deeper = FindElement(c, local)) return deeper;
  }
  return {};
}

std::vector<xml::XmlElement> AuditRecord::Objects() const {
  return document.Root().Children("", "ParticipantObjectIdentification");
}

std::vector<std::string> AuditRecord::ObjectIds(const std::string& id_type) const {
  std::vector<std::string> out;
  for (const xml::XmlElement& o : Objects())
    if (FindElement(o, "ParticipantObjectIDTypeCode").Attr("csd-code") == id_type)
      out.push_back(o.Attr("ParticipantObjectID"));
  return out;
}

xml::XmlElement AuditRecord::Participant(const std::string& role) const {
  for (const xml::XmlElement& p : document.Root().Children("", "ActiveParticipant"))
    if (FindElement(p, "RoleIDCode").Attr("csd-code") == role) return p;
  return {};
}

AuditTrailFixture::AuditTrailFixture(const std::string& node_name) : node_name_(node_name) {}

AuditTrailFixture::~AuditTrailFixture() {
  auditor_.reset();
  sink_.reset();
  receiver_.reset();
}

Status AuditTrailFixture::Start() {
  PemFiles ca = pki_.MakeCa("region");
  PemFiles arr = pki_.Issue("region", "arr.region.test");
  PemFiles node = pki_.Issue("region", node_name_);
  receiver_ = std::make_unique<RsyslogReceiver>(ca.certificate, arr.certificate, arr.private_key);
  receiver_->Start();
  audit::SyslogSinkOptions sink;
  sink.port = receiver_->tls_port();
  http::TlsSettings tls;
  tls.ca_file = ca.certificate;
  tls.certificate_file = node.certificate;
  tls.private_key_file = node.private_key;
  sink.tls = tls;
  sink.spool_directory = dir_.File("audit-spool");
  sink.header.app_name = "xds-node";
  auto started = audit::SyslogAuditSink::Start(sink);
  if (!started.ok()) return started.status();
  sink_ = std::move(*started);
  auditor_ = std::make_unique<audit::TransactionAuditor>(*sink_, audit::AuditSource{node_name_, "1.2.250.1"},
                                                         "http://127.0.0.1");
  return Status::Ok();
}

std::vector<AuditRecord> AuditTrailFixture::Parse() const {
  std::vector<AuditRecord> out;
  for (const ReceivedRecord& r : receiver_->Records()) {
    auto doc = xml::XmlDocument::Parse(r.msg);
    if (!doc.ok()) continue;
    AuditRecord a;
    a.document = std::move(*doc);
    xml::XmlElement event = FindElement(a.document.Root(), "EventIdentification");
    a.event_id = FindElement(event, "EventID").Attr("csd-code");
    a.action = event.Attr("EventActionCode");
    a.outcome = event.Attr("EventOutcomeIndicator");
    a.event_type = FindElement(event, "EventTypeCode").Attr("csd-code");
    if (xml::XmlElement why = FindElement(event, "EventOutcomeDescription")) a.outcome_description = why.Text();
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<AuditRecord> AuditTrailFixture::WaitFor(size_t count, std::chrono::milliseconds timeout) {
  receiver_->WaitFor(count, timeout);
  return Parse();
}

std::vector<AuditRecord> AuditTrailFixture::WaitForType(const std::string& event_type, size_t count,
                                                        std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<AuditRecord> found;
  for (;;) {
    found.clear();
    for (AuditRecord& r : Parse())
      if (r.event_type == event_type) found.push_back(std::move(r));
    if (found.size() >= count || std::chrono::steady_clock::now() >= deadline) return found;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace xds::testing

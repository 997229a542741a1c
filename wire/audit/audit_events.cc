#include "wire/audit/audit_events.h"

namespace xds::audit {
namespace {

Code Dcm(std::string code, std::string display) { return {std::move(code), "DCM", std::move(display)}; }

const Code kSourceRole = Dcm("110153", "Source Role ID");
const Code kDestinationRole = Dcm("110152", "Destination Role ID");
// AuditSourceTypeCode 4 (DICOM CID 20): an application server process.
const Code kApplicationServer = {"4", "DCM", "Application Server process tier in a multi-tier system"};

struct EventCodes {
  Code event_id;
  char action;
};

EventCodes EventFor(Transaction t, Side side) {
  const Code kImport = Dcm("110107", "Import");
  const Code kExport = Dcm("110106", "Export");
  switch (t) {
    case Transaction::kIti8: return {Dcm("110110", "Patient Record"), 'C'};
    case Transaction::kIti18: return {Dcm("110112", "Query"), 'E'};
    case Transaction::kIti41:
    case Transaction::kIti42:
    case Transaction::kRad68: return side == Side::kDestination ? EventCodes{kImport, 'C'} : EventCodes{kExport, 'R'};
    case Transaction::kIti43: return side == Side::kDestination ? EventCodes{kExport, 'R'} : EventCodes{kImport, 'C'};
    case Transaction::kRad69:
    case Transaction::kRad55:
    case Transaction::kRad107: return {Dcm("110104", "DICOM Instances Transferred"), 'R'};
  }
  return {Dcm("110100", "Application Activity"), 'E'};
}

std::string TransactionDisplay(Transaction t) {
  switch (t) {
    case Transaction::kIti8: return "Patient Identity Feed";
    case Transaction::kIti18: return "Registry Stored Query";
    case Transaction::kIti41: return "Provide and Register Document Set-b";
    case Transaction::kIti42: return "Register Document Set-b";
    case Transaction::kIti43: return "Retrieve Document Set";
    case Transaction::kRad68: return "Provide and Register Imaging Document Set – MTOM/XOP";
    case Transaction::kRad69: return "Retrieve Imaging Document Set";
    case Transaction::kRad55: return "WADO Retrieve";
    case Transaction::kRad107: return "WADO-RS Retrieve";
  }
  return {};
}

ActiveParticipant Participant(const Peer& peer, const Code& role, bool requestor) {
  ActiveParticipant p;
  p.user_id = peer.user_id.empty() ? peer.address : peer.user_id;
  p.alternative_user_id = peer.alternative_user_id;
  p.user_name = peer.user_name;
  p.is_requestor = requestor;
  p.network_access_point_id = peer.address;
  if (!peer.address.empty()) {
    bool ip = peer.address.find_first_not_of("0123456789.:abcdefABCDEF") == std::string::npos &&
              peer.address.find_first_of(".:") != std::string::npos;
    p.network_access_point_type = ip ? 2 : 1;
  }
  p.roles.push_back(role);
  return p;
}

ParticipantObject Patient(const std::string& id, const TransactionFacts& facts) {
  ParticipantObject o;
  o.id = id;
  o.type_code = 1;
  o.type_code_role = 1;
  o.id_type = {"2", "RFC-3881", "Patient Number"};
  if (facts.transaction == Transaction::kIti8 && !facts.hl7_message_control_id.empty())
    o.details.emplace_back("MSH-10", facts.hl7_message_control_id);
  return o;
}

void AddTransactionObjects(const TransactionFacts& f, std::vector<ParticipantObject>& out) {
  if (!f.submission_set_unique_id.empty()) {
    ParticipantObject o;
    o.id = f.submission_set_unique_id;
    o.type_code_role = 20;  // job
    o.id_type = {"urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd", "IHE XDS Metadata",
                 "submission set classificationNode"};
    out.push_back(std::move(o));
  }
  for (const DocumentFact& d : f.documents) {
    ParticipantObject o;
    o.id = d.unique_id;
    o.type_code_role = 3;  // report
    o.id_type = {"9", "RFC-3881", "Report Number"};
    // ITI TF-2 3.43.5.1: the literal detail type names.
    if (!d.repository_unique_id.empty()) o.details.emplace_back("Repository Unique Id", d.repository_unique_id);
    if (!d.home_community_id.empty()) o.details.emplace_back("ihe:homeCommunityID", d.home_community_id);
    out.push_back(std::move(o));
  }
  for (const std::string& study : f.study_uids) {
    ParticipantObject o;
    o.id = study;
    o.type_code_role = 3;
    o.id_type = Dcm("110180", "Study Instance UID");
    out.push_back(std::move(o));
  }
  if (f.transaction == Transaction::kIti18) {
    ParticipantObject o;
    o.id = f.query_id;
    o.type_code_role = 24;  // query
    o.id_type = {"ITI-18", "IHE Transactions", "Registry Stored Query"};
    o.query = f.query_request;
    o.details.emplace_back("QueryEncoding", "UTF-8");
    out.push_back(std::move(o));
  }
}

}  // namespace

std::string TransactionName(Transaction t) {
  switch (t) {
    case Transaction::kIti8: return "ITI-8";
    case Transaction::kIti18: return "ITI-18";
    case Transaction::kIti41: return "ITI-41";
    case Transaction::kIti42: return "ITI-42";
    case Transaction::kIti43: return "ITI-43";
    case Transaction::kRad68: return "RAD-68";
    case Transaction::kRad69: return "RAD-69";
    case Transaction::kRad55: return "RAD-55";
    case Transaction::kRad107: return "RAD-107";
  }
  return {};
}

std::vector<AuditMessage> TransactionRecords(const TransactionFacts& f, const AuditSource& source) {
  AuditMessage m;
  EventCodes codes = EventFor(f.transaction, f.side);
  m.event_id = codes.event_id;
  m.action = f.transaction == Transaction::kIti8 ? f.feed_action : codes.action;
  m.event_time = UtcNow();
  m.outcome = f.outcome;
  m.outcome_description = f.outcome_description;
  m.event_types.push_back({TransactionName(f.transaction), "IHE Transactions", TransactionDisplay(f.transaction)});
  m.purposes_of_use = f.purposes_of_use;
  // The source is the requestor unless a human is known (ITI TF-2 audit
  // tables: the Human Requestor then is).
  bool human = !f.human_requestor.empty();
  m.participants.push_back(Participant(f.source, kSourceRole, !human));
  if (human) {
    ActiveParticipant h;
    h.user_id = f.human_requestor;
    h.user_name = f.human_requestor;
    h.is_requestor = true;
    m.participants.push_back(std::move(h));
  }
  m.participants.push_back(Participant(f.destination, kDestinationRole, false));
  m.audit_source_id = source.source_id;
  m.audit_enterprise_site_id = source.enterprise_site_id;
  m.audit_source_types.push_back(kApplicationServer);
  AddTransactionObjects(f, m.objects);

  std::vector<AuditMessage> out;
  if (f.patient_ids.empty()) {
    out.push_back(std::move(m));
    return out;
  }
  for (const std::string& patient : f.patient_ids) {
    AuditMessage per_patient = m;
    per_patient.objects.insert(per_patient.objects.begin(), Patient(patient, f));
    out.push_back(std::move(per_patient));
  }
  return out;
}

AuditMessage SecurityAlert(AlertKind kind, const Peer& offender, const Peer& self, const std::string& reason,
                           const AuditSource& source) {
  AuditMessage m;
  m.event_id = Dcm("110113", "Security Alert");
  m.action = 'E';
  m.event_time = UtcNow();
  m.outcome = Outcome::kSeriousFailure;
  m.outcome_description = reason;
  m.event_types.push_back(kind == AlertKind::kNodeAuthentication ? Dcm("110126", "Node Authentication")
                                                                 : Dcm("110132", "Use of Restricted Function"));
  m.participants.push_back(Participant(offender, kSourceRole, true));
  m.participants.push_back(Participant(self, kDestinationRole, false));
  m.audit_source_id = source.source_id;
  m.audit_enterprise_site_id = source.enterprise_site_id;
  m.audit_source_types.push_back(kApplicationServer);
  return m;
}

AuditMessage ApplicationActivity(bool start, const Peer& self, const AuditSource& source) {
  AuditMessage m;
  m.event_id = Dcm("110100", "Application Activity");
  m.action = 'E';
  m.event_time = UtcNow();
  m.event_types.push_back(start ? Dcm("110120", "Application Start") : Dcm("110121", "Application Stop"));
  m.participants.push_back(Participant(self, Dcm("110150", "Application"), false));
  m.audit_source_id = source.source_id;
  m.audit_enterprise_site_id = source.enterprise_site_id;
  m.audit_source_types.push_back(kApplicationServer);
  return m;
}

}  // namespace xds::audit

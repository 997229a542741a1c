#include "registry/patient/identity_feed.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include <spdlog/spdlog.h>

#include "registry/patient/hl7_message.h"
#include "wire/base/ids.h"

namespace xds::registry {
namespace {

// Acknowledgment codes, HL7 Table 0008. AR tells the sender the message as
// such is unacceptable (type, version, structure); AE that its content could
// not be applied.
constexpr std::string_view kApplicationAccept = "AA";
constexpr std::string_view kApplicationError = "AE";
constexpr std::string_view kApplicationReject = "AR";

// Message error condition codes, HL7 v2.5 Table 0357.
struct ErrorCondition {
  int code;
  std::string_view text;
};
constexpr ErrorCondition kMessageAccepted{0, "Message accepted"};
constexpr ErrorCondition kSegmentSequenceError{100, "Segment sequence error"};
constexpr ErrorCondition kRequiredFieldMissing{101, "Required field missing"};
constexpr ErrorCondition kUnsupportedMessageType{200, "Unsupported message type"};
constexpr ErrorCondition kUnsupportedEventCode{201, "Unsupported event code"};
constexpr ErrorCondition kUnsupportedVersionId{203, "Unsupported version id"};
constexpr ErrorCondition kUnknownKeyIdentifier{204, "Unknown key identifier"};
constexpr ErrorCondition kDuplicateKeyIdentifier{205, "Duplicate key identifier"};
constexpr ErrorCondition kApplicationInternalError{207, "Application internal error"};

// ITI TF-2: 3.8.4.1.1: the events that create or update a patient.
constexpr std::array<std::string_view, 4> kAddOrUpdateEvents = {"A01", "A04", "A05", "A08"};
constexpr std::string_view kMergeEvent = "A40";  // ITI TF-2: 3.8.4.2.1
// Unlink (HL7 v2.5 3.3.37): two PID segments, the two patients whose
// earlier A40 merge is undone. Not part of the XDS ITI-8 profiling (PIX
// uses it); a registry accepts it so that a mistaken merge can be reversed.
constexpr std::string_view kUnlinkEvent = "A37";

// HL7 "" means "clear this value"; for stored demographics that is empty.
std::string Demographic(std::string value) { return value == "\"\"" ? std::string() : value; }

// PID-7 is a TS (YYYY[MM[DD[HH...]]]); the registry keeps the date part. A
// malformed birth date is dropped rather than rejected: the registry needs the
// identifier, and refusing the whole feed would block document submissions.
std::string BirthDate(const std::string& pid7) {
  std::string date = Demographic(pid7).substr(0, 8);
  if (date.empty() || IsDtm(date)) return date;
  spdlog::warn("ITI-8: ignoring malformed PID-7 birth date");
  return {};
}

}  // namespace

struct IdentityFeed::Outcome {
  std::string_view ack_code = kApplicationAccept;
  ErrorCondition condition = kMessageAccepted;
  // ERR-2 location; segment is empty when the message as a whole is at fault.
  std::string segment;
  std::size_t sequence = 1;
  std::size_t field = 0;
  std::string text;  // MSA-3 and ERR-8
  // ITI-20: the patients an accepted message changed, each with its audit
  // action (C created, U updated, D merged away).
  std::vector<std::pair<std::string, char>> patients;

  static Outcome Accept() { return {}; }
  static Outcome Accept(std::vector<std::pair<std::string, char>> changed) {
    Outcome o;
    o.patients = std::move(changed);
    return o;
  }
  static Outcome Reject(ErrorCondition condition, std::string segment, std::size_t field, std::string text) {
    return {kApplicationReject, condition, std::move(segment), 1, field, std::move(text), {}};
  }
  static Outcome Error(ErrorCondition condition, std::string segment, std::size_t field, std::string text,
                       std::size_t sequence = 1) {
    return {kApplicationError, condition, std::move(segment), sequence, field, std::move(text), {}};
  }
};

struct IdentityFeed::DomainId {
  std::string oid;
  std::string patient_id;  // "id^^^&oid&ISO"
};

IdentityFeed::IdentityFeed(PatientRegistry& registry, IdentityFeedOptions options)
    : registry_(registry), options_(std::move(options)) {}

std::string IdentityFeed::Handle(std::string_view hl7_message, const std::string& peer) {
  Result<Hl7Message> message = Hl7Message::Parse(hl7_message);
  if (!message.ok()) {
    spdlog::warn("ITI-8: rejected a malformed message: {}", message.status().message());
    Outcome rejected =
        Outcome::Reject(kSegmentSequenceError, "", 0, "malformed message: " + message.status().message());
    if (auditor_ != nullptr) Audit(nullptr, rejected, peer);
    return BuildAck(nullptr, rejected);
  }
  Outcome outcome = Apply(*message);
  if (auditor_ != nullptr) Audit(&*message, outcome, peer);
  std::string control_id = message->Get("MSH", 10);
  if (outcome.ack_code == kApplicationAccept) {
    spdlog::info("ITI-8: {}^{} control id {} applied", message->Get("MSH", 9, 1), message->Get("MSH", 9, 2),
                 control_id);
  } else {
    spdlog::warn("ITI-8: {}^{} control id {} answered {}: {}", message->Get("MSH", 9, 1),
                 message->Get("MSH", 9, 2), control_id, outcome.ack_code, outcome.text);
  }
  return BuildAck(&*message, outcome);
}

// ITI TF-2: 3.8.5.1: one Patient Record event (110110) per action, naming
// the sender (MSH-3|MSH-4, its address), us (MSH-5|MSH-6), each patient and
// the message control id (MSH-10). A refused message is recorded as a
// serious failure about the PID-3 patients of the domain, if any.
void IdentityFeed::Audit(const Hl7Message* message, const Outcome& outcome, const std::string& peer) const {
  audit::TransactionFacts facts;
  facts.transaction = audit::Transaction::kIti8;
  facts.side = audit::Side::kDestination;
  facts.destination = auditor_->Self();
  facts.source.address = peer.substr(0, peer.rfind(':'));
  facts.source.user_id = facts.source.address;
  std::vector<std::pair<std::string, char>> patients = outcome.patients;
  if (message != nullptr) {
    facts.source.user_id = message->Get("MSH", 3) + "|" + message->Get("MSH", 4);
    facts.destination.user_id = message->Get("MSH", 5) + "|" + message->Get("MSH", 6);
    facts.hl7_message_control_id = message->Get("MSH", 10);
    if (patients.empty())
      if (const Hl7Segment* pid = message->Find("PID"))
        for (const DomainId& id : DomainIds(*pid, 3))
          patients.emplace_back(id.patient_id, message->Get("MSH", 9, 2) == "A08" ? 'U' : 'C');
  }
  if (outcome.ack_code != kApplicationAccept) {
    facts.outcome = audit::Outcome::kSeriousFailure;
    facts.outcome_description = std::string(outcome.ack_code) + ": " + outcome.text;
  }
  if (patients.empty()) {
    auditor_->Record(facts);
    return;
  }
  for (char action : {'C', 'U', 'D'}) {
    facts.feed_action = action;
    facts.patient_ids.clear();
    for (const auto& [id, a] : patients)
      if (a == action) facts.patient_ids.push_back(id);
    if (!facts.patient_ids.empty()) auditor_->Record(facts);
  }
}

IdentityFeed::Outcome IdentityFeed::Apply(const Hl7Message& message) {
  const Hl7Segment& msh = message.segments().front();
  if (msh.Get(10).empty()) {
    return Outcome::Reject(kRequiredFieldMissing, "MSH", 10, "MSH-10 message control id is missing");
  }
  std::string version = msh.Get(12);
  if (version.empty()) return Outcome::Reject(kRequiredFieldMissing, "MSH", 12, "MSH-12 version id is missing");
  // ITI-8 is profiled on v2.3.1 and v2.5; later 2.x versions stay compatible
  // for the fields read here.
  if (!version.starts_with("2.")) {
    return Outcome::Reject(kUnsupportedVersionId, "MSH", 12, "unsupported HL7 version " + version);
  }
  std::string type = msh.Get(9, 1);
  std::string trigger = msh.Get(9, 2);
  if (type.empty()) return Outcome::Reject(kRequiredFieldMissing, "MSH", 9, "MSH-9 message type is missing");
  if (type != "ADT") {
    return Outcome::Reject(kUnsupportedMessageType, "MSH", 9, "unsupported message type " + type + "^" + trigger);
  }
  if (trigger == kMergeEvent) return Merge(message);
  if (trigger == kUnlinkEvent) return Unlink(message);
  if (std::find(kAddOrUpdateEvents.begin(), kAddOrUpdateEvents.end(), trigger) != kAddOrUpdateEvents.end()) {
    return AddOrUpdate(message);
  }
  return Outcome::Reject(kUnsupportedEventCode, "MSH", 9, "unsupported message type " + type + "^" + trigger);
}

// ITI TF-2: 3.8.4.1.3: store the affinity domain's ids, ignore the others.
IdentityFeed::Outcome IdentityFeed::AddOrUpdate(const Hl7Message& message) {
  const Hl7Segment* pid = message.Find("PID");
  if (pid == nullptr) return Outcome::Error(kSegmentSequenceError, "PID", 0, "message has no PID segment");
  std::vector<DomainId> ids = DomainIds(*pid, 3);
  if (ids.empty()) {
    return Outcome::Error(kUnknownKeyIdentifier, "PID", 3,
                          "no PID-3 identifier has an accepted assigning authority (" + AcceptedText() + ")");
  }
  PatientRecord record;
  record.family_name = Demographic(pid->Get(5, 1, 1));  // XPN.1 is FN in v2.5, ST in v2.3.1
  record.given_name = Demographic(pid->Get(5, 2));
  record.birth_date = BirthDate(pid->Get(7, 1));
  record.sex = Demographic(pid->Get(8, 1));
  // A failure part way leaves earlier ids stored; AddOrUpdatePatient is
  // idempotent, so the sender's resend after AE converges.
  const char action = message.Get("MSH", 9, 2) == "A08" ? 'U' : 'C';  // A08 updates; A01/A04/A05 admit
  std::vector<std::pair<std::string, char>> changed;
  for (DomainId& id : ids) {
    record.patient_id = std::move(id.patient_id);
    Status status = registry_.AddOrUpdatePatient(record);
    if (!status.ok()) {
      return Outcome::Error(kApplicationInternalError, "PID", 3,
                            "could not store patient " + record.patient_id + ": " + status.ToString());
    }
    changed.emplace_back(record.patient_id, action);
  }
  return Outcome::Accept(std::move(changed));
}

// ITI TF-2: 3.8.4.2.3: each patient group is PID (surviving) then MRG
// (subsumed). Ids are paired by assigning authority, since a merge across
// domains is meaningless.
IdentityFeed::Outcome IdentityFeed::Merge(const Hl7Message& message) {
  const std::vector<Hl7Segment>& segments = message.segments();
  std::size_t groups = 0;
  std::size_t merged = 0;
  std::vector<std::pair<std::string, char>> changed;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].name() != "PID") continue;
    ++groups;
    const Hl7Segment* mrg = nullptr;
    for (std::size_t j = i + 1; j < segments.size() && segments[j].name() != "PID"; ++j) {
      if (segments[j].name() == "MRG") {
        mrg = &segments[j];
        break;
      }
    }
    if (mrg == nullptr) {
      return Outcome::Error(kSegmentSequenceError, "MRG", 0,
                            "ADT^A40 patient group " + std::to_string(groups) + " has no MRG segment", groups);
    }
    std::vector<DomainId> subsumed_ids = DomainIds(*mrg, 1);
    for (const DomainId& surviving : DomainIds(segments[i], 3)) {
      for (const DomainId& subsumed : subsumed_ids) {
        if (subsumed.oid != surviving.oid) continue;
        if (subsumed.patient_id == surviving.patient_id) {
          return Outcome::Error(kDuplicateKeyIdentifier, "MRG", 1,
                                "MRG-1 names the surviving patient " + surviving.patient_id, groups);
        }
        Status status = registry_.MergePatients(surviving.patient_id, subsumed.patient_id);
        if (status.code() == Status::Code::kNotFound) {
          return Outcome::Error(kUnknownKeyIdentifier, "MRG", 1,
                                "cannot merge " + subsumed.patient_id + ": " + status.message(), groups);
        }
        if (!status.ok()) {
          return Outcome::Error(kApplicationInternalError, "MRG", 1,
                                "could not merge " + subsumed.patient_id + " into " + surviving.patient_id + ": " +
                                    status.ToString(),
                                groups);
        }
        ++merged;
        changed.emplace_back(surviving.patient_id, 'U');
        changed.emplace_back(subsumed.patient_id, 'D');
      }
    }
  }
  if (groups == 0) return Outcome::Error(kSegmentSequenceError, "PID", 0, "message has no PID segment");
  if (merged == 0) {
    return Outcome::Error(kUnknownKeyIdentifier, "MRG", 1,
                          "no PID-3/MRG-1 pair with the same accepted assigning authority (" + AcceptedText() +
                              ")");
  }
  return Outcome::Accept(std::move(changed));
}

// The first and second PID name the two patients; ids are paired by
// assigning authority as for A40. Either may be the survivor of the merge.
IdentityFeed::Outcome IdentityFeed::Unlink(const Hl7Message& message) {
  std::vector<const Hl7Segment*> pids;
  for (const auto& segment : message.segments())
    if (segment.name() == "PID") pids.push_back(&segment);
  if (pids.size() != 2)
    return Outcome::Error(kSegmentSequenceError, "PID", 0, "ADT^A37 needs exactly two PID segments");
  std::size_t unlinked = 0;
  std::vector<std::pair<std::string, char>> changed;
  for (const DomainId& first : DomainIds(*pids[0], 3)) {
    for (const DomainId& second : DomainIds(*pids[1], 3)) {
      if (first.oid != second.oid) continue;
      Status status = registry_.UnmergePatients(first.patient_id, second.patient_id);
      if (status.code() == Status::Code::kNotFound)
        status = registry_.UnmergePatients(second.patient_id, first.patient_id);
      if (status.code() == Status::Code::kNotFound)
        return Outcome::Error(kUnknownKeyIdentifier, "PID", 3,
                              "cannot unlink " + first.patient_id + " and " + second.patient_id + ": " + status.message());
      if (!status.ok())
        return Outcome::Error(kApplicationInternalError, "PID", 3,
                              "could not unlink " + first.patient_id + " and " + second.patient_id + ": " +
                                  status.ToString());
      ++unlinked;
      changed.emplace_back(first.patient_id, 'U');
      changed.emplace_back(second.patient_id, 'U');
    }
  }
  if (unlinked == 0)
    return Outcome::Error(kUnknownKeyIdentifier, "PID", 3,
                          "no pair of PID-3 identifiers with the same accepted assigning authority (" + AcceptedText() +
                              ")");
  return Outcome::Accept(std::move(changed));
}

std::vector<IdentityFeed::DomainId> IdentityFeed::DomainIds(const Hl7Segment& segment, std::size_t field) const {
  std::vector<DomainId> ids;
  for (std::size_t rep = 1; rep <= segment.RepetitionCount(field); ++rep) {
    std::string id = segment.GetRepetition(field, rep, 1);
    std::string oid = segment.GetRepetition(field, rep, 4, 2);  // CX.4 is HD: namespace&universal id&type
    std::string oid_type = segment.GetRepetition(field, rep, 4, 3);
    if (id.empty() || oid_type != "ISO" || !IsAcceptedAuthority(oid)) continue;
    // Unescaped delimiters would make the stored CX ambiguous.
    if (id.find_first_of("^&~\\|\r\n") != std::string::npos) {
      spdlog::warn("ITI-8: ignoring {}-{} id with HL7 delimiters in it", segment.name(), field);
      continue;
    }
    ids.push_back({oid, id + "^^^&" + oid + "&ISO"});
  }
  return ids;
}

bool IdentityFeed::IsAcceptedAuthority(const std::string& oid) const {
  const std::vector<std::string>& accepted = options_.accepted_assigning_authorities;
  if (accepted.empty()) return IsOid(oid);
  return std::find(accepted.begin(), accepted.end(), oid) != accepted.end();
}

std::string IdentityFeed::AcceptedText() const {
  const std::vector<std::string>& accepted = options_.accepted_assigning_authorities;
  if (accepted.empty()) return "expected an ISO OID assigning authority";
  std::string text = "accepted ISO assigning authorities:";
  for (const std::string& oid : accepted) text += " " + oid;
  return text;
}

// ITI TF-2x: C.2.3: MSH with sender and receiver swapped, MSA echoing the
// control id, and on error an ERR with both the v2.3.1 ERR-1 and the v2.5
// ERR-2/3/4/8 fields so either generation of sender can read it.
std::string IdentityFeed::BuildAck(const Hl7Message* message, const Outcome& outcome) {
  const Hl7Delimiters d = message != nullptr ? message->delimiters() : Hl7Delimiters{};
  const Hl7Segment* msh = message != nullptr ? &message->segments().front() : nullptr;
  // Fields copied raw keep their components, and stay valid because the ACK
  // reuses the message's own delimiters.
  auto raw = [&](std::size_t field) { return msh != nullptr ? std::string(msh->RawField(field)) : std::string(); };
  auto esc = [&](std::string_view text) { return Hl7Escape(text, d); };
  const std::string f(1, d.field);
  const std::string c(1, d.component);
  const std::string s(1, d.subcomponent);

  char counter[8];
  std::snprintf(counter, sizeof counter, "%06llu",
                static_cast<unsigned long long>(ack_counter_.fetch_add(1, std::memory_order_relaxed) % 1000000));
  std::string trigger = msh != nullptr ? msh->Get(9, 2) : std::string();
  std::string processing_id = raw(11).empty() ? "P" : raw(11);
  std::string version = raw(12).empty() ? "2.5" : raw(12);

  const std::string now = NowDtm();
  std::string ack = "MSH" + f + d.component + d.repetition + d.escape + d.subcomponent;
  ack += f + raw(5) + f + raw(6) + f + raw(3) + f + raw(4) + f + now + "+0000" + f;
  ack += f + "ACK" + c + esc(trigger) + c + "ACK";
  ack += f + now + counter + f + processing_id + f + version + "\r";
  ack += "MSA" + f + std::string(outcome.ack_code) + f + raw(10);
  if (outcome.ack_code == kApplicationAccept) return ack + "\r";
  ack += f + esc(outcome.text) + "\r";

  const std::string code = std::to_string(outcome.condition.code);
  std::string location;
  if (!outcome.segment.empty()) {
    location = outcome.segment + c + std::to_string(outcome.sequence);
    if (outcome.field != 0) location += c + std::to_string(outcome.field);
  }
  std::string err1 = location;
  for (std::size_t n = std::count(location.begin(), location.end(), d.component); n < 3; ++n) err1 += c;
  err1 += code + s + esc(outcome.condition.text) + s + "HL70357";
  ack += "ERR" + f + err1 + f + location + f + code + c + esc(outcome.condition.text) + c + "HL70357";
  ack += f + "E" + f + f + f + f + esc(outcome.text) + "\r";
  return ack;
}

}  // namespace xds::registry

#include "wire/audit/transaction_auditor.h"

#include <unistd.h>

#include <algorithm>

#include "wire/audit/soap_facts.h"

namespace xds::audit {
namespace {

constexpr char kAnonymous[] = "http://www.w3.org/2005/08/addressing/anonymous";

std::string HostOf(const std::string& url) {
  size_t start = url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  size_t end = url.find_first_of(":/", start);
  return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

TransactionAuditor::TransactionAuditor(AuditSink& sink, AuditSource source, std::string base_url)
    : sink_(sink),
      source_(std::move(source)),
      base_url_(std::move(base_url)),
      host_(HostOf(base_url_)),
      process_id_(std::to_string(getpid())) {}

Peer TransactionAuditor::Self(const std::string& path) const {
  return {base_url_ + path, process_id_, {}, host_};
}

Peer TransactionAuditor::SourceOf(const http::HttpRequest& request, std::string_view reply_to) {
  Peer p;
  // ITI TF-2 (ITI-41/42 audit tables): the source's UserID is its
  // wsa:ReplyTo; anonymous when it gave none.
  p.user_id = reply_to.empty() ? kAnonymous : std::string(reply_to);
  // ITI-19: the verified certificate names the requesting node.
  if (request.peer_certificate) p.user_name = request.peer_certificate->subject;
  p.address = request.remote_addr;
  return p;
}

Peer TransactionAuditor::ClientOf(const http::HttpRequest& request) {
  Peer p;
  p.user_id = request.remote_addr;
  if (request.peer_certificate) p.user_name = request.peer_certificate->subject;
  p.address = request.remote_addr;
  return p;
}

Peer TransactionAuditor::RemoteOf(const std::string& url) {
  Peer p;
  p.user_id = url;
  p.address = HostOf(url);
  return p;
}

void TransactionAuditor::AddPatient(const http::HttpRequest& request, std::string patient_id) const {
  if (patient_id.empty()) return;
  std::lock_guard<std::mutex> lock(notes_mutex_);
  std::vector<std::string>& ids = notes_[&request];
  for (const std::string& id : ids)
    if (id == patient_id) return;
  ids.push_back(std::move(patient_id));
}

void TransactionAuditor::TakeNotes(const http::HttpRequest& request, TransactionFacts& facts) const {
  std::lock_guard<std::mutex> lock(notes_mutex_);
  auto it = notes_.find(&request);
  if (it == notes_.end()) return;
  for (std::string& id : it->second)
    if (std::find(facts.patient_ids.begin(), facts.patient_ids.end(), id) == facts.patient_ids.end())
      facts.patient_ids.push_back(std::move(id));
  notes_.erase(it);
}

void TransactionAuditor::SoapExchange(const http::HttpRequest& request, const security::Requester& requester,
                                      std::string_view action, std::string_view reply_to,
                                      const xml::XmlElement& body, std::string_view fault_reason,
                                      std::string_view reply_body) const {
  std::optional<Transaction> transaction = TransactionOfAction(action);
  if (!transaction) return;
  TransactionFacts facts;
  facts.transaction = *transaction;
  facts.side = Side::kDestination;
  facts.source = SourceOf(request, reply_to);
  facts.destination = Self(request.path);
  if (!fault_reason.empty()) {
    facts.outcome = Outcome::kSeriousFailure;
    facts.outcome_description = std::string(fault_reason);
  } else {
    facts.outcome = OutcomeOfReply(reply_body);
  }
  AddRequestFacts(*transaction, body, facts);
  AddRequesterFacts(requester, facts);
  TakeNotes(request, facts);
  Record(facts);
}

void TransactionAuditor::SoapRefused(const http::HttpRequest& request, std::string_view action,
                                     std::string_view reply_to, const std::string& reason) const {
  std::string description = reason;
  if (std::optional<Transaction> t = TransactionOfAction(action)) description += " (" + TransactionName(*t) + ")";
  sink_.Record(SecurityAlert(AlertKind::kRestrictedFunction, SourceOf(request, reply_to), Self(request.path),
                             description, source_));
}

void TransactionAuditor::TlsRefused(const http::TlsRefusal& refusal) const {
  Peer offender;
  offender.user_id = refusal.peer_subject.empty() ? refusal.peer_address : refusal.peer_subject;
  offender.user_name = refusal.peer_subject;
  offender.address = refusal.peer_address;
  std::string reason = "TLS handshake refused: " + refusal.reason;
  if (refusal.alert != refusal.reason) reason += " (alert: " + refusal.alert + ")";
  sink_.Record(SecurityAlert(AlertKind::kNodeAuthentication, offender, Self(), reason, source_));
}

void TransactionAuditor::Record(const TransactionFacts& facts) const {
  for (const AuditMessage& m : TransactionRecords(facts, source_)) sink_.Record(m);
}

void TransactionAuditor::ApplicationActivity(bool start) const {
  sink_.Record(audit::ApplicationActivity(start, Self(), source_));
}

}  // namespace xds::audit

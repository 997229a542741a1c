// TransactionAuditor: the one place where exchanges become audit records
// (ITI-20). The composition root makes one per node, over the node's
// AuditSink, and hands it to the HttpServer; every SoapEndpoint mounted on
// that server then reports each SOAP transaction it answered (action →
// transaction, request → patient / submission set / documents / studies /
// query, reply status → outcome, TLS peer → source participant), and the
// server reports each refused TLS handshake as a Security Alert.
//
// Actors may add what only they know with one call: Record(facts) with a
// TransactionFacts they filled (an outgoing ITI-42 or RAD-68 as its source,
// a WADO request, an ITI-8 message), or, for a SOAP exchange, AddPatient:
// a patient the handler learnt that the request does not name (RAD-69
// names studies only), added to that exchange's record.
//
// Thread-safe (the sink is; the notes of AddPatient are under a mutex).
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/audit/audit_events.h"
#include "wire/audit/audit_sink.h"
#include "wire/http/http_types.h"
#include "wire/http/tls_settings.h"
#include "wire/security/requester.h"
#include "wire/xml/xml_document.h"

namespace xds::audit {

class TransactionAuditor {
 public:
  // `sink` is borrowed and must outlive the auditor. `base_url` is this
  // node's "https://host:port", for the destination's endpoint URI.
  TransactionAuditor(AuditSink& sink, AuditSource source, std::string base_url);

  // A SOAP request this node answered. `body` is the request's soap:Body
  // child; `reply_to` its wsa:ReplyTo; `fault_reason` non-empty when the
  // answer was a fault, else `reply_body` is the reply's body element.
  // `requester`'s XUA assertion, if any, names the human requestor and the
  // purposes of use. Actions that are not IHE transactions are ignored.
  void SoapExchange(const http::HttpRequest& request, const security::Requester& requester, std::string_view action,
                    std::string_view reply_to, const xml::XmlElement& body, std::string_view fault_reason,
                    std::string_view reply_body) const;

  // A SOAP request refused before it reached an actor because its user
  // assertion was missing or did not verify (XUA, ITI TF-2 3.40.4.2): a
  // Security Alert, Use of Restricted Function, naming the client.
  void SoapRefused(const http::HttpRequest& request, std::string_view action, std::string_view reply_to,
                   const std::string& reason) const;

  // A TLS handshake this node's server refused (Security Alert, Node
  // Authentication).
  void TlsRefused(const http::TlsRefusal& refusal) const;

  // Records already gathered facts (one record per patient).
  void Record(const TransactionFacts& facts) const;
  // From a SOAP handler, before it returns: `patient_id` (CX) belongs in
  // the record of the exchange of `request`, made when the handler
  // returned. Ignored once that record is made.
  void AddPatient(const http::HttpRequest& request, std::string patient_id) const;
  // This node started or stops (Application Activity).
  void ApplicationActivity(bool start) const;

  // This node as a participant of its own records.
  Peer Self(const std::string& path = {}) const;
  // The client of `request` as the source participant.
  static Peer SourceOf(const http::HttpRequest& request, std::string_view reply_to);
  // The client of a request that is not SOAP (WADO): its address as
  // UserID, its certificate's subject as UserName.
  static Peer ClientOf(const http::HttpRequest& request);
  // The peer an outgoing transaction went to: its URL as UserID, its host
  // as NetworkAccessPointID (ITI TF-2 audit tables, "Destination").
  static Peer RemoteOf(const std::string& url);

 private:
  AuditSink& sink_;
  AuditSource source_;
  std::string base_url_;
  std::string host_;
  std::string process_id_;
  // Moves the AddPatient notes of `request` into `facts`.
  void TakeNotes(const http::HttpRequest& request, TransactionFacts& facts) const;
  // AddPatient notes by request, taken by SoapExchange.
  mutable std::mutex notes_mutex_;
  mutable std::map<const http::HttpRequest*, std::vector<std::string>> notes_;
};

}  // namespace xds::audit

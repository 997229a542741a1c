// TransactionAuditor: the one place where exchanges become audit records
// (ITI-20). The composition root makes one per node, over the node's
// AuditSink, and hands it to the HttpServer; every SoapEndpoint mounted on
// that server then reports each SOAP transaction it answered (action →
// transaction, request → patient / submission set / documents / studies /
// query, reply status → outcome, TLS peer → source participant), and the
// server reports each refused TLS handshake as a Security Alert.
//
// Actors may add what only they know with one call: Record(facts) with a
// TransactionFacts they filled (e.g. the patient of a RAD-69 study, or an
// outgoing ITI-42 as its source).
//
// Immutable after construction; thread-safe (the sink is).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "wire/audit/audit_events.h"
#include "wire/audit/audit_sink.h"
#include "wire/http/http_types.h"
#include "wire/http/tls_settings.h"
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
  // Actions that are not IHE transactions are ignored.
  void SoapExchange(const http::HttpRequest& request, std::string_view action, std::string_view reply_to,
                    const xml::XmlElement& body, std::string_view fault_reason, std::string_view reply_body) const;

  // A TLS handshake this node's server refused (Security Alert, Node
  // Authentication).
  void TlsRefused(const http::TlsRefusal& refusal) const;

  // Records already gathered facts (one record per patient).
  void Record(const TransactionFacts& facts) const;
  // This node started or stops (Application Activity).
  void ApplicationActivity(bool start) const;

  // This node as a participant of its own records.
  Peer Self(const std::string& path = {}) const;
  // The client of `request` as the source participant.
  static Peer SourceOf(const http::HttpRequest& request, std::string_view reply_to);

 private:
  AuditSink& sink_;
  AuditSource source_;
  std::string base_url_;
  std::string host_;
  std::string process_id_;
};

}  // namespace xds::audit

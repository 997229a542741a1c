// Requester: who is asking, as far as this node could verify it. Built once
// per request by the transport (wire/http for the TLS client certificate,
// wire/soap for a XUA assertion) and read by every access decision
// (registry/access, multi-patient query, audit) instead of each looking at
// the raw request.
//
// Every field is verified evidence or empty: the certificate was checked
// against the node's trusted CAs during the handshake, the assertion's
// signature, issuer, validity window and audience were checked by
// xua_verifier.h. Nothing here comes from a header the client could forge.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/http/http_types.h"

namespace xds::security {

// A coded attribute value of an assertion (role, purpose of use): HL7 CE.
struct CodedValue {
  std::string code;
  std::string code_system;  // OID
  std::string display_name;
};

// What a verified SAML 2.0 assertion (XUA, ITI-40) says about the user.
// Attribute names: ITI TF-2 3.40.4.1.2 (XSPA subject attributes).
struct UserAssertion {
  std::string id;                    // saml2:Assertion/@ID
  std::string issuer;                // saml2:Issuer
  std::string subject;               // saml2:Subject/saml2:NameID
  std::string subject_alias;         // its SPProvidedID (the "alias" of ITI-40's audit UserName)
  std::string subject_name;          // urn:oasis:names:tc:xspa:1.0:subject:subject-id
  std::string organization;          // urn:oasis:names:tc:xspa:1.0:subject:organization
  std::string organization_id;       // urn:oasis:names:tc:xspa:1.0:subject:organization-id
  std::string home_community_id;     // urn:ihe:iti:xca:2010:homeCommunityId
  std::vector<CodedValue> roles;     // urn:oasis:names:tc:xacml:2.0:subject:role
  std::vector<CodedValue> purposes_of_use;  // urn:oasis:names:tc:xspa:1.0:subject:purposeofuse
  std::string patient_id;            // urn:oasis:names:tc:xacml:2.0:resource:resource-id
};

struct Requester {
  std::string address;  // IP address of the TCP peer ("" in-process)
  std::optional<http::PeerCertificate> certificate;
  std::optional<UserAssertion> assertion;
};

// The transport's part of the evidence (address and certificate).
inline Requester RequesterOf(const http::HttpRequest& request) {
  Requester r;
  r.address = request.remote_addr;
  r.certificate = request.peer_certificate;
  return r;
}

// Allow-lists in the configuration (ITI-51 consumers, administrators,
// enforcement points, structures' requesters) name requesters by verified
// evidence, one entry each:
//   "ip:<address>"          the TCP peer's address (weak: spoofable on a
//                           shared network; prefer certificates with TLS)
//   "cert-cn:<name>"        the common name of the verified client certificate
//   "cert-subject:<DN>"     its subject DN (RFC 2253)
//   "org:<id>"              the organization-id of the verified XUA
//                           assertion ("urn:oid:" optional on either side)
// An entry never matches evidence the requester does not have.
bool Matches(const Requester& requester, std::string_view entry);
bool Listed(const Requester& requester, const std::vector<std::string>& entries);

// "cert-subject:CN=x,O=y", or "ip:10.0.0.7" without a certificate (after
// "user:<subject> org:<id> " with an assertion): how a requester is named
// in logs, messages and records.
std::string Describe(const Requester& requester);

// "urn:oid:1.2.3" -> "1.2.3"; anything else unchanged.
std::string_view StripOidUrn(std::string_view id);

}  // namespace xds::security

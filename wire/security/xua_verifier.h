// XuaVerifier: checks the SAML 2.0 assertion a request carries in its
// WS-Security header (IHE XUA, ITI TF-2 3.40.4.2, the X-Service Provider's
// side) and, when it holds, turns it into a security::UserAssertion.
//
// What "holds" means, in the order checked:
//   1. at most one wsse:Security header, holding exactly one
//      saml2:Assertion (none: fine unless XuaOptions::required);
//   2. the assertion is signed: an enveloped ds:Signature, direct child of
//      the assertion, whose single Reference names the assertion itself
//      ("#" + its ID) — anything else is a signature-wrapping attempt;
//   3. the signature verifies (xmlsec, exclusive or inclusive C14N,
//      SHA-256 or stronger) with the certificate in its KeyInfo, and that
//      certificate is valid now and is one of the trusted issuer
//      certificates or chains to one (the CA of the providers, or a
//      provider's own certificate: the two trust models of ITI-19). Only
//      those are anchors, never the system's CAs. A bare KeyValue is
//      never used: anyone can make a key;
//   4. Conditions NotBefore ≤ now < NotOnOrAfter, both with clock skew;
//   5. every AudienceRestriction names the configured audience;
//   6. an Issuer, a Subject with a NameID and a bearer
//      SubjectConfirmation, an AuthnStatement.
// The fields are then read from the very element that was verified; the
// XSPA attributes are those of ITI TF-2 3.40.4.1.2.
//
// Failures map onto the WS-Security 1.1 §12 fault subcodes (the SOAP
// fault's Code is soap:Sender):
//   wsse:InvalidSecurity       the header cannot be processed: required and
//                              missing, several Security headers or several
//                              assertions, not a SAML 2.0 assertion
//   wsse:InvalidSecurityToken  a well-signed assertion that is not valid
//                              here: outside its validity window, for
//                              another audience, no subject or no bearer
//                              confirmation
//   wsse:FailedAuthentication  the token cannot be authenticated: unsigned,
//                              or signed by a certificate no trusted issuer
//                              vouches for
//   wsse:FailedCheck           the signature is invalid: digest or value
//                              mismatch (tampering), a Reference that does
//                              not cover the assertion used, an algorithm
//                              or transform not allowed
//
// This file and its .cc are the only place the project uses xmlsec (and,
// through xmlsec's OpenSSL backend, the OpenSSL certificate check of the
// signer).
// Immutable after Create(); Verify() is thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/config/config.h"
#include "wire/security/requester.h"
#include "wire/xml/xml_document.h"

namespace xds::security {

inline constexpr char kWsseNamespace[] =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
inline constexpr char kSaml2Namespace[] = "urn:oasis:names:tc:SAML:2.0:assertion";

struct XuaOptions {
  // Every network request must carry a valid assertion...
  bool required = false;
  // ...except from these requesters (requester.h allow-list entries, e.g.
  // "cert-cn:repository.chnord.test"): systems acting on their own behalf,
  // for whom no user exists to assert (a repository's ITI-42 to a registry
  // on another host, an imaging source's RAD-68, a feed). An assertion they
  // do send is still verified.
  std::vector<std::string> exempt_requesters;
  // This service's (or the affinity domain's) URI as assertions name it in
  // AudienceRestriction. Empty: audiences are not checked.
  std::string audience;
  // PEM files: the X-Assertion Providers' signing certificates, or the CAs
  // that issue them.
  std::vector<std::string> trusted_issuer_certificates;
  // Tolerated difference between the provider's clock and ours.
  std::chrono::seconds clock_skew{60};
};

enum class XuaFault { kInvalidSecurity, kInvalidSecurityToken, kFailedAuthentication, kFailedCheck };

// "wsse:InvalidSecurity" ... (the prefix bound to kWsseNamespace).
const char* XuaFaultSubcode(XuaFault fault);

struct XuaVerdict {
  bool accepted = false;
  // Set when the request carried an assertion and it verified.
  std::optional<UserAssertion> assertion;
  // When refused: the subcode and a reason for the fault (no secrets: the
  // client sent the assertion and may read why it failed).
  XuaFault fault = XuaFault::kInvalidSecurity;
  std::string reason;
};

class XuaVerifier {
 public:
  // InvalidArgument when there is no trusted certificate or one cannot be
  // loaded.
  static Result<std::unique_ptr<XuaVerifier>> Create(XuaOptions options);
  ~XuaVerifier();
  XuaVerifier(const XuaVerifier&) = delete;
  XuaVerifier& operator=(const XuaVerifier&) = delete;

  // `headers`: the children of the request's soap:Header.
  XuaVerdict Verify(const std::vector<xml::XmlElement>& headers,
                    std::chrono::system_clock::time_point now = std::chrono::system_clock::now()) const;

  const XuaOptions& options() const { return options_; }

 private:
  struct Keys;  // the xmlsec keys manager holding the trusted certificates
  XuaVerifier(XuaOptions options, std::unique_ptr<Keys> keys);
  // Checks the signature of `assertion` where it stands in the request's
  // document, then reads it.
  XuaVerdict VerifyAssertion(const xml::XmlElement& assertion, std::chrono::system_clock::time_point now) const;

  XuaOptions options_;
  std::unique_ptr<Keys> keys_;
};

// The [xua] section of the node configuration:
//
//   [xua]
//   required = true                       # refuse requests without an assertion
//   exempt_requesters = ["cert-cn:repository.chnord.test"]  # systems sending none
//   audience = "urn:oid:1.3.6.1.4.1.21367.2017.1"   # this service or the affinity domain
//   trusted_issuer_certificates = ["pki/idp.pem"]  # IdP signing certificates or their CAs (PEM)
//   clock_skew_seconds = 60
//
// nullptr when there is no [xua] section (assertions are then not read and
// a wsse:Security header marked mustUnderstand is refused).
Result<std::unique_ptr<XuaVerifier>> XuaVerifierFromConfig(const Config& config);

// Initialises xmlsec and its OpenSSL backend once per process (Create()
// does it; a test that signs with xmlsec calls it first too).
void InitXmlSecOnce();

}  // namespace xds::security

// SAML 2.0 assertions for the XUA tests, as an X-Assertion Provider (an
// identity provider) would issue them: written from a spec, then signed
// with xmlsec (enveloped signature, exclusive C14N, ECDSA-SHA256 with the
// TestPki key, the certificate in KeyInfo). Tests derive the bad ones from
// the good one: unsigned, tampered after signing, expired, for another
// audience, signed by an untrusted provider, wrapped.
#pragma once

#include <string>

#include "tests/security/test_pki.h"

namespace xds::testing {

struct AssertionSpec {
  std::string id = "_a1b2c3d4-assertion";
  std::string issuer = "https://idp.region.test";
  std::string subject = "John.Doe@chnord.test";
  std::string alias = "JD";  // NameID/@SPProvidedID
  std::string audience = "urn:oid:1.3.6.1.4.1.21367.2017.1";
  long not_before_offset = -60;        // seconds from now
  long not_on_or_after_offset = 600;
  std::string subject_name = "John Doe";
  std::string organization = "CH Nord";
  std::string organization_id = "urn:oid:1.2.250.1.71.4.2.2";
  std::string home_community_id = "urn:oid:1.3.6.1.4.1.21367.13.20.3000";
  std::string role_code = "46255001";  // SNOMED CT Pharmacist
  std::string role_system = "2.16.840.1.113883.6.96";
  std::string purpose_code = "TREATMENT";
  std::string purpose_system = "2.16.840.1.113883.3.18.7.1";
  std::string patient_id;  // resource-id; empty: none
};

// The assertion's XML text, unsigned.
std::string AssertionXml(const AssertionSpec& spec);

// `assertion_xml` with an enveloped signature by `signer` (its key and
// certificate, PEM), placed after saml2:Issuer as SAML core requires.
// Throws std::runtime_error if xmlsec fails.
std::string Signed(const std::string& assertion_xml, const PemFiles& signer);

// A wsse:Security header block holding `content` (assertion XML).
std::string SecurityHeader(const std::string& content);

}  // namespace xds::testing

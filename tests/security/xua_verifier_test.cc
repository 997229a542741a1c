// XuaVerifier on its own: what a verified assertion yields (every XSPA
// attribute ITI TF-2 3.40.4.1.2 names), the two trust models for the
// identity provider (its CA, or its own certificate), the optional mode,
// and configuration errors. The envelopes are the ones our SoapClient
// writes, parsed by the same code the endpoint uses.
#include <gtest/gtest.h>

#include <string>

#include "tests/security/test_pki.h"
#include "tests/security/xua_assertions.h"
#include "wire/config/config.h"
#include "wire/security/xua_verifier.h"
#include "wire/soap/envelope.h"

namespace xds::testing {
namespace {

class XuaVerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("idp-ca");
    idp_ = pki_.Issue("idp-ca", "idp.region.test");
  }

  security::XuaVerdict VerifyHeader(const security::XuaVerifier& verifier, const std::string& header) {
    std::vector<std::string> headers;
    if (!header.empty()) headers.push_back(header);
    std::string envelope = soap::WriteRequestEnvelope("urn:ihe:iti:2007:RegistryStoredQuery", "http://registry",
                                                      "urn:uuid:1", "<q:Query xmlns:q=\"urn:q\"/>", headers);
    parsed_ = soap::ParseEnvelope(envelope);
    EXPECT_TRUE(parsed_.ok) << parsed_.fault.reason;
    return verifier.Verify(parsed_.envelope.headers);
  }

  std::unique_ptr<security::XuaVerifier> Make(std::vector<std::string> trusted, bool required = true) {
    security::XuaOptions o;
    o.required = required;
    o.audience = AssertionSpec{}.audience;
    o.trusted_issuer_certificates = std::move(trusted);
    auto v = security::XuaVerifier::Create(o);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? std::move(*v) : nullptr;
  }

  TestPki pki_;
  PemFiles ca_, idp_;
  soap::ParseOutcome parsed_;
};

TEST_F(XuaVerifierTest, VerifiedAssertionYieldsTheUserAndTheXspaAttributes) {
  auto verifier = Make({ca_.certificate});
  AssertionSpec spec;
  spec.patient_id = "PAT-A^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
  auto verdict = VerifyHeader(*verifier, SecurityHeader(Signed(AssertionXml(spec), idp_)));
  ASSERT_TRUE(verdict.accepted) << verdict.reason;
  ASSERT_TRUE(verdict.assertion);
  const security::UserAssertion& a = *verdict.assertion;
  EXPECT_EQ(a.id, spec.id);
  EXPECT_EQ(a.issuer, "https://idp.region.test");
  EXPECT_EQ(a.subject, "John.Doe@chnord.test");
  EXPECT_EQ(a.subject_alias, "JD");
  EXPECT_EQ(a.subject_name, "John Doe");
  EXPECT_EQ(a.organization, "CH Nord");
  EXPECT_EQ(a.organization_id, "urn:oid:1.2.250.1.71.4.2.2");
  EXPECT_EQ(a.home_community_id, "urn:oid:1.3.6.1.4.1.21367.13.20.3000");
  EXPECT_EQ(a.patient_id, spec.patient_id);
  ASSERT_EQ(a.roles.size(), 1u);
  EXPECT_EQ(a.roles[0].code, "46255001");
  EXPECT_EQ(a.roles[0].code_system, "2.16.840.1.113883.6.96");
  ASSERT_EQ(a.purposes_of_use.size(), 1u);
  EXPECT_EQ(a.purposes_of_use[0].code, "TREATMENT");
  EXPECT_EQ(a.purposes_of_use[0].code_system, "2.16.840.1.113883.3.18.7.1");
}

// The other trust model (ITI-19's "direct"): the provider's own
// certificate, CA-issued or self-signed, without trusting its CA.
TEST_F(XuaVerifierTest, ProviderCertificateTrustedDirectlyVerifies) {
  PemFiles self_signed = pki_.MakeCa("idp.selfsigned.test");
  auto verifier = Make({idp_.certificate, self_signed.certificate});
  auto verdict = VerifyHeader(*verifier, SecurityHeader(Signed(AssertionXml({}), idp_)));
  EXPECT_TRUE(verdict.accepted) << verdict.reason;
  auto self = VerifyHeader(*verifier, SecurityHeader(Signed(AssertionXml({}), self_signed)));
  EXPECT_TRUE(self.accepted) << self.reason;
  // ... and only those: another provider of the same CA is not.
  PemFiles sibling = pki_.Issue("idp-ca", "idp2.region.test");
  auto other = VerifyHeader(*verifier, SecurityHeader(Signed(AssertionXml({}), sibling)));
  EXPECT_FALSE(other.accepted);
  EXPECT_EQ(other.fault, security::XuaFault::kFailedAuthentication);
}

TEST_F(XuaVerifierTest, ProviderCertificateOutsideItsValidityFailsAuthentication) {
  PemFiles expired = pki_.Issue("idp-ca", "old-idp.region.test", {}, -10 * 86400, -86400);
  auto verifier = Make({ca_.certificate});
  auto verdict = VerifyHeader(*verifier, SecurityHeader(Signed(AssertionXml({}), expired)));
  EXPECT_FALSE(verdict.accepted);
  EXPECT_EQ(verdict.fault, security::XuaFault::kFailedAuthentication) << verdict.reason;
}

TEST_F(XuaVerifierTest, WhenNotRequiredARequestWithoutAssertionPassesAndABadOneDoesNot) {
  auto verifier = Make({ca_.certificate}, /*required=*/false);
  auto none = VerifyHeader(*verifier, "");
  EXPECT_TRUE(none.accepted);
  EXPECT_FALSE(none.assertion);
  auto unsigned_one = VerifyHeader(*verifier, SecurityHeader(AssertionXml({})));
  EXPECT_FALSE(unsigned_one.accepted);
  EXPECT_EQ(unsigned_one.fault, security::XuaFault::kFailedAuthentication);
}

TEST_F(XuaVerifierTest, TwoSecurityHeadersAreRefused) {
  auto verifier = Make({ca_.certificate});
  std::string good = SecurityHeader(Signed(AssertionXml({}), idp_));
  auto verdict = VerifyHeader(*verifier, good + good);
  EXPECT_FALSE(verdict.accepted);
  EXPECT_EQ(verdict.fault, security::XuaFault::kInvalidSecurity);
}

// XSW through ID resolution: a decoy elsewhere in the message claiming the
// assertion's ID (xml:id is an ID without any DTD) must not become what the
// signature's "#ID" resolves to.
TEST_F(XuaVerifierTest, AnotherElementWithTheAssertionsIdIsRefused) {
  auto verifier = Make({ca_.certificate});
  std::string decoy = "<x:Decoy xmlns:x=\"urn:x\" xml:id=\"" + AssertionSpec{}.id + "\"/>";
  auto verdict = VerifyHeader(*verifier, SecurityHeader(decoy + Signed(AssertionXml({}), idp_)));
  EXPECT_FALSE(verdict.accepted);
  EXPECT_EQ(verdict.fault, security::XuaFault::kFailedCheck) << verdict.reason;
}

TEST_F(XuaVerifierTest, ConfigurationSectionBuildsTheVerifier) {
  auto none = security::XuaVerifierFromConfig(*Config::Parse("[registry]\n"));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  auto made = security::XuaVerifierFromConfig(*Config::Parse(
      "[xua]\nrequired = true\naudience = \"urn:a\"\ntrusted_issuer_certificates = [\"" + ca_.certificate +
      "\"]\nclock_skew_seconds = 5\n"));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  ASSERT_NE(*made, nullptr);
  EXPECT_TRUE((*made)->options().required);
  EXPECT_EQ((*made)->options().audience, "urn:a");
  EXPECT_EQ((*made)->options().clock_skew, std::chrono::seconds(5));
  auto no_trust = security::XuaVerifierFromConfig(*Config::Parse("[xua]\nrequired = true\n"));
  EXPECT_FALSE(no_trust.ok());
  auto unreadable = security::XuaVerifierFromConfig(
      *Config::Parse("[xua]\ntrusted_issuer_certificates = [\"" + pki_.dir() + "/missing.pem\"]\n"));
  EXPECT_FALSE(unreadable.ok());
}

}  // namespace
}  // namespace xds::testing

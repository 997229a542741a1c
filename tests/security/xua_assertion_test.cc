// XUA (ITI-40) on the wire: a real registry on a loopback socket with
// [xua] required, asked ITI-18 stored queries whose wsse:Security header
// carries assertions signed with xmlsec by test identity providers. Only
// the good assertion gets an answer; each bad one gets soap:Sender with the
// WS-Security 1.1 §12 subcode this project chose (wire/security/
// xua_verifier.h), and a Security Alert in the audit trail. The good one's
// user and purpose of use reach the transaction's audit record.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "tests/security/test_pki.h"
#include "tests/security/xua_assertions.h"
#include "tests/security/xua_test_node.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "tests/support/repository_calls.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_writer.h"

namespace xds::testing {
namespace {

constexpr char kAudience[] = "urn:oid:1.3.6.1.4.1.21367.2017.1";

class XuaAssertionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    idp_ca_ = pki_.MakeCa("idp-ca");
    idp_ = pki_.Issue("idp-ca", "idp.region.test");
    pki_.MakeCa("rogue-ca");
    rogue_idp_ = pki_.Issue("rogue-ca", "idp.intruder.test");
    node_ = std::make_unique<XuaRegistryNode>("[xua]\nrequired = true\naudience = \"" + std::string(kAudience) +
                                              "\"\ntrusted_issuer_certificates = [\"" + idp_ca_.certificate +
                                              "\"]\nclock_skew_seconds = 30\n");
  }

  // An ITI-18 FindDocuments with `security_header` (none if empty).
  Result<soap::SoapResponse> QueryWith(const std::string& security_header) {
    soap::SoapClientOptions options;
    if (!security_header.empty()) options.header_blocks.push_back(security_header);
    soap::SoapClient client(node_->url(), options);
    xml::XmlWriter w;
    ihe::WriteAdhocQueryRequest(w, FindDocuments(kPatientA));
    return client.Call(std::string(vocab::kActionStoredQuery), w.Take());
  }

  // The request was refused with soap:Sender / `subcode`, and audited as a
  // denied use of a restricted function.
  void ExpectRefused(const std::string& security_header, const std::string& subcode) {
    auto reply = QueryWith(security_header);
    ASSERT_TRUE(reply.ok()) << reply.status().ToString();
    EXPECT_EQ(reply->http_status, 400);
    ASSERT_TRUE(reply->is_fault) << reply->raw;
    EXPECT_EQ(reply->fault.code, soap::FaultCode::kSender);
    EXPECT_EQ(reply->fault.subcode, subcode) << reply->fault.reason;
    // The subcode's prefix is declared where it is used.
    EXPECT_NE(reply->raw.find("xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/"), std::string::npos);
    auto records = node_->audit().records();
    ASSERT_FALSE(records.empty());
    const audit::AuditMessage& alert = records.back();
    EXPECT_EQ(alert.event_id.code, "110113");
    ASSERT_EQ(alert.event_types.size(), 1u);
    EXPECT_EQ(alert.event_types[0].code, "110132");
    EXPECT_EQ(alert.outcome, audit::Outcome::kSeriousFailure);
    EXPECT_EQ(alert.outcome_description.find(reply->fault.reason), 0u) << alert.outcome_description;
  }

  std::string GoodAssertion(AssertionSpec spec = {}) { return Signed(AssertionXml(spec), idp_); }

  TestPki pki_;
  PemFiles idp_ca_, idp_, rogue_idp_;
  std::unique_ptr<XuaRegistryNode> node_;
};

TEST_F(XuaAssertionTest, SignedAssertionFromTrustedProviderIsAnsweredAndAudited) {
  auto reply = QueryWith(SecurityHeader(GoodAssertion()));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_FALSE(reply->is_fault) << reply->fault.subcode << " " << reply->fault.reason;
  auto answer = ihe::ReadAdhocQueryResponse(reply->body);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_TRUE(answer->errors.empty());

  // ITI TF-2 3.40.4.2: UserName alias<user@issuer>, PurposeOfUse copied.
  auto records = node_->audit().records();
  auto query = std::find_if(records.begin(), records.end(),
                            [](const audit::AuditMessage& m) { return m.event_id.code == "110112"; });
  ASSERT_NE(query, records.end());
  auto human = std::find_if(query->participants.begin(), query->participants.end(),
                            [](const audit::ActiveParticipant& p) { return p.is_requestor; });
  ASSERT_NE(human, query->participants.end());
  EXPECT_EQ(human->user_name, "JD<John.Doe@chnord.test@https://idp.region.test>");
  ASSERT_EQ(query->purposes_of_use.size(), 1u);
  EXPECT_EQ(query->purposes_of_use[0].code, "TREATMENT");
  EXPECT_EQ(query->purposes_of_use[0].system_name, "2.16.840.1.113883.3.18.7.1");
}

TEST_F(XuaAssertionTest, MissingAssertionIsRefusedWhenRequired) {
  ExpectRefused("", "wsse:InvalidSecurity");
  // An empty Security header is no better.
  ExpectRefused(SecurityHeader(""), "wsse:InvalidSecurity");
}

TEST_F(XuaAssertionTest, UnsignedAssertionFailsAuthentication) {
  ExpectRefused(SecurityHeader(AssertionXml({})), "wsse:FailedAuthentication");
}

TEST_F(XuaAssertionTest, AssertionTamperedAfterSigningFailsTheCheck) {
  std::string signed_xml = GoodAssertion();
  const std::string org = "urn:oid:1.2.250.1.71.4.2.2";
  size_t at = signed_xml.find(org);
  ASSERT_NE(at, std::string::npos);
  signed_xml.replace(at, org.size(), "urn:oid:1.2.250.1.71.4.2.9");  // another organization
  ExpectRefused(SecurityHeader(signed_xml), "wsse:FailedCheck");
}

TEST_F(XuaAssertionTest, ExpiredAssertionIsAnInvalidToken) {
  AssertionSpec expired;
  expired.not_before_offset = -7200;
  expired.not_on_or_after_offset = -3600;
  ExpectRefused(SecurityHeader(GoodAssertion(expired)), "wsse:InvalidSecurityToken");
}

TEST_F(XuaAssertionTest, AssertionNotYetValidBeyondTheClockSkewIsAnInvalidToken) {
  AssertionSpec early;
  early.not_before_offset = 600;
  early.not_on_or_after_offset = 1200;
  ExpectRefused(SecurityHeader(GoodAssertion(early)), "wsse:InvalidSecurityToken");
}

TEST_F(XuaAssertionTest, AssertionWithinTheClockSkewIsAccepted) {
  AssertionSpec slightly_ahead;
  slightly_ahead.not_before_offset = 10;  // the provider's clock runs 10 s ahead; skew is 30 s
  auto reply = QueryWith(SecurityHeader(GoodAssertion(slightly_ahead)));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_FALSE(reply->is_fault) << reply->fault.reason;
}

TEST_F(XuaAssertionTest, AssertionForAnotherAudienceIsAnInvalidToken) {
  AssertionSpec elsewhere;
  elsewhere.audience = "urn:oid:1.3.6.1.4.1.21367.2017.99";
  ExpectRefused(SecurityHeader(GoodAssertion(elsewhere)), "wsse:InvalidSecurityToken");
}

TEST_F(XuaAssertionTest, AssertionSignedByAnUntrustedProviderFailsAuthentication) {
  ExpectRefused(SecurityHeader(Signed(AssertionXml({}), rogue_idp_)), "wsse:FailedAuthentication");
}

TEST_F(XuaAssertionTest, SecondUnsignedAssertionBesideTheSignedOneIsRefused) {
  AssertionSpec evil;
  evil.id = "_evil";
  evil.subject = "Eve@intruder.test";
  ExpectRefused(SecurityHeader(AssertionXml(evil) + GoodAssertion()), "wsse:InvalidSecurity");
  ExpectRefused(SecurityHeader(GoodAssertion() + AssertionXml(evil)), "wsse:InvalidSecurity");
}

// XSW: the attacker's assertion carries the genuine signature, whose
// Reference names the genuine assertion hidden in the attacker's Advice.
// The signature verifies over the hidden one; the one that would be used
// is not what was signed.
TEST_F(XuaAssertionTest, SignatureReferencingAnotherElementThanTheAssertionUsedFailsTheCheck) {
  std::string genuine = GoodAssertion();
  size_t sig_begin = genuine.find("<ds:Signature");
  size_t sig_end = genuine.find("</ds:Signature>");
  ASSERT_NE(sig_begin, std::string::npos);
  ASSERT_NE(sig_end, std::string::npos);
  std::string signature = genuine.substr(sig_begin, sig_end + 15 - sig_begin);

  AssertionSpec evil;
  evil.id = "_evil";
  evil.subject = "Eve@intruder.test";
  evil.purpose_code = "EMERGENCY";
  std::string wrapped = AssertionXml(evil);
  std::string issuer_end = "</saml2:Issuer>";
  wrapped.insert(wrapped.find(issuer_end) + issuer_end.size(), signature);
  // SAML 2.0 core 2.3.3: Advice may hold assertions (the classic hiding place).
  std::string statement = "<saml2:AuthnStatement";
  wrapped.insert(wrapped.find(statement), "<saml2:Advice>" + genuine + "</saml2:Advice>");
  ExpectRefused(SecurityHeader(wrapped), "wsse:FailedCheck");
}

// All actors in one process (xds-node): the client's assertion is checked at
// the repository, whose own ITI-42 into the registry beside it crosses no
// trust boundary and carries none; a client without one is still refused.
TEST(XuaAllInOneNodeTest, ProvideAndRegisterNeedsOnlyTheClientsAssertion) {
  TestPki pki;
  PemFiles idp_ca = pki.MakeCa("idp-ca");
  PemFiles idp = pki.Issue("idp-ca", "idp.region.test");
  XuaRegistryNode node("[xua]\nrequired = true\naudience = \"" + std::string(kAudience) +
                           "\"\ntrusted_issuer_certificates = [\"" + idp_ca.certificate + "\"]\n",
                       /*with_repository=*/true);
  soap::SoapClientOptions options;
  options.header_blocks.push_back(SecurityHeader(Signed(AssertionXml({}), idp)));
  soap::SoapClient with_assertion(node.repository_url(), options);
  auto provided = ProvideDocuments(with_assertion, {{"Doc01", "Impression: normal.", "text/plain"}});
  ASSERT_TRUE(provided.ok()) << provided.status().ToString();
  EXPECT_EQ(provided->size(), 1u);

  soap::SoapClient without(node.repository_url());
  auto refused = ProvideDocuments(without, {{"Doc02", "Impression: normal.", "text/plain"}});
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("requires a XUA user assertion"), std::string::npos)
      << refused.status().ToString();
}

// A system acting for no user (another host's repository registering, an
// imaging source publishing) is named in exempt_requesters: it is served
// without an assertion, but one it does send is still checked.
TEST(XuaExemptRequesterTest, ListedSystemIsServedWithoutAssertionButABadOneIsStillRefused) {
  TestPki pki;
  PemFiles idp_ca = pki.MakeCa("idp-ca");
  XuaRegistryNode node("[xua]\nrequired = true\nexempt_requesters = [\"ip:127.0.0.1\"]\naudience = \"" +
                       std::string(kAudience) + "\"\ntrusted_issuer_certificates = [\"" + idp_ca.certificate +
                       "\"]\n");
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, FindDocuments(kPatientA));
  std::string query = w.Take();

  soap::SoapClient plain(node.url());
  auto served = plain.Call(std::string(vocab::kActionStoredQuery), query);
  ASSERT_TRUE(served.ok()) << served.status().ToString();
  EXPECT_FALSE(served->is_fault) << served->fault.reason;

  soap::SoapClientOptions unsigned_assertion;
  unsigned_assertion.header_blocks.push_back(SecurityHeader(AssertionXml({})));
  soap::SoapClient with_bad(node.url(), unsigned_assertion);
  auto refused = with_bad.Call(std::string(vocab::kActionStoredQuery), query);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  ASSERT_TRUE(refused->is_fault);
  EXPECT_EQ(refused->fault.subcode, "wsse:FailedAuthentication") << refused->fault.reason;
}

}  // namespace
}  // namespace xds::testing

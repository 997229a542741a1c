#include "tests/security/xua_assertions.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/valid.h>
#include <libxml/xmlsave.h>
#include <xmlsec/crypto.h>
#include <xmlsec/templates.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <ctime>
#include <memory>
#include <stdexcept>

#include "wire/security/xua_verifier.h"

namespace xds::testing {
namespace {

std::string DateTime(long offset_seconds) {
  std::time_t t = std::time(nullptr) + offset_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

std::string TextAttribute(const std::string& name, const std::string& value) {
  return "<saml2:Attribute Name=\"" + name + "\"><saml2:AttributeValue>" + Escaped(value) +
         "</saml2:AttributeValue></saml2:Attribute>";
}

std::string CodedAttribute(const std::string& name, const std::string& element, const std::string& code,
                           const std::string& system) {
  return "<saml2:Attribute Name=\"" + name + "\"><saml2:AttributeValue><" + element +
         " xmlns=\"urn:hl7-org:v3\" xsi:type=\"CE\" code=\"" + code + "\" codeSystem=\"" + system +
         "\"/></saml2:AttributeValue></saml2:Attribute>";
}

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct DSigCtxDeleter {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};

}  // namespace

std::string AssertionXml(const AssertionSpec& s) {
  std::string x =
      "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ID=\"" + s.id +
      "\" IssueInstant=\"" + DateTime(s.not_before_offset) + "\" Version=\"2.0\">"
      "<saml2:Issuer>" + Escaped(s.issuer) + "</saml2:Issuer>"
      "<saml2:Subject><saml2:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified\"" +
      (s.alias.empty() ? std::string() : " SPProvidedID=\"" + s.alias + "\"") + ">" + Escaped(s.subject) +
      "</saml2:NameID><saml2:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"/></saml2:Subject>"
      "<saml2:Conditions NotBefore=\"" + DateTime(s.not_before_offset) + "\" NotOnOrAfter=\"" +
      DateTime(s.not_on_or_after_offset) + "\"><saml2:AudienceRestriction><saml2:Audience>" + s.audience +
      "</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>"
      "<saml2:AuthnStatement AuthnInstant=\"" + DateTime(s.not_before_offset) + "\"><saml2:AuthnContext>"
      "<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</saml2:AuthnContextClassRef>"
      "</saml2:AuthnContext></saml2:AuthnStatement><saml2:AttributeStatement>" +
      TextAttribute("urn:oasis:names:tc:xspa:1.0:subject:subject-id", s.subject_name) +
      TextAttribute("urn:oasis:names:tc:xspa:1.0:subject:organization", s.organization) +
      TextAttribute("urn:oasis:names:tc:xspa:1.0:subject:organization-id", s.organization_id) +
      TextAttribute("urn:ihe:iti:xca:2010:homeCommunityId", s.home_community_id) +
      CodedAttribute("urn:oasis:names:tc:xacml:2.0:subject:role", "Role", s.role_code, s.role_system) +
      CodedAttribute("urn:oasis:names:tc:xspa:1.0:subject:purposeofuse", "PurposeOfUse", s.purpose_code,
                     s.purpose_system) +
      (s.patient_id.empty() ? std::string()
                            : TextAttribute("urn:oasis:names:tc:xacml:2.0:resource:resource-id", s.patient_id)) +
      "</saml2:AttributeStatement></saml2:Assertion>";
  return x;
}

std::string Signed(const std::string& assertion_xml, const PemFiles& signer) {
  security::InitXmlSecOnce();
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(assertion_xml.data(), static_cast<int>(assertion_xml.size()), nullptr, nullptr, XML_PARSE_NONET));
  if (!doc) throw std::runtime_error("assertion to sign is not XML");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  xmlAttr* id = xmlHasProp(root, BAD_CAST "ID");
  xmlChar* id_value = xmlNodeListGetString(doc.get(), id->children, 1);
  std::string uri = "#" + std::string(reinterpret_cast<const char*>(id_value));
  xmlAddID(nullptr, doc.get(), id_value, id);
  xmlFree(id_value);

  xmlNode* signature = xmlSecTmplSignatureCreateNsPref(doc.get(), xmlSecTransformExclC14NId,
                                                       xmlSecTransformEcdsaSha256Id, nullptr, BAD_CAST "ds");
  xmlNode* issuer = xmlSecFindChild(root, BAD_CAST "Issuer", BAD_CAST "urn:oasis:names:tc:SAML:2.0:assertion");
  if (!signature || !issuer) throw std::runtime_error("signature template");
  xmlAddNextSibling(issuer, signature);
  xmlNode* reference =
      xmlSecTmplSignatureAddReference(signature, xmlSecTransformSha256Id, nullptr, BAD_CAST uri.c_str(), nullptr);
  xmlSecTmplReferenceAddTransform(reference, xmlSecTransformEnvelopedId);
  xmlSecTmplReferenceAddTransform(reference, xmlSecTransformExclC14NId);
  xmlNode* x509 = xmlSecTmplKeyInfoAddX509Data(xmlSecTmplSignatureEnsureKeyInfo(signature, nullptr));
  xmlSecTmplX509DataAddCertificate(x509);

  std::unique_ptr<xmlSecDSigCtx, DSigCtxDeleter> ctx(xmlSecDSigCtxCreate(nullptr));
  ctx->signKey = xmlSecCryptoAppKeyLoad(signer.private_key.c_str(), xmlSecKeyDataFormatPem, nullptr, nullptr, nullptr);
  if (!ctx->signKey ||
      xmlSecCryptoAppKeyCertLoad(ctx->signKey, signer.certificate.c_str(), xmlSecKeyDataFormatPem) < 0)
    throw std::runtime_error("cannot load the signing key " + signer.private_key);
  if (xmlSecDSigCtxSign(ctx.get(), signature) < 0) throw std::runtime_error("xmlsec signing failed");

  xmlBuffer* buf = xmlBufferCreate();
  xmlSaveCtxt* save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL);
  xmlSaveTree(save, root);
  xmlSaveClose(save);
  std::string out(reinterpret_cast<const char*>(xmlBufferContent(buf)), xmlBufferLength(buf));
  xmlBufferFree(buf);
  return out;
}

std::string SecurityHeader(const std::string& content) {
  return std::string("<wsse:Security xmlns:wsse=\"") + security::kWsseNamespace + "\" soap:mustUnderstand=\"true\">" +
         content + "</wsse:Security>";
}

}  // namespace xds::testing

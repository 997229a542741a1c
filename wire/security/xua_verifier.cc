#include "wire/security/xua_verifier.h"

#include <libxml/tree.h>
#include <libxml/valid.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <spdlog/spdlog.h>
#include <xmlsec/crypto.h>
#include <xmlsec/openssl/x509.h>
#include <xmlsec/errors.h>
#include <xmlsec/keysmngr.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>

#include <algorithm>
#include <ctime>
#include <fstream>
#include <mutex>
#include <set>

#include "wire/security/xua_attributes.h"

namespace xds::security {
namespace {

constexpr char kDsigNamespace[] = "http://www.w3.org/2000/09/xmldsig#";
constexpr char kBearer[] = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

// xmlsec reports errors through one process-wide callback. Each failed
// verification keeps its reason codes (per thread) so that an untrusted
// certificate can be told apart from a broken signature.
thread_local std::vector<int> xmlsec_reasons;
thread_local std::string xmlsec_last_message;

void CollectXmlSecError(const char* /*file*/, int /*line*/, const char* func, const char* /*object*/,
                        const char* subject, int reason, const char* msg) {
  xmlsec_reasons.push_back(reason);
  xmlsec_last_message = std::string(func ? func : "") + ": " + (subject ? subject : "") + " " + (msg ? msg : "");
}

bool CertificateProblem() {
  static const std::set<int> kTrust = {XMLSEC_ERRORS_R_CERT_VERIFY_FAILED, XMLSEC_ERRORS_R_CERT_NOT_FOUND,
                                       XMLSEC_ERRORS_R_CERT_REVOKED,       XMLSEC_ERRORS_R_CERT_ISSUER_FAILED,
                                       XMLSEC_ERRORS_R_CERT_NOT_YET_VALID, XMLSEC_ERRORS_R_CERT_HAS_EXPIRED,
                                       XMLSEC_ERRORS_R_KEY_NOT_FOUND};
  return std::any_of(xmlsec_reasons.begin(), xmlsec_reasons.end(), [](int r) { return kTrust.count(r) > 0; });
}

XuaVerdict Refuse(XuaFault fault, std::string reason) {
  XuaVerdict v;
  v.fault = fault;
  v.reason = std::move(reason);
  return v;
}

struct DSigCtxDeleter {
  void operator()(xmlSecDSigCtx* c) const { xmlSecDSigCtxDestroy(c); }
};

// xs:dateTime ("2026-12-01T18:00:00Z", fractions and ±hh:mm offsets too).
std::optional<std::chrono::system_clock::time_point> ParseDateTime(const std::string& text) {
  std::tm tm{};
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &consumed) != 6)
    return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::string_view rest = std::string_view(text).substr(static_cast<size_t>(consumed));
  if (!rest.empty() && rest.front() == '.') {
    size_t digits = rest.find_first_not_of("0123456789", 1);
    rest.remove_prefix(digits == std::string_view::npos ? rest.size() : digits);
  }
  long offset = 0;
  if (rest == "Z") {
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int h = 0, m = 0;
    if (std::sscanf(std::string(rest.substr(1)).c_str(), "%2d:%2d", &h, &m) != 2) return std::nullopt;
    offset = (rest[0] == '+' ? 1 : -1) * (h * 3600L + m * 60L);
  } else {
    return std::nullopt;  // SAML 2.0 core 1.3.3: times are UTC, with a zone
  }
  time_t t = timegm(&tm);
  if (t == static_cast<time_t>(-1)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(t - offset);
}

void EnableAlgorithms(xmlSecDSigCtx* ctx) {
  // References: the enveloped-signature transform, C14N and digests of
  // SHA-256 or stronger. No XPath/XSLT/Base64 transforms: they are how
  // signatures are made to cover something other than what is read.
  for (xmlSecTransformId id :
       {xmlSecTransformEnvelopedId, xmlSecTransformExclC14NId, xmlSecTransformExclC14NWithCommentsId,
        xmlSecTransformInclC14NId, xmlSecTransformInclC14NWithCommentsId, xmlSecTransformInclC14N11Id,
        xmlSecTransformSha256Id, xmlSecTransformSha384Id, xmlSecTransformSha512Id})
    xmlSecDSigCtxEnableReferenceTransform(ctx, id);
  for (xmlSecTransformId id :
       {xmlSecTransformExclC14NId, xmlSecTransformExclC14NWithCommentsId, xmlSecTransformInclC14NId,
        xmlSecTransformInclC14NWithCommentsId, xmlSecTransformInclC14N11Id, xmlSecTransformRsaSha256Id,
        xmlSecTransformRsaSha384Id, xmlSecTransformRsaSha512Id, xmlSecTransformEcdsaSha256Id,
        xmlSecTransformEcdsaSha384Id, xmlSecTransformEcdsaSha512Id})
    xmlSecDSigCtxEnableSignatureTransform(ctx, id);
  // "#id" only: no external or empty (whole document) references.
  ctx->enabledReferenceUris = xmlSecTransformUriTypeSameDocument;
  // The key comes from a certificate (a KeyValue or KeyName in the message
  // is never used). Whether that certificate is trusted is decided after,
  // against the configured anchors only: xmlsec's own store also trusts
  // the system's CAs (X509_STORE_set_default_paths), i.e. anyone with a
  // public web certificate.
  xmlSecPtrListAdd(&ctx->keyInfoReadCtx.enabledKeyData,
                   const_cast<void*>(static_cast<const void*>(xmlSecKeyDataX509Id)));
  ctx->keyInfoReadCtx.flags |= XMLSEC_KEYINFO_FLAGS_X509DATA_DONT_VERIFY_CERTS;
}

// Checks the certificate whose key verified the signature against
// `anchors` (the configured certificates, partial chains allowed: a
// provider's own certificate is an anchor even when a CA issued it), with
// the other certificates of the KeyInfo as intermediates. Empty: trusted.
std::string Untrusted(xmlSecKey* key, X509_STORE* anchors) {
  xmlSecKeyDataPtr x509 = key ? xmlSecKeyGetData(key, xmlSecOpenSSLKeyDataX509Id) : nullptr;
  X509* leaf = x509 ? xmlSecOpenSSLKeyDataX509GetKeyCert(x509) : nullptr;
  if (!leaf) return "the signature's KeyInfo holds no certificate";
  STACK_OF(X509)* intermediates = sk_X509_new_null();
  for (xmlSecSize i = 0; i < xmlSecOpenSSLKeyDataX509GetCertsSize(x509); ++i)
    sk_X509_push(intermediates, xmlSecOpenSSLKeyDataX509GetCert(x509, i));
  X509_STORE_CTX* check = X509_STORE_CTX_new();
  std::string problem;
  if (!check || X509_STORE_CTX_init(check, anchors, leaf, intermediates) != 1) {
    problem = "the signing certificate could not be checked";
  } else if (X509_verify_cert(check) != 1) {
    problem = X509_verify_cert_error_string(X509_STORE_CTX_get_error(check));
  }
  X509_STORE_CTX_free(check);
  sk_X509_free(intermediates);  // the certificates belong to the key
  return problem;
}

// SAML 2.0 core 2.5.1.4: the assertion is addressed to us when every
// AudienceRestriction names our audience (OR within one, AND across).
bool AddressedTo(const xml::XmlElement& conditions, const std::string& audience) {
  for (const auto& restriction : conditions.Children(kSaml2Namespace, "AudienceRestriction")) {
    bool named = false;
    for (const auto& a : restriction.Children(kSaml2Namespace, "Audience")) named = named || a.Text() == audience;
    if (!named) return false;
  }
  return !conditions.Children(kSaml2Namespace, "AudienceRestriction").empty();
}

}  // namespace

const char* XuaFaultSubcode(XuaFault fault) {
  switch (fault) {
    case XuaFault::kInvalidSecurity: return "wsse:InvalidSecurity";
    case XuaFault::kInvalidSecurityToken: return "wsse:InvalidSecurityToken";
    case XuaFault::kFailedAuthentication: return "wsse:FailedAuthentication";
    case XuaFault::kFailedCheck: return "wsse:FailedCheck";
  }
  return "wsse:InvalidSecurity";
}

void InitXmlSecOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // libxml2 is initialised by wire/xml before any request; xmlsec needs
    // its own registries and the OpenSSL backend, the project's only
    // crypto library (DEPENDENCIES.md).
    if (xmlSecInit() < 0 || xmlSecCheckVersion() != 1 || xmlSecCryptoAppInit(nullptr) < 0 || xmlSecCryptoInit() < 0)
      spdlog::error("xmlsec could not be initialised: XUA assertions will all be refused");
    xmlSecErrorsSetCallback(CollectXmlSecError);
  });
}

struct XuaVerifier::Keys {
  xmlSecKeysMngrPtr manager = nullptr;
  X509_STORE* anchors = nullptr;  // the configured certificates, nothing else
  // xmlsec does not document its keys manager as safe for concurrent
  // verifications; one at a time (a verification is well under 1 ms).
  std::mutex mutex;
  ~Keys() {
    if (manager) xmlSecKeysMngrDestroy(manager);
    if (anchors) X509_STORE_free(anchors);
  }
};

XuaVerifier::XuaVerifier(XuaOptions options, std::unique_ptr<Keys> keys)
    : options_(std::move(options)), keys_(std::move(keys)) {}
XuaVerifier::~XuaVerifier() = default;

Result<std::unique_ptr<XuaVerifier>> XuaVerifier::Create(XuaOptions options) {
  InitXmlSecOnce();
  if (options.trusted_issuer_certificates.empty())
    return Status::InvalidArgument("xua.trusted_issuer_certificates names no certificate: no assertion could verify");
  auto keys = std::make_unique<Keys>();
  keys->manager = xmlSecKeysMngrCreate();
  keys->anchors = X509_STORE_new();
  if (!keys->manager || xmlSecCryptoAppDefaultKeysMngrInit(keys->manager) < 0 || !keys->anchors)
    return Status::Internal("xmlsec keys manager could not be created");
  X509_STORE_set_flags(keys->anchors, X509_V_FLAG_PARTIAL_CHAIN);
  for (const std::string& path : options.trusted_issuer_certificates) {
    if (!std::ifstream(path)) return Status::InvalidArgument("cannot read trusted issuer certificate '" + path + "'");
    if (X509_STORE_load_file(keys->anchors, path.c_str()) != 1)
      return Status::InvalidArgument("cannot load trusted issuer certificate '" + path + "' (PEM expected)");
  }
  return std::unique_ptr<XuaVerifier>(new XuaVerifier(std::move(options), std::move(keys)));
}

XuaVerdict XuaVerifier::Verify(const std::vector<xml::XmlElement>& headers,
                               std::chrono::system_clock::time_point now) const {
  std::vector<xml::XmlElement> securities;
  for (const auto& h : headers)
    if (h.Is(kWsseNamespace, "Security")) securities.push_back(h);
  if (securities.size() > 1)
    return Refuse(XuaFault::kInvalidSecurity, "the request has more than one wsse:Security header");
  std::vector<xml::XmlElement> assertions;
  if (!securities.empty()) assertions = securities[0].Children(kSaml2Namespace, "Assertion");
  if (assertions.empty()) {
    if (options_.required)
      return Refuse(XuaFault::kInvalidSecurity,
                    "this service requires a XUA user assertion (a signed SAML 2.0 Assertion in wsse:Security)");
    XuaVerdict v;
    v.accepted = true;
    return v;
  }
  if (assertions.size() > 1)
    return Refuse(XuaFault::kInvalidSecurity, "the wsse:Security header holds more than one SAML assertion");

  return VerifyAssertion(assertions[0], now);
}

XuaVerdict XuaVerifier::VerifyAssertion(const xml::XmlElement& assertion,
                                        std::chrono::system_clock::time_point now) const {
  // The signature is checked in the request's own document, on the very
  // element the fields are read from below. Exclusive C14N (what SAML
  // signatures use) makes the digest independent of the envelope around.
  xmlNode* root = assertion.node_;
  const std::string id = assertion.Attr("ID");
  if (assertion.Attr("Version") != "2.0" || id.empty())
    return Refuse(XuaFault::kInvalidSecurityToken, "the assertion is not a SAML 2.0 assertion with an ID");

  // Signature wrapping (XSW) defences: the signature is the assertion's own
  // child and its one Reference names the assertion.
  std::vector<xml::XmlElement> signatures = assertion.Children(kDsigNamespace, "Signature");
  if (signatures.empty()) return Refuse(XuaFault::kFailedAuthentication, "the assertion is not signed");
  if (signatures.size() > 1) return Refuse(XuaFault::kFailedCheck, "the assertion carries more than one signature");
  xml::XmlElement signed_info = signatures[0].FirstChild(kDsigNamespace, "SignedInfo");
  std::vector<xml::XmlElement> references =
      signed_info ? signed_info.Children(kDsigNamespace, "Reference") : std::vector<xml::XmlElement>{};
  if (references.size() != 1 || references[0].Attr("URI") != "#" + id)
    return Refuse(XuaFault::kFailedCheck, "the signature does not reference the assertion it is in (ID " + id + ")");
  // Only the assertion's ID resolves; an xml:id elsewhere with the same
  // value makes this fail rather than be picked instead.
  xmlAttr* id_attr = xmlHasProp(root, BAD_CAST "ID");
  if (!id_attr || !xmlAddID(nullptr, root->doc, BAD_CAST id.c_str(), id_attr))
    return Refuse(XuaFault::kFailedCheck, "the assertion's ID is not unique in it");

  {
    std::lock_guard lock(keys_->mutex);
    xmlsec_reasons.clear();
    xmlsec_last_message.clear();
    std::unique_ptr<xmlSecDSigCtx, DSigCtxDeleter> ctx(xmlSecDSigCtxCreate(keys_->manager));
    if (!ctx) return Refuse(XuaFault::kFailedCheck, "signature context could not be created");
    EnableAlgorithms(ctx.get());
    xmlNode* signature_node = xmlSecFindChild(root, BAD_CAST "Signature", BAD_CAST kDsigNamespace);
    int rc = xmlSecDSigCtxVerify(ctx.get(), signature_node);
    if (rc < 0) {
      spdlog::debug("XUA signature of {} not verified: {}", id, xmlsec_last_message);
      if (CertificateProblem())
        return Refuse(XuaFault::kFailedAuthentication,
                      "the assertion is not signed by a trusted identity provider certificate");
      return Refuse(XuaFault::kFailedCheck, "the assertion's signature could not be processed (algorithm, "
                                            "transform or structure not accepted)");
    }
    if (ctx->status != xmlSecDSigStatusSucceeded)
      return Refuse(XuaFault::kFailedCheck, "the assertion's signature does not verify (altered after signing)");
    if (xmlSecPtrListGetSize(&ctx->signedInfoReferences) != 1)
      return Refuse(XuaFault::kFailedCheck, "the signature must have exactly one reference");
    if (std::string problem = Untrusted(ctx->signKey, keys_->anchors); !problem.empty())
      return Refuse(XuaFault::kFailedAuthentication,
                    "the assertion is not signed by a trusted identity provider certificate (" + problem + ")");
  }

  // Validity window (SAML 2.0 core 2.5.1.2), with skew both ways.
  xml::XmlElement conditions = assertion.FirstChild(kSaml2Namespace, "Conditions");
  if (!conditions) return Refuse(XuaFault::kInvalidSecurityToken, "the assertion has no Conditions");
  const std::string not_before = conditions.Attr("NotBefore");
  const std::string not_on_or_after = conditions.Attr("NotOnOrAfter");
  auto after = ParseDateTime(not_on_or_after);
  if (!after) return Refuse(XuaFault::kInvalidSecurityToken, "the assertion has no valid Conditions/@NotOnOrAfter");
  if (now >= *after + options_.clock_skew)
    return Refuse(XuaFault::kInvalidSecurityToken, "the assertion expired at " + not_on_or_after);
  if (!not_before.empty()) {
    auto before = ParseDateTime(not_before);
    if (!before) return Refuse(XuaFault::kInvalidSecurityToken, "Conditions/@NotBefore is not an xs:dateTime");
    if (now + options_.clock_skew < *before)
      return Refuse(XuaFault::kInvalidSecurityToken, "the assertion is not valid before " + not_before);
  }
  if (!options_.audience.empty() && !AddressedTo(conditions, options_.audience))
    return Refuse(XuaFault::kInvalidSecurityToken, "the assertion is not addressed to audience " + options_.audience);

  XuaVerdict verdict;
  UserAssertion& user = verdict.assertion.emplace();
  user.id = id;
  user.issuer = assertion.FirstChild(kSaml2Namespace, "Issuer").Text();
  xml::XmlElement subject = assertion.FirstChild(kSaml2Namespace, "Subject");
  xml::XmlElement name_id = subject ? subject.FirstChild(kSaml2Namespace, "NameID") : xml::XmlElement();
  if (user.issuer.empty() || !name_id)
    return Refuse(XuaFault::kInvalidSecurityToken, "the assertion has no Issuer or no Subject/NameID");
  user.subject = name_id.Text();
  user.subject_alias = name_id.Attr("SPProvidedID");
  // ITI TF-2 3.40.4.1.2: bearer confirmation must be supported; it is the
  // one this service can check without binding the token to a key.
  bool bearer = false;
  for (const auto& c : subject.Children(kSaml2Namespace, "SubjectConfirmation"))
    bearer = bearer || c.Attr("Method") == kBearer;
  if (!bearer) return Refuse(XuaFault::kInvalidSecurityToken, "the assertion has no bearer SubjectConfirmation");
  // ITI TF-2 3.40.4.1.2: how the user was authenticated is required.
  if (!assertion.FirstChild(kSaml2Namespace, "AuthnStatement"))
    return Refuse(XuaFault::kInvalidSecurityToken, "the assertion has no AuthnStatement");
  ReadXspaAttributes(assertion, user);
  verdict.accepted = true;
  return verdict;
}

Result<std::unique_ptr<XuaVerifier>> XuaVerifierFromConfig(const Config& config) {
  if (!config.Has("xua")) return std::unique_ptr<XuaVerifier>();
  XuaOptions o;
  o.required = config.Bool("xua.required", false);
  o.exempt_requesters = config.Strings("xua.exempt_requesters");
  o.audience = config.String("xua.audience");
  o.trusted_issuer_certificates = config.Strings("xua.trusted_issuer_certificates");
  o.clock_skew = std::chrono::seconds(std::max<int64_t>(0, config.Int("xua.clock_skew_seconds", 60)));
  return XuaVerifier::Create(std::move(o));
}

}  // namespace xds::security

#include <cstdio>
#include <fstream>
#include <sstream>

#include "apps/cli/commands.h"
#include "wire/security/xua_verifier.h"
#include "wire/xml/xml_document.h"

namespace xds::cli {
namespace {

// The assertion as the file holds it, without an XML declaration (it
// becomes part of the envelope) or surrounding blanks; the rest is kept
// byte for byte, since its signature covers it.
Result<std::string> ReadAssertion(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read the assertion file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string xml = text.str();
  if (xml.compare(0, 3, "\xEF\xBB\xBF") == 0) xml.erase(0, 3);  // UTF-8 BOM
  size_t start = xml.find_first_not_of(" \t\r\n");
  if (start != std::string::npos && xml.compare(start, 5, "<?xml") == 0) {
    size_t end = xml.find("?>", start);
    start = end == std::string::npos ? end : xml.find_first_not_of(" \t\r\n", end + 2);
  }
  if (start == std::string::npos) return Status::InvalidArgument(path + " holds no XML");
  xml = xml.substr(start, xml.find_last_not_of(" \t\r\n") + 1 - start);
  auto doc = xml::XmlDocument::Parse(xml);
  if (!doc.ok()) return Status::InvalidArgument(path + " is not well-formed XML: " + doc.status().message());
  if (!doc->Root().Is(security::kSaml2Namespace, "Assertion"))
    return Status::InvalidArgument(path + " does not hold a SAML 2.0 Assertion (" + security::kSaml2Namespace + ")");
  return xml;
}

}  // namespace

int ClientOptions(const Connection& c, soap::SoapClientOptions& out) {
  if (c.certificate_file.empty() != c.private_key_file.empty()) {
    std::fprintf(stderr, "--cert and --key go together (the client certificate and its private key)\n");
    return kUsage;
  }
  if (!c.ca_file.empty() || !c.certificate_file.empty()) {
    http::TlsSettings tls;
    tls.ca_file = c.ca_file;
    tls.certificate_file = c.certificate_file;
    tls.private_key_file = c.private_key_file;
    out.http.tls = tls;
  }
  if (!c.assertion_file.empty()) {
    auto assertion = ReadAssertion(c.assertion_file);
    if (!assertion.ok()) {
      std::fprintf(stderr, "%s\n", assertion.status().message().c_str());
      return kUsage;
    }
    // WS-Security: the header must be understood, or the request refused.
    out.header_blocks.push_back(std::string("<wsse:Security xmlns:wsse=\"") + security::kWsseNamespace +
                                "\" soap:mustUnderstand=\"true\">" + *assertion + "</wsse:Security>");
  }
  return kOk;
}

}  // namespace xds::cli

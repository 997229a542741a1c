#include "wire/security/xua_attributes.h"

#include <string_view>

#include "wire/security/xua_verifier.h"

namespace xds::security {
namespace {

constexpr std::string_view kSubjectId = "urn:oasis:names:tc:xspa:1.0:subject:subject-id";
constexpr std::string_view kOrganization = "urn:oasis:names:tc:xspa:1.0:subject:organization";
constexpr std::string_view kOrganizationId = "urn:oasis:names:tc:xspa:1.0:subject:organization-id";
constexpr std::string_view kHomeCommunityId = "urn:ihe:iti:xca:2010:homeCommunityId";
constexpr std::string_view kRole = "urn:oasis:names:tc:xacml:2.0:subject:role";
constexpr std::string_view kPurposeOfUse = "urn:oasis:names:tc:xspa:1.0:subject:purposeofuse";
constexpr std::string_view kPurposeOfUseCamel = "urn:oasis:names:tc:xspa:1.0:subject:purposeOfUse";
constexpr std::string_view kResourceId = "urn:oasis:names:tc:xacml:2.0:resource:resource-id";

std::string Trimmed(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// An HL7 v3 CE (<Role code= codeSystem= displayName=/>) inside the value;
// a bare text value is taken as a code without a system.
CodedValue Coded(const xml::XmlElement& value) {
  CodedValue c;
  if (xml::XmlElement ce = value.FirstChildElement()) {
    c.code = ce.Attr("code");
    c.code_system = ce.Attr("codeSystem");
    c.display_name = ce.Attr("displayName");
  } else {
    c.code = Trimmed(value.Text());
  }
  return c;
}

void KeepFirst(std::string& field, const std::vector<xml::XmlElement>& values) {
  if (field.empty() && !values.empty()) field = Trimmed(values.front().Text());
}

}  // namespace

void ReadXspaAttributes(const xml::XmlElement& assertion, UserAssertion& user) {
  for (const auto& statement : assertion.Children(kSaml2Namespace, "AttributeStatement")) {
    for (const auto& attribute : statement.Children(kSaml2Namespace, "Attribute")) {
      const std::string name = attribute.Attr("Name");
      const std::vector<xml::XmlElement> values = attribute.Children(kSaml2Namespace, "AttributeValue");
      if (name == kSubjectId) KeepFirst(user.subject_name, values);
      else if (name == kOrganization) KeepFirst(user.organization, values);
      else if (name == kOrganizationId) KeepFirst(user.organization_id, values);
      else if (name == kHomeCommunityId) KeepFirst(user.home_community_id, values);
      else if (name == kResourceId) KeepFirst(user.patient_id, values);
      else if (name == kRole)
        for (const auto& v : values) user.roles.push_back(Coded(v));
      else if (name == kPurposeOfUse || name == kPurposeOfUseCamel)
        for (const auto& v : values) user.purposes_of_use.push_back(Coded(v));
    }
  }
}

}  // namespace xds::security

// The XSPA / IHE attributes of a SAML 2.0 assertion's AttributeStatements
// (ITI TF-2 3.40.4.1.2) read into a UserAssertion. Attribute names are
// matched exactly, except purposeofuse, also accepted as purposeOfUse (the
// spelling of some non-IHE implementations). Each Attribute and each
// AttributeValue may repeat (ITI-40 requires receivers to handle both);
// text attributes keep their first value, coded ones (role, purpose of
// use: HL7 v3 CE elements) keep all.
#pragma once

#include "wire/security/requester.h"
#include "wire/xml/xml_document.h"

namespace xds::security {

// `assertion` is a verified saml2:Assertion element.
void ReadXspaAttributes(const xml::XmlElement& assertion, UserAssertion& user);

}  // namespace xds::security

// XML namespaces of the SOAP, ebXML RegRep 3.0 and IHE messages, and the
// fixed prefixes this project writes them with.
#pragma once

#include <string_view>

namespace xds::ns {

inline constexpr std::string_view kSoap12 = "http://www.w3.org/2003/05/soap-envelope";
inline constexpr std::string_view kSoap11 = "http://schemas.xmlsoap.org/soap/envelope/";
inline constexpr std::string_view kWsa = "http://www.w3.org/2005/08/addressing";
inline constexpr std::string_view kXop = "http://www.w3.org/2004/08/xop/include";
inline constexpr std::string_view kXdsB = "urn:ihe:iti:xds-b:2007";
inline constexpr std::string_view kXdsIB = "urn:ihe:rad:xdsi-b:2009";
// Remove Metadata and Documents (ITI-86 RemoveDocumentsRequest).
inline constexpr std::string_view kRmd = "urn:ihe:iti:rmd:2017";
inline constexpr std::string_view kLcm = "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0";
inline constexpr std::string_view kRim = "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0";
inline constexpr std::string_view kRs = "urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0";
inline constexpr std::string_view kQuery = "urn:oasis:names:tc:ebxml-regrep:xsd:query:3.0";

inline constexpr std::string_view kWsaAnonymous = "http://www.w3.org/2005/08/addressing/anonymous";

}  // namespace xds::ns

#include "wire/security/requester.h"

namespace xds::security {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::string_view StripOidUrn(std::string_view id) {
  constexpr std::string_view kUrn = "urn:oid:";
  return StartsWith(id, kUrn) ? id.substr(kUrn.size()) : id;
}

bool Matches(const Requester& requester, std::string_view entry) {
  auto value = [&](std::string_view prefix) { return entry.substr(prefix.size()); };
  if (StartsWith(entry, "ip:")) return !requester.address.empty() && value("ip:") == requester.address;
  if (StartsWith(entry, "cert-cn:"))
    return requester.certificate && !requester.certificate->common_name.empty() &&
           value("cert-cn:") == requester.certificate->common_name;
  if (StartsWith(entry, "cert-subject:"))
    return requester.certificate && !requester.certificate->subject.empty() &&
           value("cert-subject:") == requester.certificate->subject;
  if (StartsWith(entry, "org:"))
    return requester.assertion && !requester.assertion->organization_id.empty() &&
           StripOidUrn(value("org:")) == StripOidUrn(requester.assertion->organization_id);
  return false;
}

bool Listed(const Requester& requester, const std::vector<std::string>& entries) {
  for (const auto& entry : entries)
    if (Matches(requester, entry)) return true;
  return false;
}

std::string Describe(const Requester& requester) {
  std::string out;
  if (requester.assertion && !requester.assertion->subject.empty())
    out = "user:" + requester.assertion->subject + " org:" + requester.assertion->organization_id + " ";
  // The certificate names the system better than its address does.
  if (requester.certificate) return out + "cert-subject:" + requester.certificate->subject;
  return out + "ip:" + (requester.address.empty() ? std::string("in-process") : requester.address);
}

}  // namespace xds::security

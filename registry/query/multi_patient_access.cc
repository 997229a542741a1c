#include "registry/query/multi_patient_access.h"

namespace xds::registry {

bool MayRunMultiPatientQuery(const CallerIdentity& caller, const MultiPatientAccess& access) {
  for (const auto& entry : access.allowed_consumers) {
    if (entry == "ip:" + caller.address && !caller.address.empty()) return true;
    if (!caller.has_certificate) continue;
    if (entry == "cert-cn:" + caller.certificate_cn && !caller.certificate_cn.empty()) return true;
    if (entry == "cert-subject:" + caller.certificate_subject && !caller.certificate_subject.empty()) return true;
  }
  return false;
}

std::string DescribeCaller(const CallerIdentity& caller) {
  std::string out = "ip:" + caller.address;
  if (caller.has_certificate) out += " cert-subject:" + caller.certificate_subject;
  return out;
}

}  // namespace xds::registry

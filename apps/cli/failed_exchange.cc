#include <cstdio>

#include "apps/cli/commands.h"

namespace xds::cli {

int FailedExchange(const Result<soap::SoapResponse>& reply, const char* actor, const std::string& url) {
  if (!reply.ok()) {
    std::fprintf(stderr, "cannot reach the %s at %s: %s\n", actor, url.c_str(), reply.status().message().c_str());
    return kUnreachable;
  }
  if (reply->is_fault) {
    // The subcode says which rule refused it (wsse:FailedAuthentication ...).
    std::string subcode = reply->fault.subcode.empty() ? "" : " (" + reply->fault.subcode + ")";
    std::fprintf(stderr, "the %s answered with a SOAP fault%s: %s\n", actor, subcode.c_str(),
                 reply->fault.reason.c_str());
    return kRefused;
  }
  return kOk;
}

void PrintErrors(const ihe::RegistryErrors& errors) {
  for (const auto& e : errors)
    std::fprintf(stderr, "%s %s: %s\n", e.warning ? "warning" : "error", e.error_code.c_str(), e.code_context.c_str());
}

}  // namespace xds::cli

#include <cstdio>

#include "apps/cli/commands.h"

namespace xds::cli {

int FailedExchange(const Result<soap::SoapResponse>& reply, const char* actor, const std::string& url) {
  if (!reply.ok()) {
    std::fprintf(stderr, "cannot reach the %s at %s: %s\n", actor, url.c_str(), reply.status().message().c_str());
    return kUnreachable;
  }
  if (reply->is_fault) {
    std::fprintf(stderr, "the %s answered with a SOAP fault: %s\n", actor, reply->fault.reason.c_str());
    return kRefused;
  }
  return kOk;
}

}  // namespace xds::cli

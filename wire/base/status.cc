#include "wire/base/status.h"

namespace xds {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "InvalidArgument"; break;
    case Code::kNotFound: name = "NotFound"; break;
    case Code::kAlreadyExists: name = "AlreadyExists"; break;
    case Code::kTooLarge: name = "TooLarge"; break;
    case Code::kUnavailable: name = "Unavailable"; break;
    case Code::kOutcomeUnknown: name = "OutcomeUnknown"; break;
    case Code::kBusy: name = "Busy"; break;
    case Code::kIoError: name = "IoError"; break;
    case Code::kInternal: name = "Internal"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace xds

// RegistryError: one entry of an rs:RegistryErrorList (ITI TF-3 4.2.4.1),
// and the table of XDS error codes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xds::ihe {

enum class ErrorCode {
#define XDS_ERROR(id, wire) k##id,
#include "wire/ihe/error_codes.def"
#undef XDS_ERROR
};

// The errorCode attribute value, e.g. "XDSUnknownPatientId".
std::string_view ErrorCodeName(ErrorCode code);

struct RegistryError {
  std::string error_code;    // wire name; see ErrorCodeName()
  std::string code_context;  // human-readable, names the offending id
  std::string location;      // optional (ITI-43: the DocumentUniqueId)
  bool warning = false;

  static RegistryError Error(ErrorCode code, std::string context, std::string location = {}) {
    return {std::string(ErrorCodeName(code)), std::move(context), std::move(location), false};
  }
  static RegistryError Warning(ErrorCode code, std::string context, std::string location = {}) {
    return {std::string(ErrorCodeName(code)), std::move(context), std::move(location), true};
  }
};

using RegistryErrors = std::vector<RegistryError>;

inline bool HasError(const RegistryErrors& errors) {
  for (const auto& e : errors)
    if (!e.warning) return true;
  return false;
}

}  // namespace xds::ihe

#include "wire/ihe/registry_error.h"

namespace xds::ihe {

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
#define XDS_ERROR(id, wire) \
  case ErrorCode::k##id:    \
    return wire;
#include "wire/ihe/error_codes.def"
#undef XDS_ERROR
  }
  return "XDSRegistryError";
}

}  // namespace xds::ihe

#include "registry/update/version_rules.h"

#include <algorithm>
#include <cctype>

#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void CheckUnchangedAttributes(const ihe::RegistryObject& previous, const ihe::RegistryObject& next, bool folder,
                              bool restricted, ihe::RegistryErrors& errors) {
  const std::string what = std::string(folder ? "Folder " : "DocumentEntry ") + next.id + " (logicalID " + next.lid + ")";
  auto fail = [&](ErrorCode restricted_code, const std::string& attribute, const std::string& before,
                  const std::string& after) {
    errors.push_back(RegistryError::Error(
        restricted ? restricted_code : ErrorCode::kMetadataUpdateError,
        what + ": " + attribute + " may not change in a new version ('" + before + "' -> '" + after + "')"));
  };
  const std::string uid_before = ihe::UniqueIdOf(previous), uid_after = ihe::UniqueIdOf(next);
  if (uid_before != uid_after) fail(ErrorCode::kMetadataIdentifierError, "uniqueId", uid_before, uid_after);
  if (folder) return;
  if (previous.object_type != next.object_type)
    fail(ErrorCode::kObjectTypeError, "objectType", previous.object_type, next.object_type);
  struct Kept {
    std::string_view slot;
    bool case_insensitive;
  };
  for (const Kept& k : {Kept{"hash", true}, Kept{"size", false}, Kept{"repositoryUniqueId", false}}) {
    std::string before = previous.SlotValue(k.slot), after = next.SlotValue(k.slot);
    if (k.case_insensitive) before = Lower(before), after = Lower(after);
    if (before != after) fail(ErrorCode::kUnmodifiableMetadataError, std::string(k.slot), before, after);
  }
  if (restricted) {
    const std::string pid_before = ihe::PatientIdOf(previous), pid_after = ihe::PatientIdOf(next);
    if (pid_before != pid_after) fail(ErrorCode::kUnmodifiableMetadataError, "patientId", pid_before, pid_after);
  }
}

}  // namespace xds::registry

// The XDS error-code table: every entry of error_codes.def has its wire name,
// and RegistryError's helpers.
#include "wire/ihe/registry_error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace xds::ihe {
namespace {

// Every (code, wire name) pair of the table, expanded here independently of
// registry_error.cc.
std::vector<std::pair<ErrorCode, std::string>> AllCodes() {
  return {
#define XDS_ERROR(id, wire) {ErrorCode::k##id, wire},
#include "wire/ihe/error_codes.def"
#undef XDS_ERROR
  };
}

TEST(RegistryErrorTest, EveryCodeHasItsWireName) {
  auto all = AllCodes();
  ASSERT_EQ(all.size(), 40u);  // ITI TF-3 table, plus MU, RMD and RMU codes
  for (const auto& [code, wire] : all)
    EXPECT_EQ(ErrorCodeName(code), wire) << "ErrorCode #" << static_cast<int>(code);
}

TEST(RegistryErrorTest, WireNamesAreDistinctAndWellFormed) {
  std::set<std::string> seen;
  for (const auto& [code, wire] : AllCodes()) {
    EXPECT_TRUE(seen.insert(wire).second) << "duplicate " << wire;
    // Restricted Update (ITI-92) names one code without either form.
    EXPECT_TRUE(wire.rfind("XDS", 0) == 0 || wire.ends_with("Exception") || wire == "UnmodifiableMetadataError")
        << wire;
    EXPECT_EQ(wire.find(' '), std::string::npos) << wire;
  }
}

TEST(RegistryErrorTest, SpotCheckAgainstItiTf3) {
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnknownPatientId), "XDSUnknownPatientId");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kDuplicateUniqueIdInRegistry), "XDSDuplicateUniqueIdInRegistry");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kUnresolvedReference), "UnresolvedReferenceException");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kStoredQueryParamNumber), "XDSStoredQueryParamNumber");
  EXPECT_EQ(ErrorCodeName(ErrorCode::kReferencesExist), "ReferencesExistException");
}

TEST(RegistryErrorTest, ErrorAndWarningFactories) {
  RegistryError e = RegistryError::Error(ErrorCode::kUnknownPatientId, "patient P unknown", "Document01");
  EXPECT_EQ(e.error_code, "XDSUnknownPatientId");
  EXPECT_EQ(e.code_context, "patient P unknown");
  EXPECT_EQ(e.location, "Document01");
  EXPECT_FALSE(e.warning);

  RegistryError w = RegistryError::Warning(ErrorCode::kExtraMetadataNotSaved, "slot x dropped");
  EXPECT_EQ(w.error_code, "XDSExtraMetadataNotSaved");
  EXPECT_EQ(w.location, "");
  EXPECT_TRUE(w.warning);
}

TEST(RegistryErrorTest, HasErrorIgnoresWarnings) {
  RegistryErrors errors;
  EXPECT_FALSE(HasError(errors));
  errors.push_back(RegistryError::Warning(ErrorCode::kExtraMetadataNotSaved, "w"));
  EXPECT_FALSE(HasError(errors));
  errors.push_back(RegistryError::Error(ErrorCode::kRegistryError, "e"));
  EXPECT_TRUE(HasError(errors));
}

}  // namespace
}  // namespace xds::ihe

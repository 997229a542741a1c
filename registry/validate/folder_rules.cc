// Folder rules: ITI TF-3 4.2.3.4 (attributes) and the DR column of
// Table 4.3.1-3.
#include <string>

#include "registry/validate/hl7_types.h"
#include "registry/validate/rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryObject;

// lastUpdateTime: O on submission; the registry maintains it anyway.
constexpr SlotRule kSlots[] = {
    {"lastUpdateTime", Multiplicity::kSingle},
};

// codeList: R, one Classification per code.
constexpr CodeRule kCodes[] = {
    {vocab::kFdCodeList, "codeList", 1, -1},
};

constexpr IdentifierRule kIdentifiers[] = {
    {vocab::kFdPatientId, "patientId"},
    {vocab::kFdUniqueId, "uniqueId"},
};

}  // namespace

void CheckFolder(ValidationContext& ctx, const RegistryObject& folder) {
  CheckSlots(ctx, folder, kSlots);
  CheckClassifications(ctx, folder, kCodes, vocab::kFolderNode);
  CheckExternalIdentifiers(ctx, folder, kIdentifiers);
  CheckHome(ctx, folder);

  // title: R for a Folder (unlike DocumentEntry and SubmissionSet).
  if (!folder.has_name || folder.name.empty())
    ctx.Error(ErrorCode::kRegistryMetadataError, folder, "title",
              "required attribute is missing (rim:Name)");
  if (const ihe::Slot* time = folder.FindSlot("lastUpdateTime"))
    for (const auto& v : time->values)
      if (Status s = CheckDtm(v); !s.ok())
        ctx.Error(ErrorCode::kRegistryMetadataError, folder, "lastUpdateTime", s.message());

  std::string patient = folder.ExternalIdentifierValue(vocab::kFdPatientId);
  if (!patient.empty())
    if (Status s = CheckCx(patient); !s.ok())
      ctx.Error(ErrorCode::kRegistryMetadataError, folder, "patientId", s.message());
  // A Folder uniqueId is an OID (TF-3 4.2.3.1.7).
  std::string unique_id = folder.ExternalIdentifierValue(vocab::kFdUniqueId);
  if (!unique_id.empty() && !IsOid(unique_id))
    ctx.Error(ErrorCode::kRegistryMetadataError, folder, "uniqueId",
              "'" + unique_id + "' is not an OID");
}

}  // namespace xds::registry

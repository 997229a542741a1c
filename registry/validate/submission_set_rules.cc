// SubmissionSet rules: ITI TF-3 4.2.3.3 (attributes) and the DR column of
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

constexpr SlotRule kSlots[] = {
    {"submissionTime", Multiplicity::kSingle},
    {"intendedRecipient", Multiplicity::kMulti},
};

// author R2, contentTypeCode R (exactly one).
constexpr CodeRule kCodes[] = {
    {vocab::kSsAuthor, "author", 0, -1, /*author=*/true},
    {vocab::kSsContentTypeCode, "contentTypeCode", 1, 1},
};

// patientId, sourceId, uniqueId: R.
constexpr IdentifierRule kIdentifiers[] = {
    {vocab::kSsPatientId, "patientId"},
    {vocab::kSsUniqueId, "uniqueId"},
    {vocab::kSsSourceId, "sourceId"},
};

void ReportIfBad(ValidationContext& ctx, const RegistryObject& set, std::string_view attribute,
                 const Status& s) {
  if (!s.ok()) ctx.Error(ErrorCode::kRegistryMetadataError, set, attribute, s.message());
}

}  // namespace

void CheckSubmissionSet(ValidationContext& ctx, const RegistryObject& set) {
  CheckSlots(ctx, set, kSlots);
  CheckClassifications(ctx, set, kCodes, vocab::kSubmissionSetNode);
  CheckExternalIdentifiers(ctx, set, kIdentifiers);
  CheckHome(ctx, set);

  // submissionTime: R, DTM, supplied by the submitter.
  if (const ihe::Slot* time = RequireSlot(ctx, set, "submissionTime"))
    for (const auto& v : time->values) ReportIfBad(ctx, set, "submissionTime", CheckDtm(v));
  // intendedRecipient: O, each value XON|XCN|XTN.
  if (const ihe::Slot* recipients = set.FindSlot("intendedRecipient"))
    for (const auto& v : recipients->values)
      ReportIfBad(ctx, set, "intendedRecipient", CheckIntendedRecipient(v));

  std::string patient = set.ExternalIdentifierValue(vocab::kSsPatientId);
  if (!patient.empty()) ReportIfBad(ctx, set, "patientId", CheckCx(patient));
  // uniqueId and sourceId of a SubmissionSet are OIDs (TF-3 4.2.3.1.7).
  for (const IdentifierRule& r : {kIdentifiers[1], kIdentifiers[2]}) {
    std::string value = set.ExternalIdentifierValue(r.scheme);
    if (!value.empty() && !IsOid(value))
      ctx.Error(ErrorCode::kRegistryMetadataError, set, r.attribute,
                "'" + value + "' is not an OID");
  }
}

}  // namespace xds::registry

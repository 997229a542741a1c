#include "registry/validate/submission_validator.h"

#include "registry/validate/rules.h"
#include "registry/validate/validation_context.h"

namespace xds::registry {

ihe::RegistryErrors ValidateSubmission(const ihe::SubmitObjectsRequest& request,
                                       const ValidationOptions& options) {
  ValidationContext ctx(request, options);
  // Shape of the message first (TF ITI-42 3.42.4.1.3 "structure"), then each
  // object against its type's rules (TF-3 Table 4.3.1-3, DR column), then
  // the rules that relate objects to each other.
  CheckStructure(ctx);
  for (const auto& object : request.objects) {
    switch (ctx.TypeOf(object)) {
      case ihe::XdsObjectType::kDocumentEntry:
        CheckDocumentEntry(ctx, object);
        break;
      case ihe::XdsObjectType::kSubmissionSet:
        CheckSubmissionSet(ctx, object);
        break;
      case ihe::XdsObjectType::kFolder:
        CheckFolder(ctx, object);
        break;
      case ihe::XdsObjectType::kAssociation:
        CheckAssociation(ctx, object);
        break;
      case ihe::XdsObjectType::kUnlabelledPackage:
        break;  // nothing to check it against
    }
  }
  CheckUniqueIdsInMessage(ctx);
  CheckPatientIdConsistency(ctx);
  CheckMembership(ctx);
  return ctx.TakeErrors();
}

}  // namespace xds::registry

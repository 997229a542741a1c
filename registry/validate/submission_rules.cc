// Submission-wide rules (TF ITI-42 3.42.4.1.3, ITI TF-3 4.1 and 4.2.3.1.7):
// one SubmissionSet, labelled RegistryPackages, ids, uniqueIds unique in the
// message, one patient per submission.
#include <map>
#include <string>

#include "registry/validate/rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryObject;
using ihe::XdsObjectType;

// Every ebRIM object in the message is Identifiable: its id is required,
// a UUID id is a lower-case urn:uuid (TF-3 4.2.3.1.7), and no two objects
// share an id (a symbolic id stands for one object; a UUID is permanent).
class IdChecker {
 public:
  explicit IdChecker(ValidationContext& ctx) : ctx_(ctx) {}

  // `what` names the nested object ("Classification 3 of ..."), empty for the
  // top-level object itself.
  void Check(const RegistryObject& owner, std::string_view what, const std::string& id) {
    std::string attribute = what.empty() ? std::string("id") : std::string(what) + " id";
    if (id.empty()) {
      ctx_.Error(ErrorCode::kRegistryMetadataError, owner, attribute,
                 "required attribute is missing");
      return;
    }
    if (MeantAsUuid(id) && !IsUrnUuid(id))
      ctx_.Error(ErrorCode::kRegistryMetadataError, owner, attribute,
                 "'" + id + "' is not a well-formed lower-case urn:uuid");
    auto [it, inserted] = seen_.emplace(id, &owner);
    if (!inserted)
      ctx_.Error(ErrorCode::kRegistryMetadataError, owner, attribute,
                 "'" + id + "' is used more than once in the submission (also in " +
                     std::string(Noun(ctx_.TypeOf(*it->second))) + " " + it->second->id + ")");
  }

 private:
  ValidationContext& ctx_;
  std::map<std::string, const RegistryObject*> seen_;
};

bool HasUniqueId(XdsObjectType type) {
  return type == XdsObjectType::kDocumentEntry || type == XdsObjectType::kSubmissionSet ||
         type == XdsObjectType::kFolder;
}

}  // namespace

void CheckStructure(ValidationContext& ctx) {
  const RegistryObject* first_set = nullptr;
  IdChecker ids(ctx);
  for (const auto& o : ctx.request().objects) {
    XdsObjectType type = ctx.TypeOf(o);
    // TF ITI-42 3.42.4.1.3: exactly one SubmissionSet per submission.
    if (type == XdsObjectType::kSubmissionSet) {
      if (first_set == nullptr)
        first_set = &o;
      else
        ctx.Error(
            ErrorCode::kRegistryMetadataError, o, "",
            "a second SubmissionSet; a submission has exactly one (first: " + first_set->id + ")");
    }
    // Every RegistryPackage is labelled as SubmissionSet or Folder.
    if (type == XdsObjectType::kUnlabelledPackage)
      ctx.Error(ErrorCode::kRegistryMetadataError, o, "classificationNode",
                "RegistryPackage is classified as neither SubmissionSet nor Folder");

    ids.Check(o, "", o.id);
    for (size_t i = 0; i < o.classifications.size(); ++i)
      ids.Check(o, "Classification " + std::to_string(i + 1), o.classifications[i].id);
    for (size_t i = 0; i < o.external_identifiers.size(); ++i)
      ids.Check(o, "ExternalIdentifier " + std::to_string(i + 1), o.external_identifiers[i].id);
  }
  if (first_set == nullptr)
    ctx.Error(ErrorCode::kRegistryMetadataError,
              "SubmitObjectsRequest: no SubmissionSet (a RegistryPackage classified with node " +
                  std::string(vocab::kSubmissionSetNode) + "); exactly one is required");
}

void CheckUniqueIdsInMessage(ValidationContext& ctx) {
  // TF ITI-42 3.42.4.1.3: one uniqueId, one object, within a submission
  // (whatever the object types).
  std::map<std::string, const RegistryObject*> seen;
  for (const auto& o : ctx.request().objects) {
    if (!HasUniqueId(ctx.TypeOf(o))) continue;
    std::string unique_id = ihe::UniqueIdOf(o);
    if (unique_id.empty()) continue;  // reported as missing
    auto [it, inserted] = seen.emplace(unique_id, &o);
    if (!inserted)
      ctx.Error(ErrorCode::kRegistryDuplicateUniqueIdInMessage, o, "uniqueId",
                "'" + unique_id + "' is also the uniqueId of " +
                    std::string(Noun(ctx.TypeOf(*it->second))) + " " + it->second->id);
  }
}

void CheckPatientIdConsistency(ValidationContext& ctx) {
  // TF ITI-42 3.42.4.1.3: the SubmissionSet, every DocumentEntry submitted by
  // value and every Folder carry one patientId. A DocumentEntry of the
  // submission is always by value; the Reference exception concerns only
  // entries registered earlier, which registry/submit sees.
  const RegistryObject* set = ctx.submission_set();
  if (set == nullptr) return;
  std::string expected = ihe::PatientIdOf(*set);
  if (expected.empty()) return;  // reported as missing
  for (const auto& o : ctx.request().objects) {
    XdsObjectType type = ctx.TypeOf(o);
    if (type != XdsObjectType::kDocumentEntry && type != XdsObjectType::kFolder) continue;
    std::string patient = ihe::PatientIdOf(o);
    if (!patient.empty() && patient != expected)
      ctx.Error(ErrorCode::kPatientIdDoesNotMatch, o, "patientId",
                "'" + patient + "' differs from SubmissionSet " + set->id + " patientId '" +
                    expected + "'");
  }
}

}  // namespace xds::registry

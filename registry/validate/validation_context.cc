#include "registry/validate/validation_context.h"

namespace xds::registry {

std::string_view Noun(ihe::XdsObjectType type) {
  switch (type) {
    case ihe::XdsObjectType::kDocumentEntry:
      return "DocumentEntry";
    case ihe::XdsObjectType::kSubmissionSet:
      return "SubmissionSet";
    case ihe::XdsObjectType::kFolder:
      return "Folder";
    case ihe::XdsObjectType::kAssociation:
      return "Association";
    case ihe::XdsObjectType::kUnlabelledPackage:
      return "RegistryPackage";
  }
  return "RegistryObject";
}

ValidationContext::ValidationContext(const ihe::SubmitObjectsRequest& request,
                                     const ValidationOptions& options)
    : request_(request), options_(options) {
  for (const auto& o : request_.objects) {
    ihe::XdsObjectType type = ihe::XdsTypeOf(o);
    types_.emplace(&o, type);
    if (!o.id.empty()) by_id_.emplace(o.id, &o);  // keeps the first on duplicates
    if (type == ihe::XdsObjectType::kSubmissionSet && submission_set_ == nullptr)
      submission_set_ = &o;
  }
}

const ihe::RegistryObject* ValidationContext::Find(std::string_view id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

ihe::XdsObjectType ValidationContext::TypeOf(const ihe::RegistryObject& object) const {
  auto it = types_.find(&object);
  return it != types_.end() ? it->second : ihe::XdsTypeOf(object);
}

bool ValidationContext::IsInSubmission(std::string_view id, ihe::XdsObjectType type) const {
  const ihe::RegistryObject* o = Find(id);
  return o != nullptr && TypeOf(*o) == type;
}

void ValidationContext::Error(ihe::ErrorCode code, const ihe::RegistryObject& object,
                              std::string_view attribute, std::string_view detail) {
  std::string context(Noun(TypeOf(object)));
  context += ' ';
  context += object.id.empty() ? std::string("(without id)") : object.id;
  if (!attribute.empty()) {
    context += ' ';
    context += attribute;
  }
  context += ": ";
  context += detail;
  errors_.push_back(ihe::RegistryError::Error(code, std::move(context)));
}

void ValidationContext::Error(ihe::ErrorCode code, std::string context) {
  errors_.push_back(ihe::RegistryError::Error(code, std::move(context)));
}

}  // namespace xds::registry

// ValidationContext: what every submission rule reads (the request, the
// options, the objects indexed by id) and where it reports (the error list).
// Internal to registry/validate; the public entry point is
// submission_validator.h.
//
// Borrows the request and options, which must outlive it. Not thread-safe:
// one context per ValidateSubmission call.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "registry/validate/submission_validator.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

// The XDS noun for an object in a codeContext: "DocumentEntry",
// "SubmissionSet", "Folder", "Association", or "RegistryPackage" for an
// unlabelled one.
std::string_view Noun(ihe::XdsObjectType type);

class ValidationContext {
 public:
  ValidationContext(const ihe::SubmitObjectsRequest& request, const ValidationOptions& options);
  ValidationContext(const ValidationContext&) = delete;
  ValidationContext& operator=(const ValidationContext&) = delete;

  const ihe::SubmitObjectsRequest& request() const { return request_; }
  const ValidationOptions& options() const { return options_; }

  // The first top-level object of the submission with this id, or nullptr
  // (the id may name an object in the registry, or nothing).
  const ihe::RegistryObject* Find(std::string_view id) const;
  // XDS type of an object of the submission (computed once per object).
  ihe::XdsObjectType TypeOf(const ihe::RegistryObject& object) const;
  // True when `id` names an object of the submission of type `type`.
  bool IsInSubmission(std::string_view id, ihe::XdsObjectType type) const;
  // The (first) SubmissionSet of the submission, or nullptr.
  const ihe::RegistryObject* submission_set() const { return submission_set_; }

  // Reports an error on one attribute of one object. The codeContext reads
  // "<Noun> <id> <attribute>: <detail>" so that it names the offending
  // object id and attribute (ITI TF-3 4.2.4.1: codeContext carries detail).
  void Error(ihe::ErrorCode code, const ihe::RegistryObject& object, std::string_view attribute,
             std::string_view detail);
  // Reports an error not tied to one object (e.g. "no SubmissionSet").
  void Error(ihe::ErrorCode code, std::string context);

  ihe::RegistryErrors TakeErrors() { return std::move(errors_); }

 private:
  const ihe::SubmitObjectsRequest& request_;
  const ValidationOptions& options_;
  std::map<std::string, const ihe::RegistryObject*, std::less<>> by_id_;
  std::map<const ihe::RegistryObject*, ihe::XdsObjectType> types_;
  const ihe::RegistryObject* submission_set_ = nullptr;
  ihe::RegistryErrors errors_;
};

}  // namespace xds::registry

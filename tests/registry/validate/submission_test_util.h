// Test helpers for the submission validator: load the submissions in
// tests/testdata/submissions, find and mutate their objects, and assert on
// the RegistryErrors that come back.
//
// Lookups throw std::runtime_error when the object is missing, which
// GoogleTest reports as a test failure. Single-threaded test code.
#pragma once

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "registry/validate/submission_validator.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry::testing {

// Ids of the objects in valid_full.xml.
inline constexpr std::string_view kSubmissionSet = "SubmissionSet01";
inline constexpr std::string_view kDocument1 = "Document01";
inline constexpr std::string_view kDocument2 = "urn:uuid:1e27989b-71bd-4dcb-9003-45eeee5e17f5";
inline constexpr std::string_view kFolder = "Folder01";
inline constexpr std::string_view kSsToDocument1 = "Association01";
inline constexpr std::string_view kSsToDocument2 = "Association02";
inline constexpr std::string_view kSsToFolder = "Association03";
inline constexpr std::string_view kFolderToDocument1 = "FolderMember01";
inline constexpr std::string_view kSsToFolderMember1 = "Association04";
// A well-formed UUID that names nothing in the submission (the registry's
// concern).
inline constexpr std::string_view kRegisteredEntry =
    "urn:uuid:3c0b750b-e7df-4205-a93a-5dd31907d09e";

// Parses tests/testdata/submissions/<file_name> with the hardened parser and
// ihe::ReadSubmitObjectsRequest.
ihe::SubmitObjectsRequest LoadSubmission(std::string_view file_name);

ihe::RegistryObject& Object(ihe::SubmitObjectsRequest& request, std::string_view id);
ihe::Slot& SlotOf(ihe::RegistryObject& object, std::string_view name);
// The first Classification with this scheme.
ihe::Classification& CodeOf(ihe::RegistryObject& object, std::string_view scheme);
ihe::ExternalIdentifier& IdentifierOf(ihe::RegistryObject& object, std::string_view scheme);

void RemoveSlot(ihe::RegistryObject& object, std::string_view name);
void RemoveClassifications(ihe::RegistryObject& object, std::string_view scheme_or_node);
void RemoveIdentifier(ihe::RegistryObject& object, std::string_view scheme);
void RemoveObject(ihe::SubmitObjectsRequest& request, std::string_view id);
// Changes an object's id and every reference to it in the request.
void RenameObject(ihe::SubmitObjectsRequest& request, std::string_view from, std::string_view to);
// Turns a Stable DocumentEntry into a valid On-Demand one.
void MakeOnDemand(ihe::RegistryObject& entry);

ihe::RegistryObject Association(std::string_view id, std::string_view type, std::string_view source,
                                std::string_view target);
ihe::Classification CodedValue(std::string_view id, std::string_view scheme,
                               std::string_view classified_object, std::string_view code,
                               std::string_view coding_scheme);

std::string Dump(const ihe::RegistryErrors& errors);

// Exactly one error, of `code`, whose codeContext contains every part.
::testing::AssertionResult OnlyError(const ihe::RegistryErrors& errors, ihe::ErrorCode code,
                                     std::initializer_list<std::string_view> parts);
// At least one error of `code` whose codeContext contains every part.
::testing::AssertionResult HasError(const ihe::RegistryErrors& errors, ihe::ErrorCode code,
                                    std::initializer_list<std::string_view> parts);

// Fixture: `request_` starts as valid_full.xml; Validate() runs the
// validator with `options_`.
class SubmissionTest : public ::testing::Test {
 protected:
  void SetUp() override { request_ = LoadSubmission("valid_full.xml"); }
  ihe::RegistryErrors Validate() const { return ValidateSubmission(request_, options_); }
  ihe::RegistryObject& Get(std::string_view id) { return Object(request_, id); }

  ihe::SubmitObjectsRequest request_;
  ValidationOptions options_;
};

}  // namespace xds::registry::testing

// SubmissionBuilder: builds valid ITI-42 submissions for tests and benches,
// with every attribute the XDS.b metadata tables require, so that each test
// changes only what it is about.
//
// Not thread-safe; one builder per submission.
#pragma once

#include <string>
#include <vector>

#include "wire/ihe/rim.h"

namespace xds::testing {

struct DocumentOptions {
  std::string unique_id;          // generated when empty
  std::string mime_type = "text/plain";
  std::string class_code = "REPORTS";
  std::string type_code = "18748-4";
  std::string format_code = "urn:ihe:rad:TEXT";
  std::string practice_setting_code = "394914008";
  std::string facility_type_code = "RADDX";
  std::vector<std::string> event_codes = {"CT"};
  std::vector<std::string> confidentiality_codes = {"N"};
  std::string author_person = "^DUPONT^Jean^^^Dr";
  std::string creation_time = "20240102030405";
  std::string service_start_time = "20240102030000";
  std::string service_stop_time = "20240102033000";
  std::string hash = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
  std::string size = "0";
  std::vector<std::string> reference_ids;
  bool on_demand = false;
};

// Coding schemes the builder uses for each code above.
inline constexpr char kLoinc[] = "2.16.840.1.113883.6.1";
inline constexpr char kClassScheme[] = "1.3.6.1.4.1.19376.1.2.6.1";
inline constexpr char kFormatScheme[] = "1.3.6.1.4.1.19376.1.2.3";
inline constexpr char kSnomed[] = "2.16.840.1.113883.6.96";
inline constexpr char kFacilityScheme[] = "2.16.840.1.113883.5.11";
inline constexpr char kDicomScheme[] = "1.2.840.10008.2.16.4";
inline constexpr char kConfidentialityScheme[] = "2.16.840.1.113883.5.25";

class SubmissionBuilder {
 public:
  explicit SubmissionBuilder(std::string patient_id);

  // Adds a DocumentEntry and its SS HasMember (Original); returns its id.
  std::string AddDocument(const std::string& id, const DocumentOptions& options = {});
  // Adds a Folder and its SS HasMember; returns its id.
  std::string AddFolder(const std::string& id, const std::string& code = "CARDIO");
  // Adds an association; for FD→DE HasMember also adds the SS→(FD-DE) HasMember.
  std::string AddAssociation(const std::string& type_urn, const std::string& source,
                             const std::string& target, const std::string& submission_set_status = {});
  // SS→DE HasMember with SubmissionSetStatus Reference to a registered entry.
  std::string AddReference(const std::string& entry_uuid);

  // Metadata Update (ITI-57/92): a new version of the registered logical
  // DocumentEntry / Folder `lid`, brought by an SS HasMember that names
  // `previous_version` (and AssociationPropagation when not empty). The
  // options must repeat what may not change (uniqueId, hash, size).
  std::string AddDocumentVersion(const std::string& id, const std::string& lid, const std::string& previous_version,
                                 const DocumentOptions& options, const std::string& propagation = {});
  std::string AddFolderVersion(const std::string& id, const std::string& lid, const std::string& previous_version,
                               const std::string& unique_id, const std::string& code = "CARDIO",
                               const std::string& propagation = {});
  // An UpdateAvailabilityStatus association from the SubmissionSet.
  std::string AddStatusUpdate(const std::string& target, std::string_view original_status,
                              std::string_view new_status);
  // The SS HasMember association that brings `member` (empty when none).
  std::string MemberAssociation(const std::string& member) const;

  ihe::RegistryObject& Object(const std::string& id);
  ihe::RegistryObject& SubmissionSet() { return Object(submission_set_id_); }
  const std::string& submission_set_id() const { return submission_set_id_; }
  const std::string& patient_id() const { return patient_id_; }

  ihe::SubmitObjectsRequest Build() const;
  std::string BuildXml() const;  // lcm:SubmitObjectsRequest element

  // A unique OID under the test arc.
  static std::string NewOid();

 private:
  std::string patient_id_;
  std::string submission_set_id_ = "SubmissionSet01";
  ihe::SubmitObjectsRequest request_;  // objects only: no ObjectRefs
  int next_association_ = 1;
};

}  // namespace xds::testing

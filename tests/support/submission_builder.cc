#include "tests/support/submission_builder.h"

#include <atomic>
#include <chrono>
#include <stdexcept>

#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::testing {
namespace {

ihe::Classification Code(const std::string& object_id, std::string_view scheme, const std::string& code,
                         const std::string& coding_scheme, const std::string& display) {
  ihe::Classification c;
  c.id = "cl-" + std::string(scheme.substr(9, 8)) + "-" + code + "-" + object_id;
  c.classification_scheme = scheme;
  c.classified_object = object_id;
  c.node_representation = code;
  c.name = display;
  c.slots.push_back({"codingScheme", {coding_scheme}});
  return c;
}

ihe::ExternalIdentifier ExternalId(const std::string& object_id, std::string_view scheme,
                                   const std::string& value, const std::string& name) {
  ihe::ExternalIdentifier x;
  x.id = "ei-" + name + "-" + object_id;
  x.identification_scheme = scheme;
  x.registry_object = object_id;
  x.value = value;
  x.name = name;
  return x;
}

}  // namespace

std::string SubmissionBuilder::NewOid() {
  static std::atomic<uint64_t> counter{0};
  static const uint64_t run =
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) % 1000000007ULL;
  return "1.3.6.1.4.1.21367.2026.9." + std::to_string(run) + "." + std::to_string(++counter);
}

SubmissionBuilder::SubmissionBuilder(std::string patient_id) : patient_id_(std::move(patient_id)) {
  ihe::RegistryObject ss;
  ss.kind = ihe::ObjectKind::kRegistryPackage;
  ss.id = submission_set_id_;
  ss.has_name = true;
  ss.name = "Test submission";
  ss.slots.push_back({"submissionTime", {"20240102040000"}});
  ihe::Classification label;
  label.id = "cl-ss-label";
  label.classification_node = vocab::kSubmissionSetNode;
  label.classified_object = ss.id;
  ss.classifications.push_back(label);
  ihe::Classification author;
  author.id = "cl-ss-author";
  author.classification_scheme = vocab::kSsAuthor;
  author.classified_object = ss.id;
  author.slots.push_back({"authorPerson", {"^DUPONT^Jean^^^Dr"}});
  ss.classifications.push_back(author);
  ss.classifications.push_back(Code(ss.id, vocab::kSsContentTypeCode, "18748-4", kLoinc, "Diagnostic imaging"));
  ss.external_identifiers.push_back(ExternalId(ss.id, vocab::kSsPatientId, patient_id_, "XDSSubmissionSet.patientId"));
  ss.external_identifiers.push_back(ExternalId(ss.id, vocab::kSsSourceId, "1.2.250.1.999.1", "XDSSubmissionSet.sourceId"));
  ss.external_identifiers.push_back(ExternalId(ss.id, vocab::kSsUniqueId, NewOid(), "XDSSubmissionSet.uniqueId"));
  request_.objects.push_back(std::move(ss));
}

std::string SubmissionBuilder::AddDocument(const std::string& id, const DocumentOptions& o) {
  ihe::RegistryObject de;
  de.kind = ihe::ObjectKind::kExtrinsicObject;
  de.id = id;
  de.mime_type = o.mime_type;
  de.object_type = o.on_demand ? vocab::kOnDemandDocumentEntry : vocab::kStableDocumentEntry;
  if (!o.on_demand) {
    de.slots.push_back({"creationTime", {o.creation_time}});
    de.slots.push_back({"hash", {o.hash}});
    de.slots.push_back({"size", {o.size}});
  }
  de.slots.push_back({"languageCode", {"fr-FR"}});
  de.slots.push_back({"repositoryUniqueId", {"1.3.6.1.4.1.21367.2011.2.3.7"}});
  if (!o.service_start_time.empty()) de.slots.push_back({"serviceStartTime", {o.service_start_time}});
  if (!o.service_stop_time.empty()) de.slots.push_back({"serviceStopTime", {o.service_stop_time}});
  de.slots.push_back({"sourcePatientId", {"LOCAL-1^^^&1.2.250.1.999.1.1&ISO"}});
  de.slots.push_back({"sourcePatientInfo", {"PID-3|LOCAL-1^^^&1.2.250.1.999.1.1&ISO", "PID-5|MARTIN^Claire", "PID-7|19610412", "PID-8|F"}});
  if (!o.reference_ids.empty()) de.slots.push_back({std::string(vocab::kSlotReferenceIdList), o.reference_ids});
  de.has_name = true;
  de.name = "Document " + id;
  if (!o.author_person.empty()) {
    ihe::Classification author;
    author.id = "cl-author-" + id;
    author.classification_scheme = vocab::kDeAuthor;
    author.classified_object = id;
    author.slots.push_back({"authorPerson", {o.author_person}});
    author.slots.push_back({"authorInstitution", {"Centre Hospitalier Nord^^^^^^^^^1.2.250.1.999.1"}});
    de.classifications.push_back(author);
  }
  de.classifications.push_back(Code(id, vocab::kDeClassCode, o.class_code, kClassScheme, "Class"));
  for (const auto& c : o.confidentiality_codes)
    de.classifications.push_back(Code(id, vocab::kDeConfidentialityCode, c, kConfidentialityScheme, "Confidentiality"));
  for (const auto& c : o.event_codes)
    de.classifications.push_back(Code(id, vocab::kDeEventCode, c, kDicomScheme, "Event"));
  de.classifications.push_back(Code(id, vocab::kDeFormatCode, o.format_code, kFormatScheme, "Format"));
  de.classifications.push_back(Code(id, vocab::kDeHealthcareFacilityTypeCode, o.facility_type_code, kFacilityScheme, "Facility"));
  de.classifications.push_back(Code(id, vocab::kDePracticeSettingCode, o.practice_setting_code, kSnomed, "Practice"));
  de.classifications.push_back(Code(id, vocab::kDeTypeCode, o.type_code, kLoinc, "Type"));
  de.external_identifiers.push_back(ExternalId(id, vocab::kDePatientId, patient_id_, "XDSDocumentEntry.patientId"));
  de.external_identifiers.push_back(
      ExternalId(id, vocab::kDeUniqueId, o.unique_id.empty() ? NewOid() : o.unique_id, "XDSDocumentEntry.uniqueId"));
  request_.objects.push_back(std::move(de));
  AddAssociation(std::string(vocab::kHasMember), submission_set_id_, id, "Original");
  return id;
}

std::string SubmissionBuilder::AddFolder(const std::string& id, const std::string& code) {
  ihe::RegistryObject fd;
  fd.kind = ihe::ObjectKind::kRegistryPackage;
  fd.id = id;
  fd.has_name = true;
  fd.name = "Folder " + id;
  ihe::Classification label;
  label.id = "cl-fd-label-" + id;
  label.classification_node = vocab::kFolderNode;
  label.classified_object = id;
  fd.classifications.push_back(label);
  fd.classifications.push_back(Code(id, vocab::kFdCodeList, code, kSnomed, "Folder code"));
  fd.external_identifiers.push_back(ExternalId(id, vocab::kFdPatientId, patient_id_, "XDSFolder.patientId"));
  fd.external_identifiers.push_back(ExternalId(id, vocab::kFdUniqueId, NewOid(), "XDSFolder.uniqueId"));
  request_.objects.push_back(std::move(fd));
  AddAssociation(std::string(vocab::kHasMember), submission_set_id_, id);
  return id;
}

std::string SubmissionBuilder::AddAssociation(const std::string& type_urn, const std::string& source,
                                              const std::string& target, const std::string& ss_status) {
  ihe::RegistryObject a;
  a.kind = ihe::ObjectKind::kAssociation;
  a.id = "as" + std::to_string(next_association_++);
  a.association_type = type_urn;
  a.source_object = source;
  a.target_object = target;
  if (!ss_status.empty()) a.slots.push_back({"SubmissionSetStatus", {ss_status}});
  std::string id = a.id;
  bool folder_member = false;
  if (type_urn == vocab::kHasMember && source != submission_set_id_) {
    for (const auto& o : request_.objects)
      if (o.id == source && o.kind == ihe::ObjectKind::kRegistryPackage) folder_member = true;
    if (source.rfind("urn:uuid:", 0) == 0) folder_member = true;  // a registered folder
  }
  request_.objects.push_back(std::move(a));
  if (folder_member) AddAssociation(type_urn, submission_set_id_, id);
  return id;
}

std::string SubmissionBuilder::AddReference(const std::string& entry_uuid) {
  return AddAssociation(std::string(vocab::kHasMember), submission_set_id_, entry_uuid, "Reference");
}

std::string SubmissionBuilder::MemberAssociation(const std::string& member) const {
  for (const auto& o : request_.objects)
    if (o.kind == ihe::ObjectKind::kAssociation && o.source_object == submission_set_id_ && o.target_object == member)
      return o.id;
  return {};
}

std::string SubmissionBuilder::AddDocumentVersion(const std::string& id, const std::string& lid,
                                                  const std::string& previous_version, const DocumentOptions& options,
                                                  const std::string& propagation) {
  AddDocument(id, options);
  Object(id).lid = lid;
  ihe::RegistryObject& member = Object(MemberAssociation(id));
  member.slots.push_back({std::string(vocab::kSlotPreviousVersion), {previous_version}});
  if (!propagation.empty()) member.slots.push_back({std::string(vocab::kSlotAssociationPropagation), {propagation}});
  return id;
}

std::string SubmissionBuilder::AddFolderVersion(const std::string& id, const std::string& lid,
                                                const std::string& previous_version, const std::string& unique_id,
                                                const std::string& code, const std::string& propagation) {
  AddFolder(id, code);
  ihe::RegistryObject& folder = Object(id);
  folder.lid = lid;
  for (auto& x : folder.external_identifiers)
    if (x.identification_scheme == vocab::kFdUniqueId) x.value = unique_id;
  ihe::RegistryObject& member = Object(MemberAssociation(id));
  member.slots.push_back({std::string(vocab::kSlotPreviousVersion), {previous_version}});
  if (!propagation.empty()) member.slots.push_back({std::string(vocab::kSlotAssociationPropagation), {propagation}});
  return id;
}

std::string SubmissionBuilder::AddStatusUpdate(const std::string& target, std::string_view original_status,
                                               std::string_view new_status) {
  const std::string id = AddAssociation(std::string(vocab::kUpdateAvailabilityStatus), submission_set_id_, target);
  ihe::RegistryObject& a = Object(id);
  a.slots.push_back({std::string(vocab::kSlotOriginalStatus), {std::string(original_status)}});
  a.slots.push_back({std::string(vocab::kSlotNewStatus), {std::string(new_status)}});
  return id;
}

ihe::RegistryObject& SubmissionBuilder::Object(const std::string& id) {
  for (auto& o : request_.objects)
    if (o.id == id) return o;
  throw std::out_of_range("no object " + id);
}

ihe::SubmitObjectsRequest SubmissionBuilder::Build() const { return request_; }

std::string SubmissionBuilder::BuildXml() const {
  // Written from the builder's own request, not from a copy: the bench
  // builds one per submission on the cores the registry runs on.
  xml::XmlWriter w;
  ihe::WriteSubmitObjectsRequest(w, request_);
  return w.Take();
}

}  // namespace xds::testing

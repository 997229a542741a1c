#include "apps/cli/document_metadata.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::cli {
namespace {

struct Code {
  std::string code, scheme, display;
};

Result<Code> ParseCode(const std::string& text, const std::string& what) {
  size_t first = text.find('^');
  size_t second = first == std::string::npos ? std::string::npos : text.find('^', first + 1);
  if (first == std::string::npos || first == 0 || second == first + 1)
    return Status::InvalidArgument(what + " '" + text + "' is not code^codingScheme[^display]");
  Code c;
  c.code = text.substr(0, first);
  c.scheme = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  c.display = second == std::string::npos ? c.code : text.substr(second + 1);
  return c;
}

ihe::Classification Coded(const std::string& scheme_uuid, const std::string& object_id, const Code& c) {
  ihe::Classification k;
  k.id = NewUrnUuid();
  k.classification_scheme = scheme_uuid;
  k.classified_object = object_id;
  k.node_representation = c.code;
  k.name = c.display;
  k.slots.push_back({"codingScheme", {c.scheme}});
  return k;
}

ihe::ExternalIdentifier Identifier(const std::string& scheme_uuid, const std::string& object_id,
                                   const std::string& value, const std::string& name) {
  return {NewUrnUuid(), scheme_uuid, object_id, value, name, {}};
}

ihe::Classification Author(const std::string& scheme_uuid, const std::string& object_id, const SubmitOptions& o) {
  ihe::Classification k;
  k.id = NewUrnUuid();
  k.classification_scheme = scheme_uuid;
  k.classified_object = object_id;
  if (!o.author_person.empty()) k.slots.push_back({"authorPerson", {o.author_person}});
  if (!o.author_institution.empty()) k.slots.push_back({"authorInstitution", {o.author_institution}});
  return k;
}

std::string FileName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string MimeTypeOf(const std::string& path) {
  static const std::map<std::string, std::string> kByExtension = {
      {"pdf", "application/pdf"}, {"xml", "text/xml"},       {"txt", "text/plain"},  {"html", "text/html"},
      {"htm", "text/html"},       {"jpg", "image/jpeg"},     {"jpeg", "image/jpeg"}, {"png", "image/png"},
      {"tif", "image/tiff"},      {"tiff", "image/tiff"},    {"mp4", "video/mp4"},   {"dcm", "application/dicom"},
      {"rtf", "text/rtf"},        {"json", "application/json"}};
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || path.find('/', dot) != std::string::npos) return "application/octet-stream";
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  auto it = kByExtension.find(ext);
  return it == kByExtension.end() ? "application/octet-stream" : it->second;
}

Result<ihe::SubmitObjectsRequest> BuildSubmission(const SubmitOptions& o, std::vector<SubmittedFile>& files) {
  if (o.patient_id.empty()) return Status::InvalidArgument("a patient id (--patient) is required");
  std::map<std::string, Code> codes;
  for (const auto& [name, text] :
       std::vector<std::pair<std::string, std::string>>{{"class code", o.class_code},
                                                        {"type code", o.type_code},
                                                        {"format code", o.format_code},
                                                        {"facility type code", o.facility_type_code},
                                                        {"practice setting code", o.practice_setting_code},
                                                        {"confidentiality code", o.confidentiality_code},
                                                        {"content type code", o.content_type_code}}) {
    auto code = ParseCode(text, name);
    if (!code.ok()) return code.status();
    codes[name] = *code;
  }
  std::vector<Code> events;
  for (const std::string& e : o.event_codes) {
    auto code = ParseCode(e, "event code");
    if (!code.ok()) return code.status();
    events.push_back(*code);
  }
  std::string now = NowDtm();
  ihe::SubmitObjectsRequest request;

  ihe::RegistryObject ss;
  ss.kind = ihe::ObjectKind::kRegistryPackage;
  ss.id = "SubmissionSet01";
  ss.object_type = std::string(vocab::kObjectTypeRegistryPackage);
  ss.slots.push_back({"submissionTime", {now}});
  ihe::Classification label;
  label.id = NewUrnUuid();
  label.classified_object = ss.id;
  label.classification_node = std::string(vocab::kSubmissionSetNode);
  ss.classifications.push_back(label);
  if (!o.author_person.empty() || !o.author_institution.empty())
    ss.classifications.push_back(Author(std::string(vocab::kSsAuthor), ss.id, o));
  ss.classifications.push_back(Coded(std::string(vocab::kSsContentTypeCode), ss.id, codes["content type code"]));
  ss.external_identifiers.push_back(Identifier(std::string(vocab::kSsUniqueId), ss.id, NewUuidOid(),
                                               "XDSSubmissionSet.uniqueId"));
  ss.external_identifiers.push_back(
      Identifier(std::string(vocab::kSsSourceId), ss.id, o.source_id, "XDSSubmissionSet.sourceId"));
  ss.external_identifiers.push_back(
      Identifier(std::string(vocab::kSsPatientId), ss.id, o.patient_id, "XDSSubmissionSet.patientId"));

  std::vector<ihe::RegistryObject> associations;
  for (size_t i = 0; i < files.size(); ++i) {
    SubmittedFile& f = files[i];
    f.entry_id = "Document" + std::string(i < 9 ? "0" : "") + std::to_string(i + 1);
    f.unique_id = NewUuidOid();
    f.mime_type = o.mime_type.empty() ? MimeTypeOf(f.path) : o.mime_type;
    ihe::RegistryObject de;
    de.kind = ihe::ObjectKind::kExtrinsicObject;
    de.id = f.entry_id;
    de.object_type = std::string(vocab::kStableDocumentEntry);
    de.mime_type = f.mime_type;
    de.has_name = true;
    de.name = o.title.empty() ? FileName(f.path) : o.title;
    de.slots.push_back({"creationTime", {o.creation_time.empty() ? now : o.creation_time}});
    de.slots.push_back({"languageCode", {o.language}});
    de.slots.push_back({"sourcePatientId", {o.source_patient_id.empty() ? o.patient_id : o.source_patient_id}});
    if (!o.author_person.empty() || !o.author_institution.empty())
      de.classifications.push_back(Author(std::string(vocab::kDeAuthor), de.id, o));
    de.classifications.push_back(Coded(std::string(vocab::kDeClassCode), de.id, codes["class code"]));
    de.classifications.push_back(
        Coded(std::string(vocab::kDeConfidentialityCode), de.id, codes["confidentiality code"]));
    for (const Code& e : events) de.classifications.push_back(Coded(std::string(vocab::kDeEventCode), de.id, e));
    de.classifications.push_back(Coded(std::string(vocab::kDeFormatCode), de.id, codes["format code"]));
    de.classifications.push_back(
        Coded(std::string(vocab::kDeHealthcareFacilityTypeCode), de.id, codes["facility type code"]));
    de.classifications.push_back(
        Coded(std::string(vocab::kDePracticeSettingCode), de.id, codes["practice setting code"]));
    de.classifications.push_back(Coded(std::string(vocab::kDeTypeCode), de.id, codes["type code"]));
    de.external_identifiers.push_back(
        Identifier(std::string(vocab::kDePatientId), de.id, o.patient_id, "XDSDocumentEntry.patientId"));
    de.external_identifiers.push_back(
        Identifier(std::string(vocab::kDeUniqueId), de.id, f.unique_id, "XDSDocumentEntry.uniqueId"));
    request.objects.push_back(std::move(de));

    ihe::RegistryObject member;
    member.kind = ihe::ObjectKind::kAssociation;
    member.id = "HasMember" + std::to_string(i + 1);
    member.object_type = std::string(vocab::kObjectTypeAssociation);
    member.association_type = std::string(vocab::kHasMember);
    member.source_object = ss.id;
    member.target_object = f.entry_id;
    member.slots.push_back({std::string(vocab::kSlotSubmissionSetStatus), {"Original"}});
    associations.push_back(std::move(member));
  }
  if (!o.relation.empty() && !files.empty()) {
    static const std::map<std::string, std::string_view> kRelations = {
        {"RPLC", vocab::kRplc}, {"APND", vocab::kApnd}, {"XFRM", vocab::kXfrm}, {"XFRM_RPLC", vocab::kXfrmRplc}};
    auto type = kRelations.find(o.relation);
    if (type == kRelations.end())
      return Status::InvalidArgument("relation '" + o.relation + "' is not RPLC, APND, XFRM or XFRM_RPLC");
    if (o.related_entry_uuid.empty()) return Status::InvalidArgument("--" + o.relation + " needs the entryUUID to relate to");
    ihe::RegistryObject rel;
    rel.kind = ihe::ObjectKind::kAssociation;
    rel.id = "Relation1";
    rel.object_type = std::string(vocab::kObjectTypeAssociation);
    rel.association_type = std::string(type->second);
    rel.source_object = files.front().entry_id;
    rel.target_object = o.related_entry_uuid;
    associations.push_back(std::move(rel));
  }
  // Folder (ITI TF-3 4.2.1.3): a new one, or an existing one joined.
  std::string folder_id = o.existing_folder;
  if (!o.folder_title.empty()) {
    folder_id = "Folder01";
    ihe::RegistryObject fd;
    fd.kind = ihe::ObjectKind::kRegistryPackage;
    fd.id = folder_id;
    fd.object_type = std::string(vocab::kObjectTypeRegistryPackage);
    fd.has_name = true;
    fd.name = o.folder_title;
    ihe::Classification node;
    node.id = NewUrnUuid();
    node.classified_object = fd.id;
    node.classification_node = std::string(vocab::kFolderNode);
    fd.classifications.push_back(node);
    for (const std::string& text : o.folder_codes.empty() ? std::vector<std::string>{"General^1.3.6.1.4.1.21367.100.1^General"}
                                                          : o.folder_codes) {
      auto code = ParseCode(text, "folder code");
      if (!code.ok()) return code.status();
      fd.classifications.push_back(Coded(std::string(vocab::kFdCodeList), fd.id, *code));
    }
    fd.external_identifiers.push_back(
        Identifier(std::string(vocab::kFdPatientId), fd.id, o.patient_id, "XDSFolder.patientId"));
    fd.external_identifiers.push_back(
        Identifier(std::string(vocab::kFdUniqueId), fd.id, NewUuidOid(), "XDSFolder.uniqueId"));
    request.objects.push_back(std::move(fd));
    ihe::RegistryObject member;
    member.kind = ihe::ObjectKind::kAssociation;
    member.id = "HasMemberFolder";
    member.object_type = std::string(vocab::kObjectTypeAssociation);
    member.association_type = std::string(vocab::kHasMember);
    member.source_object = ss.id;
    member.target_object = folder_id;
    associations.push_back(std::move(member));
  }
  if (folder_id.empty() && !o.folder_members.empty())
    return Status::InvalidArgument("documents to put in a folder need a folder (--folder-title or --folder)");
  if (!folder_id.empty()) {
    std::vector<std::string> members = o.folder_members;
    for (const SubmittedFile& f : files) members.push_back(f.entry_id);
    for (size_t i = 0; i < members.size(); ++i) {
      // Folder HasMember entry, and the SubmissionSet's HasMember to that
      // association (ITI TF-3 4.2.2.1.2).
      ihe::RegistryObject in_folder;
      in_folder.kind = ihe::ObjectKind::kAssociation;
      in_folder.id = "FolderMember" + std::to_string(i + 1);
      in_folder.object_type = std::string(vocab::kObjectTypeAssociation);
      in_folder.association_type = std::string(vocab::kHasMember);
      in_folder.source_object = folder_id;
      in_folder.target_object = members[i];
      ihe::RegistryObject listed = in_folder;
      listed.id = "FolderMemberRef" + std::to_string(i + 1);
      listed.source_object = ss.id;
      listed.target_object = in_folder.id;
      associations.push_back(std::move(in_folder));
      associations.push_back(std::move(listed));
    }
  }
  if (files.empty() && folder_id.empty()) return Status::InvalidArgument("nothing to submit: no file and no folder");
  request.objects.push_back(std::move(ss));
  for (auto& a : associations) request.objects.push_back(std::move(a));
  return request;
}

}  // namespace xds::cli

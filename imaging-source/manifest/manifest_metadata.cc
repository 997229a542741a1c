#include "imaging-source/manifest/manifest_metadata.h"

#include <set>

#include "imaging-source/dicom/uid.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::imaging {
namespace {

constexpr char kSubmissionSetId[] = "SubmissionSet01";
constexpr char kDeAuthorScheme[] = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";

ihe::Classification Code(std::string_view scheme, const std::string& object, const ihe::CodedValue& code) {
  ihe::Classification c;
  c.id = NewUrnUuid();
  c.classification_scheme = std::string(scheme);
  c.classified_object = object;
  c.node_representation = code.code;
  c.name = code.display.empty() ? code.code : code.display;
  c.slots.push_back({"codingScheme", {code.scheme}});
  c.object_type = std::string(vocab::kObjectTypeClassification);
  return c;
}

ihe::ExternalIdentifier Identifier(std::string_view scheme, const std::string& object, std::string value,
                                   std::string name) {
  ihe::ExternalIdentifier e;
  e.id = NewUrnUuid();
  e.identification_scheme = std::string(scheme);
  e.registry_object = object;
  e.value = std::move(value);
  e.name = std::move(name);
  e.object_type = std::string(vocab::kObjectTypeExternalIdentifier);
  return e;
}

// DICOM DA + TM → XDS DTM (ITI TF-3 Table 4.2.3.1.7-2): YYYYMMDD[hhmm[ss]].
std::string Dtm(const std::string& date, const std::string& time) {
  std::string t = time.substr(0, time.find('.'));
  if (t.size() >= 6) t = t.substr(0, 6);
  else if (t.size() >= 4) t = t.substr(0, 4);
  else t.clear();
  return date.size() == 8 ? date + t : std::string();
}

bool IsOid(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos && s.front() != '.' &&
         s.back() != '.';
}

Status RequireCode(const ihe::CodedValue& c, const char* name) {
  if (c.code.empty() || c.scheme.empty())
    return Status::InvalidArgument(std::string("imaging_source.metadata: ") + name + " is not configured");
  return Status::Ok();
}

}  // namespace

Result<std::string> AffinityPatientId(const StudyInfo& study, const ManifestOptions& options) {
  if (study.patient_id.empty()) return Status::NotFound("the study has no Patient ID");
  auto hit = options.patient_id_map.find(study.issuer_of_patient_id + "|" + study.patient_id);
  if (hit == options.patient_id_map.end()) hit = options.patient_id_map.find(study.patient_id);
  if (hit != options.patient_id_map.end()) return hit->second;
  auto authority = options.issuer_authorities.find(study.issuer_of_patient_id);
  if (authority != options.issuer_authorities.end())
    return study.patient_id + "^^^&" + authority->second + "&ISO";
  return Status::NotFound("no affinity-domain patient id for '" + study.patient_id + "' (issuer '" +
                          study.issuer_of_patient_id + "')");
}

Result<ihe::SubmitObjectsRequest> BuildManifestSubmission(const ManifestInput& in, const ManifestOptions& o) {
  XDS_RETURN_IF_ERROR(RequireCode(o.class_code, "class_code"));
  XDS_RETURN_IF_ERROR(RequireCode(o.type_code, "type_code"));
  XDS_RETURN_IF_ERROR(RequireCode(o.confidentiality_code, "confidentiality_code"));
  XDS_RETURN_IF_ERROR(RequireCode(o.healthcare_facility_type_code, "healthcare_facility_type_code"));
  XDS_RETURN_IF_ERROR(RequireCode(o.practice_setting_code, "practice_setting_code"));
  XDS_RETURN_IF_ERROR(RequireCode(o.content_type_code, "content_type_code"));
  if (o.source_id.empty()) return Status::InvalidArgument("imaging_source.metadata: source_id is not configured");
  const StudyInfo& st = in.kos.study;
  auto patient = AffinityPatientId(st, o);
  if (!patient.ok()) return patient.status();
  const std::string now = NowDtm();

  ihe::RegistryObject de;
  de.kind = ihe::ObjectKind::kExtrinsicObject;
  de.id = in.entry_uuid.empty() ? std::string(kManifestDocumentId) : in.entry_uuid;
  de.object_type = std::string(vocab::kStableDocumentEntry);
  de.mime_type = "application/dicom";  // RAD TF-3 4.68.4.1.2.3 (xds-i.md §3)
  de.has_name = true;
  de.name = st.study_description.empty() ? "Imaging study manifest" : st.study_description;
  de.slots.push_back({"creationTime", {now}});
  if (std::string start = Dtm(st.study_date, st.study_time); !start.empty())
    de.slots.push_back({"serviceStartTime", {start}});
  de.slots.push_back({"languageCode", {o.language_code}});
  if (!in.kos_sha1.empty()) de.slots.push_back({"hash", {in.kos_sha1}});
  if (in.kos_size > 0) de.slots.push_back({"size", {std::to_string(in.kos_size)}});
  // The department's identity of the patient, as the images carry it.
  // Its assigning authority must be an OID (ITI TF-3 4.2.3.2.23, CX with
  // ISO universal id): the configured one, else the OID the issuer maps to,
  // else the issuer itself when it already is an OID.
  std::string local_authority = o.local_assigning_authority;
  if (local_authority.empty()) {
    auto mapped = o.issuer_authorities.find(st.issuer_of_patient_id);
    if (mapped != o.issuer_authorities.end()) local_authority = mapped->second;
    else if (IsOid(st.issuer_of_patient_id)) local_authority = st.issuer_of_patient_id;
  }
  if (local_authority.empty())
    return Status::InvalidArgument("no OID for the department's patient id issuer '" + st.issuer_of_patient_id +
                                   "': set imaging_source.metadata.local_assigning_authority or issuer_authorities");
  std::string source_patient = st.patient_id + "^^^&" + local_authority + "&ISO";
  de.slots.push_back({"sourcePatientId", {source_patient}});
  ihe::Slot info{"sourcePatientInfo", {"PID-3|" + source_patient}};
  if (!st.patient_name.empty()) info.values.push_back("PID-5|" + st.patient_name);
  if (!st.patient_birth_date.empty()) info.values.push_back("PID-7|" + st.patient_birth_date);
  if (!st.patient_sex.empty()) info.values.push_back("PID-8|" + st.patient_sex);
  de.slots.push_back(std::move(info));
  // referenceIdList (ITI TF-3 4.2.3.2.28, CXi): the study and the order.
  ihe::Slot refs{std::string(vocab::kSlotReferenceIdList), {}};
  refs.values.push_back(st.study_instance_uid + "^^^^" + kStudyUidIdType);
  if (!st.accession_number.empty())
    refs.values.push_back(st.accession_number + "^^^" +
                          (o.accession_issuer_oid.empty() ? "" : "&" + o.accession_issuer_oid + "&ISO") + "^" +
                          kAccessionIdType);
  de.slots.push_back(std::move(refs));

  if (!o.author_institution.empty()) {
    ihe::Classification author;
    author.id = NewUrnUuid();
    author.classification_scheme = kDeAuthorScheme;
    author.classified_object = de.id;
    author.slots.push_back({"authorInstitution", {o.author_institution}});
    author.object_type = std::string(vocab::kObjectTypeClassification);
    de.classifications.push_back(std::move(author));
  }
  de.classifications.push_back(Code(vocab::kDeClassCode, de.id, o.class_code));
  de.classifications.push_back(Code(vocab::kDeTypeCode, de.id, o.type_code));
  de.classifications.push_back(Code(vocab::kDeConfidentialityCode, de.id, o.confidentiality_code));
  // formatCode of the KOS manifest (xds-i.md §3; the legacy
  // urn:ihe:rad:... value is never emitted).
  de.classifications.push_back(Code(vocab::kDeFormatCode, de.id,
                                    {kKosSopClassUid, kKosFormatScheme, "Key Object Selection Document"}));
  de.classifications.push_back(Code(vocab::kDeHealthcareFacilityTypeCode, de.id, o.healthcare_facility_type_code));
  de.classifications.push_back(Code(vocab::kDePracticeSettingCode, de.id, o.practice_setting_code));
  // eventCodeList: acquisition modalities (DCM, CID 29) and anatomic regions.
  std::set<std::string> seen;
  for (const auto& m : in.modalities)
    if (!m.empty() && m != "KO" && seen.insert("M" + m).second)
      de.classifications.push_back(Code(vocab::kDeEventCode, de.id, {m, "DCM", m}));
  for (const auto& b : in.body_parts) {
    auto region = o.anatomic_regions.find(b);
    if (region != o.anatomic_regions.end() && seen.insert("B" + b).second)
      de.classifications.push_back(Code(vocab::kDeEventCode, de.id, region->second));
  }
  de.external_identifiers.push_back(Identifier(vocab::kDePatientId, de.id, *patient, "XDSDocumentEntry.patientId"));
  // DocumentEntry.uniqueId = the KOS SOP Instance UID (xds-i.md §2).
  de.external_identifiers.push_back(
      Identifier(vocab::kDeUniqueId, de.id, in.kos.sop_instance_uid, "XDSDocumentEntry.uniqueId"));

  ihe::RegistryObject ss;
  ss.kind = ihe::ObjectKind::kRegistryPackage;
  ss.id = kSubmissionSetId;
  ss.object_type = std::string(vocab::kObjectTypeRegistryPackage);
  ss.has_name = true;
  ss.name = "Imaging manifest submission";
  ss.slots.push_back({"submissionTime", {now}});
  ihe::Classification label;
  label.id = NewUrnUuid();
  label.classified_object = ss.id;
  label.classification_node = std::string(vocab::kSubmissionSetNode);
  label.object_type = std::string(vocab::kObjectTypeClassification);
  ss.classifications.push_back(std::move(label));
  if (!o.author_institution.empty()) {
    ihe::Classification author;
    author.id = NewUrnUuid();
    author.classification_scheme = std::string(vocab::kSsAuthor);
    author.classified_object = ss.id;
    author.slots.push_back({"authorInstitution", {o.author_institution}});
    author.object_type = std::string(vocab::kObjectTypeClassification);
    ss.classifications.push_back(std::move(author));
  }
  ss.classifications.push_back(Code(vocab::kSsContentTypeCode, ss.id, o.content_type_code));
  ss.external_identifiers.push_back(Identifier(vocab::kSsPatientId, ss.id, *patient, "XDSSubmissionSet.patientId"));
  ss.external_identifiers.push_back(Identifier(vocab::kSsSourceId, ss.id, o.source_id, "XDSSubmissionSet.sourceId"));
  ss.external_identifiers.push_back(
      Identifier(vocab::kSsUniqueId, ss.id, NewDicomUid(o.uid_root), "XDSSubmissionSet.uniqueId"));

  ihe::RegistryObject member;
  member.kind = ihe::ObjectKind::kAssociation;
  member.id = "HasMember01";
  member.object_type = std::string(vocab::kObjectTypeAssociation);
  member.association_type = std::string(vocab::kHasMember);
  member.source_object = ss.id;
  member.target_object = de.id;
  member.slots.push_back({std::string(vocab::kSlotSubmissionSetStatus), {"Original"}});

  const std::string de_id = de.id;
  ihe::SubmitObjectsRequest request;
  request.objects.push_back(std::move(ss));
  request.objects.push_back(std::move(de));
  request.objects.push_back(std::move(member));
  if (!in.replaces_entry_uuid.empty()) {
    // A study that gained series: the new manifest replaces the old one
    // (RPLC, ITI TF-3 4.2.2.2.3; xds-i.md §3 lifecycle).
    ihe::RegistryObject rplc;
    rplc.kind = ihe::ObjectKind::kAssociation;
    rplc.id = "Rplc01";
    rplc.object_type = std::string(vocab::kObjectTypeAssociation);
    rplc.association_type = std::string(vocab::kRplc);
    rplc.source_object = de_id;
    rplc.target_object = in.replaces_entry_uuid;
    request.objects.push_back(std::move(rplc));
  }
  return request;
}

}  // namespace xds::imaging

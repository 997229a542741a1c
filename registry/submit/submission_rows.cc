#include "registry/submit/submission_rows.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {
namespace {

std::optional<ihe::CodedValue> FirstCode(const ihe::RegistryObject& o, std::string_view scheme) {
  auto codes = ihe::CodesOf(o, scheme);
  if (codes.empty()) return std::nullopt;
  return codes.front();
}

std::string PaddedSlot(const ihe::RegistryObject& o, std::string_view name) {
  std::string v = o.SlotValue(name);
  return v.empty() ? v : PadDtm(v);
}

// RegistryObject::version_name as stored; the registry assigns it ("1" for a
// first version, the next number for a Metadata Update), so it is numeric.
int64_t VersionOf(const ihe::RegistryObject& o) {
  int64_t v = 1;
  const std::string& text = o.version_name;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  return ec == std::errc() && end == text.data() + text.size() && v > 0 ? v : 1;
}

}  // namespace

std::string StoredBody(const ihe::RegistryObject& object) {
  xml::XmlWriter w;
  ihe::WriteRegistryObject(w, object, ihe::RegistryObjectWriteOptions{/*declare_namespaces=*/true,
                                                                      /*omit_status=*/true});
  return w.Take();
}

DocumentEntryRow DocumentEntryRowOf(const ihe::RegistryObject& e) {
  DocumentEntryRow row;
  row.entry_uuid = e.id;
  row.lid = e.lid;
  row.version = VersionOf(e);
  row.body = StoredBody(e);
  row.patient_id = ihe::PatientIdOf(e);
  row.on_demand = e.object_type == vocab::kOnDemandDocumentEntry;
  row.unique_id = ihe::UniqueIdOf(e);
  row.class_code = FirstCode(e, vocab::kDeClassCode);
  row.type_code = FirstCode(e, vocab::kDeTypeCode);
  row.practice_setting_code = FirstCode(e, vocab::kDePracticeSettingCode);
  row.healthcare_facility_type_code = FirstCode(e, vocab::kDeHealthcareFacilityTypeCode);
  row.format_code = FirstCode(e, vocab::kDeFormatCode);
  row.event_codes = ihe::CodesOf(e, vocab::kDeEventCode);
  row.confidentiality_codes = ihe::CodesOf(e, vocab::kDeConfidentialityCode);
  row.creation_time = PaddedSlot(e, "creationTime");
  row.service_start_time = PaddedSlot(e, "serviceStartTime");
  row.service_stop_time = PaddedSlot(e, "serviceStopTime");
  row.hash = e.SlotValue("hash");
  std::transform(row.hash.begin(), row.hash.end(), row.hash.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  // Validated beforehand as a non-negative 64-bit integer; -1 means absent.
  std::string size = e.SlotValue("size");
  row.size = -1;
  std::from_chars(size.data(), size.data() + size.size(), row.size);
  row.repository_unique_id = e.SlotValue("repositoryUniqueId");
  row.mime_type = e.mime_type;
  row.offline = e.SlotValue(vocab::kSlotDocumentAvailability) == vocab::kDocumentAvailabilityOffline;
  row.author_persons = ihe::AuthorPersons(e, vocab::kDeAuthor);
  if (const ihe::Slot* refs = e.FindSlot(vocab::kSlotReferenceIdList)) row.reference_ids = refs->values;
  return row;
}

SubmissionSetRow SubmissionSetRowOf(const ihe::RegistryObject& s) {
  SubmissionSetRow row;
  row.entry_uuid = s.id;
  row.lid = s.lid;
  row.version = VersionOf(s);
  row.body = StoredBody(s);
  row.patient_id = ihe::PatientIdOf(s);
  row.unique_id = ihe::UniqueIdOf(s);
  row.source_id = s.ExternalIdentifierValue(vocab::kSsSourceId);
  row.submission_time = PaddedSlot(s, "submissionTime");
  row.content_type_code = FirstCode(s, vocab::kSsContentTypeCode);
  row.author_persons = ihe::AuthorPersons(s, vocab::kSsAuthor);
  return row;
}

FolderRow FolderRowOf(const ihe::RegistryObject& f, const std::string& now) {
  ihe::RegistryObject copy = f;
  copy.SetSlot("lastUpdateTime", now);
  FolderRow row;
  row.entry_uuid = f.id;
  row.lid = f.lid;
  row.version = VersionOf(f);
  row.body = StoredBody(copy);
  row.patient_id = ihe::PatientIdOf(f);
  row.unique_id = ihe::UniqueIdOf(f);
  row.last_update_time = now;
  row.codes = ihe::CodesOf(f, vocab::kFdCodeList);
  return row;
}

AssociationRow AssociationRowOf(const ihe::RegistryObject& a) {
  AssociationRow row;
  row.entry_uuid = a.id;
  row.lid = a.lid;
  row.version = VersionOf(a);
  row.body = StoredBody(a);
  row.kind = AssociationKindOf(a.association_type);
  row.source_uuid = a.source_object;
  row.target_uuid = a.target_object;
  return row;
}

}  // namespace xds::registry

#include "tests/registry/query/query_fixture.h"

#include <atomic>
#include <cstdio>

#include "registry/submit/submission_rows.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

ihe::Classification CodeClassification(const std::string& object_id, std::string_view scheme,
                                       const ihe::CodedValue& code, int n) {
  ihe::Classification c;
  c.id = object_id + "-cl" + std::to_string(n);
  c.classification_scheme = scheme;
  c.classified_object = object_id;
  c.node_representation = code.code;
  c.name = "display " + code.code;
  c.slots.push_back({"codingScheme", {code.scheme}});
  return c;
}

ihe::Classification Author(const std::string& object_id, std::string_view scheme,
                           const std::string& person, int n) {
  ihe::Classification c;
  c.id = object_id + "-au" + std::to_string(n);
  c.classification_scheme = scheme;
  c.classified_object = object_id;
  c.slots.push_back({"authorPerson", {person}});
  return c;
}

ihe::Classification Label(const std::string& object_id, std::string_view node) {
  ihe::Classification c;
  c.id = object_id + "-label";
  c.classification_node = node;
  c.classified_object = object_id;
  return c;
}

ihe::ExternalIdentifier ExternalId(const std::string& object_id, std::string_view scheme,
                                   const std::string& value, const std::string& name) {
  ihe::ExternalIdentifier x;
  x.id = object_id + "-ei-" + name;
  x.identification_scheme = scheme;
  x.registry_object = object_id;
  x.value = value;
  x.name = name;
  return x;
}

}  // namespace


ihe::CodedValue Code(std::string code, std::string scheme) {
  return ihe::CodedValue{std::move(code), std::move(scheme), {}};
}

Query::Query(std::string query_id, std::string return_type) {
  request_.query_id = std::move(query_id);
  request_.return_type = std::move(return_type);
}

Query& Query::P(std::string name, std::string value) {
  request_.parameters.push_back(ihe::Slot{std::move(name), {std::move(value)}});
  return *this;
}

Query& Query::P(std::string name, std::vector<std::string> values) {
  request_.parameters.push_back(ihe::Slot{std::move(name), std::move(values)});
  return *this;
}

Query& Query::Home(std::string home) {
  request_.home = std::move(home);
  return *this;
}

void StoredQueryTest::SetUp() {
  auto store = SqliteRegistryStore::Open(dir_.File("registry.db"));
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(*store);
  AddPatient(kPatient1);
  AddPatient(kPatient2);
  AddPatient(kPatient3);
}

void StoredQueryTest::Write(const std::function<Status(WriteTxn&)>& fn) {
  Status s = store_->ReadWrite(fn);
  ASSERT_TRUE(s.ok()) << s.ToString();
}

std::string StoredQueryTest::NewUuid() {
  static std::atomic<int> counter{0};
  char buf[64];
  std::snprintf(buf, sizeof buf, "urn:uuid:00000000-0000-4000-8000-%012d", ++counter);
  return buf;
}

std::string StoredQueryTest::NewOid() {
  static std::atomic<int> counter{0};
  return "1.2.3.4.5." + std::to_string(++counter);
}

void StoredQueryTest::AddPatient(const std::string& patient_id) {
  Write([&](WriteTxn& txn) { return txn.UpsertPatient(PatientRecord{patient_id, "Doe", "Jo", "", ""}); });
}

void StoredQueryTest::Merge(const std::string& surviving, const std::string& subsumed) {
  Write([&](WriteTxn& txn) { return txn.MergePatient(surviving, subsumed); });
}

std::string StoredQueryTest::AddDocument(DocSpec spec) {
  if (spec.uuid.empty()) spec.uuid = NewUuid();
  if (spec.unique_id.empty()) spec.unique_id = NewOid();
  const std::string& id = spec.uuid;
  ihe::RegistryObject o;
  o.kind = ihe::ObjectKind::kExtrinsicObject;
  o.id = id;
  o.mime_type = "text/plain";
  o.object_type = spec.on_demand ? vocab::kOnDemandDocumentEntry : vocab::kStableDocumentEntry;
  if (!spec.creation_time.empty()) o.slots.push_back({"creationTime", {spec.creation_time}});
  if (!spec.service_start_time.empty()) o.slots.push_back({"serviceStartTime", {spec.service_start_time}});
  if (!spec.service_stop_time.empty()) o.slots.push_back({"serviceStopTime", {spec.service_stop_time}});
  if (!spec.reference_ids.empty()) o.slots.push_back({std::string(vocab::kSlotReferenceIdList), spec.reference_ids});
  o.has_name = true;
  o.name = "Document " + id;
  int n = 0;
  auto add_code = [&](std::string_view scheme, const std::optional<ihe::CodedValue>& c) {
    if (c) o.classifications.push_back(CodeClassification(id, scheme, *c, ++n));
  };
  add_code(vocab::kDeClassCode, spec.class_code);
  add_code(vocab::kDeTypeCode, spec.type_code);
  add_code(vocab::kDePracticeSettingCode, spec.practice_setting_code);
  add_code(vocab::kDeHealthcareFacilityTypeCode, spec.healthcare_facility_type_code);
  add_code(vocab::kDeFormatCode, spec.format_code);
  for (const auto& c : spec.event_codes) add_code(vocab::kDeEventCode, c);
  for (const auto& c : spec.confidentiality_codes) add_code(vocab::kDeConfidentialityCode, c);
  for (const auto& a : spec.authors) o.classifications.push_back(Author(id, vocab::kDeAuthor, a, ++n));
  o.external_identifiers.push_back(ExternalId(id, vocab::kDePatientId, spec.patient, "XDSDocumentEntry.patientId"));
  o.external_identifiers.push_back(ExternalId(id, vocab::kDeUniqueId, spec.unique_id, "XDSDocumentEntry.uniqueId"));

  // The same mapping the registry uses for ITI-42 (registry/submit/submission_rows.h).
  const DocumentEntryRow row = DocumentEntryRowOf(o);
  Write([&](WriteTxn& txn) { return txn.InsertDocumentEntry(row); });
  return id;
}

std::string StoredQueryTest::AddSubmissionSet(SubmissionSetSpec spec) {
  if (spec.uuid.empty()) spec.uuid = NewUuid();
  if (spec.unique_id.empty()) spec.unique_id = NewOid();
  const std::string& id = spec.uuid;
  ihe::RegistryObject o;
  o.kind = ihe::ObjectKind::kRegistryPackage;
  o.id = id;
  if (!spec.submission_time.empty()) o.slots.push_back({"submissionTime", {spec.submission_time}});
  o.classifications.push_back(Label(id, vocab::kSubmissionSetNode));
  int n = 0;
  for (const auto& a : spec.authors) o.classifications.push_back(Author(id, vocab::kSsAuthor, a, ++n));
  if (spec.content_type_code)
    o.classifications.push_back(CodeClassification(id, vocab::kSsContentTypeCode, *spec.content_type_code, ++n));
  o.external_identifiers.push_back(ExternalId(id, vocab::kSsPatientId, spec.patient, "XDSSubmissionSet.patientId"));
  o.external_identifiers.push_back(ExternalId(id, vocab::kSsUniqueId, spec.unique_id, "XDSSubmissionSet.uniqueId"));
  o.external_identifiers.push_back(ExternalId(id, vocab::kSsSourceId, spec.source_id, "XDSSubmissionSet.sourceId"));

  const SubmissionSetRow row = SubmissionSetRowOf(o);
  Write([&](WriteTxn& txn) { return txn.InsertSubmissionSet(row); });
  return id;
}

std::string StoredQueryTest::AddFolder(FolderSpec spec) {
  if (spec.uuid.empty()) spec.uuid = NewUuid();
  if (spec.unique_id.empty()) spec.unique_id = NewOid();
  const std::string& id = spec.uuid;
  ihe::RegistryObject o;
  o.kind = ihe::ObjectKind::kRegistryPackage;
  o.id = id;
  o.slots.push_back({"lastUpdateTime", {spec.last_update_time}});
  o.has_name = true;
  o.name = "Folder " + id;
  o.classifications.push_back(Label(id, vocab::kFolderNode));
  int n = 0;
  for (const auto& c : spec.codes) o.classifications.push_back(CodeClassification(id, vocab::kFdCodeList, c, ++n));
  o.external_identifiers.push_back(ExternalId(id, vocab::kFdPatientId, spec.patient, "XDSFolder.patientId"));
  o.external_identifiers.push_back(ExternalId(id, vocab::kFdUniqueId, spec.unique_id, "XDSFolder.uniqueId"));

  const FolderRow row = FolderRowOf(o, PadDtm(spec.last_update_time));
  Write([&](WriteTxn& txn) { return txn.InsertFolder(row); });
  return id;
}

std::string StoredQueryTest::AddAssociation(std::string_view type_urn, const std::string& source,
                                            const std::string& target) {
  ihe::RegistryObject o;
  o.kind = ihe::ObjectKind::kAssociation;
  o.id = NewUuid();
  o.object_type = vocab::kObjectTypeAssociation;
  o.association_type = type_urn;
  o.source_object = source;
  o.target_object = target;
  if (type_urn == vocab::kHasMember) o.slots.push_back({"SubmissionSetStatus", {"Original"}});
  const AssociationRow row = AssociationRowOf(o);
  Write([&](WriteTxn& txn) { return txn.InsertAssociation(row); });
  return o.id;
}

void StoredQueryTest::Deprecate(const std::string& uuid) {
  Write([&](WriteTxn& txn) { return txn.SetAvailability(uuid, Availability::kDeprecated); });
}

void StoredQueryTest::SetFolderLastUpdateTime(const std::string& uuid, const std::string& dtm) {
  Write([&](WriteTxn& txn) { return txn.SetFolderLastUpdateTime(uuid, dtm); });
}

QueryOutcome StoredQueryTest::Run(const ihe::AdhocQueryRequest& request) {
  return RunStoredQuery(*store_, request, options_);
}

std::set<std::string> StoredQueryTest::Ids(const QueryOutcome& outcome) {
  std::set<std::string> out(outcome.object_refs.begin(), outcome.object_refs.end());
  for (const auto& o : outcome.objects) out.insert(o.id);
  return out;
}

std::vector<std::string> StoredQueryTest::ErrorCodes(const QueryOutcome& outcome) {
  std::vector<std::string> out;
  for (const auto& e : outcome.errors) out.push_back(e.error_code);
  return out;
}

}  // namespace xds::registry::testing

#include "conformance/suite/metadata_template.h"

#include <algorithm>

#include "wire/base/digest.h"
#include "wire/base/ids.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/query_values.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/xml/xml_writer.h"

namespace xds::conformance {
namespace {

ihe::Classification Coded(std::string_view scheme, const std::string& object_id, const std::string& text) {
  size_t hat = text.find('^');
  ihe::Classification k;
  k.id = NewUrnUuid();
  k.classification_scheme = std::string(scheme);
  k.classified_object = object_id;
  k.node_representation = text.substr(0, hat);
  k.name = k.node_representation;
  k.slots.push_back({"codingScheme", {hat == std::string::npos ? "" : text.substr(hat + 1)}});
  return k;
}

ihe::ExternalIdentifier Identifier(std::string_view scheme, const std::string& object_id, const std::string& value,
                                   const std::string& name) {
  return {NewUrnUuid(), std::string(scheme), object_id, value, name, {}};
}

ihe::RegistryObject HasMember(const std::string& id, const std::string& source, const std::string& target,
                              const std::string& status) {
  ihe::RegistryObject a;
  a.kind = ihe::ObjectKind::kAssociation;
  a.id = id;
  a.object_type = std::string(vocab::kObjectTypeAssociation);
  a.association_type = std::string(vocab::kHasMember);
  a.source_object = source;
  a.target_object = target;
  if (!status.empty()) a.slots.push_back({std::string(vocab::kSlotSubmissionSetStatus), {status}});
  return a;
}

}  // namespace

std::string RepositoryIdOf(CaseContext& ctx) {
  return ctx.endpoints().repository_unique_id.empty() ? "1.3.6.1.4.1.21367.2017.3.999"
                                                       : ctx.endpoints().repository_unique_id;
}

SubmissionBuilder::SubmissionBuilder(CaseContext& ctx, std::string ss_label)
    : ctx_(ctx), ss_label_(std::move(ss_label)) {
  ihe::RegistryObject ss;
  ss.kind = ihe::ObjectKind::kRegistryPackage;
  ss.id = ctx_.Id(ss_label_);
  ss.object_type = std::string(vocab::kObjectTypeRegistryPackage);
  ss.slots.push_back({"submissionTime", {NowDtm()}});
  ihe::Classification label;
  label.id = NewUrnUuid();
  label.classified_object = ss.id;
  label.classification_node = std::string(vocab::kSubmissionSetNode);
  ss.classifications.push_back(label);
  ihe::Classification author;
  author.id = NewUrnUuid();
  author.classification_scheme = std::string(vocab::kSsAuthor);
  author.classified_object = ss.id;
  author.slots.push_back({"authorPerson", {"^Welby^Marcus^^^Dr^^^&1.3.6.1.4.1.21367.13.20.3000&ISO"}});
  ss.classifications.push_back(author);
  ss.classifications.push_back(Coded(vocab::kSsContentTypeCode, ss.id, "18748-4^2.16.840.1.113883.6.1"));
  ss.external_identifiers.push_back(
      Identifier(vocab::kSsUniqueId, ss.id, ctx_.Uid(ss_label_), "XDSSubmissionSet.uniqueId"));
  ss.external_identifiers.push_back(
      Identifier(vocab::kSsSourceId, ss.id, "1.3.6.1.4.1.21367.13.80.99", "XDSSubmissionSet.sourceId"));
  ss.external_identifiers.push_back(
      Identifier(vocab::kSsPatientId, ss.id, ctx_.patient(), "XDSSubmissionSet.patientId"));
  request_.objects.push_back(std::move(ss));
}

ihe::RegistryObject& SubmissionBuilder::Document(DocumentSpec spec) {
  std::string id = ctx_.Id(spec.label);
  std::string patient = spec.patient.empty() ? ctx_.patient() : spec.patient;
  std::string content = spec.content.empty() ? "Conformance document " + spec.label + " " + id + "\n" : spec.content;
  ctx_.contents()[spec.label] = content;
  ihe::RegistryObject de;
  de.kind = ihe::ObjectKind::kExtrinsicObject;
  de.id = id;
  de.object_type = std::string(spec.on_demand ? vocab::kOnDemandDocumentEntry : vocab::kStableDocumentEntry);
  de.mime_type = spec.mime_type;
  de.has_name = true;
  de.name = "Conformance " + spec.label;
  if (!spec.on_demand) de.slots.push_back({"creationTime", {spec.creation_time}});
  de.slots.push_back({"languageCode", {"en-US"}});
  de.slots.push_back({"sourcePatientId", {patient}});
  if (!spec.service_start.empty()) de.slots.push_back({"serviceStartTime", {spec.service_start}});
  if (!spec.service_stop.empty()) de.slots.push_back({"serviceStopTime", {spec.service_stop}});
  if (spec.repository_fields && !spec.on_demand) {
    de.slots.push_back({"hash", {Sha1::HexOf(content)}});
    de.slots.push_back({"size", {std::to_string(content.size())}});
  }
  if (spec.repository_fields) de.slots.push_back({"repositoryUniqueId", {RepositoryIdOf(ctx_)}});
  if (!spec.reference_ids.empty()) de.slots.push_back({std::string(vocab::kSlotReferenceIdList), spec.reference_ids});
  ihe::Classification author;
  author.id = NewUrnUuid();
  author.classification_scheme = std::string(vocab::kDeAuthor);
  author.classified_object = id;
  author.slots.push_back({"authorPerson", {spec.author_person}});
  de.classifications.push_back(author);
  de.classifications.push_back(Coded(vocab::kDeClassCode, id, spec.class_code));
  for (const auto& c : spec.confidentiality) de.classifications.push_back(Coded(vocab::kDeConfidentialityCode, id, c));
  for (const auto& c : spec.event_codes) de.classifications.push_back(Coded(vocab::kDeEventCode, id, c));
  de.classifications.push_back(Coded(vocab::kDeFormatCode, id, spec.format_code));
  de.classifications.push_back(Coded(vocab::kDeHealthcareFacilityTypeCode, id, spec.facility_code));
  de.classifications.push_back(Coded(vocab::kDePracticeSettingCode, id, spec.practice_code));
  de.classifications.push_back(Coded(vocab::kDeTypeCode, id, spec.type_code));
  de.external_identifiers.push_back(Identifier(vocab::kDePatientId, id, patient, "XDSDocumentEntry.patientId"));
  de.external_identifiers.push_back(
      Identifier(vocab::kDeUniqueId, id, ctx_.Uid(spec.label), "XDSDocumentEntry.uniqueId"));
  document_labels_.push_back(spec.label);
  request_.objects.push_back(std::move(de));
  request_.objects.push_back(HasMember(ctx_.Id(ss_label_ + ">" + spec.label), ctx_.Id(ss_label_), id, "Original"));
  return Get(spec.label);
}

ihe::RegistryObject& SubmissionBuilder::Folder(const std::string& label, std::vector<std::string> codes,
                                               const std::string& patient) {
  std::string id = ctx_.Id(label);
  ihe::RegistryObject fd;
  fd.kind = ihe::ObjectKind::kRegistryPackage;
  fd.id = id;
  fd.object_type = std::string(vocab::kObjectTypeRegistryPackage);
  fd.has_name = true;
  fd.name = "Conformance folder " + label;
  ihe::Classification node;
  node.id = NewUrnUuid();
  node.classified_object = id;
  node.classification_node = std::string(vocab::kFolderNode);
  fd.classifications.push_back(node);
  for (const auto& c : codes) fd.classifications.push_back(Coded(vocab::kFdCodeList, id, c));
  fd.external_identifiers.push_back(
      Identifier(vocab::kFdPatientId, id, patient.empty() ? ctx_.patient() : patient, "XDSFolder.patientId"));
  fd.external_identifiers.push_back(Identifier(vocab::kFdUniqueId, id, ctx_.Uid(label), "XDSFolder.uniqueId"));
  request_.objects.push_back(std::move(fd));
  request_.objects.push_back(HasMember(ctx_.Id(ss_label_ + ">" + label), ctx_.Id(ss_label_), id, ""));
  return Get(label);
}

void SubmissionBuilder::FolderMember(const std::string& folder_label, const std::string& document_label) {
  std::string link = folder_label + ">" + document_label;
  request_.objects.push_back(HasMember(ctx_.Id(link), ctx_.Id(folder_label), ctx_.Id(document_label), ""));
  request_.objects.push_back(HasMember(ctx_.Id(ss_label_ + ">" + link), ctx_.Id(ss_label_), ctx_.Id(link), ""));
}

ihe::RegistryObject& SubmissionBuilder::Reference(const std::string& document_label) {
  std::string label = ss_label_ + ">" + document_label;
  request_.objects.push_back(HasMember(ctx_.Id(label), ctx_.Id(ss_label_), ctx_.Id(document_label), "Reference"));
  return Get(label);
}

ihe::RegistryObject& SubmissionBuilder::Associate(const std::string& label, std::string_view type,
                                                  const std::string& source_label, const std::string& target_label) {
  ihe::RegistryObject a = HasMember(ctx_.Id(label), ctx_.Id(source_label), ctx_.Id(target_label), "");
  a.association_type = std::string(type);
  request_.objects.push_back(std::move(a));
  return Get(label);
}

ihe::RegistryObject& SubmissionBuilder::DocumentVersion(const std::string& label, const std::string& of,
                                                        const std::string& previous_version) {
  // What a new version may not change (uniqueId, hash, size) is repeated.
  ctx_.SetUid(label, ctx_.Uid(of));
  DocumentSpec spec;
  spec.label = label;
  spec.content = ctx_.contents()[of];
  spec.class_code = "CORRECTED^1.3.6.1.4.1.19376.1.2.6.1";
  ihe::RegistryObject& de = Document(std::move(spec));
  de.lid = ctx_.Id(of);
  SetSlot(Get(ss_label_ + ">" + label), vocab::kSlotPreviousVersion, {previous_version});
  return Get(label);
}

ihe::RegistryObject& SubmissionBuilder::StatusChange(const std::string& label, const std::string& target,
                                                     const std::string& from, const std::string& to) {
  ihe::RegistryObject a = HasMember(ctx_.Id(label), ctx_.Id(ss_label_), ctx_.Id(target), "");
  a.association_type = std::string(vocab::kUpdateAvailabilityStatus);
  a.slots.push_back({std::string(vocab::kSlotOriginalStatus), {"urn:oasis:names:tc:ebxml-regrep:StatusType:" + from}});
  a.slots.push_back({std::string(vocab::kSlotNewStatus), {"urn:oasis:names:tc:ebxml-regrep:StatusType:" + to}});
  request_.objects.push_back(std::move(a));
  return Get(label);
}

ihe::RegistryObject& SubmissionBuilder::Get(const std::string& label) {
  std::string id = ctx_.Id(label);
  for (auto& o : request_.objects)
    if (o.id == id) return o;
  return request_.objects.front();  // a catalogue bug; the request then shows it
}

Request SubmissionBuilder::Iti42() const {
  xml::XmlWriter w;
  ihe::WriteSubmitObjectsRequest(w, request_);
  return {Transaction::kIti42, w.Take(), {}, {}};
}

Request SubmissionBuilder::Iti57() const {
  Request r = Iti42();
  r.transaction = Transaction::kIti57;
  return r;
}

Request SubmissionBuilder::Iti41(bool inline_documents) const {
  Request r;
  r.transaction = Transaction::kIti41;
  std::vector<ihe::ProvidedDocument> documents;
  for (const std::string& label : document_labels_) {
    ihe::ProvidedDocument d;
    d.id = ctx_.Id(label);
    const std::string& bytes = ctx_.contents()[label];
    if (inline_documents) {
      d.is_inline = true;
      d.inline_bytes = bytes;
    } else {
      d.content_id = label + "@conformance";
      std::string mime = "application/octet-stream";
      for (const auto& o : request_.objects)
        if (o.id == d.id) mime = o.mime_type;
      r.attachments.push_back({d.content_id, mime, bytes});
    }
    documents.push_back(std::move(d));
  }
  xml::XmlWriter w;
  ihe::WriteProvideAndRegisterRequest(w, request_, documents);
  r.body_xml = w.Take();
  return r;
}

void RemoveSlot(ihe::RegistryObject& o, std::string_view name) {
  std::erase_if(o.slots, [&](const ihe::Slot& s) { return s.name == name; });
}

void SetSlot(ihe::RegistryObject& o, std::string_view name, std::vector<std::string> values) {
  RemoveSlot(o, name);
  o.slots.push_back({std::string(name), std::move(values)});
}

void RemoveCodes(ihe::RegistryObject& o, std::string_view scheme) {
  std::erase_if(o.classifications, [&](const ihe::Classification& c) { return c.classification_scheme == scheme; });
}

void AddCode(ihe::RegistryObject& o, std::string_view scheme, const std::string& code_and_scheme) {
  o.classifications.push_back(Coded(scheme, o.id, code_and_scheme));
}

void RemoveIdentifier(ihe::RegistryObject& o, std::string_view scheme) {
  std::erase_if(o.external_identifiers,
                [&](const ihe::ExternalIdentifier& e) { return e.identification_scheme == scheme; });
}

void SetIdentifier(ihe::RegistryObject& o, std::string_view scheme, const std::string& value) {
  for (auto& e : o.external_identifiers)
    if (e.identification_scheme == scheme) e.value = value;
}

QueryBuilder::QueryBuilder(std::string query_id, std::string return_type) {
  query_.query_id = std::move(query_id);
  query_.return_type = std::move(return_type);
}

QueryBuilder& QueryBuilder::Raw(const std::string& name, const std::string& value_text) {
  query_.parameters.push_back({name, {value_text}});
  return *this;
}

QueryBuilder& QueryBuilder::Quoted(const std::string& name, const std::string& value) {
  return Raw(name, ihe::QuotedQueryValue(value));
}

QueryBuilder& QueryBuilder::List(const std::string& name, const std::vector<std::string>& values) {
  return Raw(name, ihe::QuotedQueryList(values));
}

QueryBuilder& QueryBuilder::Status(const std::string& name, const std::vector<std::string>& statuses) {
  std::vector<std::string> urns;
  for (const auto& s : statuses) urns.push_back("urn:oasis:names:tc:ebxml-regrep:StatusType:" + s);
  return List(name, urns);
}

Request QueryBuilder::Build() const {
  xml::XmlWriter w;
  ihe::WriteAdhocQueryRequest(w, query_);
  return {Transaction::kIti18, w.Take(), {}, {}};
}

Request QueryBuilder::BuildMultiPatient() const {
  Request r = Build();
  r.transaction = Transaction::kIti51;
  return r;
}

Request RemoveMetadataRequest(const std::vector<std::string>& entry_uuids) {
  xml::XmlWriter w;
  w.Open("lcm:RemoveObjectsRequest")
      .Attr("xmlns:lcm", "urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0")
      .Attr("xmlns:rim", "urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0")
      .Open("rim:ObjectRefList");
  for (const auto& id : entry_uuids) w.Open("rim:ObjectRef").Attr("id", id).Close();
  w.Close().Close();
  return {Transaction::kIti62, w.Take(), {}, {}};
}

Request RemoveDocumentsRequest(const std::vector<std::pair<std::string, std::string>>& documents) {
  std::vector<ihe::DocumentRequest> requests;
  for (const auto& [repository, unique_id] : documents) requests.push_back({"", repository, unique_id});
  xml::XmlWriter w;
  ihe::WriteRemoveDocumentsRequest(w, requests);
  return {Transaction::kIti86, w.Take(), {}, {}};
}

Request RetrieveRequest(const std::vector<std::pair<std::string, std::string>>& documents) {
  std::vector<ihe::DocumentRequest> requests;
  for (const auto& [repository, unique_id] : documents) requests.push_back({"", repository, unique_id});
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetRequest(w, requests);
  return {Transaction::kIti43, w.Take(), {}, {}};
}

}  // namespace xds::conformance

// The request templates the catalogue builds its cases from: a valid XDS.b
// submission (ITI TF-3 4.2.3, every attribute a registry requires) with
// fresh ids from the CaseContext, which a case then edits to break exactly
// one rule; stored queries (ITI TF-2a 3.18.4.1.2); ITI-43 retrieves.
//
// Object ids are real urn:uuid values minted per label (CaseContext::Id), so
// expectations can name what a query must return. Labels: a DocumentEntry or
// Folder "x"; the SubmissionSet's HasMember to it "ss>x"; a Folder's
// HasMember to a DocumentEntry "fd>de" and the SubmissionSet's HasMember to
// that association "ss>fd>de".
//
// Not thread-safe; one builder per request.
#pragma once

#include <string>
#include <vector>

#include "conformance/suite/case.h"
#include "conformance/suite/case_context.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/stored_queries.h"

namespace xds::conformance {

// Coded values are written "code^codingScheme" (display = code).
struct DocumentSpec {
  std::string label = "de";
  std::string class_code = "REPORTS^1.3.6.1.4.1.19376.1.2.6.1";
  std::string type_code = "18748-4^2.16.840.1.113883.6.1";
  std::string format_code = "urn:ihe:iti:xds:2017:mimeTypeSufficient^1.3.6.1.4.1.19376.1.2.3";
  std::string facility_code = "RADDX^2.16.840.1.113883.5.11";
  std::string practice_code = "394914008^2.16.840.1.113883.6.96";
  std::vector<std::string> confidentiality = {"N^2.16.840.1.113883.5.25"};
  std::vector<std::string> event_codes;
  std::string creation_time = "20240105120000";
  std::string service_start;
  std::string service_stop;
  std::string author_person = "^Welby^Marcus^^^Dr^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";
  std::string mime_type = "text/plain";
  std::string content;    // empty: a short text naming the document
  bool on_demand = false;
  std::vector<std::string> reference_ids;
  std::string patient;    // empty: the case's patient
  bool repository_fields = true;  // hash, size, repositoryUniqueId (ITI-42 from a repository)
};

// The (only) repository id a template puts in DocumentEntries.
std::string RepositoryIdOf(CaseContext& ctx);

class SubmissionBuilder {
 public:
  SubmissionBuilder(CaseContext& ctx, std::string ss_label = "ss");

  // A DocumentEntry and its SubmissionSet HasMember ("ss>label").
  ihe::RegistryObject& Document(DocumentSpec spec);
  ihe::RegistryObject& Document(const std::string& label) {
    DocumentSpec s;
    s.label = label;
    return Document(std::move(s));
  }
  // A Folder and its SubmissionSet HasMember ("ss>label").
  ihe::RegistryObject& Folder(const std::string& label,
                              std::vector<std::string> codes = {"Radiology^1.3.6.1.4.1.21367.100.1"},
                              const std::string& patient = "");
  // Folder -> DocumentEntry HasMember ("fd>de"), with the SubmissionSet's
  // HasMember to it ("ss>fd>de"). Either may be registered already.
  void FolderMember(const std::string& folder_label, const std::string& document_label);
  // SubmissionSet HasMember with SubmissionSetStatus Reference to an entry
  // registered earlier ("ss>label").
  ihe::RegistryObject& Reference(const std::string& document_label);
  // Any association between two labelled objects.
  ihe::RegistryObject& Associate(const std::string& label, std::string_view type, const std::string& source_label,
                                 const std::string& target_label);

  // Metadata Update (ITI-57): a new version "label" of the DocumentEntry
  // registered as "of" (same uniqueId and content, lid = its entryUUID),
  // brought by the SubmissionSet HasMember naming `previous_version`.
  ihe::RegistryObject& DocumentVersion(const std::string& label, const std::string& of,
                                       const std::string& previous_version = "1");
  // An UpdateAvailabilityStatus from the SubmissionSet to "target" (a
  // DocumentEntry, Folder or Association label); statuses are short names.
  ihe::RegistryObject& StatusChange(const std::string& label, const std::string& target, const std::string& from,
                                    const std::string& to);

  ihe::RegistryObject& Get(const std::string& label);
  ihe::RegistryObject& submission_set() { return Get(ss_label_); }
  ihe::SubmitObjectsRequest& request() { return request_; }
  CaseContext& ctx() { return ctx_; }

  Request Iti42() const;
  // The same request as ITI-57 Update Document Set.
  Request Iti57() const;
  // ITI-41: every DocumentEntry with its content, as MTOM parts or inline.
  Request Iti41(bool inline_documents = false) const;

 private:
  CaseContext& ctx_;
  std::string ss_label_;
  ihe::SubmitObjectsRequest request_;
  std::vector<std::string> document_labels_;
};

// ---- Edits that break one rule --------------------------------------------
void RemoveSlot(ihe::RegistryObject& o, std::string_view name);
void SetSlot(ihe::RegistryObject& o, std::string_view name, std::vector<std::string> values);
void RemoveCodes(ihe::RegistryObject& o, std::string_view scheme);
void AddCode(ihe::RegistryObject& o, std::string_view scheme, const std::string& code_and_scheme);
void RemoveIdentifier(ihe::RegistryObject& o, std::string_view scheme);
void SetIdentifier(ihe::RegistryObject& o, std::string_view scheme, const std::string& value);

// ---- Stored queries (ITI TF-2a 3.18.4.1.2.4) --------------------------------
namespace query_id = ihe::query_id;  // wire/ihe/stored_queries.h

class QueryBuilder {
 public:
  explicit QueryBuilder(std::string query_id, std::string return_type = "LeafClass");
  // One rim:Slot per call; a repeated name makes a second slot (AND).
  QueryBuilder& Raw(const std::string& name, const std::string& value_text);
  QueryBuilder& Quoted(const std::string& name, const std::string& value);             // 'v'
  QueryBuilder& List(const std::string& name, const std::vector<std::string>& values);  // ('a','b')
  // $...Status with the given short names ("Approved", "Deprecated").
  QueryBuilder& Status(const std::string& name, const std::vector<std::string>& statuses = {"Approved"});
  Request Build() const;
  // The same query as ITI-51 Multi-Patient Stored Query.
  Request BuildMultiPatient() const;

 private:
  ihe::AdhocQueryRequest query_;
};

// ITI-62 Remove Metadata of the given entryUUIDs.
Request RemoveMetadataRequest(const std::vector<std::string>& entry_uuids);
// ITI-86 Remove Documents for (repositoryUniqueId, documentUniqueId) pairs.
Request RemoveDocumentsRequest(const std::vector<std::pair<std::string, std::string>>& documents);

// ITI-43 for (repositoryUniqueId, documentUniqueId) pairs.
Request RetrieveRequest(const std::vector<std::pair<std::string, std::string>>& documents);

}  // namespace xds::conformance

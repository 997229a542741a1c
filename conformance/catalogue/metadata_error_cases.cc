// MDE-*: each metadata rule a Document Registry must enforce on ITI-42
// (ITI TF-2b 3.42.4.1.3 "Registry Actor: Expected Actions", ITI TF-3 4.2.3
// attribute tables, Table 4.3.1-3 DR column, Table 4.2.4.1-2 error codes),
// broken once in an otherwise valid submission. The submission must be
// refused as a whole (Failure) with the code the rule calls for.
#include "conformance/catalogue/catalogue.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {
namespace {

constexpr char kMeta[] = "XDSRegistryMetadataError";

struct Row {
  const char* id;
  const char* title;
  const char* rule;
  Build edit;
  const char* code = kMeta;
};

// Removes the slot/code/identifier of DocumentEntry "de".
Build DropSlot(const char* name) {
  return [name](SubmissionBuilder& b) { RemoveSlot(b.Get("de"), name); };
}
Build DropCode(std::string_view scheme) {
  return [scheme](SubmissionBuilder& b) { RemoveCodes(b.Get("de"), scheme); };
}
Build DropIdentifier(std::string_view scheme) {
  return [scheme](SubmissionBuilder& b) { RemoveIdentifier(b.Get("de"), scheme); };
}
Build DeSlot(const char* name, std::vector<std::string> values) {
  return [name, values](SubmissionBuilder& b) { SetSlot(b.Get("de"), name, values); };
}
Build SsSlot(const char* name, std::vector<std::string> values) {
  return [name, values](SubmissionBuilder& b) { SetSlot(b.submission_set(), name, values); };
}

std::vector<Row> Rows() {
  using namespace vocab;
  return {
      // DocumentEntry required attributes (ITI TF-3 Table 4.3.1-3, R in DR column).
      {"MDE-001", "DocumentEntry without classCode", "ITI TF-3 4.2.3.2.3 XDSDocumentEntry.classCode R",
       DropCode(kDeClassCode)},
      {"MDE-002", "DocumentEntry without typeCode", "ITI TF-3 4.2.3.2.25 XDSDocumentEntry.typeCode R",
       DropCode(kDeTypeCode)},
      {"MDE-003", "DocumentEntry without formatCode", "ITI TF-3 4.2.3.2.9 XDSDocumentEntry.formatCode R",
       DropCode(kDeFormatCode)},
      {"MDE-004", "DocumentEntry without confidentialityCode",
       "ITI TF-3 4.2.3.2.5 XDSDocumentEntry.confidentialityCode R", DropCode(kDeConfidentialityCode)},
      {"MDE-005", "DocumentEntry without healthcareFacilityTypeCode",
       "ITI TF-3 4.2.3.2.11 XDSDocumentEntry.healthcareFacilityTypeCode R", DropCode(kDeHealthcareFacilityTypeCode)},
      {"MDE-006", "DocumentEntry without practiceSettingCode",
       "ITI TF-3 4.2.3.2.17 XDSDocumentEntry.practiceSettingCode R", DropCode(kDePracticeSettingCode)},
      {"MDE-007", "DocumentEntry without creationTime", "ITI TF-3 4.2.3.2.6 XDSDocumentEntry.creationTime R",
       DropSlot("creationTime")},
      {"MDE-008", "DocumentEntry without languageCode", "ITI TF-3 4.2.3.2.12 XDSDocumentEntry.languageCode R",
       DropSlot("languageCode")},
      {"MDE-009", "DocumentEntry without sourcePatientId", "ITI TF-3 4.2.3.2.23 XDSDocumentEntry.sourcePatientId R",
       DropSlot("sourcePatientId")},
      {"MDE-010", "DocumentEntry without hash (from a repository)", "ITI TF-3 4.2.3.2.11 XDSDocumentEntry.hash R (DR)",
       DropSlot("hash")},
      {"MDE-011", "DocumentEntry without size (from a repository)", "ITI TF-3 4.2.3.2.24 XDSDocumentEntry.size R (DR)",
       DropSlot("size")},
      {"MDE-012", "DocumentEntry without repositoryUniqueId",
       "ITI TF-3 4.2.3.2.18 XDSDocumentEntry.repositoryUniqueId R (DR)", DropSlot("repositoryUniqueId")},
      {"MDE-013", "DocumentEntry without patientId", "ITI TF-3 4.2.3.2.16 XDSDocumentEntry.patientId R",
       DropIdentifier(kDePatientId)},
      {"MDE-014", "DocumentEntry without uniqueId", "ITI TF-3 4.2.3.2.26 XDSDocumentEntry.uniqueId R",
       DropIdentifier(kDeUniqueId)},
      {"MDE-015", "DocumentEntry without mimeType", "ITI TF-3 4.2.3.2.13 XDSDocumentEntry.mimeType R",
       [](SubmissionBuilder& b) { b.Get("de").mime_type.clear(); }},
      // DocumentEntry formats.
      {"MDE-016", "creationTime that is not a DTM", "ITI TF-3 4.2.3.1.4 DTM format; 4.2.3.2.6",
       DeSlot("creationTime", {"2024-01-05T12:00:00"})},
      {"MDE-017", "hash that is not 40 hex digits", "ITI TF-3 4.2.3.2.11 XDSDocumentEntry.hash SHA-1 hex",
       DeSlot("hash", {"not-a-sha1"})},
      {"MDE-018", "size that is not an integer", "ITI TF-3 4.2.3.2.24 XDSDocumentEntry.size Integer",
       DeSlot("size", {"12kB"})},
      {"MDE-019", "creationTime with two values", "ITI TF-3 4.2.3.2.6 single-valued slot",
       DeSlot("creationTime", {"20240101", "20240102"})},
      {"MDE-020", "patientId that is not a CX with an ISO assigning authority",
       "ITI TF-3 4.2.3.1.7 CX data type; 4.2.3.2.16",
       [](SubmissionBuilder& b) { SetIdentifier(b.Get("de"), vocab::kDePatientId, "12345"); }},
      {"MDE-021", "serviceStartTime after serviceStopTime",
       "ITI TF-3 4.2.3.2.19/20 serviceStartTime <= serviceStopTime",
       [](SubmissionBuilder& b) {
         SetSlot(b.Get("de"), "serviceStartTime", {"20240102000000"});
         SetSlot(b.Get("de"), "serviceStopTime", {"20240101000000"});
       }},
      {"MDE-022", "mimeType that is not type/subtype", "ITI TF-3 4.2.3.2.13 mimeType (RFC 2045)",
       [](SubmissionBuilder& b) { b.Get("de").mime_type = "pdf"; }},
      {"MDE-023", "Unknown DocumentEntry objectType", "ITI TF-3 4.2.5.2 DocumentEntry objectType",
       [](SubmissionBuilder& b) { b.Get("de").object_type = "urn:uuid:00000000-0000-4000-8000-000000000000"; }},
      {"MDE-024", "Code without its codingScheme", "ITI TF-3 4.2.3.1.2 coded value: codingScheme slot R",
       [](SubmissionBuilder& b) {
         for (auto& k : b.Get("de").classifications)
           if (k.classification_scheme == vocab::kDeClassCode) k.slots.clear();
       }},
      {"MDE-025", "Two classCodes", "ITI TF-3 Table 4.3.1-3 classCode cardinality [1..1]",
       [](SubmissionBuilder& b) { AddCode(b.Get("de"), vocab::kDeClassCode, "OTHER^1.3.6.1.4.1.19376.1.2.6.1"); }},
      {"MDE-026", "Two patientId identifiers", "ITI TF-3 Table 4.3.1-3 patientId cardinality [1..1]",
       [](SubmissionBuilder& b) {
         auto& de = b.Get("de");
         ihe::ExternalIdentifier second = *de.FindExternalIdentifier(vocab::kDePatientId);
         second.id = b.ctx().Id("second-pid");
         de.external_identifiers.push_back(second);
       }},
      {"MDE-027", "Author classification with no author attribute", "ITI TF-3 4.2.3.1.4 author: at least one sub-attribute",
       [](SubmissionBuilder& b) {
         for (auto& k : b.Get("de").classifications)
           if (k.classification_scheme == vocab::kDeAuthor) k.slots.clear();
       }},
      {"MDE-028", "Classification classifying another object", "ITI TF-3 4.2.3.1.2 classifiedObject = the object",
       [](SubmissionBuilder& b) {
         for (auto& k : b.Get("de").classifications)
           if (k.classification_scheme == vocab::kDeTypeCode) k.classified_object = b.submission_set().id;
       }},
      // SubmissionSet.
      {"MDE-029", "SubmissionSet without submissionTime", "ITI TF-3 4.2.3.3.11 XDSSubmissionSet.submissionTime R",
       [](SubmissionBuilder& b) { RemoveSlot(b.submission_set(), "submissionTime"); }},
      {"MDE-030", "SubmissionSet without contentTypeCode", "ITI TF-3 4.2.3.3.4 XDSSubmissionSet.contentTypeCode R",
       [](SubmissionBuilder& b) { RemoveCodes(b.submission_set(), vocab::kSsContentTypeCode); }},
      {"MDE-031", "SubmissionSet without sourceId", "ITI TF-3 4.2.3.3.9 XDSSubmissionSet.sourceId R",
       [](SubmissionBuilder& b) { RemoveIdentifier(b.submission_set(), vocab::kSsSourceId); }},
      {"MDE-032", "SubmissionSet without uniqueId", "ITI TF-3 4.2.3.3.12 XDSSubmissionSet.uniqueId R",
       [](SubmissionBuilder& b) { RemoveIdentifier(b.submission_set(), vocab::kSsUniqueId); }},
      {"MDE-033", "SubmissionSet without patientId", "ITI TF-3 4.2.3.3.8 XDSSubmissionSet.patientId R",
       [](SubmissionBuilder& b) { RemoveIdentifier(b.submission_set(), vocab::kSsPatientId); }},
      {"MDE-034", "submissionTime that is not a DTM", "ITI TF-3 4.2.3.3.11 submissionTime DTM",
       SsSlot("submissionTime", {"yesterday"})},
      {"MDE-035", "No SubmissionSet at all (RegistryPackage not labelled)",
       "ITI TF-3 4.2.1.2 a submission has exactly one SubmissionSet",
       [](SubmissionBuilder& b) {
         auto& cs = b.submission_set().classifications;
         std::erase_if(cs, [](const ihe::Classification& k) { return !k.classification_node.empty(); });
       }},
      {"MDE-036", "Two SubmissionSets in one submission", "ITI TF-3 4.2.1.2 exactly one SubmissionSet",
       [](SubmissionBuilder& b) {
         ihe::RegistryObject second = b.submission_set();
         second.id = b.ctx().Id("ss2");
         for (auto& k : second.classifications) k.classified_object = second.id, k.id = b.ctx().Id("k" + k.id);
         for (auto& e : second.external_identifiers) e.registry_object = second.id, e.id = b.ctx().Id("e" + e.id);
         SetIdentifier(second, vocab::kSsUniqueId, b.ctx().Uid("ss2"));
         b.request().objects.push_back(second);
       }},
      // Folder.
      {"MDE-037", "Folder without title", "ITI TF-3 4.2.3.4.8 XDSFolder.title R",
       [](SubmissionBuilder& b) { b.Folder("fd").has_name = false; }},
      {"MDE-038", "Folder without codeList", "ITI TF-3 4.2.3.4.2 XDSFolder.codeList R",
       [](SubmissionBuilder& b) { b.Folder("fd", {}); }},
      {"MDE-039", "Folder without uniqueId", "ITI TF-3 4.2.3.4.9 XDSFolder.uniqueId R",
       [](SubmissionBuilder& b) { RemoveIdentifier(b.Folder("fd"), vocab::kFdUniqueId); }},
      {"MDE-040", "Folder without patientId", "ITI TF-3 4.2.3.4.6 XDSFolder.patientId R",
       [](SubmissionBuilder& b) { RemoveIdentifier(b.Folder("fd"), vocab::kFdPatientId); }},
      // Associations.
      {"MDE-041", "SubmissionSet HasMember without SubmissionSetStatus",
       "ITI TF-3 4.2.2.1.1 SubmissionSetStatus slot R on SS-DocumentEntry HasMember",
       [](SubmissionBuilder& b) { RemoveSlot(b.Get("ss>de"), vocab::kSlotSubmissionSetStatus); }},
      {"MDE-042", "SubmissionSetStatus neither Original nor Reference",
       "ITI TF-3 4.2.2.1.1 SubmissionSetStatus values",
       [](SubmissionBuilder& b) { SetSlot(b.Get("ss>de"), vocab::kSlotSubmissionSetStatus, {"Copy"}); }},
      {"MDE-043", "Unknown associationType", "ITI TF-3 4.2.2 association types",
       [](SubmissionBuilder& b) { b.Associate("odd", "urn:example:AssociationType:Likes", "de", "ss"); }},
      {"MDE-044", "DocumentEntry that is not a member of the SubmissionSet",
       "ITI TF-3 4.2.2.1.1 every DocumentEntry is linked from the SubmissionSet",
       [](SubmissionBuilder& b) {
         std::string link = b.Get("ss>de").id;
         std::erase_if(b.request().objects, [&](const ihe::RegistryObject& o) { return o.id == link; });
       }},
      {"MDE-045", "RPLC of an entryUUID nobody registered", "ITI TF-3 4.2.2.2; TF-3 Table 4.2.4.1-2 UnresolvedReferenceException",
       [](SubmissionBuilder& b) { b.Associate("rplc", vocab::kRplc, "de", "nowhere"); }, "UnresolvedReferenceException"},
      // Across objects.
      {"MDE-046", "DocumentEntry patientId differs from the SubmissionSet's",
       "ITI TF-2b 3.42.4.1.3.3 patient id consistency; XDSPatientIdDoesNotMatch",
       [](SubmissionBuilder& b) {
         std::string other = b.ctx().other_patient();
         SetIdentifier(b.Get("de"), vocab::kDePatientId, other);
         SetSlot(b.Get("de"), "sourcePatientId", {other});
       },
       "XDSPatientIdDoesNotMatch"},
      {"MDE-047", "Folder patientId differs from the SubmissionSet's",
       "ITI TF-2b 3.42.4.1.3.3 patient id consistency (Folder); XDSPatientIdDoesNotMatch",
       [](SubmissionBuilder& b) { b.Folder("fd", {"Radiology^1.3.6.1.4.1.21367.100.1"}, b.ctx().other_patient()); },
       "XDSPatientIdDoesNotMatch"},
      {"MDE-048", "The same uniqueId on two DocumentEntries of one message",
       "ITI TF-3 Table 4.2.4.1-2 XDSRegistryDuplicateUniqueIdInMessage",
       [](SubmissionBuilder& b) {
         b.Document("de2");
         SetIdentifier(b.Get("de2"), vocab::kDeUniqueId, b.ctx().Uid("de"));
       },
       "XDSRegistryDuplicateUniqueIdInMessage"},
      {"MDE-049", "Patient id not known to the registry",
       "ITI TF-2b 3.42.4.1.3.3; TF-3 Table 4.2.4.1-2 XDSUnknownPatientId",
       [](SubmissionBuilder& b) {
         std::string nobody = b.ctx().UnknownPatient();
         SetIdentifier(b.Get("de"), vocab::kDePatientId, nobody);
         SetSlot(b.Get("de"), "sourcePatientId", {nobody});
         SetIdentifier(b.submission_set(), vocab::kSsPatientId, nobody);
       },
       "XDSUnknownPatientId"},
  };
}

// Cases that need something registered first.
std::vector<Case> StatefulCases() {
  std::vector<Case> cases;
  auto registered = [](CaseContext& ctx) { return Register(ctx, [](SubmissionBuilder& b) { b.Document("old"); }, "ss0"); };
  cases.push_back(RegisterCase(
      "MDE-050", "SubmissionSet uniqueId already registered",
      "ITI TF-3 Table 4.2.4.1-2 XDSDuplicateUniqueIdInRegistry (SubmissionSet)",
      [](SubmissionBuilder& b) {
        b.Document("de");
        SetIdentifier(b.submission_set(), vocab::kSsUniqueId, b.ctx().Uid("ss0"));
      },
      FailsWith("XDSDuplicateUniqueIdInRegistry"), registered));
  cases.push_back(RegisterCase(
      "MDE-051", "Folder uniqueId already registered",
      "ITI TF-3 Table 4.2.4.1-2 XDSDuplicateUniqueIdInRegistry (Folder)",
      [](SubmissionBuilder& b) { SetIdentifier(b.Folder("fd"), vocab::kFdUniqueId, b.ctx().Uid("fd0")); },
      FailsWith("XDSDuplicateUniqueIdInRegistry"),
      [](CaseContext& ctx) { return Register(ctx, [](SubmissionBuilder& b) { b.Folder("fd0"); }); }));
  cases.push_back(RegisterCase(
      "MDE-052", "DocumentEntry uniqueId registered with another hash",
      "ITI TF-2b 3.42.4.1.3.1; TF-3 Table 4.2.4.1-2 XDSNonIdenticalHash",
      [](SubmissionBuilder& b) {
        b.Document("de");
        SetIdentifier(b.Get("de"), vocab::kDeUniqueId, b.ctx().Uid("old"));
        SetSlot(b.Get("de"), "hash", {"0123456789abcdef0123456789abcdef01234567"});
        SetSlot(b.Get("de"), "size", {std::to_string(b.ctx().contents()["old"].size())});
      },
      FailsWith("XDSNonIdenticalHash"), registered));
  cases.push_back(RegisterCase(
      "MDE-053", "DocumentEntry uniqueId registered with another size",
      "ITI TF-2b 3.42.4.1.3.1; TF-3 Table 4.2.4.1-2 XDSNonIdenticalSize",
      [](SubmissionBuilder& b) {
        DocumentSpec same;  // the same bytes, so the same hash
        same.label = "de";
        same.content = b.ctx().contents()["old"];
        b.Document(same);
        SetIdentifier(b.Get("de"), vocab::kDeUniqueId, b.ctx().Uid("old"));
        SetSlot(b.Get("de"), "size", {"999999"});
      },
      FailsWith("XDSNonIdenticalSize"), registered));
  cases.push_back(RegisterCase(
      "MDE-054", "RPLC whose replacement has another patient",
      "ITI TF-3 4.2.2.2 relationship ends share the patient; XDSPatientIdDoesNotMatch",
      [](SubmissionBuilder& b) {
        std::string other = b.ctx().other_patient();
        SetIdentifier(b.submission_set(), vocab::kSsPatientId, other);
        DocumentSpec s;
        s.patient = other;
        b.Document(s);
        b.Associate("rplc", vocab::kRplc, "de", "old");
      },
      FailsWith("XDSPatientIdDoesNotMatch"), registered));
  cases.push_back(RegisterCase(
      "MDE-055", "entryUUID already in use by a registered object",
      "ITI TF-3 4.2.3.1.7 entryUUID unique in the registry",
      [](SubmissionBuilder& b) {
        b.Document("de");
        std::string old_id = b.ctx().Id("old"), de_id = b.Get("de").id;
        for (auto& o : b.request().objects) {
          if (o.id == de_id) o.id = old_id;
          if (o.target_object == de_id) o.target_object = old_id;
          for (auto& k : o.classifications)
            if (k.classified_object == de_id) k.classified_object = old_id;
          for (auto& e : o.external_identifiers)
            if (e.registry_object == de_id) e.registry_object = old_id;
        }
      },
      FailsWith(kMeta), registered));
  return cases;
}

}  // namespace

std::vector<Case> MetadataErrorCases() {
  std::vector<Case> cases;
  for (Row& r : Rows()) cases.push_back(BrokenCase(r.id, r.title, r.rule, std::move(r.edit), r.code));
  for (Case& c : StatefulCases()) cases.push_back(std::move(c));
  return cases;
}

}  // namespace xds::conformance

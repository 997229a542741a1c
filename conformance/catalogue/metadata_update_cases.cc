// MU-*, RMD-*, RD-*, MPQ-*: the metadata lifecycle transactions.
//   MU-*   ITI-57 Update Document Set (XDS Metadata Update, ITI TF-2b 3.57):
//          new versions, version conflicts, availabilityStatus changes,
//          Submit new Association and Association status changes
//   RMD-*  ITI-62 Remove Metadata (ITI TF-2b 3.62)
//   RD-*   ITI-86 Remove Documents (ITI TF-2b 3.86), through the repository
//   MPQ-*  ITI-51 Multi-Patient Stored Query (ITI TF-2b 3.51)
// Each case registers what it needs (ITI-42, or ITI-41 for RD-*), then
// sends the transaction under test, or checks its effect with ITI-18.
#include "conformance/catalogue/catalogue.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {
namespace {

using Setup = std::function<Status(CaseContext&)>;

// Sends an ITI-57 of what `build` makes as a setup step; must succeed.
Status Update(CaseContext& ctx, const Build& build, const std::string& ss_label) {
  SubmissionBuilder b(ctx, ss_label);
  build(b);
  return ctx.SendSetup(b.Iti57());
}

Case UpdateCase(std::string id, std::string title, std::string rule, Setup setup, Build build, Expected expected) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.setup = std::move(setup);
  c.request = [build](CaseContext& ctx) {
    SubmissionBuilder b(ctx, "ssu");
    build(b);
    return b.Iti57();
  };
  c.expected = std::move(expected);
  return c;
}

Case QueryCase(std::string id, std::string title, std::string rule, Setup setup,
               std::function<Request(CaseContext&)> request, Expected expected) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.setup = std::move(setup);
  c.request = std::move(request);
  c.expected = std::move(expected);
  return c;
}

// Refused with one of `codes` (where registries differ on the specific code
// the profile leaves open, e.g. the toolkit's XDSMetadataUpdateError).
Expected FailsWithOneOf(std::vector<std::string> codes) {
  Expected e;
  e.outcome = Outcome::kFailure;
  std::string names;
  for (const auto& c : codes) names += (names.empty() ? "" : " or ") + c;
  e.check_text = "an error " + names;
  e.check = [codes, names](CaseContext&, const Answer& a) -> std::string {
    for (const auto& code : a.error_codes)
      for (const auto& c : codes)
        if (code == c) return "";
    return "expected " + names;
  };
  return e;
}

Status Registered(CaseContext& ctx) {
  return Register(ctx, [](SubmissionBuilder& b) { b.Document("de"); }, "ss0");
}
// "de" registered, then "de2" its version 2.
Status Versioned(CaseContext& ctx) {
  XDS_RETURN_IF_ERROR(Registered(ctx));
  return Update(ctx, [](SubmissionBuilder& b) { b.DocumentVersion("de2", "de"); }, "ss1");
}
// "de" registered, then Deprecated by a status change.
Status Deprecated(CaseContext& ctx) {
  XDS_RETURN_IF_ERROR(Registered(ctx));
  return Update(ctx, [](SubmissionBuilder& b) { b.StatusChange("st", "de", "Approved", "Deprecated"); }, "ss1");
}
// Folder "fd" and DocumentEntry "de" registered apart, not linked.
Status Unlinked(CaseContext& ctx) {
  XDS_RETURN_IF_ERROR(Register(ctx, [](SubmissionBuilder& b) { b.Folder("fd"); }, "ss0"));
  return Register(ctx, [](SubmissionBuilder& b) { b.Document("de"); }, "ss1");
}
// "de" in "fd" by the membership "fd>de", registered together.
Status InFolder(CaseContext& ctx) {
  return Register(
      ctx,
      [](SubmissionBuilder& b) {
        b.Folder("fd");
        b.Document("de");
        b.FolderMember("fd", "de");
      },
      "ss0");
}

std::function<Request(CaseContext&)> FindApproved() {
  return [](CaseContext& ctx) {
    QueryBuilder q(query_id::kFindDocuments);
    q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
    q.Status("$XDSDocumentEntryStatus", {"Approved"});
    return q.Build();
  };
}

std::function<Request(CaseContext&)> FolderContents() {
  return [](CaseContext& ctx) {
    QueryBuilder q(query_id::kGetFolderAndContents);
    q.Quoted("$XDSFolderEntryUUID", ctx.Id("fd"));
    return q.Build();
  };
}

std::vector<Case> UpdateCases() {
  std::vector<Case> c;
  c.push_back(UpdateCase("MU-001", "A new version of a registered DocumentEntry",
                         "ITI TF-2b 3.57.4.1.3.3.1 Update DocumentEntry Metadata", Registered,
                         [](SubmissionBuilder& b) { b.DocumentVersion("de2", "de"); }, Succeeds()));
  c.push_back(QueryCase("MU-002", "Only the new version is Approved and returned",
                        "ITI TF-2b 3.57.4.1.3.3.1: the previous version becomes Deprecated; "
                        "ITI TF-2a 3.18.4.1.2.3.5.1.1 $MetadataLevel 1 returns latest versions",
                        Versioned, FindApproved(), Returns({"de2"})));
  c.push_back(UpdateCase("MU-003", "A stale PreviousVersion is a version conflict",
                         "ITI TF-2b 3.57.4.1.3.3.1 PreviousVersion must name the latest version; "
                         "XDSMetadataVersionError",
                         Versioned, [](SubmissionBuilder& b) { b.DocumentVersion("de3", "de", "1"); },
                         FailsWith("XDSMetadataVersionError")));
  c.push_back(UpdateCase("MU-004", "A DocumentEntry is Deprecated by a status change",
                         "ITI TF-2b 3.57.4.1.3.3.2 Update DocumentEntry availabilityStatus", Registered,
                         [](SubmissionBuilder& b) { b.StatusChange("st", "de", "Approved", "Deprecated"); },
                         Succeeds()));
  c.push_back(QueryCase("MU-005", "A Deprecated DocumentEntry is not found as Approved",
                        "ITI TF-2b 3.57.4.1.3.3.2; ITI TF-2a 3.18.4.1.2.3.7.1 $XDSDocumentEntryStatus", Deprecated,
                        FindApproved(), Returns({})));
  c.push_back(UpdateCase("MU-006", "A wrong OriginalStatus is refused",
                         "ITI TF-2b 3.57.4.1.3.3.2 OriginalStatus must be the current status; XDSMetadataUpdateError",
                         Deprecated, [](SubmissionBuilder& b) { b.StatusChange("st2", "de", "Approved", "Deprecated"); },
                         FailsWith("XDSMetadataUpdateError")));
  c.push_back(UpdateCase("MU-007", "A Deprecated DocumentEntry cannot get a new version",
                         "ITI TF-2b 3.57.4.1.3.3.1 only an Approved latest version is updated; XDSMetadataUpdateError",
                         Deprecated, [](SubmissionBuilder& b) { b.DocumentVersion("de2", "de"); },
                         FailsWith("XDSMetadataUpdateError")));
  c.push_back(UpdateCase("MU-008", "A Deprecated DocumentEntry is Approved again",
                         "ITI TF-2b 3.57.4.1.3.3.2 Deprecated -> Approved", Deprecated,
                         [](SubmissionBuilder& b) { b.StatusChange("st2", "de", "Deprecated", "Approved"); },
                         Succeeds()));
  c.push_back(UpdateCase("MU-009", "A registered DocumentEntry is added to a registered Folder",
                         "ITI TF-2b 3.57.4.1.3.3 Submit new Association (FD-DE HasMember with its SS-HM)", Unlinked,
                         [](SubmissionBuilder& b) { b.FolderMember("fd", "de"); }, Succeeds()));
  c.push_back(QueryCase("MU-010", "The added membership puts the DocumentEntry in the Folder",
                        "ITI TF-2b 3.57.4.1.3.3 Submit new Association; ITI TF-2a 3.18.4.1.2.3.7.11",
                        [](CaseContext& ctx) {
                          XDS_RETURN_IF_ERROR(Unlinked(ctx));
                          return Update(ctx, [](SubmissionBuilder& b) { b.FolderMember("fd", "de"); }, "ss2");
                        },
                        FolderContents(), Returns({"fd", "de", "fd>de"})));
  c.push_back(UpdateCase("MU-011", "No new membership of a Deprecated DocumentEntry",
                         "ITI TF-2b 3.57.4.1.3.3 Submit new Association: ends Approved; ITI TF-3 4.2.2.1.4",
                         [](CaseContext& ctx) {
                           XDS_RETURN_IF_ERROR(Unlinked(ctx));
                           return Update(ctx,
                                         [](SubmissionBuilder& b) { b.StatusChange("st", "de", "Approved", "Deprecated"); },
                                         "ss2");
                         },
                         [](SubmissionBuilder& b) { b.FolderMember("fd", "de"); },
                         FailsWithOneOf({"XDSRegistryDeprecatedDocumentError", "XDSMetadataUpdateError"})));
  c.push_back(UpdateCase("MU-012", "A Folder membership is Deprecated",
                         "ITI TF-2b 3.57.4.1.3.3 Update Association availabilityStatus", InFolder,
                         [](SubmissionBuilder& b) { b.StatusChange("st", "fd>de", "Approved", "Deprecated"); },
                         Succeeds()));
  c.push_back(QueryCase("MU-013", "A Deprecated membership no longer holds its DocumentEntry",
                        "ITI TF-2a 3.18.4.1.2.3.5.1.1: no Deprecated Association at $MetadataLevel 1",
                        [](CaseContext& ctx) {
                          XDS_RETURN_IF_ERROR(InFolder(ctx));
                          return Update(
                              ctx, [](SubmissionBuilder& b) { b.StatusChange("st", "fd>de", "Approved", "Deprecated"); },
                              "ss1");
                        },
                        FolderContents(), Returns({"fd"})));
  c.push_back(UpdateCase("MU-014", "A SubmissionSet's HasMember keeps its status",
                         "ITI TF-2b 3.57.4.1.3.3 Update Association availabilityStatus: Folder memberships and "
                         "relationships only; XDSMetadataUpdateError",
                         Registered, [](SubmissionBuilder& b) { b.StatusChange("st", "ss0>de", "Approved", "Deprecated"); },
                         FailsWith("XDSMetadataUpdateError")));
  c.push_back(UpdateCase("MU-015", "An initial version is not an update",
                         "ITI TF-2b 3.57.4.1.3.1 no initial versions in ITI-57 (ITI57-007)", Registered,
                         [](SubmissionBuilder& b) { b.Document("de9"); }, FailsWith("XDSMetadataUpdateError")));
  return c;
}

std::vector<Case> RemoveCases() {
  std::vector<Case> c;
  c.push_back(QueryCase("RMD-001", "A submission's metadata is removed entirely",
                        "ITI TF-2b 3.62.4.1.3 Remove Metadata of objects and the associations that reference them",
                        Registered,
                        [](CaseContext& ctx) {
                          return RemoveMetadataRequest({ctx.Id("ss0"), ctx.Id("de"), ctx.Id("ss0>de")});
                        },
                        Succeeds()));
  c.push_back(QueryCase("RMD-002", "An object still referenced by an association is not removed",
                        "ITI TF-2b 3.62.4.1.3 referential integrity; ReferencesExistException", Registered,
                        [](CaseContext& ctx) { return RemoveMetadataRequest({ctx.Id("de")}); },
                        FailsWith("ReferencesExistException")));
  // ITI-86 at the repository: its metadata removed from the registry first.
  Case removed = QueryCase(
      "RD-001", "A document whose metadata was removed is removed from the repository",
      "ITI TF-2b 3.86.4.1.3 Remove Documents",
      [](CaseContext& ctx) {
        SubmissionBuilder b(ctx, "ss0");
        b.Document("de");
        XDS_RETURN_IF_ERROR(ctx.SendSetup(b.Iti41()));
        return ctx.SendSetup(RemoveMetadataRequest({ctx.Id("ss0"), ctx.Id("de"), ctx.Id("ss0>de")}));
      },
      [](CaseContext& ctx) { return RemoveDocumentsRequest({{RepositoryIdOf(ctx), ctx.Uid("de")}}); }, Succeeds());
  removed.actor = Actor::kRepository;
  c.push_back(std::move(removed));
  Case unknown = QueryCase("RD-002", "An unknown document is not removed",
                           "ITI TF-2b 3.86.4.1.3 Remove Documents: XDSDocumentUniqueIdError", {},
                           [](CaseContext& ctx) { return RemoveDocumentsRequest({{RepositoryIdOf(ctx), ctx.Uid("none")}}); },
                           FailsWithOneOf({"XDSDocumentUniqueIdError", "XDSRemoveDocumentsError"}));
  unknown.actor = Actor::kRepository;
  c.push_back(std::move(unknown));
  // ITI-51: the suite's client must be an allowed consumer of the registry.
  c.push_back(QueryCase("MPQ-001", "FindDocumentsForMultiplePatients across two patients",
                        "ITI TF-2b 3.51.4.1.2 FindDocumentsForMultiplePatients",
                        [](CaseContext& ctx) {
                          XDS_RETURN_IF_ERROR(Registered(ctx));
                          return Register(
                              ctx,
                              [](SubmissionBuilder& b) {
                                DocumentSpec other;
                                other.label = "other";
                                other.patient = b.ctx().other_patient();
                                b.submission_set().external_identifiers.back().value = other.patient;
                                b.Document(std::move(other));
                              },
                              "ss1");
                        },
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kFindDocumentsForMultiplePatients);
                          q.List("$XDSDocumentEntryPatientId", {ctx.patient(), ctx.other_patient()});
                          q.Status("$XDSDocumentEntryStatus", {"Approved"});
                          return q.BuildMultiPatient();
                        },
                        Returns({"de", "other"})));
  return c;
}

}  // namespace

std::vector<Case> MetadataUpdateCases() {
  std::vector<Case> c = UpdateCases();
  for (Case& r : RemoveCases()) c.push_back(std::move(r));
  return c;
}

}  // namespace xds::conformance

// LC-*: document lifecycles and folders as a registry keeps them
// (ITI TF-3 4.2.2.2 document relationships; ITI TF-2b 3.42.4.1.3.5-7):
// RPLC and XFRM_RPLC deprecate the original, APND and XFRM leave it
// Approved, nothing may relate to a Deprecated entry, a failed submission
// changes nothing, and folder membership follows the rules for patients and
// status. Each case registers what it needs, then checks by ITI-42 or ITI-18.
#include "conformance/catalogue/catalogue.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {
namespace {

// Registers "old", then (in a second submission) "de" related to it by `type`.
std::function<Status(CaseContext&)> Related(std::string_view type) {
  return [type](CaseContext& ctx) {
    XDS_RETURN_IF_ERROR(Register(ctx, [](SubmissionBuilder& b) { b.Document("old"); }, "ss0"));
    return Register(
        ctx,
        [type](SubmissionBuilder& b) {
          b.Document("de");
          b.Associate("rel", type, "de", "old");
        },
        "ss1");
  };
}

Case Query(std::string id, std::string title, std::string rule, std::function<Status(CaseContext&)> setup,
           std::vector<std::string> status, Expected expected) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.setup = std::move(setup);
  c.request = [status](CaseContext& ctx) {
    QueryBuilder q(query_id::kFindDocuments);
    q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
    q.Status("$XDSDocumentEntryStatus", status);
    return q.Build();
  };
  c.expected = std::move(expected);
  return c;
}

// Registers "old", replaced by "r1": "old" is Deprecated afterwards.
Status Replaced(CaseContext& ctx) { return Related(vocab::kRplc)(ctx); }

Case RelateToDeprecated(std::string id, std::string_view type, std::string rule) {
  return RegisterCase(
      std::move(id), std::string("A new ") + std::string(type.substr(type.rfind(':') + 1)) + " of a Deprecated entry",
      std::move(rule),
      [type](SubmissionBuilder& b) {
        b.Document("de2");
        b.Associate("rel2", type, "de2", "old");
      },
      FailsWith("XDSRegistryDeprecatedDocumentError"), Replaced);
}

}  // namespace

std::vector<Case> LifecycleCases() {
  std::vector<Case> c;
  c.push_back(Query("LC-001", "RPLC deprecates the original", "ITI TF-2b 3.42.4.1.3.5 RPLC: original Deprecated",
                    Related(vocab::kRplc), {"Deprecated"}, Returns({"old"})));
  c.push_back(Query("LC-002", "After RPLC only the replacement is Approved", "ITI TF-3 4.2.2.2.2 RPLC",
                    Related(vocab::kRplc), {"Approved"}, Returns({"de"})));
  c.push_back(Query("LC-003", "APND leaves the original Approved", "ITI TF-3 4.2.2.2.3 APND",
                    Related(vocab::kApnd), {"Approved"}, Returns({"old", "de"})));
  c.push_back(Query("LC-004", "XFRM leaves the original Approved", "ITI TF-3 4.2.2.2.4 XFRM",
                    Related(vocab::kXfrm), {"Approved"}, Returns({"old", "de"})));
  c.push_back(Query("LC-005", "XFRM_RPLC deprecates the original", "ITI TF-3 4.2.2.2.5 XFRM_RPLC",
                    Related(vocab::kXfrmRplc), {"Deprecated"}, Returns({"old"})));
  c.push_back(Query("LC-006", "signs leaves the signed entry Approved", "ITI TF-3 4.2.2.2.6 signs",
                    Related(vocab::kSigns), {"Approved"}, Returns({"old", "de"})));
  c.push_back(RelateToDeprecated("LC-007", vocab::kRplc,
                                 "ITI TF-2b 3.42.4.1.3.5 only an Approved entry can be replaced; "
                                 "XDSRegistryDeprecatedDocumentError"));
  c.push_back(RelateToDeprecated("LC-008", vocab::kApnd, "ITI TF-3 4.2.2.2.3 APND of a Deprecated entry; "
                                                         "XDSRegistryDeprecatedDocumentError"));
  c.push_back(RelateToDeprecated("LC-009", vocab::kXfrm, "ITI TF-3 4.2.2.2.4 XFRM of a Deprecated entry; "
                                                         "XDSRegistryDeprecatedDocumentError"));
  c.push_back(RelateToDeprecated("LC-010", vocab::kXfrmRplc, "ITI TF-3 4.2.2.2.5 XFRM_RPLC of a Deprecated entry; "
                                                             "XDSRegistryDeprecatedDocumentError"));
  c.push_back(Query("LC-011", "A replacement chain keeps only the last version Approved",
                    "ITI TF-3 4.2.2.2.2 RPLC of a replacement",
                    [](CaseContext& ctx) {
                      XDS_RETURN_IF_ERROR(Replaced(ctx));
                      return Register(
                          ctx,
                          [](SubmissionBuilder& b) {
                            b.Document("v3");
                            b.Associate("rel3", vocab::kRplc, "v3", "de");
                          },
                          "ss2");
                    },
                    {"Approved"}, Returns({"v3"})));
  c.push_back(Query("LC-012", "A refused submission leaves the original untouched",
                    "ITI TF-2b 3.42.4.1.3 atomicity: nothing of a refused submission is applied",
                    [](CaseContext& ctx) {
                      XDS_RETURN_IF_ERROR(Register(ctx, [](SubmissionBuilder& b) { b.Document("old"); }, "ss0"));
                      SubmissionBuilder b(ctx, "ss1");
                      b.Document("de");
                      b.Associate("rel", vocab::kRplc, "de", "old");
                      RemoveCodes(b.Get("de"), vocab::kDeClassCode);  // makes the submission invalid
                      auto answer = ctx.Send(b.Iti42(), "setup (must be refused)");
                      if (!answer.ok()) return answer.status();
                      if (answer->status != "Failure")
                        return Status::InvalidArgument("the invalid replacement was not refused: " + answer->status);
                      return Status::Ok();
                    },
                    {"Approved"}, Returns({"old"})));
  auto folder_contents = [](std::string folder) {
    return [folder](CaseContext& ctx) {
      QueryBuilder q(query_id::kGetFolderAndContents);
      q.Quoted("$XDSFolderEntryUUID", ctx.Id(folder));
      return q.Build();
    };
  };
  Case added;
  added.id = "LC-013";
  added.title = "A registered entry added to a registered Folder";
  added.rule = "ITI TF-3 4.2.2.1.2 Folder membership added in a later submission";
  added.setup = [](CaseContext& ctx) {
    XDS_RETURN_IF_ERROR(Register(ctx, [](SubmissionBuilder& b) {
      b.Document("old");
      b.Folder("fd0");
    }));
    return Register(ctx, [](SubmissionBuilder& b) { b.FolderMember("fd0", "old"); }, "ss1");
  };
  added.request = folder_contents("fd0");
  added.expected = Returns({"fd0", "old", "fd0>old"});
  c.push_back(std::move(added));

  Case follows;
  follows.id = "LC-014";
  follows.title = "A replacement joins the Folders of the original";
  follows.rule = "ITI TF-2b 3.42.4.1.3.5 RPLC: the replacement is added to the original's Folders";
  follows.setup = [](CaseContext& ctx) {
    XDS_RETURN_IF_ERROR(Register(ctx, [](SubmissionBuilder& b) {
      b.Document("old");
      b.Folder("fd0");
      b.FolderMember("fd0", "old");
    }));
    return Register(
        ctx,
        [](SubmissionBuilder& b) {
          b.Document("de");
          b.Associate("rel", vocab::kRplc, "de", "old");
        },
        "ss1");
  };
  follows.request = [](CaseContext& ctx) {
    QueryBuilder q(query_id::kGetFoldersForDocument);
    q.Quoted("$XDSDocumentEntryEntryUUID", ctx.Id("de"));
    return q.Build();
  };
  follows.expected = Returns({"fd0"});
  c.push_back(std::move(follows));

  c.push_back(RegisterCase("LC-015", "A Deprecated entry cannot be put in a Folder",
                           "ITI TF-2b 3.42.4.1.3.7 Folder HasMember to a Deprecated entry; "
                           "XDSRegistryDeprecatedDocumentError",
                           [](SubmissionBuilder& b) {
                             b.Folder("fd");
                             b.FolderMember("fd", "old");
                           },
                           FailsWith("XDSRegistryDeprecatedDocumentError"), Replaced));
  c.push_back(RegisterCase("LC-016", "A Folder takes only entries of its own patient",
                           "ITI TF-3 4.2.2.1.2 Folder and DocumentEntry patientId match; XDSPatientIdDoesNotMatch",
                           [](SubmissionBuilder& b) {
                             b.Document("de");
                             b.FolderMember("fdx", "de");
                           },
                           FailsWith("XDSPatientIdDoesNotMatch"), [](CaseContext& ctx) {
                             std::string other = ctx.other_patient();
                             return Register(ctx, [other](SubmissionBuilder& b) {
                               SetIdentifier(b.submission_set(), vocab::kSsPatientId, other);
                               b.Folder("fdx", {"Radiology^1.3.6.1.4.1.21367.100.1"}, other);
                             });
                           }));
  c.push_back(RegisterCase("LC-017", "A Folder HasMember to an entry nobody registered",
                           "ITI TF-3 Table 4.2.4.1-2 UnresolvedReferenceException",
                           [](SubmissionBuilder& b) {
                             b.Folder("fd");
                             b.FolderMember("fd", "ghost");
                           },
                           FailsWith("UnresolvedReferenceException")));
  return c;
}

}  // namespace xds::conformance

// REG-*: valid ITI-42 Register Document Set-b submissions, one per object
// and association kind (ITI TF-2b 3.42, ITI TF-3 4.2.2). Each must be
// accepted with Success; the query cases check what was stored.
#include "conformance/catalogue/catalogue.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {

Status Register(CaseContext& ctx, const Build& build, const std::string& ss_label) {
  SubmissionBuilder b(ctx, ss_label);
  build(b);
  return ctx.SendSetup(b.Iti42());
}

Case RegisterCase(std::string id, std::string title, std::string rule, Build build, Expected expected,
                  std::function<Status(CaseContext&)> setup) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.actor = Actor::kRegistry;
  c.setup = std::move(setup);
  c.request = [build](CaseContext& ctx) {
    SubmissionBuilder b(ctx, "ss");
    build(b);
    return b.Iti42();
  };
  c.expected = std::move(expected);
  return c;
}

Case BrokenCase(std::string id, std::string title, std::string rule, Build edit, std::string error_code) {
  return RegisterCase(
      std::move(id), std::move(title), std::move(rule),
      [edit](SubmissionBuilder& b) {
        b.Document("de");
        edit(b);
      },
      FailsWith(std::move(error_code)));
}

std::vector<Case> AllCases() {
  std::vector<Case> all;
  for (auto group : {RegistrationCases, MetadataErrorCases, QueryCases, LifecycleCases, RepositoryCases, ImagingCases,
                     MetadataUpdateCases})
    for (Case& c : group()) all.push_back(std::move(c));
  return all;
}

namespace {

// An earlier submission holding DocumentEntry "old" (and Folder "fd0").
Status WithOldDocument(CaseContext& ctx) {
  return Register(ctx, [](SubmissionBuilder& b) { b.Document("old"); });
}

Status WithOldFolder(CaseContext& ctx) {
  return Register(ctx, [](SubmissionBuilder& b) {
    b.Document("old");
    b.Folder("fd0");
  });
}

}  // namespace

std::vector<Case> RegistrationCases() {
  std::vector<Case> cases;
  cases.push_back(RegisterCase("REG-001", "One stable DocumentEntry with its SubmissionSet",
                               "ITI TF-2b 3.42.4.1.3; ITI TF-3 4.2.3.2 DocumentEntry attributes",
                               [](SubmissionBuilder& b) { b.Document("de"); }, Succeeds()));
  cases.push_back(RegisterCase("REG-002", "Three DocumentEntries in one SubmissionSet",
                               "ITI TF-3 4.2.2.1 HasMember SubmissionSet to DocumentEntry",
                               [](SubmissionBuilder& b) {
                                 b.Document("de1");
                                 b.Document("de2");
                                 b.Document("de3");
                               },
                               Succeeds()));
  cases.push_back(RegisterCase("REG-003", "An empty Folder", "ITI TF-3 4.2.1.3 Folder; 4.2.3.4 Folder attributes",
                               [](SubmissionBuilder& b) { b.Folder("fd"); }, Succeeds()));
  cases.push_back(RegisterCase("REG-004", "A new DocumentEntry in a new Folder",
                               "ITI TF-3 4.2.2.1.2 Folder HasMember, with its SubmissionSet HasMember",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Folder("fd");
                                 b.FolderMember("fd", "de");
                               },
                               Succeeds()));
  cases.push_back(RegisterCase("REG-005", "A registered DocumentEntry added to a new Folder",
                               "ITI TF-3 4.2.2.1.2 Folder HasMember to an existing DocumentEntry",
                               [](SubmissionBuilder& b) {
                                 b.Folder("fd");
                                 b.FolderMember("fd", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-006", "A new DocumentEntry added to a registered Folder",
                               "ITI TF-3 4.2.2.1.2 add to an existing Folder",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.FolderMember("fd0", "de");
                               },
                               Succeeds(), WithOldFolder));
  cases.push_back(RegisterCase("REG-007", "A SubmissionSet referencing a registered DocumentEntry",
                               "ITI TF-3 4.2.2.1.1 SubmissionSetStatus Reference",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Reference("old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-008", "An On-Demand DocumentEntry",
                               "ITI TF-3 4.1.4.1 On-Demand DocumentEntry (objectType 34268e47...)",
                               [](SubmissionBuilder& b) {
                                 DocumentSpec s;
                                 s.on_demand = true;
                                 b.Document(s);
                               },
                               Succeeds()));
  cases.push_back(RegisterCase(
      "REG-009", "Symbolic ids resolved by the registry", "ITI TF-3 4.2.3.1.7 symbolic entryUUIDs",
      [](SubmissionBuilder& b) {
        b.Document("de");
        auto& req = b.request();
        std::string ss = b.submission_set().id, de = b.Get("de").id;
        for (auto& o : req.objects) {
          auto rename = [&](std::string& id) {
            if (id == ss) id = "SubmissionSet01";
            else if (id == de) id = "Document01";
          };
          rename(o.id);
          rename(o.source_object);
          rename(o.target_object);
          for (auto& k : o.classifications) rename(k.classified_object);
          for (auto& e : o.external_identifiers) rename(e.registry_object);
        }
      },
      Succeeds()));
  cases.push_back(RegisterCase("REG-010", "A replacement (RPLC) of an Approved DocumentEntry",
                               "ITI TF-3 4.2.2.2.2 RPLC",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Associate("rplc", vocab::kRplc, "de", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-011", "An addendum (APND)", "ITI TF-3 4.2.2.2.3 APND",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Associate("apnd", vocab::kApnd, "de", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-012", "A transformation (XFRM)", "ITI TF-3 4.2.2.2.4 XFRM",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Associate("xfrm", vocab::kXfrm, "de", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-013", "A transformation that replaces (XFRM_RPLC)", "ITI TF-3 4.2.2.2.5 XFRM_RPLC",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Associate("xr", vocab::kXfrmRplc, "de", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-014", "A digital signature document (signs)", "ITI TF-3 4.2.2.2.6 signs",
                               [](SubmissionBuilder& b) {
                                 DocumentSpec sig;
                                 sig.label = "sig";
                                 sig.mime_type = "text/xml";
                                 sig.format_code = "http://www.w3.org/2000/09/xmldsig#^1.3.6.1.4.1.19376.1.2.3";
                                 b.Document(sig);
                                 b.Associate("signs", vocab::kSigns, "sig", "old");
                               },
                               Succeeds(), WithOldDocument));
  cases.push_back(RegisterCase("REG-015", "Every optional DocumentEntry attribute",
                               "ITI TF-3 Table 4.3.1-3 (O attributes: comments, eventCodeList, serviceStart/Stop, "
                               "legalAuthenticator, sourcePatientInfo, referenceIdList)",
                               [](SubmissionBuilder& b) {
                                 DocumentSpec s;
                                 s.event_codes = {"T-D4909^SRT", "CT^1.2.840.10008.2.16.4"};
                                 s.service_start = "20240101080000";
                                 s.service_stop = "20240101093000";
                                 s.reference_ids = {"ACC123^^^&1.2.3.4&ISO^urn:ihe:iti:xds:2013:accession"};
                                 auto& de = b.Document(s);
                                 de.has_description = true;
                                 de.description = "all optional attributes";
                                 SetSlot(de, "legalAuthenticator", {"^Welby^Marcus^^^Dr^^^&1.2.3.4&ISO"});
                                 SetSlot(de, "sourcePatientInfo", {"PID-5|DOE^JOHN^^^", "PID-7|19560527", "PID-8|M"});
                               },
                               Succeeds()));
  cases.push_back(RegisterCase("REG-016", "A SubmissionSet with intendedRecipient and comments",
                               "ITI TF-3 4.2.3.3 SubmissionSet intendedRecipient, comments",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 auto& ss = b.submission_set();
                                 SetSlot(ss, "intendedRecipient", {"Some Hospital^^^^^^^^^1.2.3.9.1789.45|^Wel^Marcy"});
                                 ss.has_description = true;
                                 ss.description = "conformance";
                               },
                               Succeeds()));
  cases.push_back(RegisterCase("REG-017", "Two Folders sharing one DocumentEntry",
                               "ITI TF-3 4.2.1.3 a DocumentEntry may belong to several Folders",
                               [](SubmissionBuilder& b) {
                                 b.Document("de");
                                 b.Folder("fd1");
                                 b.Folder("fd2");
                                 b.FolderMember("fd1", "de");
                                 b.FolderMember("fd2", "de");
                               },
                               Succeeds()));
  return cases;
}

}  // namespace xds::conformance

// XDSI-*: XDS-I.b (RAD TF-2 4.68, 4.69; RAD TF-3 4.107): a KOS manifest
// published as a DICOM document (mimeType application/dicom, formatCode the
// KOS SOP Class UID) is registered, found and retrieved unchanged; the
// images a manifest lists are retrieved by RAD-69 (with partial success)
// and by WADO-RS. Image cases read their study from the manifest given with
// --imaging-manifest; the publication cases build a KOS of their own.
#include <set>

#include "conformance/catalogue/catalogue.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/service/rad69_request.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::conformance {
namespace {

constexpr char kKosFormat[] = "1.2.840.10008.5.1.4.1.1.88.59^1.2.840.10008.2.6.1";
constexpr char kExplicitLittle[] = "1.2.840.10008.1.2.1";

// A small KOS of a made-up CT study, its SOP Instance UID the case's
// uniqueId for `label` (RAD TF-3 4.68.4.1.2.3: uniqueId = KOS SOP Instance UID).
std::string MadeUpKos(CaseContext& ctx, const std::string& label) {
  imaging::KosDocument doc;
  doc.sop_instance_uid = ctx.Uid(label);
  doc.series_instance_uid = NewUuidOid();
  doc.study.study_instance_uid = NewUuidOid();
  doc.study.patient_id = "CONF-" + ctx.Uid(label).substr(5, 8);
  doc.study.patient_name = "CONFORMANCE^CASE";
  doc.study.patient_birth_date = "19700101";
  doc.study.patient_sex = "O";
  doc.study.study_date = "20240105";
  doc.study.study_time = "120000";
  doc.study.accession_number = "A" + ctx.Uid(label).substr(5, 10);
  imaging::KosSeries series;
  series.series_instance_uid = NewUuidOid();
  series.retrieve_ae_title = "PACS";
  series.retrieve_location_uid =
      ctx.endpoints().imaging_source_id.empty() ? "1.3.6.1.4.1.21367.2017.4.999" : ctx.endpoints().imaging_source_id;
  series.instances.push_back({"1.2.840.10008.5.1.4.1.1.2", NewUuidOid()});
  series.instances.push_back({"1.2.840.10008.5.1.4.1.1.2", NewUuidOid()});
  doc.series.push_back(series);
  for (const auto& i : series.instances) doc.content.push_back({"CONTAINS", "IMAGE", i});
  auto bytes = imaging::WriteKos(doc);
  return bytes.ok() ? *bytes : std::string("KOS could not be written: ") + bytes.status().message();
}

// The manifest's DocumentEntry as an Imaging Document Source submits it
// (RAD TF-3 4.68.4.1.2.3, xds-i.md §3).
void AddManifest(SubmissionBuilder& b, const std::string& label) {
  DocumentSpec s;
  s.label = label;
  s.repository_fields = false;
  s.mime_type = "application/dicom";
  s.class_code = "IMAGES^1.3.6.1.4.1.19376.1.2.6.1";
  s.format_code = kKosFormat;
  s.event_codes = {"CT^1.2.840.10008.2.16.4"};
  s.content = MadeUpKos(b.ctx(), label);
  b.Document(s);
}

Case Publication(std::string id, std::string title, std::string rule, std::function<Request(CaseContext&)> request,
                 Expected expected, bool published_first) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.actor = Actor::kRepository;
  if (published_first)
    c.setup = [](CaseContext& ctx) {
      SubmissionBuilder b(ctx, "ss0");
      AddManifest(b, "kos");
      return ctx.SendSetup(b.Iti41());
    };
  c.request = std::move(request);
  c.expected = std::move(expected);
  return c;
}

// Selects manifest instances by position.
using Pick = std::function<bool(const CaseContext::Manifest&, size_t index)>;

// RAD-69 for the manifest instances `pick` selects, plus `unknown` made-up ones.
std::function<Request(CaseContext&)> Rad69(Pick pick, int unknown = 0, std::string repository = {}) {
  return [pick, unknown, repository](CaseContext& ctx) {
    const auto& m = *ctx.manifest();
    imaging::Rad69Request r;
    imaging::Rad69StudyRequest study;
    study.study_instance_uid = m.study_uid;
    std::string repo = !repository.empty() ? repository
                       : ctx.endpoints().imaging_source_id.empty() ? "1.3.6.1.4.1.21367.2017.4.1"
                                                                   : ctx.endpoints().imaging_source_id;
    for (size_t i = 0; i < m.instances.size(); ++i) {
      const auto& inst = m.instances[i];
      if (!pick(m, i)) continue;
      if (study.series.empty() || study.series.back().series_instance_uid != inst.series_uid)
        study.series.push_back({inst.series_uid, {}});
      study.series.back().documents.push_back({"", repo, inst.sop_instance_uid});
    }
    for (int u = 0; u < unknown; ++u) {
      if (study.series.empty()) study.series.push_back({m.instances.front().series_uid, {}});
      study.series.back().documents.push_back({"", repo, ctx.Uid("unknown" + std::to_string(u))});
    }
    r.studies.push_back(std::move(study));
    r.transfer_syntaxes = {kExplicitLittle};
    return Request{Transaction::kRad69, imaging::WriteRad69Request(r), {}, {}};
  };
}

// Check: the answer carries exactly the picked instances, each a DICOM file.
std::function<std::string(CaseContext&, const Answer&)> Delivers(Pick pick) {
  return [pick](CaseContext& ctx, const Answer& a) -> std::string {
    const auto& m = *ctx.manifest();
    std::set<std::string> want, got;
    for (size_t i = 0; i < m.instances.size(); ++i)
      if (pick(m, i)) want.insert(m.instances[i].sop_instance_uid);
    for (const auto& [uid, bytes] : a.documents) {
      if (bytes.size() < 132 || bytes.compare(128, 4, "DICM") != 0)
        return "instance " + uid + " is not a DICOM Part 10 file";
      got.insert(uid);
    }
    for (const auto& mime : a.document_mime_types)
      if (mime != "application/dicom") return "an instance came back as " + mime + ", not application/dicom";
    if (got != want)
      return std::to_string(got.size()) + " instances came back, " + std::to_string(want.size()) + " expected";
    return {};
  };
}

Case Images(std::string id, std::string title, std::string rule, std::function<Request(CaseContext&)> request,
            Expected expected) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.actor = Actor::kImagingSource;
  c.needs_manifest = true;
  c.request = std::move(request);
  c.expected = std::move(expected);
  return c;
}

Expected With(Expected e, Pick pick, std::string text) {
  e.check = Delivers(std::move(pick));
  e.check_text = std::move(text);
  return e;
}

// WADO-RS: the parts of the answer are the picked instances' files.
Expected WadoParts(Pick pick, std::string text) {
  Expected e;
  e.outcome = Outcome::kHttpOk;
  e.check_text = std::move(text);
  e.check = [pick](CaseContext& ctx, const Answer& a) -> std::string {
    size_t want = 0;
    for (size_t i = 0; i < ctx.manifest()->instances.size(); ++i) want += pick(*ctx.manifest(), i);
    if (a.documents.size() != want)
      return std::to_string(a.documents.size()) + " parts came back, " + std::to_string(want) + " expected";
    for (const auto& [n, bytes] : a.documents)
      if (bytes.size() < 132 || bytes.compare(128, 4, "DICM") != 0) return "part " + n + " is not a DICOM file";
    return {};
  };
  return e;
}

Request Wado(std::string path) { return Request{Transaction::kWadoRs, {}, {}, std::move(path)}; }

}  // namespace

std::vector<Case> ImagingCases() {
  std::vector<Case> c;
  c.push_back(Publication("XDSI-001", "A KOS manifest published by ITI-41 (RAD-68 content)",
                          "RAD TF-3 4.68.4.1.2.3 manifest metadata: mimeType application/dicom, formatCode KOS",
                          [](CaseContext& ctx) {
                            SubmissionBuilder b(ctx);
                            AddManifest(b, "kos");
                            return b.Iti41();
                          },
                          Succeeds(), false));
  c.push_back(Publication("XDSI-002", "The manifest is found by its formatCode",
                          "RAD TF-3 4.68.4.1.2.3; ITI TF-2a 3.18 FindDocuments $XDSDocumentEntryFormatCode",
                          [](CaseContext& ctx) {
                            QueryBuilder q(query_id::kFindDocuments);
                            q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                            q.Status("$XDSDocumentEntryStatus");
                            q.List("$XDSDocumentEntryFormatCode", {"1.2.840.10008.5.1.4.1.1.88.59^^1.2.840.10008.2.6.1"});
                            return q.Build();
                          },
                          Returns({"kos"}), true));
  Expected unchanged = Returns({"kos"});
  unchanged.check_text = "a readable KOS, mimeType application/dicom";
  unchanged.check = [](CaseContext&, const Answer& a) -> std::string {
    if (a.document_mime_types.empty() || a.document_mime_types[0] != "application/dicom")
      return "the manifest did not come back as application/dicom";
    auto kos = imaging::ReadKos(a.documents[0].second);
    return kos.ok() ? "" : "the manifest is not a readable KOS: " + kos.status().message();
  };
  c.push_back(Publication("XDSI-003", "The manifest is retrieved unchanged (ITI-43)",
                          "RAD TF-2 4.68 / ITI TF-2b 3.43 manifest retrieve",
                          [](CaseContext& ctx) { return RetrieveRequest({{RepositoryIdOf(ctx), ctx.Uid("kos")}}); },
                          unchanged, true));
  c.push_back(Publication("XDSI-004", "A replacement manifest (RPLC) is accepted",
                          "RAD TF-3 4.68.4.1.2.3.3 manifest replacement; ITI TF-3 4.2.2.2.2",
                          [](CaseContext& ctx) {
                            SubmissionBuilder b(ctx);
                            AddManifest(b, "kos2");
                            b.Associate("rplc", vocab::kRplc, "kos2", "kos");
                            return b.Iti41();
                          },
                          Succeeds(), true));

  Pick all = [](const CaseContext::Manifest&, size_t) { return true; };
  Pick first_of_series = [](const CaseContext::Manifest&, size_t index) { return index == 0; };
  Pick even = [](const CaseContext::Manifest&, size_t index) { return index % 2 == 0; };
  Pick none = [](const CaseContext::Manifest&, size_t) { return false; };
  Pick same_series = [](const CaseContext::Manifest& m, size_t index) {
    return m.instances[index].series_uid == m.instances.front().series_uid;
  };
  c.push_back(Images("XDSI-010", "RAD-69: every instance of the study", "RAD TF-3 4.69.4.2.3 Success, all instances",
                     Rad69(all), With(Succeeds(), all, "every instance the manifest lists, as DICOM, application/dicom")));
  c.push_back(Images("XDSI-011", "RAD-69: one instance", "RAD TF-3 4.69.4.1.2 DocumentRequest per instance",
                     Rad69(first_of_series), With(Succeeds(), first_of_series, "exactly the requested instance")));
  c.push_back(Images("XDSI-012", "RAD-69: a subset of the instances", "RAD TF-3 4.69.4.1.2 subset retrieve",
                     Rad69(even), With(Succeeds(), even, "exactly the requested instances")));
  c.push_back(Images("XDSI-016", "RAD-69: one whole series", "RAD TF-3 4.69.4.1.2 SeriesRequest",
                     Rad69(same_series), With(Succeeds(), same_series, "exactly the series' instances")));
  Expected partial;
  partial.outcome = Outcome::kPartialSuccess;
  partial.error_codes = {"XDSDocumentUniqueIdError"};
  c.push_back(Images("XDSI-013", "RAD-69 with an unknown instance: PartialSuccess",
                     "RAD TF-3 4.69.4.2.3 PartialSuccess; XDSDocumentUniqueIdError", Rad69(all, 1),
                     With(partial, all, "the known instances, and an error for the unknown one")));
  c.push_back(Images("XDSI-014", "RAD-69 of unknown instances only: Failure",
                     "RAD TF-3 4.69.4.2.3 Failure; XDSDocumentUniqueIdError", Rad69(none, 2),
                     FailsWith("XDSDocumentUniqueIdError")));
  c.push_back(Images("XDSI-015", "RAD-69 naming another RepositoryUniqueId",
                     "RAD TF-3 4.69.4.2.3; XDSUnknownRepositoryId", Rad69(first_of_series, 0, "1.2.3.4.5.6.7.8.404"),
                     FailsWith("XDSUnknownRepositoryId")));
  c.push_back(Images("XDSI-020", "WADO-RS: the whole study", "RAD TF-3 4.107.4.1 / DICOM PS3.18 10.4 Retrieve Study",
                     [](CaseContext& ctx) { return Wado("/studies/" + ctx.manifest()->study_uid); },
                     WadoParts(all, "multipart/related with one DICOM part per instance")));
  c.push_back(Images("XDSI-021", "WADO-RS: one series", "DICOM PS3.18 10.4 Retrieve Series",
                     [](CaseContext& ctx) {
                       const auto& m = *ctx.manifest();
                       return Wado("/studies/" + m.study_uid + "/series/" + m.instances.front().series_uid);
                     },
                     WadoParts(same_series, "the series' instances")));
  c.push_back(Images("XDSI-022", "WADO-RS: one instance", "DICOM PS3.18 10.4 Retrieve Instance",
                     [](CaseContext& ctx) {
                       const auto& i = ctx.manifest()->instances.front();
                       return Wado("/studies/" + ctx.manifest()->study_uid + "/series/" + i.series_uid +
                                   "/instances/" + i.sop_instance_uid);
                     },
                     WadoParts(first_of_series, "one DICOM part")));
  Expected not_found;
  not_found.outcome = Outcome::kHttpNotFound;
  c.push_back(Images("XDSI-023", "WADO-RS of an unknown study: 404", "DICOM PS3.18 8.7.3 404 Not Found",
                     [](CaseContext& ctx) { return Wado("/studies/" + ctx.Uid("nostudy")); }, not_found));
  return c;
}

}  // namespace xds::conformance

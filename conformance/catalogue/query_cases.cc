// SQ-*: ITI-18 Registry Stored Query (ITI TF-2a 3.18.4.1.2): every stored
// query, parameters combined with AND, values of one parameter with OR,
// repeated slots of AND/OR parameters with AND, time ranges From <= t < To,
// status and objectType filters, returnType, and the parameter errors.
//
// Every case first registers the same small population for its own fresh
// patient, so that each query has an exact expected result:
//   SubmissionSet p1: d1, d2, d3, od (On-Demand), d5, Folder fd1 holding d1
//   SubmissionSet p2: d6 replacing d5 (RPLC, so d5 is Deprecated), Folder fd2
//             d1          d2                    d3          d5/d6
//   class     REPORTS     IMAGES                REPORTS     REPORTS
//   type      18748-4     11488-4               11488-4     18748-4
//   practice  Radiology   General medicine      Radiology   Radiology
//   facility  RADDX       HOSP                  RADDX       RADDX
//   format    mimeType..  urn:ihe:rad:PDF       mimeType..  mimeType..
//   conf      N           N, R                  R           N
//   events    CT, T-D4909 T-D4909               MR          -
//   created   20240105120000 20240110000000     20240120000000  2023 / 20240201
//   service   0101 08-10h  0201 08-10h          0301 08h-0302   2023 / 0401
//   author    Welby       Smith                 Jones       Welby
#include "conformance/catalogue/catalogue.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/stored_queries.h"

namespace xds::conformance {
namespace {

constexpr char kReports[] = "REPORTS^1.3.6.1.4.1.19376.1.2.6.1";
constexpr char kImages[] = "IMAGES^1.3.6.1.4.1.19376.1.2.6.1";
constexpr char kReportsQ[] = "REPORTS^^1.3.6.1.4.1.19376.1.2.6.1";
constexpr char kImagesQ[] = "IMAGES^^1.3.6.1.4.1.19376.1.2.6.1";

Status Population(CaseContext& ctx) {
  XDS_RETURN_IF_ERROR(Register(
      ctx,
      [](SubmissionBuilder& b) {
        DocumentSpec d1;
        d1.label = "d1";
        d1.event_codes = {"CT^1.2.840.10008.2.16.4", "T-D4909^SRT"};
        d1.service_start = "20240101080000";
        d1.service_stop = "20240101100000";
        b.Document(d1);
        DocumentSpec d2;
        d2.label = "d2";
        d2.class_code = kImages;
        d2.type_code = "11488-4^2.16.840.1.113883.6.1";
        d2.practice_code = "394802001^2.16.840.1.113883.6.96";
        d2.facility_code = "HOSP^2.16.840.1.113883.5.11";
        d2.format_code = "urn:ihe:rad:PDF^1.3.6.1.4.1.19376.1.2.3";
        d2.confidentiality = {"N^2.16.840.1.113883.5.25", "R^2.16.840.1.113883.5.25"};
        d2.event_codes = {"T-D4909^SRT"};
        d2.creation_time = "20240110000000";
        d2.service_start = "20240201080000";
        d2.service_stop = "20240201100000";
        d2.author_person = "^Smith^John^^^Dr^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";
        d2.reference_ids = {b.ctx().Uid("acc") + "^^^&1.3.6.1.4.1.21367.13.20.3000&ISO^urn:ihe:iti:xds:2013:accession"};
        b.Document(d2);
        DocumentSpec d3;
        d3.label = "d3";
        d3.type_code = "11488-4^2.16.840.1.113883.6.1";
        d3.confidentiality = {"R^2.16.840.1.113883.5.25"};
        d3.event_codes = {"MR^1.2.840.10008.2.16.4"};
        d3.creation_time = "20240120000000";
        d3.service_start = "20240301080000";
        d3.service_stop = "20240302000000";
        d3.author_person = "^Jones^Ann^^^Dr^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";
        b.Document(d3);
        DocumentSpec od;
        od.label = "od";
        od.on_demand = true;
        b.Document(od);
        DocumentSpec d5;
        d5.label = "d5";
        d5.creation_time = "20230101000000";
        d5.service_start = "20230101000000";
        d5.service_stop = "20230102000000";
        b.Document(d5);
        b.Folder("fd1", {"FC1^1.3.6.1.4.1.21367.100.1"});
        b.FolderMember("fd1", "d1");
      },
      "p1"));
  return Register(
      ctx,
      [](SubmissionBuilder& b) {
        auto& ss = b.submission_set();
        RemoveCodes(ss, vocab::kSsContentTypeCode);
        AddCode(ss, vocab::kSsContentTypeCode, "11488-4^2.16.840.1.113883.6.1");
        SetIdentifier(ss, vocab::kSsSourceId, "1.3.6.1.4.1.21367.13.80.98");
        DocumentSpec d6;
        d6.label = "d6";
        d6.creation_time = "20240201000000";
        d6.service_start = "20240401000000";
        d6.service_stop = "20240402000000";
        b.Document(d6);
        b.Associate("rplc", vocab::kRplc, "d6", "d5");
        b.Folder("fd2", {"FC2^1.3.6.1.4.1.21367.100.1"});
      },
      "p2");
}

using QueryFn = std::function<QueryBuilder(CaseContext&)>;

Case QueryCase(std::string id, std::string title, std::string rule, QueryFn query, Expected expected,
               std::function<Status(CaseContext&)> setup = Population) {
  Case c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.rule = std::move(rule);
  c.setup = std::move(setup);
  c.request = [query](CaseContext& ctx) { return query(ctx).Build(); };
  c.expected = std::move(expected);
  return c;
}

// FindDocuments for the case patient, Approved, plus `more`.
QueryFn FindDocs(std::function<void(QueryBuilder&, CaseContext&)> more = {},
                 std::vector<std::string> status = {"Approved"}, std::string return_type = "LeafClass") {
  return [=](CaseContext& ctx) {
    QueryBuilder q(query_id::kFindDocuments, return_type);
    q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
    q.Status("$XDSDocumentEntryStatus", status);
    if (more) more(q, ctx);
    return q;
  };
}
QueryFn FindDocsWith(std::string name, std::vector<std::string> values) {
  return FindDocs([=](QueryBuilder& q, CaseContext&) { q.List(name, values); });
}
QueryFn FindDocsRaw(std::string name, std::string value) {
  return FindDocs([=](QueryBuilder& q, CaseContext&) { q.Raw(name, value); });
}
// A by-id query: `param` with the entryUUIDs (or uniqueIds) of `labels`.
QueryFn ById(const char* query, std::string param, std::vector<std::string> labels, bool unique_ids = false,
             bool single = false) {
  return [=](CaseContext& ctx) {
    QueryBuilder q(query);
    std::vector<std::string> ids;
    for (const auto& l : labels) ids.push_back(unique_ids ? ctx.Uid(l) : ctx.Id(l));
    if (single) q.Quoted(param, ids.front());
    else q.List(param, ids);
    return q;
  };
}

std::string Short(const std::string& label, CaseContext& ctx) { return label + " (" + ctx.Id(label) + ")"; }

// Check: every label among the returned ids, none of `absent`.
Expected Including(std::vector<std::string> present, std::vector<std::string> absent) {
  Expected e;
  std::string text = "returns (at least) ";
  for (const auto& p : present) text += p + " ";
  text += "and none of ";
  for (const auto& a : absent) text += a + " ";
  e.check_text = text;
  e.check = [present, absent](CaseContext& ctx, const Answer& a) -> std::string {
    auto has = [&](const std::string& label) {
      return std::find(a.object_ids.begin(), a.object_ids.end(), ctx.Id(label)) != a.object_ids.end();
    };
    for (const auto& p : present)
      if (!has(p)) return Short(p, ctx) + " is missing";
    for (const auto& x : absent)
      if (has(x)) return Short(x, ctx) + " must not be returned";
    return {};
  };
  return e;
}

std::vector<Case> FindDocumentsCases() {
  const std::string fd = "ITI TF-2a 3.18.4.1.2.3.7.1 FindDocuments ";
  std::vector<Case> c;
  c.push_back(QueryCase("SQ-001", "FindDocuments: a patient's Approved stable entries", fd + "$XDSDocumentEntryPatientId, $XDSDocumentEntryStatus",
                        FindDocs(), Returns({"d1", "d2", "d3", "d6"})));
  c.push_back(QueryCase("SQ-002", "FindDocuments by one classCode", fd + "$XDSDocumentEntryClassCode",
                        FindDocsWith("$XDSDocumentEntryClassCode", {kReportsQ}), Returns({"d1", "d3", "d6"})));
  c.push_back(QueryCase("SQ-003", "FindDocuments classCode: values OR-ed", fd + "$XDSDocumentEntryClassCode OR",
                        FindDocsWith("$XDSDocumentEntryClassCode", {kReportsQ, kImagesQ}),
                        Returns({"d1", "d2", "d3", "d6"})));
  c.push_back(QueryCase("SQ-004", "FindDocuments by typeCode", fd + "$XDSDocumentEntryTypeCode",
                        FindDocsWith("$XDSDocumentEntryTypeCode", {"11488-4^^2.16.840.1.113883.6.1"}),
                        Returns({"d2", "d3"})));
  c.push_back(QueryCase("SQ-005", "FindDocuments by practiceSettingCode", fd + "$XDSDocumentEntryPracticeSettingCode",
                        FindDocsWith("$XDSDocumentEntryPracticeSettingCode", {"394802001^^2.16.840.1.113883.6.96"}),
                        Returns({"d2"})));
  c.push_back(QueryCase("SQ-006", "FindDocuments by healthcareFacilityTypeCode",
                        fd + "$XDSDocumentEntryHealthcareFacilityTypeCode",
                        FindDocsWith("$XDSDocumentEntryHealthcareFacilityTypeCode", {"HOSP^^2.16.840.1.113883.5.11"}),
                        Returns({"d2"})));
  c.push_back(QueryCase("SQ-007", "FindDocuments by formatCode", fd + "$XDSDocumentEntryFormatCode",
                        FindDocsWith("$XDSDocumentEntryFormatCode", {"urn:ihe:rad:PDF^^1.3.6.1.4.1.19376.1.2.3"}),
                        Returns({"d2"})));
  c.push_back(QueryCase("SQ-008", "FindDocuments: parameters AND-ed (classCode and typeCode)",
                        "ITI TF-2a 3.18.4.1.2.3.6 parameters combined with AND",
                        FindDocs([](QueryBuilder& q, CaseContext&) {
                          q.List("$XDSDocumentEntryClassCode", {kReportsQ});
                          q.List("$XDSDocumentEntryTypeCode", {"11488-4^^2.16.840.1.113883.6.1"});
                        }),
                        Returns({"d3"})));
  c.push_back(QueryCase("SQ-009", "FindDocuments eventCodeList: one slot, values OR-ed",
                        fd + "$XDSDocumentEntryEventCodeList OR within a slot",
                        FindDocsWith("$XDSDocumentEntryEventCodeList",
                                     {"CT^^1.2.840.10008.2.16.4", "MR^^1.2.840.10008.2.16.4"}),
                        Returns({"d1", "d3"})));
  c.push_back(QueryCase("SQ-010", "FindDocuments eventCodeList: two slots AND-ed",
                        fd + "$XDSDocumentEntryEventCodeList AND across slots (3.18.4.1.2.3.5)",
                        FindDocs([](QueryBuilder& q, CaseContext&) {
                          q.List("$XDSDocumentEntryEventCodeList", {"T-D4909^^SRT"});
                          q.List("$XDSDocumentEntryEventCodeList", {"CT^^1.2.840.10008.2.16.4"});
                        }),
                        Returns({"d1"})));
  c.push_back(QueryCase("SQ-011", "FindDocuments confidentialityCode: two slots AND-ed",
                        fd + "$XDSDocumentEntryConfidentialityCode AND across slots",
                        FindDocs([](QueryBuilder& q, CaseContext&) {
                          q.List("$XDSDocumentEntryConfidentialityCode", {"N^^2.16.840.1.113883.5.25"});
                          q.List("$XDSDocumentEntryConfidentialityCode", {"R^^2.16.840.1.113883.5.25"});
                        }),
                        Returns({"d2"})));
  c.push_back(QueryCase("SQ-012", "FindDocuments confidentialityCode: one value",
                        fd + "$XDSDocumentEntryConfidentialityCode",
                        FindDocsWith("$XDSDocumentEntryConfidentialityCode", {"R^^2.16.840.1.113883.5.25"}),
                        Returns({"d2", "d3"})));
  c.push_back(QueryCase("SQ-013", "creationTimeFrom is inclusive", fd + "$XDSDocumentEntryCreationTimeFrom (>=)",
                        FindDocsRaw("$XDSDocumentEntryCreationTimeFrom", "20240110000000"),
                        Returns({"d2", "d3", "d6"})));
  c.push_back(QueryCase("SQ-014", "creationTimeTo is exclusive", fd + "$XDSDocumentEntryCreationTimeTo (<)",
                        FindDocsRaw("$XDSDocumentEntryCreationTimeTo", "20240110000000"), Returns({"d1"})));
  c.push_back(QueryCase("SQ-015", "creationTime range with day precision",
                        fd + "$XDSDocumentEntryCreationTimeFrom/To, DTM precision",
                        FindDocs([](QueryBuilder& q, CaseContext&) {
                          q.Raw("$XDSDocumentEntryCreationTimeFrom", "20240105");
                          q.Raw("$XDSDocumentEntryCreationTimeTo", "20240120");
                        }),
                        Returns({"d1", "d2"})));
  c.push_back(QueryCase("SQ-016", "serviceStartTimeFrom is inclusive", fd + "$XDSDocumentEntryServiceStartTimeFrom",
                        FindDocsRaw("$XDSDocumentEntryServiceStartTimeFrom", "20240201080000"),
                        Returns({"d2", "d3", "d6"})));
  c.push_back(QueryCase("SQ-017", "serviceStopTimeTo is exclusive", fd + "$XDSDocumentEntryServiceStopTimeTo",
                        FindDocsRaw("$XDSDocumentEntryServiceStopTimeTo", "20240201100000"), Returns({"d1"})));
  c.push_back(QueryCase("SQ-018", "serviceStartTime range", fd + "$XDSDocumentEntryServiceStartTimeFrom/To",
                        FindDocs([](QueryBuilder& q, CaseContext&) {
                          q.Raw("$XDSDocumentEntryServiceStartTimeFrom", "20240201");
                          q.Raw("$XDSDocumentEntryServiceStartTimeTo", "20240301");
                        }),
                        Returns({"d2"})));
  c.push_back(QueryCase("SQ-019", "authorPerson with a LIKE wildcard", fd + "$XDSDocumentEntryAuthorPerson (LIKE %)",
                        FindDocsWith("$XDSDocumentEntryAuthorPerson", {"%Jones%"}), Returns({"d3"})));
  c.push_back(QueryCase("SQ-020", "authorPerson: values OR-ed", fd + "$XDSDocumentEntryAuthorPerson OR",
                        FindDocsWith("$XDSDocumentEntryAuthorPerson", {"%Smith%", "%Jones%"}), Returns({"d2", "d3"})));
  c.push_back(QueryCase("SQ-021", "Deprecated entries only", fd + "$XDSDocumentEntryStatus Deprecated",
                        FindDocs({}, {"Deprecated"}), Returns({"d5"})));
  c.push_back(QueryCase("SQ-022", "Approved and Deprecated entries", fd + "$XDSDocumentEntryStatus OR",
                        FindDocs({}, {"Approved", "Deprecated"}), Returns({"d1", "d2", "d3", "d5", "d6"})));
  c.push_back(QueryCase("SQ-023", "On-Demand entries only", fd + "$XDSDocumentEntryType On-Demand",
                        FindDocsWith("$XDSDocumentEntryType", {std::string(vocab::kOnDemandDocumentEntry)}),
                        Returns({"od"})));
  c.push_back(QueryCase("SQ-024", "Stable and On-Demand entries", fd + "$XDSDocumentEntryType both",
                        FindDocsWith("$XDSDocumentEntryType", {std::string(vocab::kStableDocumentEntry),
                                                               std::string(vocab::kOnDemandDocumentEntry)}),
                        Returns({"d1", "d2", "d3", "d6", "od"})));
  c.push_back(QueryCase("SQ-025", "returnType ObjectRef", "ITI TF-2a 3.18.4.1.2.1 returnType ObjectRef",
                        FindDocs({}, {"Approved"}, "ObjectRef"), Returns({"d1", "d2", "d3", "d6"})));
  c.push_back(QueryCase("SQ-026", "Code with another codingScheme does not match",
                        "ITI TF-3 4.2.3.1.2 a code is identified by code and codingScheme",
                        FindDocsWith("$XDSDocumentEntryClassCode", {"REPORTS^^2.16.840.1.113883.6.1"}), Returns({})));
  c.push_back(QueryCase("SQ-027", "Missing $XDSDocumentEntryPatientId",
                        "ITI TF-2a 3.18.4.1.3 XDSStoredQueryMissingParam",
                        [](CaseContext&) {
                          QueryBuilder q(query_id::kFindDocuments);
                          q.Status("$XDSDocumentEntryStatus");
                          return q;
                        },
                        FailsWith("XDSStoredQueryMissingParam")));
  c.push_back(QueryCase("SQ-028", "Missing $XDSDocumentEntryStatus", "ITI TF-2a 3.18.4.1.3 XDSStoredQueryMissingParam",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kFindDocuments);
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                          return q;
                        },
                        FailsWith("XDSStoredQueryMissingParam")));
  c.push_back(QueryCase("SQ-029", "$XDSDocumentEntryPatientId given twice",
                        "ITI TF-2a 3.18.4.1.3 XDSStoredQueryParamNumber",
                        FindDocs([](QueryBuilder& q, CaseContext& ctx) {
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                        }),
                        FailsWith("XDSStoredQueryParamNumber")));
  c.push_back(QueryCase("SQ-030", "Unknown stored query id", "ITI TF-2a 3.18.4.1.3 XDSUnknownStoredQuery",
                        [](CaseContext& ctx) {
                          QueryBuilder q("urn:uuid:00000000-1111-4222-8333-444444444444");
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                          return q;
                        },
                        FailsWith("XDSUnknownStoredQuery")));
  c.push_back(QueryCase("SQ-031", "ITI-51 multi-patient query id on ITI-18",
                        "ITI TF-2a 3.18.4.1.2.4 query ids; XDSUnknownStoredQuery",
                        [](CaseContext& ctx) {
                          QueryBuilder q(ihe::query_id::kFindDocumentsForMultiplePatients);
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                          q.Status("$XDSDocumentEntryStatus");
                          return q;
                        },
                        FailsWith("XDSUnknownStoredQuery")));
  c.push_back(QueryCase("SQ-032", "A patient with no documents: empty Success",
                        "ITI TF-2a 3.18.4.1.3 empty result",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kFindDocuments);
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.other_patient());
                          q.Status("$XDSDocumentEntryStatus");
                          return q;
                        },
                        Returns({})));
  c.push_back(QueryCase("SQ-033", "FindDocumentsByReferenceId", "ITI TF-2a 3.18.4.1.2.3.7.14 $XDSDocumentEntryReferenceIdList",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kFindDocumentsByReferenceId);
                          q.Quoted("$XDSDocumentEntryPatientId", ctx.patient());
                          q.Status("$XDSDocumentEntryStatus");
                          q.List("$XDSDocumentEntryReferenceIdList",
                                 {ctx.Uid("acc") + "^^^&1.3.6.1.4.1.21367.13.20.3000&ISO^urn:ihe:iti:xds:2013:accession"});
                          return q;
                        },
                        Returns({"d2"})));
  return c;
}

std::vector<Case> OtherQueryCases() {
  std::vector<Case> c;
  auto find_sets = [](std::function<void(QueryBuilder&)> more) -> QueryFn {
    return [more](CaseContext& ctx) {
      QueryBuilder q(query_id::kFindSubmissionSets);
      q.Quoted("$XDSSubmissionSetPatientId", ctx.patient());
      q.Status("$XDSSubmissionSetStatus");
      if (more) more(q);
      return q;
    };
  };
  const std::string fss = "ITI TF-2a 3.18.4.1.2.3.7.2 FindSubmissionSets ";
  c.push_back(QueryCase("SQ-040", "FindSubmissionSets for a patient", fss + "$XDSSubmissionSetPatientId",
                        find_sets({}), Returns({"p1", "p2"})));
  c.push_back(QueryCase("SQ-041", "FindSubmissionSets by contentType", fss + "$XDSSubmissionSetContentType",
                        find_sets([](QueryBuilder& q) {
                          q.List("$XDSSubmissionSetContentType", {"11488-4^^2.16.840.1.113883.6.1"});
                        }),
                        Returns({"p2"})));
  c.push_back(QueryCase("SQ-042", "FindSubmissionSets by sourceId", fss + "$XDSSubmissionSetSourceId",
                        find_sets([](QueryBuilder& q) { q.List("$XDSSubmissionSetSourceId", {"1.3.6.1.4.1.21367.13.80.98"}); }),
                        Returns({"p2"})));
  c.push_back(QueryCase("SQ-043", "FindSubmissionSets submissionTime in the future",
                        fss + "$XDSSubmissionSetSubmissionTimeFrom",
                        find_sets([](QueryBuilder& q) { q.Raw("$XDSSubmissionSetSubmissionTimeFrom", "29990101"); }),
                        Returns({})));
  auto find_folders = [](std::function<void(QueryBuilder&)> more) -> QueryFn {
    return [more](CaseContext& ctx) {
      QueryBuilder q(query_id::kFindFolders);
      q.Quoted("$XDSFolderPatientId", ctx.patient());
      q.Status("$XDSFolderStatus");
      if (more) more(q);
      return q;
    };
  };
  const std::string ff = "ITI TF-2a 3.18.4.1.2.3.7.3 FindFolders ";
  c.push_back(QueryCase("SQ-044", "FindFolders for a patient", ff + "$XDSFolderPatientId", find_folders({}),
                        Returns({"fd1", "fd2"})));
  c.push_back(QueryCase("SQ-045", "FindFolders by codeList", ff + "$XDSFolderCodeList",
                        find_folders([](QueryBuilder& q) { q.List("$XDSFolderCodeList", {"FC2^^1.3.6.1.4.1.21367.100.1"}); }),
                        Returns({"fd2"})));
  c.push_back(QueryCase("SQ-046", "FindFolders lastUpdateTime range", ff + "$XDSFolderLastUpdateTimeFrom/To",
                        find_folders([](QueryBuilder& q) {
                          q.Raw("$XDSFolderLastUpdateTimeFrom", "20000101");
                          q.Raw("$XDSFolderLastUpdateTimeTo", "29990101");
                        }),
                        Returns({"fd1", "fd2"})));
  Expected getall = Including({"p1", "p2", "d1", "d2", "d3", "d6", "fd1", "fd2", "p1>d1", "fd1>d1"}, {"d5", "od"});
  c.push_back(QueryCase("SQ-047", "GetAll for a patient", "ITI TF-2a 3.18.4.1.2.3.7.4 GetAll",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kGetAll);
                          q.Quoted("$patientId", ctx.patient());
                          q.Status("$XDSDocumentEntryStatus");
                          q.Status("$XDSSubmissionSetStatus");
                          q.Status("$XDSFolderStatus");
                          return q;
                        },
                        getall));
  const std::string gd = "ITI TF-2a 3.18.4.1.2.3.7.5 GetDocuments ";
  c.push_back(QueryCase("SQ-048", "GetDocuments by entryUUID", gd + "$XDSDocumentEntryEntryUUID",
                        ById(query_id::kGetDocuments, "$XDSDocumentEntryEntryUUID", {"d1", "d2"}), Returns({"d1", "d2"})));
  c.push_back(QueryCase("SQ-049", "GetDocuments by uniqueId", gd + "$XDSDocumentEntryUniqueId",
                        ById(query_id::kGetDocuments, "$XDSDocumentEntryUniqueId", {"d3"}, true), Returns({"d3"})));
  c.push_back(QueryCase("SQ-050", "GetDocuments with both entryUUID and uniqueId",
                        gd + "either/or; XDSStoredQueryParamNumber",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kGetDocuments);
                          q.List("$XDSDocumentEntryEntryUUID", {ctx.Id("d1")});
                          q.List("$XDSDocumentEntryUniqueId", {ctx.Uid("d1")});
                          return q;
                        },
                        FailsWith("XDSStoredQueryParamNumber")));
  c.push_back(QueryCase("SQ-051", "GetDocuments with neither", gd + "XDSStoredQueryMissingParam",
                        [](CaseContext&) { return QueryBuilder(query_id::kGetDocuments); },
                        FailsWith("XDSStoredQueryMissingParam")));
  c.push_back(QueryCase(
      "SQ-052", "GetDocuments LeafClass across two patients", "ITI TF-2a 3.18.4.1.3 XDSResultNotSinglePatient",
      ById(query_id::kGetDocuments, "$XDSDocumentEntryEntryUUID", {"d1", "other"}), FailsWith("XDSResultNotSinglePatient"),
      [](CaseContext& ctx) {
        XDS_RETURN_IF_ERROR(Population(ctx));
        std::string other = ctx.other_patient();
        return Register(
            ctx,
            [other](SubmissionBuilder& b) {
              SetIdentifier(b.submission_set(), vocab::kSsPatientId, other);
              DocumentSpec s;
              s.label = "other";
              s.patient = other;
              b.Document(s);
            },
            "p3");
      }));
  c.push_back(QueryCase("SQ-053", "GetFolders by entryUUID", "ITI TF-2a 3.18.4.1.2.3.7.6 GetFolders $XDSFolderEntryUUID",
                        ById(query_id::kGetFolders, "$XDSFolderEntryUUID", {"fd1"}), Returns({"fd1"})));
  c.push_back(QueryCase("SQ-054", "GetFolders by uniqueId", "ITI TF-2a 3.18.4.1.2.3.7.6 GetFolders $XDSFolderUniqueId",
                        ById(query_id::kGetFolders, "$XDSFolderUniqueId", {"fd2"}, true), Returns({"fd2"})));
  c.push_back(QueryCase("SQ-055", "GetAssociations of a DocumentEntry", "ITI TF-2a 3.18.4.1.2.3.7.7 GetAssociations $uuid",
                        ById(query_id::kGetAssociations, "$uuid", {"d1"}), Returns({"p1>d1", "fd1>d1"})));
  c.push_back(QueryCase("SQ-056", "GetDocumentsAndAssociations",
                        "ITI TF-2a 3.18.4.1.2.3.7.8 GetDocumentsAndAssociations",
                        ById(query_id::kGetDocumentsAndAssociations, "$XDSDocumentEntryEntryUUID", {"d1"}),
                        Returns({"d1", "p1>d1", "fd1>d1"})));
  c.push_back(QueryCase("SQ-057", "GetSubmissionSets of a DocumentEntry",
                        "ITI TF-2a 3.18.4.1.2.3.7.9 GetSubmissionSets $uuid",
                        ById(query_id::kGetSubmissionSets, "$uuid", {"d6"}), Returns({"p2", "p2>d6"})));
  c.push_back(QueryCase("SQ-058", "GetSubmissionSetAndContents by entryUUID",
                        "ITI TF-2a 3.18.4.1.2.3.7.10 GetSubmissionSetAndContents",
                        ById(query_id::kGetSubmissionSetAndContents, "$XDSSubmissionSetEntryUUID", {"p2"}, false, true),
                        Returns({"p2", "d6", "p2>d6", "fd2", "p2>fd2"})));
  c.push_back(QueryCase("SQ-059", "GetSubmissionSetAndContents filtered by formatCode",
                        "ITI TF-2a 3.18.4.1.2.3.7.10 $XDSDocumentEntryFormatCode filter",
                        [](CaseContext& ctx) {
                          QueryBuilder q(query_id::kGetSubmissionSetAndContents);
                          q.Quoted("$XDSSubmissionSetUniqueId", ctx.Uid("p1"));
                          q.List("$XDSDocumentEntryFormatCode", {"urn:ihe:rad:PDF^^1.3.6.1.4.1.19376.1.2.3"});
                          return q;
                        },
                        Returns({"p1", "d2", "p1>d2", "fd1", "p1>fd1"})));
  c.push_back(QueryCase("SQ-060", "GetFolderAndContents", "ITI TF-2a 3.18.4.1.2.3.7.11 GetFolderAndContents",
                        ById(query_id::kGetFolderAndContents, "$XDSFolderEntryUUID", {"fd1"}, false, true),
                        Returns({"fd1", "d1", "fd1>d1"})));
  c.push_back(QueryCase("SQ-061", "GetFoldersForDocument", "ITI TF-2a 3.18.4.1.2.3.7.12 GetFoldersForDocument",
                        ById(query_id::kGetFoldersForDocument, "$XDSDocumentEntryEntryUUID", {"d1"}, false, true),
                        Returns({"fd1"})));
  auto related = [](std::string label) -> QueryFn {
    return [label](CaseContext& ctx) {
      QueryBuilder q(query_id::kGetRelatedDocuments);
      q.Quoted("$XDSDocumentEntryEntryUUID", ctx.Id(label));
      q.List("$AssociationTypes", {std::string(vocab::kRplc), std::string(vocab::kApnd)});
      return q;
    };
  };
  c.push_back(QueryCase("SQ-062", "GetRelatedDocuments of a replacement",
                        "ITI TF-2a 3.18.4.1.2.3.7.13 GetRelatedDocuments", related("d6"),
                        Returns({"d6", "d5", "rplc"})));
  c.push_back(QueryCase("SQ-063", "GetRelatedDocuments of an entry without relations: nothing",
                        "ITI TF-2a 3.18.4.1.2.3.7.13 no association: empty result", related("d1"), Returns({})));
  c.push_back(QueryCase("SQ-064", "GetRelatedDocuments without $AssociationTypes",
                        "ITI TF-2a 3.18.4.1.2.3.7.13 $AssociationTypes R; XDSStoredQueryMissingParam",
                        ById(query_id::kGetRelatedDocuments, "$XDSDocumentEntryEntryUUID", {"d6"}, false, true),
                        FailsWith("XDSStoredQueryMissingParam")));
  return c;
}

}  // namespace

std::vector<Case> QueryCases() {
  std::vector<Case> cases = FindDocumentsCases();
  for (Case& c : OtherQueryCases()) cases.push_back(std::move(c));
  return cases;
}

}  // namespace xds::conformance

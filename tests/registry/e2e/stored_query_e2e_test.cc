// ITI-18 end to end: every stored query over SOAP on a real socket, against
// a data set registered through ITI-42 on the same socket. The parameter
// semantics are tested in depth at the query layer
// (tests/registry/query/); here each query and each error code is shown to
// travel the wire correctly.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/ihe/stored_queries.h"

namespace xds::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using Params = std::vector<std::pair<std::string, std::string>>;
using namespace ihe::query_id;

const std::string kApproved = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')";
const std::string kAnyStatus =
    "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')";

// Registered once per test through ITI-42:
//   submission 1 (patient A): Report (REPORTS, CT, N), Images (IMAGES, MR, R),
//                             Folder holding Report
//   submission 2 (patient A): Addendum APND Report, with referenceIdList
//   submission 3 (patient B): Other
class StoredQueryE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    SubmissionBuilder s1(kPatientA);
    DocumentOptions report;
    report.unique_id = "1.2.3.10.1";
    report.creation_time = "20240110080000";
    s1.AddDocument("Report", report);
    DocumentOptions images;
    images.unique_id = "1.2.3.10.2";
    images.class_code = "IMAGES";
    images.event_codes = {"MR"};
    images.confidentiality_codes = {"R"};
    images.creation_time = "20240220080000";
    images.author_person = "^MARTIN^Paul";
    s1.AddDocument("Images", images);
    s1.AddFolder("Folder");
    s1.AddAssociation(std::string(vocab::kHasMember), "Folder", "Report");
    ss1_unique_id_ = s1.SubmissionSet().ExternalIdentifierValue(vocab::kSsUniqueId);
    MustRegister(s1);
    report_ = UuidOf("1.2.3.10.1");
    images_ = UuidOf("1.2.3.10.2");

    SubmissionBuilder s2(kPatientA);
    DocumentOptions addendum;
    addendum.unique_id = "1.2.3.10.3";
    addendum.reference_ids = {"ACC-42^^^&1.2.250.1.999.1&ISO^urn:ihe:iti:xds:2013:accession"};
    s2.AddDocument("Addendum", addendum);
    s2.AddAssociation(std::string(vocab::kApnd), "Addendum", report_);
    MustRegister(s2);
    addendum_ = UuidOf("1.2.3.10.3");

    SubmissionBuilder s3(kPatientB);
    DocumentOptions other;
    other.unique_id = "1.2.3.10.9";
    s3.AddDocument("Other", other);
    MustRegister(s3);

    auto folders = Run(kFindFolders, {{"$XDSFolderPatientId", Quoted(kPatientA)}, {"$XDSFolderStatus", kApproved}});
    folder_ = folders.objects.at(0).id;
    auto sets = Run(kFindSubmissionSets, {{"$XDSSubmissionSetPatientId", Quoted(kPatientA)},
                                          {"$XDSSubmissionSetStatus", kApproved}});
    for (const auto& s : sets.objects)
      if (ihe::UniqueIdOf(s) == ss1_unique_id_) ss1_ = s.id;
  }

  void MustRegister(const SubmissionBuilder& b) {
    auto r = Register(client_, b);
    ASSERT_TRUE(r.ok() && r->success()) << (r.ok() && !r->errors.empty() ? r->errors[0].code_context : "");
  }
  ihe::AdhocQueryResponse Run(const std::string& id, const Params& params, const std::string& type = "LeafClass") {
    auto r = Query(client_, StoredQuery(id, params, type));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(*r) : ihe::AdhocQueryResponse{};
  }
  std::string UuidOf(const std::string& unique_id) {
    auto r = Run(kGetDocuments, {{"$XDSDocumentEntryUniqueId", "('" + unique_id + "')"}});
    return r.objects.empty() ? std::string() : r.objects[0].id;
  }
  static std::set<std::string> Ids(const ihe::AdhocQueryResponse& r, ihe::ObjectKind kind) {
    std::set<std::string> out;
    for (const auto& o : r.objects)
      if (o.kind == kind) out.insert(o.id);
    return out;
  }
  static std::set<std::string> DocIds(const ihe::AdhocQueryResponse& r) { return Ids(r, ihe::ObjectKind::kExtrinsicObject); }

  RegistryServer server_{"max_query_results = 10"};
  soap::SoapClient client_{server_.url()};
  std::string ss1_unique_id_, ss1_, report_, images_, addendum_, folder_;
};

TEST_F(StoredQueryE2eTest, FindDocumentsWithCodesTimesAndAuthors) {
  auto all = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)}, {"$XDSDocumentEntryStatus", kApproved}});
  EXPECT_EQ(DocIds(all), (std::set<std::string>{report_, images_, addendum_}));
  auto by_class = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                       {"$XDSDocumentEntryStatus", kApproved},
                                       {"$XDSDocumentEntryClassCode", std::string("('IMAGES^^") + kClassScheme + "')"}});
  EXPECT_EQ(DocIds(by_class), (std::set<std::string>{images_}));
  auto by_time = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                      {"$XDSDocumentEntryStatus", kApproved},
                                      {"$XDSDocumentEntryCreationTimeFrom", "20240201"},
                                      {"$XDSDocumentEntryCreationTimeTo", "20240301"}});
  EXPECT_EQ(DocIds(by_time), (std::set<std::string>{images_}));
  auto by_author = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                        {"$XDSDocumentEntryStatus", kApproved},
                                        {"$XDSDocumentEntryAuthorPerson", "('%MARTIN%')"}});
  EXPECT_EQ(DocIds(by_author), (std::set<std::string>{images_}));
  // ITI TF-2 Appendix F: string comparison is case-sensitive.
  auto lower = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                    {"$XDSDocumentEntryStatus", kApproved},
                                    {"$XDSDocumentEntryAuthorPerson", "('%martin%')"}});
  EXPECT_TRUE(lower.objects.empty());
  // Repeated coded slots are ANDed; values inside one slot are ORed.
  auto and_or = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                     {"$XDSDocumentEntryStatus", kApproved},
                                     {"$XDSDocumentEntryEventCodeList", std::string("('CT^^") + kDicomScheme + "','MR^^" + kDicomScheme + "')"},
                                     {"$XDSDocumentEntryConfidentialityCode", std::string("('R^^") + kConfidentialityScheme + "')"}});
  EXPECT_EQ(DocIds(and_or), (std::set<std::string>{images_}));
}

TEST_F(StoredQueryE2eTest, FindDocumentsObjectRef) {
  auto refs = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)}, {"$XDSDocumentEntryStatus", kApproved}},
                  "ObjectRef");
  EXPECT_TRUE(refs.objects.empty());
  EXPECT_THAT(refs.object_refs, UnorderedElementsAre(report_, images_, addendum_));
}

TEST_F(StoredQueryE2eTest, FindSubmissionSetsAndFindFolders) {
  auto sets = Run(kFindSubmissionSets, {{"$XDSSubmissionSetPatientId", Quoted(kPatientA)},
                                        {"$XDSSubmissionSetStatus", kApproved}});
  EXPECT_EQ(Ids(sets, ihe::ObjectKind::kRegistryPackage).size(), 2u);
  auto folders = Run(kFindFolders, {{"$XDSFolderPatientId", Quoted(kPatientA)}, {"$XDSFolderStatus", kApproved},
                                    {"$XDSFolderCodeList", std::string("('CARDIO^^") + kSnomed + "')"}});
  EXPECT_EQ(Ids(folders, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{folder_}));
}

TEST_F(StoredQueryE2eTest, GetAllReturnsEverythingOfThePatient) {
  auto r = Run(kGetAll, {{"$patientId", Quoted(kPatientA)}, {"$XDSDocumentEntryStatus", kApproved},
                         {"$XDSSubmissionSetStatus", kApproved}, {"$XDSFolderStatus", kApproved}});
  ASSERT_EQ(r.status, vocab::kResponseFailure) << "13 objects, more than max_query_results=10";
  EXPECT_THAT(ErrorCodes(r.errors), ElementsAre("XDSTooManyResults"));
  auto refs = Run(kGetAll, {{"$patientId", Quoted(kPatientA)}, {"$XDSDocumentEntryStatus", kApproved},
                            {"$XDSSubmissionSetStatus", kApproved}, {"$XDSFolderStatus", kApproved}}, "ObjectRef");
  EXPECT_EQ(refs.status, vocab::kResponseSuccess);
  std::set<std::string> ids(refs.object_refs.begin(), refs.object_refs.end());
  for (const auto& id : {report_, images_, addendum_, folder_, ss1_}) EXPECT_TRUE(ids.count(id)) << id;
}

TEST_F(StoredQueryE2eTest, GetDocumentsByUuidAndByUniqueId) {
  auto by_uuid = Run(kGetDocuments, {{"$XDSDocumentEntryEntryUUID", "('" + report_ + "','" + images_ + "')"}});
  EXPECT_EQ(DocIds(by_uuid), (std::set<std::string>{report_, images_}));
  auto by_uid = Run(kGetDocuments, {{"$XDSDocumentEntryUniqueId", "('1.2.3.10.3')"}});
  EXPECT_EQ(DocIds(by_uid), (std::set<std::string>{addendum_}));
}

TEST_F(StoredQueryE2eTest, GetFoldersAndGetFoldersForDocument) {
  auto folders = Run(kGetFolders, {{"$XDSFolderEntryUUID", "('" + folder_ + "')"}});
  EXPECT_EQ(Ids(folders, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{folder_}));
  auto holding = Run(kGetFoldersForDocument, {{"$XDSDocumentEntryEntryUUID", "'" + report_ + "'"}});
  EXPECT_EQ(Ids(holding, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{folder_}));
  auto none = Run(kGetFoldersForDocument, {{"$XDSDocumentEntryEntryUUID", "'" + images_ + "'"}});
  EXPECT_TRUE(none.objects.empty());
}

TEST_F(StoredQueryE2eTest, GetAssociationsAndGetDocumentsAndAssociations) {
  auto assocs = Run(kGetAssociations, {{"$uuid", "('" + addendum_ + "')"}});
  std::set<std::string> types;
  for (const auto& a : assocs.objects) types.insert(a.association_type);
  EXPECT_EQ(types, (std::set<std::string>{std::string(vocab::kHasMember), std::string(vocab::kApnd)}));
  auto both = Run(kGetDocumentsAndAssociations, {{"$XDSDocumentEntryEntryUUID", "('" + addendum_ + "')"}});
  EXPECT_EQ(DocIds(both), (std::set<std::string>{addendum_}));
  EXPECT_EQ(Ids(both, ihe::ObjectKind::kAssociation).size(), 2u);
}

TEST_F(StoredQueryE2eTest, GetSubmissionSetsAndContents) {
  auto sets = Run(kGetSubmissionSets, {{"$uuid", "('" + report_ + "')"}});
  EXPECT_EQ(Ids(sets, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{ss1_}));
  auto contents = Run(kGetSubmissionSetAndContents, {{"$XDSSubmissionSetEntryUUID", "'" + ss1_ + "'"}});
  for (const auto& e : contents.errors) ADD_FAILURE() << e.error_code << ": " << e.code_context;
  EXPECT_EQ(DocIds(contents), (std::set<std::string>{report_, images_}));
  EXPECT_EQ(Ids(contents, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{ss1_, folder_}));
  auto filtered = Run(kGetSubmissionSetAndContents,
                      {{"$XDSSubmissionSetUniqueId", "'" + ss1_unique_id_ + "'"},
                       {"$XDSDocumentEntryConfidentialityCode", std::string("('R^^") + kConfidentialityScheme + "')"}});
  EXPECT_EQ(DocIds(filtered), (std::set<std::string>{images_}));
}

TEST_F(StoredQueryE2eTest, GetFolderAndContents) {
  auto r = Run(kGetFolderAndContents, {{"$XDSFolderEntryUUID", "'" + folder_ + "'"}});
  EXPECT_EQ(DocIds(r), (std::set<std::string>{report_}));
  EXPECT_EQ(Ids(r, ihe::ObjectKind::kRegistryPackage), (std::set<std::string>{folder_}));
  EXPECT_EQ(Ids(r, ihe::ObjectKind::kAssociation).size(), 1u);
}

TEST_F(StoredQueryE2eTest, GetRelatedDocuments) {
  auto r = Run(kGetRelatedDocuments, {{"$XDSDocumentEntryEntryUUID", "'" + report_ + "'"},
                                      {"$AssociationTypes", "('" + std::string(vocab::kApnd) + "')"}});
  EXPECT_EQ(DocIds(r), (std::set<std::string>{report_, addendum_}));
  auto none = Run(kGetRelatedDocuments, {{"$XDSDocumentEntryEntryUUID", "'" + images_ + "'"},
                                         {"$AssociationTypes", "('" + std::string(vocab::kRplc) + "')"}});
  EXPECT_TRUE(none.objects.empty());
}

TEST_F(StoredQueryE2eTest, FindDocumentsByReferenceId) {
  auto r = Run(kFindDocumentsByReferenceId,
               {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)}, {"$XDSDocumentEntryStatus", kApproved},
                {"$XDSDocumentEntryReferenceIdList", "('ACC-42^^^&1.2.250.1.999.1&ISO^urn:ihe:iti:xds:2013:accession')"}});
  EXPECT_EQ(DocIds(r), (std::set<std::string>{addendum_}));
}

TEST_F(StoredQueryE2eTest, QueryErrorsTravelInTheRegistryErrorList) {
  auto unknown = Run("urn:uuid:00000000-0000-4000-8000-000000000000", {});
  EXPECT_EQ(unknown.status, vocab::kResponseFailure);
  EXPECT_THAT(ErrorCodes(unknown.errors), ElementsAre("XDSUnknownStoredQuery"));
  auto missing = Run(kFindDocuments, {{"$XDSDocumentEntryStatus", kApproved}});
  EXPECT_THAT(ErrorCodes(missing.errors), ElementsAre("XDSStoredQueryMissingParam"));
  EXPECT_NE(missing.errors[0].code_context.find("$XDSDocumentEntryPatientId"), std::string::npos);
  auto both = Run(kGetDocuments, {{"$XDSDocumentEntryEntryUUID", "('" + report_ + "')"},
                                  {"$XDSDocumentEntryUniqueId", "('1.2.3.10.1')"}});
  EXPECT_THAT(ErrorCodes(both.errors), ElementsAre("XDSStoredQueryParamNumber"));
  auto twice = Run(kFindDocuments, {{"$XDSDocumentEntryPatientId", Quoted(kPatientA)},
                                    {"$XDSDocumentEntryPatientId", Quoted(kPatientB)},
                                    {"$XDSDocumentEntryStatus", kApproved}});
  EXPECT_THAT(ErrorCodes(twice.errors), ElementsAre("XDSStoredQueryParamNumber"));
  std::string other = UuidOf("1.2.3.10.9");
  auto mixed = Run(kGetDocuments, {{"$XDSDocumentEntryEntryUUID", "('" + report_ + "','" + other + "')"}});
  EXPECT_EQ(mixed.status, vocab::kResponseFailure);
  EXPECT_THAT(ErrorCodes(mixed.errors), ElementsAre("XDSResultNotSinglePatient"));
  EXPECT_TRUE(mixed.objects.empty());
}

TEST_F(StoredQueryE2eTest, IsSnapshotOfNeedsAnOnDemandTarget) {
  SubmissionBuilder od(kPatientA);
  DocumentOptions o;
  o.on_demand = true;
  o.unique_id = "1.2.3.10.20";
  od.AddDocument("OnDemand", o);
  MustRegister(od);
  auto found = Run(kGetDocuments, {{"$XDSDocumentEntryUniqueId", "('1.2.3.10.20')"}});
  ASSERT_EQ(found.objects.size(), 1u);
  SubmissionBuilder snapshot(kPatientA);
  snapshot.AddDocument("Snapshot");
  snapshot.AddAssociation(std::string(vocab::kIsSnapshotOf), "Snapshot", found.objects[0].id);
  MustRegister(snapshot);
  SubmissionBuilder wrong(kPatientA);
  wrong.AddDocument("Snapshot");
  wrong.AddAssociation(std::string(vocab::kIsSnapshotOf), "Snapshot", images_);
  auto r = Register(client_, wrong);
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(ErrorCodes(r->errors), ElementsAre("XDSRegistryMetadataError"));
}

}  // namespace
}  // namespace xds::testing

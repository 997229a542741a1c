// GetAll and the by-id stored queries over one small registry graph
// (ITI TF-2: 3.18.4.1.2.3.7.4 - .13).
//
//   SS1 (P1) --a1--> D1   SS1 --a2--> D2 (Deprecated)   SS1 --a3--> F1
//   F1 --a4--> D1         SS1 --a5--> a4 (SS-HM)
//   SS2 (P1) --a6--> D5   D5 --a7 RPLC--> D2   D6 --a8 APND--> D5   SS2 --a9--> D6
//   SS3 (P2) --a10--> Dx (P2)   SS3 --a11--> D1 (by reference)
//   D1b: a copy of D1 (same uniqueId), no associations
#include <gtest/gtest.h>

#include "tests/registry/query/query_fixture.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry::testing {
namespace {

using Set = std::set<std::string>;
using Codes = std::vector<std::string>;

class GetQueriesTest : public StoredQueryTest {
 protected:
  void SetUp() override {
    StoredQueryTest::SetUp();
    ss1_ = AddSubmissionSet({});
    ss2_ = AddSubmissionSet({});
    SubmissionSetSpec s3;
    s3.patient = kPatient2;
    ss3_ = AddSubmissionSet(s3);

    DocSpec d1;
    d1.unique_id = "1.9.1";
    d1.format_code = Code("FMT1");
    d1.confidentiality_codes = {Code("N")};
    d1_ = AddDocument(d1);
    DocSpec d1b = d1;
    d1b.uuid.clear();
    d1b_ = AddDocument(d1b);
    DocSpec d2;
    d2.unique_id = "1.9.2";
    d2.format_code = Code("FMT2");
    d2.confidentiality_codes = {Code("R")};
    d2_ = AddDocument(d2);
    d5_ = AddDocument({});
    d6_ = AddDocument({});
    DocSpec dx;
    dx.patient = kPatient2;
    dx_ = AddDocument(dx);
    FolderSpec f1;
    f1.unique_id = "1.9.100";
    f1_ = AddFolder(f1);

    const std::string hm(vocab::kHasMember);
    a1_ = AddAssociation(hm, ss1_, d1_);
    a2_ = AddAssociation(hm, ss1_, d2_);
    a3_ = AddAssociation(hm, ss1_, f1_);
    a4_ = AddAssociation(hm, f1_, d1_);
    a5_ = AddAssociation(hm, ss1_, a4_);
    a6_ = AddAssociation(hm, ss2_, d5_);
    a7_ = AddAssociation(vocab::kRplc, d5_, d2_);
    a8_ = AddAssociation(vocab::kApnd, d6_, d5_);
    a9_ = AddAssociation(hm, ss2_, d6_);
    a10_ = AddAssociation(hm, ss3_, dx_);
    a11_ = AddAssociation(hm, ss3_, d1_);
    Deprecate(d2_);
  }

  Set Ok(const Query& q) {
    QueryOutcome out = Run(q);
    EXPECT_TRUE(out.errors.empty()) << (out.errors.empty() ? "" : out.errors[0].code_context);
    return Ids(out);
  }

  std::string ss1_, ss2_, ss3_, d1_, d1b_, d2_, d5_, d6_, dx_, f1_;
  std::string a1_, a2_, a3_, a4_, a5_, a6_, a7_, a8_, a9_, a10_, a11_;
};

TEST_F(GetQueriesTest, GetAllReturnsPatientObjectsAndTheirAssociations) {
  Query q(kGetAll);
  q.P("$patientId", Quoted(kPatient1))
      .P("$XDSDocumentEntryStatus", kApprovedList)
      .P("$XDSSubmissionSetStatus", kApprovedList)
      .P("$XDSFolderStatus", kApprovedList);
  EXPECT_EQ(Ok(q), (Set{ss1_, ss2_, d1_, d1b_, d5_, d6_, f1_, a1_, a2_, a3_, a4_, a5_, a6_, a7_,
                        a8_, a9_, a11_}));
}

TEST_F(GetQueriesTest, GetAllFilters) {
  Query q(kGetAll);
  q.P("$patientId", Quoted(kPatient1))
      .P("$XDSDocumentEntryStatus", kBothStatusList)
      .P("$XDSSubmissionSetStatus", kApprovedList)
      .P("$XDSFolderStatus", kDeprecatedList)
      .P("$XDSDocumentEntryFormatCode", "('FMT2^^1.2.3.77')");
  // D2 only among entries; no folder; SS1, SS2; associations touching them.
  EXPECT_EQ(Ok(q), (Set{ss1_, ss2_, d2_, a1_, a2_, a3_, a5_, a6_, a7_, a9_}));
}

TEST_F(GetQueriesTest, GetAllRequiresEveryStatus) {
  Query q(kGetAll);
  q.P("$patientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kApprovedList);
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), (Codes{"XDSStoredQueryMissingParam", "XDSStoredQueryMissingParam"}));
}

TEST_F(GetQueriesTest, GetDocumentsByUuidKeepsRequestOrderAndSkipsOthers) {
  Query q(kGetDocuments);
  q.P("$XDSDocumentEntryEntryUUID",
      "('" + d2_ + "','" + d1_ + "','" + f1_ + "','urn:uuid:00000000-0000-0000-0000-000000000000')");
  QueryOutcome out = Run(q);
  ASSERT_TRUE(out.errors.empty());
  EXPECT_EQ(out.object_refs, (std::vector<std::string>{d2_, d1_}));
}

TEST_F(GetQueriesTest, LongIdListsAreSentInChunks) {
  // More ids than one statement takes; the known ones sit in later chunks.
  std::string list = "(";
  for (int i = 0; i < 1200; ++i) list += "'urn:uuid:ffffffff-0000-0000-0000-" + std::to_string(100000000000 + i) + "',";
  list += "'" + d5_ + "','" + d1_ + "')";
  QueryOutcome out = Run(Query(kGetDocuments).P("$XDSDocumentEntryEntryUUID", list));
  ASSERT_TRUE(out.errors.empty());
  EXPECT_EQ(out.object_refs, (std::vector<std::string>{d5_, d1_}));
  EXPECT_EQ(Ok(Query(kGetAssociations).P("$uuid", list)), (Set{a6_, a7_, a8_, a1_, a4_, a11_}));
}

TEST_F(GetQueriesTest, GetDocumentsByUniqueIdFindsEveryCopy) {
  EXPECT_EQ(Ok(Query(kGetDocuments).P("$XDSDocumentEntryUniqueId", "('1.9.1')")), (Set{d1_, d1b_}));
  EXPECT_EQ(Ok(Query(kGetDocuments).P("$XDSDocumentEntryUniqueId", "('1.9.1','1.9.2','1.9.100')")),
            (Set{d1_, d1b_, d2_}));
}

TEST_F(GetQueriesTest, GetDocumentsLeafClassMustBeSinglePatient) {
  Query q(kGetDocuments, "LeafClass");
  q.P("$XDSDocumentEntryEntryUUID", "('" + d1_ + "','" + dx_ + "')");
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), Codes{"XDSResultNotSinglePatient"});
  EXPECT_TRUE(out.objects.empty());
  // ObjectRef answers are not restricted.
  Query refs(kGetDocuments, "ObjectRef");
  refs.P("$XDSDocumentEntryEntryUUID", "('" + d1_ + "','" + dx_ + "')");
  EXPECT_EQ(Ok(refs), (Set{d1_, dx_}));
}

TEST_F(GetQueriesTest, GetDocumentsLeafClassAfterMergeIsOnePatient) {
  DocSpec d;
  d.patient = kPatient3;
  std::string merged = AddDocument(d);
  Merge(kPatient1, kPatient3);
  Query q(kGetDocuments, "LeafClass");
  q.P("$XDSDocumentEntryEntryUUID", "('" + d1_ + "','" + merged + "')");
  QueryOutcome out = Run(q);
  ASSERT_TRUE(out.errors.empty()) << out.errors[0].error_code;
  ASSERT_EQ(out.objects.size(), 2u);
  EXPECT_EQ(ihe::PatientIdOf(out.objects[1]), kPatient1);
}

TEST_F(GetQueriesTest, GetDocumentsLeafClassShowsStatus) {
  Query q(kGetDocuments, "LeafClass");
  q.P("$XDSDocumentEntryEntryUUID", "('" + d2_ + "')").P("$homeCommunityId", "'urn:oid:1.2.3'");
  q.Home("urn:oid:1.2.3");
  QueryOutcome out = Run(q);
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.objects.size(), 1u);
  EXPECT_EQ(out.objects[0].status, vocab::kDeprecated);
  EXPECT_EQ(ihe::UniqueIdOf(out.objects[0]), "1.9.2");
}

TEST_F(GetQueriesTest, GetFoldersByUuidAndUniqueId) {
  EXPECT_EQ(Ok(Query(kGetFolders).P("$XDSFolderEntryUUID", "('" + f1_ + "','" + d1_ + "')")),
            (Set{f1_}));
  EXPECT_EQ(Ok(Query(kGetFolders).P("$XDSFolderUniqueId", "('1.9.100')")), (Set{f1_}));
  QueryOutcome leaf = Run(Query(kGetFolders, "LeafClass").P("$XDSFolderUniqueId", "('1.9.100')"));
  ASSERT_EQ(leaf.objects.size(), 1u);
  EXPECT_EQ(ihe::XdsTypeOf(leaf.objects[0]), ihe::XdsObjectType::kFolder);
}

TEST_F(GetQueriesTest, GetAssociationsBySourceOrTarget) {
  EXPECT_EQ(Ok(Query(kGetAssociations).P("$uuid", "('" + d1_ + "')")), (Set{a1_, a4_, a11_}));
  EXPECT_EQ(Ok(Query(kGetAssociations).P("$uuid", "('" + d5_ + "','" + f1_ + "')")),
            (Set{a6_, a7_, a8_, a3_, a4_}));
  QueryOutcome leaf = Run(Query(kGetAssociations, "LeafClass").P("$uuid", "('" + d6_ + "')"));
  ASSERT_TRUE(leaf.errors.empty());
  ASSERT_EQ(leaf.objects.size(), 2u);
  EXPECT_EQ(leaf.objects[0].kind, ihe::ObjectKind::kAssociation);
  EXPECT_EQ(leaf.objects[0].status, vocab::kApproved);
}

TEST_F(GetQueriesTest, GetDocumentsAndAssociations) {
  EXPECT_EQ(Ok(Query(kGetDocumentsAndAssociations).P("$XDSDocumentEntryEntryUUID", "('" + d5_ + "')")),
            (Set{d5_, a6_, a7_, a8_}));
  EXPECT_EQ(Ok(Query(kGetDocumentsAndAssociations).P("$XDSDocumentEntryUniqueId", "('1.9.2')")),
            (Set{d2_, a2_, a7_}));
}

TEST_F(GetQueriesTest, GetSubmissionSets) {
  EXPECT_EQ(Ok(Query(kGetSubmissionSets).P("$uuid", "('" + d5_ + "','" + f1_ + "')")),
            (Set{ss1_, ss2_, a3_, a6_}));
  EXPECT_EQ(Ok(Query(kGetSubmissionSets).P("$uuid", "('" + d1_ + "')")),
            (Set{ss1_, ss3_, a1_, a11_}));
  // SS1 is P1's, SS3 is P2's.
  QueryOutcome leaf = Run(Query(kGetSubmissionSets, "LeafClass").P("$uuid", "('" + d1_ + "')"));
  EXPECT_EQ(ErrorCodes(leaf), Codes{"XDSResultNotSinglePatient"});
  // The SS-HM to an FD-DE association counts as membership too.
  EXPECT_EQ(Ok(Query(kGetSubmissionSets).P("$uuid", "('" + a4_ + "')")), (Set{ss1_, a5_}));
}

TEST_F(GetQueriesTest, GetSubmissionSetAndContents) {
  Set all = {ss1_, d1_, d2_, f1_, a1_, a2_, a3_, a4_, a5_};
  EXPECT_EQ(Ok(Query(kGetSubmissionSetAndContents).P("$XDSSubmissionSetEntryUUID", Quoted(ss1_))), all);
  QueryOutcome leaf =
      Run(Query(kGetSubmissionSetAndContents, "LeafClass").P("$XDSSubmissionSetEntryUUID", Quoted(ss1_)));
  ASSERT_TRUE(leaf.errors.empty());
  EXPECT_EQ(Ids(leaf), all);
  EXPECT_EQ(leaf.objects.front().id, ss1_);
}

TEST_F(GetQueriesTest, GetSubmissionSetAndContentsByUniqueIdWithFilters) {
  std::string unique_id = NewOid();
  SubmissionSetSpec s;
  s.unique_id = unique_id;
  std::string ss = AddSubmissionSet(s);
  std::string h1 = AddAssociation(vocab::kHasMember, ss, d1_);
  std::string h2 = AddAssociation(vocab::kHasMember, ss, d2_);
  std::string h3 = AddAssociation(vocab::kHasMember, ss, f1_);
  std::string h4 = AddAssociation(vocab::kHasMember, ss, a4_);  // F1-D1 link

  Query fmt2(kGetSubmissionSetAndContents);
  fmt2.P("$XDSSubmissionSetUniqueId", Quoted(unique_id)).P("$XDSDocumentEntryFormatCode", "('FMT2^^1.2.3.77')");
  // D1 filtered out, so a4 (F1-D1) and its HasMember h4 are not returned.
  EXPECT_EQ(Ok(fmt2), (Set{ss, d2_, h2, f1_, h3}));

  Query conf(kGetSubmissionSetAndContents);
  conf.P("$XDSSubmissionSetUniqueId", Quoted(unique_id))
      .P("$XDSDocumentEntryConfidentialityCode", "('N^^1.2.3.77','R^^1.2.3.77')")
      .P("$XDSDocumentEntryConfidentialityCode", "('N^^1.2.3.77')");
  EXPECT_EQ(Ok(conf), (Set{ss, d1_, h1, f1_, h3, a4_, h4}));

  Query on_demand(kGetSubmissionSetAndContents);
  on_demand.P("$XDSSubmissionSetUniqueId", Quoted(unique_id))
      .P("$XDSDocumentEntryType", "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')");
  EXPECT_EQ(Ok(on_demand), (Set{ss, f1_, h3}));
}

TEST_F(GetQueriesTest, GetSubmissionSetAndContentsUnknownSetIsEmpty) {
  EXPECT_EQ(Ok(Query(kGetSubmissionSetAndContents).P("$XDSSubmissionSetUniqueId", "'9.9.9'")), Set{});
}

TEST_F(GetQueriesTest, GetFolderAndContents) {
  EXPECT_EQ(Ok(Query(kGetFolderAndContents).P("$XDSFolderEntryUUID", Quoted(f1_))),
            (Set{f1_, d1_, a4_}));
  EXPECT_EQ(Ok(Query(kGetFolderAndContents)
                   .P("$XDSFolderUniqueId", "'1.9.100'")
                   .P("$XDSDocumentEntryConfidentialityCode", "('R^^1.2.3.77')")),
            (Set{f1_}));
  EXPECT_EQ(Ok(Query(kGetFolderAndContents)
                   .P("$XDSFolderUniqueId", "'1.9.100'")
                   .P("$XDSDocumentEntryFormatCode", "('FMT1^^1.2.3.77')")),
            (Set{f1_, d1_, a4_}));
}

TEST_F(GetQueriesTest, GetFoldersForDocument) {
  EXPECT_EQ(Ok(Query(kGetFoldersForDocument).P("$XDSDocumentEntryEntryUUID", Quoted(d1_))), (Set{f1_}));
  EXPECT_EQ(Ok(Query(kGetFoldersForDocument).P("$XDSDocumentEntryUniqueId", "'1.9.1'")), (Set{f1_}));
  EXPECT_EQ(Ok(Query(kGetFoldersForDocument).P("$XDSDocumentEntryEntryUUID", Quoted(d2_))), Set{});
  QueryOutcome two = Run(
      Query(kGetFoldersForDocument).P("$XDSDocumentEntryEntryUUID", "('" + d1_ + "','" + d2_ + "')"));
  EXPECT_EQ(ErrorCodes(two), Codes{"XDSStoredQueryParamNumber"});
}

TEST_F(GetQueriesTest, GetRelatedDocuments) {
  auto related = [&](const std::string& id, const std::string& types) {
    return Ok(Query(kGetRelatedDocuments)
                  .P("$XDSDocumentEntryEntryUUID", Quoted(id))
                  .P("$AssociationTypes", types));
  };
  EXPECT_EQ(related(d5_, "('urn:ihe:iti:2007:AssociationType:RPLC')"), (Set{d5_, d2_, a7_}));
  EXPECT_EQ(related(d2_, "('urn:ihe:iti:2007:AssociationType:RPLC')"), (Set{d2_, d5_, a7_}));
  EXPECT_EQ(related(d5_, "('urn:ihe:iti:2007:AssociationType:APND')"), (Set{d5_, d6_, a8_}));
  EXPECT_EQ(related(d5_,
                    "('urn:ihe:iti:2007:AssociationType:RPLC','urn:ihe:iti:2007:AssociationType:APND')"),
            (Set{d5_, d2_, d6_, a7_, a8_}));
  // No matching association: not even the given entry is returned.
  EXPECT_EQ(related(d5_, "('urn:ihe:iti:2007:AssociationType:XFRM')"), Set{});
  EXPECT_EQ(related(d1_, "('urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember')"), Set{});
}

TEST_F(GetQueriesTest, GetRelatedDocumentsByUniqueIdAndEntryType) {
  EXPECT_EQ(Ok(Query(kGetRelatedDocuments)
                   .P("$XDSDocumentEntryUniqueId", "'1.9.2'")
                   .P("$AssociationTypes", "('urn:ihe:iti:2007:AssociationType:RPLC')")),
            (Set{d2_, d5_, a7_}));
  EXPECT_EQ(Ok(Query(kGetRelatedDocuments)
                   .P("$XDSDocumentEntryUniqueId", "'1.9.2'")
                   .P("$AssociationTypes", "('urn:ihe:iti:2007:AssociationType:RPLC')")
                   .P("$XDSDocumentEntryType", "('urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248')")),
            Set{});
  QueryOutcome missing = Run(Query(kGetRelatedDocuments).P("$XDSDocumentEntryUniqueId", "'1.9.2'"));
  EXPECT_EQ(ErrorCodes(missing), Codes{"XDSStoredQueryMissingParam"});
}

}  // namespace
}  // namespace xds::registry::testing

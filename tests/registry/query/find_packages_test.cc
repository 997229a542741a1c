// FindSubmissionSets and FindFolders (ITI TF-2: 3.18.4.1.2.3.7.2 and .3).
#include <gtest/gtest.h>

#include "tests/registry/query/query_fixture.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry::testing {
namespace {

using Set = std::set<std::string>;

class FindSubmissionSetsTest : public StoredQueryTest {
 protected:
  void SetUp() override {
    StoredQueryTest::SetUp();
    SubmissionSetSpec a;
    a.source_id = "1.2.3.10";
    a.submission_time = "20240102040000";
    a.content_type_code = Code("CT1");
    a.authors = {"^Smith^John"};
    ss_a_ = AddSubmissionSet(a);
    SubmissionSetSpec b;
    b.source_id = "1.2.3.20";
    b.submission_time = "20240201";
    b.content_type_code = Code("CT2");
    b.authors = {"^Doe^Jane"};
    ss_b_ = AddSubmissionSet(b);
    SubmissionSetSpec other;
    other.patient = kPatient2;
    other.source_id = "1.2.3.10";
    AddSubmissionSet(other);
  }

  Query Find() {
    Query q(kFindSubmissionSets);
    q.P("$XDSSubmissionSetPatientId", Quoted(kPatient1)).P("$XDSSubmissionSetStatus", kApprovedList);
    return q;
  }
  Set FindIds(const Query& q) {
    QueryOutcome out = Run(q);
    EXPECT_TRUE(out.errors.empty()) << (out.errors.empty() ? "" : out.errors[0].code_context);
    return Ids(out);
  }

  std::string ss_a_, ss_b_;
};

TEST_F(FindSubmissionSetsTest, PatientAndStatus) {
  EXPECT_EQ(FindIds(Find()), (Set{ss_a_, ss_b_}));
  Query deprecated(kFindSubmissionSets);
  deprecated.P("$XDSSubmissionSetPatientId", Quoted(kPatient1))
      .P("$XDSSubmissionSetStatus", kDeprecatedList);
  EXPECT_EQ(FindIds(deprecated), Set{});
}

TEST_F(FindSubmissionSetsTest, SourceIdIsOred) {
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetSourceId", "('1.2.3.10')")), (Set{ss_a_}));
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetSourceId", "('1.2.3.10','1.2.3.20')")),
            (Set{ss_a_, ss_b_}));
}

TEST_F(FindSubmissionSetsTest, SubmissionTimeRange) {
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetSubmissionTimeFrom", "20240102040000")),
            (Set{ss_a_, ss_b_}));
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetSubmissionTimeFrom", "20240102040001")), (Set{ss_b_}));
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetSubmissionTimeTo", "202402")), (Set{ss_a_}));
}

TEST_F(FindSubmissionSetsTest, AuthorPersonLike) {
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetAuthorPerson", "'%Jane'")), (Set{ss_b_}));
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetAuthorPerson", "('^Sm_th^John')")), (Set{ss_a_}));
}

TEST_F(FindSubmissionSetsTest, AuthorPersonIsSingleValued) {
  QueryOutcome out = Run(Find().P("$XDSSubmissionSetAuthorPerson", "('%Jane','%John')"));
  EXPECT_EQ(ErrorCodes(out), std::vector<std::string>{"XDSStoredQueryParamNumber"});
}

TEST_F(FindSubmissionSetsTest, ContentType) {
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetContentType", "('CT2^^1.2.3.77')")), (Set{ss_b_}));
  EXPECT_EQ(FindIds(Find().P("$XDSSubmissionSetContentType", "('CT9^^1.2.3.77')")), Set{});
}

TEST_F(FindSubmissionSetsTest, StatusIsRequired) {
  Query q(kFindSubmissionSets);
  q.P("$XDSSubmissionSetPatientId", Quoted(kPatient1));
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), std::vector<std::string>{"XDSStoredQueryMissingParam"});
  EXPECT_NE(out.errors[0].code_context.find("$XDSSubmissionSetStatus"), std::string::npos);
}

class FindFoldersTest : public StoredQueryTest {
 protected:
  void SetUp() override {
    StoredQueryTest::SetUp();
    FolderSpec a;
    a.last_update_time = "20240102040000";
    a.codes = {Code("K1"), Code("K2")};
    fd_a_ = AddFolder(a);
    FolderSpec b;
    b.last_update_time = "20240301000000";
    b.codes = {Code("K2")};
    fd_b_ = AddFolder(b);
    FolderSpec other;
    other.patient = kPatient2;
    other.codes = {Code("K1")};
    AddFolder(other);
  }
  Query Find(std::string return_type = "ObjectRef") {
    Query q(kFindFolders, std::move(return_type));
    q.P("$XDSFolderPatientId", Quoted(kPatient1)).P("$XDSFolderStatus", kApprovedList);
    return q;
  }
  Set FindIds(const Query& q) {
    QueryOutcome out = Run(q);
    EXPECT_TRUE(out.errors.empty()) << (out.errors.empty() ? "" : out.errors[0].code_context);
    return Ids(out);
  }
  std::string fd_a_, fd_b_;
};

TEST_F(FindFoldersTest, PatientAndStatus) {
  EXPECT_EQ(FindIds(Find()), (Set{fd_a_, fd_b_}));
}

TEST_F(FindFoldersTest, LastUpdateTimeRange) {
  EXPECT_EQ(FindIds(Find().P("$XDSFolderLastUpdateTimeFrom", "202403")), (Set{fd_b_}));
  EXPECT_EQ(FindIds(Find().P("$XDSFolderLastUpdateTimeTo", "20240301000000")), (Set{fd_a_}));
  // The registry-maintained time, not the one in the submitted body.
  SetFolderLastUpdateTime(fd_a_, "20250101000000");
  EXPECT_EQ(FindIds(Find().P("$XDSFolderLastUpdateTimeFrom", "2025")), (Set{fd_a_}));
}

TEST_F(FindFoldersTest, CodeListAndOr) {
  EXPECT_EQ(FindIds(Find().P("$XDSFolderCodeList", "('K1^^1.2.3.77')")), (Set{fd_a_}));
  EXPECT_EQ(FindIds(Find().P("$XDSFolderCodeList", "('K1^^1.2.3.77','K2^^1.2.3.77')")),
            (Set{fd_a_, fd_b_}));
  EXPECT_EQ(FindIds(Find()
                        .P("$XDSFolderCodeList", "('K2^^1.2.3.77')")
                        .P("$XDSFolderCodeList", "('K1^^1.2.3.77')")),
            (Set{fd_a_}));
}

TEST_F(FindFoldersTest, LeafClassCarriesCurrentLastUpdateTime) {
  SetFolderLastUpdateTime(fd_b_, "20250505050505");
  QueryOutcome out = Run(Find("LeafClass").P("$XDSFolderLastUpdateTimeFrom", "2025"));
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.objects.size(), 1u);
  EXPECT_EQ(out.objects[0].SlotValue("lastUpdateTime"), "20250505050505");
  EXPECT_EQ(out.objects[0].status, vocab::kApproved);
}

}  // namespace
}  // namespace xds::registry::testing

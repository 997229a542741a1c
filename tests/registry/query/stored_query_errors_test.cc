// The error answers of RunStoredQuery (ITI TF-2: 3.18.4.1.3,
// stored-queries.md §6): unknown query, missing and repeated parameters,
// malformed values; each codeContext names the parameter, and an error
// means no results.
#include <gtest/gtest.h>

#include "tests/registry/query/query_fixture.h"

namespace xds::registry::testing {
namespace {

using Codes = std::vector<std::string>;

class StoredQueryErrorsTest : public StoredQueryTest {
 protected:
  void SetUp() override {
    StoredQueryTest::SetUp();
    doc_ = AddDocument({});
  }

  // FindDocuments with its two required parameters, minus `skip`.
  Query Find(std::string_view skip = {}) {
    Query q(kFindDocuments);
    if (skip != "$XDSDocumentEntryPatientId") q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1));
    if (skip != "$XDSDocumentEntryStatus") q.P("$XDSDocumentEntryStatus", kApprovedList);
    return q;
  }

  // Expects exactly one error `code` whose codeContext mentions `param`.
  void ExpectError(const QueryOutcome& out, const std::string& code, const std::string& param) {
    ASSERT_EQ(ErrorCodes(out), Codes{code});
    EXPECT_NE(out.errors[0].code_context.find(param), std::string::npos) << out.errors[0].code_context;
    EXPECT_FALSE(out.errors[0].warning);
    EXPECT_TRUE(out.objects.empty());
    EXPECT_TRUE(out.object_refs.empty());
  }

  std::string doc_;
};

TEST_F(StoredQueryErrorsTest, UnknownQueryId) {
  Query q("urn:uuid:00000000-1111-2222-3333-444444444444");
  ExpectError(Run(q), "XDSUnknownStoredQuery", "urn:uuid:00000000-1111-2222-3333-444444444444");
}

TEST_F(StoredQueryErrorsTest, MultiPatientQueriesAreUnknownHere) {
  for (const char* id : {"urn:uuid:3d1bdb10-39a2-11de-89c2-2f44d94eaa9f",
                         "urn:uuid:50d3f5ac-39a2-11de-a1ca-b366239e58df"}) {
    Query q(id);
    q.P("$XDSDocumentEntryStatus", kApprovedList);
    ExpectError(Run(q), "XDSUnknownStoredQuery", "ITI-51");
  }
}

TEST_F(StoredQueryErrorsTest, UnsupportedReturnType) {
  Query q(kFindDocuments, "RegistryObject");
  q.P("$XDSDocumentEntryPatientId", Quoted(kPatient1)).P("$XDSDocumentEntryStatus", kApprovedList);
  ExpectError(Run(q), "XDSRegistryError", "returnType");
}

TEST_F(StoredQueryErrorsTest, MissingRequiredParameters) {
  ExpectError(Run(Find("$XDSDocumentEntryPatientId")), "XDSStoredQueryMissingParam",
              "$XDSDocumentEntryPatientId");
  ExpectError(Run(Find("$XDSDocumentEntryStatus")), "XDSStoredQueryMissingParam",
              "$XDSDocumentEntryStatus");
}

TEST_F(StoredQueryErrorsTest, OnlyUnknownStatusValuesCountAsMissing) {
  Query q = Find("$XDSDocumentEntryStatus");
  q.P("$XDSDocumentEntryStatus", "('Approved','urn:oasis:names:tc:ebxml-regrep:StatusType:Submitted')");
  ExpectError(Run(q), "XDSStoredQueryMissingParam", "$XDSDocumentEntryStatus");
}

TEST_F(StoredQueryErrorsTest, SingleValuedParameterWithSeveralValues) {
  Query q = Find("$XDSDocumentEntryPatientId");
  q.P("$XDSDocumentEntryPatientId", "('" + std::string(kPatient1) + "','" + kPatient2 + "')");
  ExpectError(Run(q), "XDSStoredQueryParamNumber", "$XDSDocumentEntryPatientId");
  ExpectError(Run(Find().P("$XDSDocumentEntryCreationTimeFrom", "(2004, 2005)")),
              "XDSStoredQueryParamNumber", "$XDSDocumentEntryCreationTimeFrom");
}

TEST_F(StoredQueryErrorsTest, SingleValuedParameterInSeveralSlots) {
  ExpectError(Run(Find().P("$XDSDocumentEntryPatientId", Quoted(kPatient1))),
              "XDSStoredQueryParamNumber", "$XDSDocumentEntryPatientId");
  ExpectError(Run(Find()
                      .P("$XDSDocumentEntryCreationTimeTo", "2005")
                      .P("$XDSDocumentEntryCreationTimeTo", "2006")),
              "XDSStoredQueryParamNumber", "$XDSDocumentEntryCreationTimeTo");
}

TEST_F(StoredQueryErrorsTest, OnlyAndOrParametersMayRepeatTheirSlot) {
  ExpectError(Run(Find()
                      .P("$XDSDocumentEntryClassCode", "('A^^1.2.3.77')")
                      .P("$XDSDocumentEntryClassCode", "('B^^1.2.3.77')")),
              "XDSStoredQueryParamNumber", "$XDSDocumentEntryClassCode");
  ExpectError(Run(Find().P("$XDSDocumentEntryStatus", kApprovedList)), "XDSStoredQueryParamNumber",
              "$XDSDocumentEntryStatus");
}

TEST_F(StoredQueryErrorsTest, MalformedDtm) {
  for (const char* bad : {"2004-12-25", "20041325", "2004122", "'yesterday'"})
    ExpectError(Run(Find().P("$XDSDocumentEntryServiceStopTimeFrom", bad)), "XDSRegistryError",
                "$XDSDocumentEntryServiceStopTimeFrom");
}

TEST_F(StoredQueryErrorsTest, MalformedCode) {
  ExpectError(Run(Find().P("$XDSDocumentEntryTypeCode", "('18748-4')")), "XDSRegistryError",
              "$XDSDocumentEntryTypeCode");
  ExpectError(Run(Find().P("$XDSDocumentEntryEventCodeList", "('E1^^')")), "XDSRegistryError",
              "$XDSDocumentEntryEventCodeList");
}

TEST_F(StoredQueryErrorsTest, UnquotedString) {
  Query q = Find("$XDSDocumentEntryStatus");
  q.P("$XDSDocumentEntryStatus", "(urn:oasis:names:tc:ebxml-regrep:StatusType:Approved)");
  ExpectError(Run(q), "XDSRegistryError", "$XDSDocumentEntryStatus");
}

TEST_F(StoredQueryErrorsTest, MalformedListSyntax) {
  ExpectError(Run(Find().P("$XDSDocumentEntryFormatCode", "('a^^b'")), "XDSRegistryError",
              "$XDSDocumentEntryFormatCode");
  ExpectError(Run(Find().P("$XDSDocumentEntryFormatCode", "'unterminated")), "XDSRegistryError",
              "$XDSDocumentEntryFormatCode");
  ExpectError(Run(Find().P("$XDSDocumentEntryFormatCode", std::vector<std::string>{})),
              "XDSRegistryError", "$XDSDocumentEntryFormatCode");
}

TEST_F(StoredQueryErrorsTest, UnknownEntryType) {
  ExpectError(Run(Find().P("$XDSDocumentEntryType", "('urn:uuid:00000000-0000-0000-0000-000000000000')")),
              "XDSRegistryError", "$XDSDocumentEntryType");
}

TEST_F(StoredQueryErrorsTest, EveryFaultIsReported) {
  Query q = Find("$XDSDocumentEntryStatus");
  q.P("$XDSDocumentEntryCreationTimeFrom", "tomorrow").P("$XDSDocumentEntryClassCode", "('x')");
  QueryOutcome out = Run(q);
  EXPECT_EQ(ErrorCodes(out), (Codes{"XDSStoredQueryMissingParam", "XDSRegistryError", "XDSRegistryError"}));
  EXPECT_TRUE(out.object_refs.empty());
}

TEST_F(StoredQueryErrorsTest, EitherOrPairBothOrNone) {
  Query both(kGetDocuments);
  both.P("$XDSDocumentEntryEntryUUID", "('" + doc_ + "')").P("$XDSDocumentEntryUniqueId", "('1.2')");
  ExpectError(Run(both), "XDSStoredQueryParamNumber", "$XDSDocumentEntryUniqueId");
  ExpectError(Run(Query(kGetDocuments)), "XDSStoredQueryMissingParam", "$XDSDocumentEntryEntryUUID");
  ExpectError(Run(Query(kGetFolders).P("$XDSFolderEntryUUID", "('a')").P("$XDSFolderUniqueId", "('b')")),
              "XDSStoredQueryParamNumber", "$XDSFolderEntryUUID");
  ExpectError(Run(Query(kGetSubmissionSetAndContents)), "XDSStoredQueryMissingParam",
              "$XDSSubmissionSetEntryUUID");
  ExpectError(Run(Query(kGetFolderAndContents)), "XDSStoredQueryMissingParam", "$XDSFolderEntryUUID");
  ExpectError(Run(Query(kGetSubmissionSetAndContents).P("$XDSSubmissionSetEntryUUID", "('a','b')")),
              "XDSStoredQueryParamNumber", "$XDSSubmissionSetEntryUUID");
}

TEST_F(StoredQueryErrorsTest, UuidParameterIsRequired) {
  ExpectError(Run(Query(kGetAssociations)), "XDSStoredQueryMissingParam", "$uuid");
  ExpectError(Run(Query(kGetSubmissionSets)), "XDSStoredQueryMissingParam", "$uuid");
}

TEST_F(StoredQueryErrorsTest, HomeCommunityAndUnknownParametersAreIgnored) {
  Query q(kGetDocuments);
  q.P("$XDSDocumentEntryEntryUUID", "('" + doc_ + "')")
      .P("$homeCommunityId", "'urn:oid:1.2.3'")
      .P("$SomethingElse", "garbage (")
      .Home("urn:oid:1.2.3");
  QueryOutcome out = Run(q);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(out.object_refs, std::vector<std::string>{doc_});
}

TEST_F(StoredQueryErrorsTest, ListSplitAcrossValuesOfOneSlot) {
  Query q = Find("$XDSDocumentEntryStatus");
  q.P("$XDSDocumentEntryStatus", std::vector<std::string>{
                                     "('urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')",
                                     "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"});
  QueryOutcome out = Run(q);
  EXPECT_TRUE(out.errors.empty());
  EXPECT_EQ(out.object_refs, std::vector<std::string>{doc_});
}

TEST_F(StoredQueryErrorsTest, ValuesAreBoundNeverSpliced) {
  // Quotes and SQL in values only ever reach SQLite as bound parameters.
  QueryOutcome out = Run(Find()
                             .P("$XDSDocumentEntryClassCode", "('x''); DROP TABLE object; --^^1.2')")
                             .P("$XDSDocumentEntryAuthorPerson", "('%'' OR 1=1 --')"));
  EXPECT_TRUE(out.errors.empty());
  EXPECT_TRUE(out.object_refs.empty());
  Query q(kFindDocuments);
  q.P("$XDSDocumentEntryPatientId", "'P1''^^^&1.2.3.4&ISO'").P("$XDSDocumentEntryStatus", kApprovedList);
  EXPECT_TRUE(Run(q).object_refs.empty());
  EXPECT_EQ(Run(Find()).object_refs, std::vector<std::string>{doc_});
}

}  // namespace
}  // namespace xds::registry::testing

// ITI-51 Multi-Patient Stored Query end to end, for a consumer on the
// allow-list and for one that is not.
#include "tests/registry/e2e/lifecycle_fixture.h"
#include "wire/ihe/stored_queries.h"

namespace xds::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

using ihe::query_id::kFindDocumentsForMultiplePatients;
using ihe::query_id::kFindFoldersForMultiplePatients;
constexpr char kApprovedOnly[] = "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')";

class MultiPatientQueryTest : public LifecycleTest {
 protected:
  MultiPatientQueryTest() : LifecycleTest("multi_patient_query_consumers = [\"ip:127.0.0.1\"]") {}
};

class UnlistedConsumerTest : public LifecycleTest {};

TEST_F(MultiPatientQueryTest, FindsDocumentsOfSeveralPatients) {
  const std::string a = RegisterDocument({}, kPatientA);
  const std::string b = RegisterDocument({}, kPatientB);
  auto r = MultiPatientQuery(client_, StoredQuery(kFindDocumentsForMultiplePatients,
                                                  {{"$XDSDocumentEntryPatientId", "('" + std::string(kPatientA) +
                                                                                      "','" + kPatientB + "')"},
                                                   {"$XDSDocumentEntryStatus", kApprovedOnly}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, vocab::kResponseSuccess);
  EXPECT_THAT(Ids(r->objects), UnorderedElementsAre(a, b));
}

TEST_F(MultiPatientQueryTest, WithoutPatientsAClassCodeBoundsTheAnswer) {
  DocumentOptions report;
  report.class_code = "MPQ-CLASS";
  const std::string a = RegisterDocument(report, kPatientA);
  RegisterDocument({}, kPatientB);
  auto r = MultiPatientQuery(client_, StoredQuery(kFindDocumentsForMultiplePatients,
                                                  {{"$XDSDocumentEntryClassCode",
                                                    "('MPQ-CLASS^^" + std::string(kClassScheme) + "')"},
                                                   {"$XDSDocumentEntryStatus", kApprovedOnly}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(Ids(r->objects), ElementsAre(a));

  auto unbounded = MultiPatientQuery(
      client_, StoredQuery(kFindDocumentsForMultiplePatients, {{"$XDSDocumentEntryStatus", kApprovedOnly}}));
  ASSERT_TRUE(unbounded.ok());
  EXPECT_THAT(ErrorCodes(unbounded->errors), ElementsAre("XDSStoredQueryMissingParam"));
}

TEST_F(MultiPatientQueryTest, FindsFoldersOfSeveralPatients) {
  std::vector<std::string> folders;
  for (const char* patient : {kPatientA, kPatientB}) {
    SubmissionBuilder b(patient);
    folders.push_back(NewUrnUuid());
    b.AddFolder(folders.back());
    MustRegister(b);
  }
  auto r = MultiPatientQuery(client_, StoredQuery(kFindFoldersForMultiplePatients,
                                                  {{"$XDSFolderPatientId", "('" + std::string(kPatientA) + "','" +
                                                                               kPatientB + "')"},
                                                   {"$XDSFolderStatus", kApprovedOnly}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_THAT(Ids(r->objects), UnorderedElementsAre(folders[0], folders[1]));
}

TEST_F(MultiPatientQueryTest, AnItiEighteenQueryIdIsUnknownHere) {
  auto r = MultiPatientQuery(client_, FindDocuments(kPatientA));
  ASSERT_TRUE(r.ok());
  EXPECT_THAT(ErrorCodes(r->errors), ElementsAre("XDSUnknownStoredQuery"));
}

TEST_F(UnlistedConsumerTest, IsRefusedWithoutResults) {
  RegisterDocument({}, kPatientA);
  auto r = MultiPatientQuery(client_, StoredQuery(kFindDocumentsForMultiplePatients,
                                                  {{"$XDSDocumentEntryPatientId", "('" + std::string(kPatientA) + "')"},
                                                   {"$XDSDocumentEntryStatus", kApprovedOnly}}));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, vocab::kResponseFailure);
  EXPECT_THAT(r->objects, IsEmpty());
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_NE(r->errors[0].code_context.find("multi_patient_query_consumers"), std::string::npos);
}

}  // namespace
}  // namespace xds::testing

// ITI-92 Restricted Update Document Set end to end: DocumentEntry metadata
// updates only, with the RMU error codes.
#include "tests/registry/e2e/lifecycle_fixture.h"

namespace xds::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

class RestrictedUpdateTest : public LifecycleTest {
 protected:
  static DocumentOptions Options(const std::string& unique_id) {
    DocumentOptions o;
    o.unique_id = unique_id;
    return o;
  }
};

TEST_F(RestrictedUpdateTest, UpdatesDocumentEntryMetadata) {
  const std::string v1 = RegisterDocument(Options("1.2.3.92.1"));
  SubmissionBuilder update(kPatientA);
  DocumentOptions changed = Options("1.2.3.92.1");
  changed.type_code = "11488-4";
  const std::string v2 = NewUrnUuid();
  update.AddDocumentVersion(v2, v1, "1", changed);
  MustUpdate(update, /*restricted=*/true);
  auto found = Find(kPatientA);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, v2);
  EXPECT_EQ(ihe::CodesOf(found[0], vocab::kDeTypeCode).at(0).code, "11488-4");
}

TEST_F(RestrictedUpdateTest, IdentifierPatientAndObjectTypeAreUnmodifiable) {
  const std::string v1 = RegisterDocument(Options("1.2.3.92.2"));
  SubmissionBuilder uid(kPatientA);
  uid.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.92.2-other"));
  EXPECT_THAT(UpdateFails(uid, true), ElementsAre("XDSMetadataIdentifierError"));

  SubmissionBuilder patient(kPatientB);
  patient.AddDocumentVersion(NewUrnUuid(), v1, "1", Options("1.2.3.92.2"));
  EXPECT_THAT(UpdateFails(patient, true), ElementsAre("UnmodifiableMetadataError"));

  SubmissionBuilder type(kPatientA);
  DocumentOptions on_demand = Options("1.2.3.92.2");
  on_demand.on_demand = true;
  type.AddDocumentVersion(NewUrnUuid(), v1, "1", on_demand);
  EXPECT_THAT(UpdateFails(type, true), Contains("XDSObjectTypeError"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(v1));
}

TEST_F(RestrictedUpdateTest, OnlyDocumentEntryUpdatesAreAccepted) {
  const std::string v1 = RegisterDocument(Options("1.2.3.92.3"));
  SubmissionBuilder status(kPatientA);
  status.AddStatusUpdate(v1, vocab::kApproved, vocab::kDeprecated);
  EXPECT_THAT(UpdateFails(status, true), Contains("XDSMetadataUpdateOperationError"));

  SubmissionBuilder folder(kPatientA);
  folder.AddFolderVersion(NewUrnUuid(), NewUrnUuid(), "1", "1.2.3.92.4");
  EXPECT_THAT(UpdateFails(folder, true), Contains("XDSMetadataUpdateOperationError"));
}

TEST_F(RestrictedUpdateTest, StaleVersionIsAVersionConflict) {
  const std::string v1 = RegisterDocument(Options("1.2.3.92.5"));
  SubmissionBuilder update(kPatientA);
  update.AddDocumentVersion(NewUrnUuid(), v1, "2", Options("1.2.3.92.5"));
  EXPECT_THAT(UpdateFails(update, true), ElementsAre("XDSMetadataVersionError"));
}

}  // namespace
}  // namespace xds::testing

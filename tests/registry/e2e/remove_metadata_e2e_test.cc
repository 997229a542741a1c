// ITI-62 Remove Metadata end to end: removals that leave the registry
// consistent succeed; those that would leave a dangling reference, an
// unreferenced object or a broken replacement chain are refused whole.
#include "tests/registry/e2e/lifecycle_fixture.h"

namespace xds::testing {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class RemoveMetadataTest : public LifecycleTest {
 protected:
  // One submission: SS, DE and their HasMember, all with known entryUUIDs.
  struct Registered {
    std::string set, document, member;
  };
  Registered RegisterOne(const std::string& unique_id) {
    SubmissionBuilder b(kPatientA);
    Registered r{NewUrnUuid(), NewUrnUuid(), NewUrnUuid()};
    DocumentOptions o;
    o.unique_id = unique_id;
    b.AddDocument(r.document, o);
    b.Object(b.MemberAssociation(r.document)).id = r.member;
    for (auto& c : b.SubmissionSet().classifications) c.classified_object = r.set;
    for (auto& x : b.SubmissionSet().external_identifiers) x.registry_object = r.set;
    b.SubmissionSet().id = r.set;
    b.Object(r.member).source_object = r.set;
    MustRegister(b);
    return r;
  }
  std::vector<std::string> RemoveFails(const std::vector<std::string>& ids) {
    auto r = Remove(client_, ids);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {};
    EXPECT_EQ(r->status, vocab::kResponseFailure);
    return ErrorCodes(r->errors);
  }
  void MustRemove(const std::vector<std::string>& ids) {
    auto r = Remove(client_, ids);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->success()) << Message(*r);
  }
};

TEST_F(RemoveMetadataTest, RemovesAWholeSubmission) {
  Registered r = RegisterOne("1.2.3.62.1");
  MustRemove({r.set, r.document, r.member});
  EXPECT_THAT(Get(kGetDocuments, "$XDSDocumentEntryEntryUUID", r.document, "2"), IsEmpty());
  EXPECT_THAT(Find(kPatientA), IsEmpty());
}

TEST_F(RemoveMetadataTest, RemovesADocumentEntryWithItsMembership) {
  Registered r = RegisterOne("1.2.3.62.2");
  MustRemove({r.document, r.member});
  EXPECT_THAT(Find(kPatientA), IsEmpty());
}

TEST_F(RemoveMetadataTest, AnObjectStillReferencedIsNotRemoved) {
  Registered r = RegisterOne("1.2.3.62.3");
  EXPECT_THAT(RemoveFails({r.document}), ElementsAre("ReferencesExistException"));
  EXPECT_THAT(RemoveFails({r.set}), ElementsAre("ReferencesExistException"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(r.document));
}

TEST_F(RemoveMetadataTest, UnknownIdsAreUnresolvedAndNothingIsRemoved) {
  Registered r = RegisterOne("1.2.3.62.4");
  EXPECT_THAT(RemoveFails({r.document, r.member, NewUrnUuid()}), ElementsAre("UnresolvedReferenceException"));
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(r.document));
}

TEST_F(RemoveMetadataTest, AMembershipAloneWouldLeaveAnUnreferencedObject) {
  Registered r = RegisterOne("1.2.3.62.5");
  EXPECT_THAT(RemoveFails({r.member}), ElementsAre("XDSUnreferencedObjectException"));
}

TEST_F(RemoveMetadataTest, AReplacementChainCannotBeBroken) {
  Registered original = RegisterOne("1.2.3.62.6");
  SubmissionBuilder b(kPatientA);
  const std::string replacement = NewUrnUuid(), rplc = NewUrnUuid();
  b.AddDocument(replacement);
  const std::string as = b.AddAssociation(std::string(vocab::kRplc), replacement, original.document);
  b.Object(as).id = rplc;
  MustRegister(b);
  // The replaced entry is still named by the RPLC of its replacement.
  auto codes = RemoveFails({original.document, original.member});
  EXPECT_THAT(codes, Contains("ReferencesExistException"));
  EXPECT_THAT(codes, Each("ReferencesExistException"));
  // The RPLC link alone: the replacement would lose what it replaced, and
  // the chain would no longer explain why the original is Deprecated.
  EXPECT_THAT(RemoveFails({replacement}), Contains("ReferencesExistException"));
  // The whole chain may go together.
  MustRemove({original.document, original.member, rplc});
  EXPECT_THAT(Ids(Find(kPatientA)), ElementsAre(replacement));
}

}  // namespace
}  // namespace xds::testing

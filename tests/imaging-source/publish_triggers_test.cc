// The publishing triggers over real associations: a PACS forwarding a study
// to the imaging source's C-STORE receiver (storescu plays the forwarding
// PACS; dcmqrscp holds the study), the receiver surviving a restart, and
// the periodic C-FIND poll of dcmqrscp. Each ends with the manifest in a
// real registry.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "imaging-source/publish/forward_receiver.h"
#include "imaging-source/publish/pacs_poller.h"
#include "tests/imaging-source/support/imaging_site.h"
#include "tests/imaging-source/support/study_generator.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::imaging {
namespace {

using testing::ImagingSite;
namespace fs = std::filesystem;

// Generous: a deadline for a slow CI machine, not a performance claim.
constexpr std::chrono::seconds kDeadline{90};
constexpr char kReceiverAe[] = "XDSI_RECEIVER";

size_t FilesUnder(const std::string& dir) {
  size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) n += e.is_regular_file();
  return n;
}

class PublishTriggersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(site_.StartPacs().ok());
    testing::StudySpec spec = testing::MixedStudySpec();
    spec.study_date = LocalDateMinusDays(0);  // inside the poll's window
    auto study = testing::GenerateStudy(spec, site_.files_dir());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    ASSERT_TRUE(testing::LoadStudy(site_.pacs(), study_).ok());
    receiver_port_ = testing::FreeLoopbackPort();
  }

  std::string ReceiverToml(int quiet_seconds) const {
    return "[imaging_source.receiver]\nport = " + std::to_string(receiver_port_) + "\nae_title = \"" + kReceiverAe +
           "\"\nquiet_seconds = " + std::to_string(quiet_seconds) + "\nretry_seconds = 1\n";
  }

  // The one Approved manifest of the study, checked to list every instance.
  void ExpectOneManifestOfTheWholeStudy() {
    auto found = site_.FindManifests();
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    ASSERT_EQ(found->size(), 1u);
    const ihe::RegistryObject& de = (*found)[0];
    EXPECT_EQ(de.status, std::string(vocab::kApproved));
    const ihe::Slot* refs = de.FindSlot(vocab::kSlotReferenceIdList);
    ASSERT_NE(refs, nullptr);
    EXPECT_EQ(refs->values[0], study_.study_instance_uid + "^^^^urn:ihe:iti:xds:2016:studyInstanceUID");
    EXPECT_EQ(site_.repository().DocumentFileCount(), 1u);
  }

  ImagingSite site_;
  testing::GeneratedStudy study_;
  int receiver_port_ = 0;
};

TEST_F(PublishTriggersTest, ForwardedStudyIsPublishedAndNothingIsKept) {
  ASSERT_TRUE(site_.StartActor(ReceiverToml(1)).ok());
  ForwardReceiver* receiver = site_.actor().receiver();
  ASSERT_NE(receiver, nullptr);
  // The PACS forwards the study (all of it, in one association).
  Status sent = site_.SendTo(receiver_port_, kReceiverAe, study_.Files());
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  ASSERT_TRUE(receiver->WaitUntilIdle(kDeadline));
  EXPECT_EQ(receiver->published_count(), 1);
  ExpectOneManifestOfTheWholeStudy();
  // Nothing received is left.
  EXPECT_EQ(FilesUnder(site_.state_dir() + "/incoming"), 0u);

  // The same study forwarded again: published again, unchanged, no second manifest.
  ASSERT_TRUE(site_.SendTo(receiver_port_, kReceiverAe, {study_.Files().front()}).ok());
  ASSERT_TRUE(receiver->WaitUntilIdle(kDeadline));
  EXPECT_EQ(receiver->published_count(), 2);
  ExpectOneManifestOfTheWholeStudy();
  EXPECT_EQ(FilesUnder(site_.state_dir() + "/incoming"), 0u);
}

TEST_F(PublishTriggersTest, StudyReceivedBeforeARestartIsPublishedAfterIt) {
  // A quiet period longer than the test: the study is still waiting when
  // the imaging source stops.
  ASSERT_TRUE(site_.StartActor(ReceiverToml(3600)).ok());
  Status sent = site_.SendTo(receiver_port_, kReceiverAe, study_.Files());
  ASSERT_TRUE(sent.ok()) << sent.ToString();
  EXPECT_EQ(site_.actor().receiver()->waiting_studies(), 1u);
  site_.StopActor();
  EXPECT_EQ(FilesUnder(site_.state_dir() + "/incoming/" + study_.study_instance_uid), study_.InstanceCount());
  auto none = site_.FindManifests();
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  ASSERT_TRUE(site_.StartActor(ReceiverToml(0)).ok());
  ASSERT_TRUE(site_.actor().receiver()->WaitUntilIdle(kDeadline));
  ExpectOneManifestOfTheWholeStudy();
  EXPECT_EQ(FilesUnder(site_.state_dir() + "/incoming"), 0u);
}

TEST_F(PublishTriggersTest, InstanceWithoutStudyUidIsRefused) {
  ASSERT_TRUE(site_.StartActor(ReceiverToml(1)).ok());
  // A file whose data set has no Study Instance UID: dcmodify strips it
  // from a copy of a generated instance.
  std::string bad = site_.files_dir() + "/no-study.dcm";
  fs::copy_file(study_.Files().front(), bad);
  ASSERT_EQ(testing::RunTool({"dcmodify", "-nb", "-ea", "(0020,000d)", bad}, site_.files_dir() + "/dcmodify.log"), 0);
  (void)site_.SendTo(receiver_port_, kReceiverAe, {bad});  // answered A700 (Out of Resources)
  EXPECT_EQ(site_.actor().receiver()->waiting_studies(), 0u);
  EXPECT_EQ(FilesUnder(site_.state_dir() + "/incoming"), 0u);
}

TEST_F(PublishTriggersTest, PollPublishesNewStudiesOnce) {
  ASSERT_TRUE(site_.StartActor().ok());
  PacsPoller* poller = site_.actor().poller();
  ASSERT_NE(poller, nullptr);
  auto first = poller->PollOnce();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->studies_found, 1);
  EXPECT_EQ(first->published, 1);
  ExpectOneManifestOfTheWholeStudy();
  // Nothing new: nothing sent.
  auto second = poller->PollOnce();
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->published, 0);
  EXPECT_EQ(second->unchanged, 1);
  ExpectOneManifestOfTheWholeStudy();
}

TEST_F(PublishTriggersTest, PeriodicPollRunsFromConfiguration) {
  ASSERT_TRUE(site_.StartActor("[imaging_source.poll]\ninterval_seconds = 1\nlookback_days = 0\n").ok());
  ASSERT_TRUE(site_.actor().poller()->WaitForPolls(1, kDeadline));
  ExpectOneManifestOfTheWholeStudy();
}

TEST_F(PublishTriggersTest, PollWithThePacsDownIsUnavailable) {
  ASSERT_TRUE(site_.StartActor().ok());
  site_.pacs().Stop();
  auto poll = site_.actor().poller()->PollOnce();
  EXPECT_EQ(poll.status().code(), Status::Code::kUnavailable);
}

}  // namespace
}  // namespace xds::imaging

// C-MOVE retrieval for a PACS without C-GET: dcmqrscp moves to the imaging
// source's own Storage SCP (PS3.4 C.4.2), over real associations, through
// the PacsClient and through the whole actor (publish, RAD-69, WADO-RS).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "tests/imaging-source/support/imaging_site.h"
#include "tests/imaging-source/support/raw_http_client.h"
#include "tests/imaging-source/support/study_generator.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/envelope.h"
#include "wire/soap/soap_client.h"

namespace xds::imaging {
namespace {

constexpr char kMoveAe[] = "XDSI_MOVE";

class MoveRetrieveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    move_port_ = testing::FreeLoopbackPort();
    site_.pacs().AddMoveDestination(kMoveAe, move_port_);
    ASSERT_TRUE(site_.StartPacs().ok());
    // CT and MR, uncompressed: dcmqrscp moves only what it can send
    // uncompressed (see DcmqrscpPacs::Start).
    testing::StudySpec spec = testing::MixedStudySpec();
    spec.series.pop_back();  // the JPEG-LS CR
    auto study = testing::GenerateStudy(spec, site_.files_dir());
    ASSERT_TRUE(study.ok());
    study_ = std::move(*study);
    ASSERT_TRUE(testing::LoadStudy(site_.pacs(), study_).ok());
  }

  PacsConfig MoveConfig() {
    PacsConfig c = site_.pacs().ClientConfig();
    c.retrieve_method = RetrieveMethod::kMove;
    c.move_destination_ae = kMoveAe;
    c.move_port = move_port_;
    return c;
  }

  // The instance as loaded: data set bit for bit in the stored syntax,
  // else the same pixels.
  void ExpectAsLoaded(const std::string& uid, const std::string& bytes) {
    const auto* g = study_.Find(uid);
    ASSERT_NE(g, nullptr) << uid;
    std::string loaded = testing::ReadFileBytes(g->path);
    auto info = ReadDicomInfo(bytes);
    ASSERT_TRUE(info.ok());
    if (info->transfer_syntax_uid == g->transfer_syntax_uid) {
      EXPECT_EQ(*DataSetBytes(bytes), *DataSetBytes(loaded)) << uid;
    }
    EXPECT_EQ(*NativePixelData(bytes), *NativePixelData(loaded)) << uid;
  }

  testing::ImagingSite site_;
  testing::GeneratedStudy study_;
  int move_port_ = 0;
};

TEST_F(MoveRetrieveTest, MovesTheWholeStudyInstanceByInstance) {
  auto client = NewDcmtkPacsClient(MoveConfig());
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  std::map<std::string, std::string> got;
  auto summary = client->Retrieve(r, [&](RetrievedInstance&& i) {
    EXPECT_EQ(i.study_instance_uid, study_.study_instance_uid);
    got[i.sop_instance_uid] = std::move(i.bytes);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->failed, 0);
  ASSERT_EQ(got.size(), study_.InstanceCount());
  for (const auto& [uid, bytes] : got) ExpectAsLoaded(uid, bytes);
}

TEST_F(MoveRetrieveTest, TwoConcurrentMovesOfTheSameStudyEachGetAll) {
  auto client = NewDcmtkPacsClient(MoveConfig());
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  std::map<std::string, std::string> got[2];
  Status status[2];
  std::thread threads[2];
  for (int t = 0; t < 2; ++t)
    threads[t] = std::thread([&, t] {
      auto s = client->Retrieve(r, [&, t](RetrievedInstance&& i) {
        got[t][i.sop_instance_uid] = std::move(i.bytes);
        return Status::Ok();
      });
      status[t] = s.status();
    });
  for (auto& t : threads) t.join();
  for (int t = 0; t < 2; ++t) {
    EXPECT_TRUE(status[t].ok()) << status[t].ToString();
    EXPECT_EQ(got[t].size(), study_.InstanceCount());
  }
}

TEST_F(MoveRetrieveTest, ChosenInstancesOnlyAndCallbackErrorStops) {
  auto client = NewDcmtkPacsClient(MoveConfig());
  const auto& ct = study_.series[0];
  RetrieveRequest r;
  r.level = QueryLevel::kInstance;
  r.study_instance_uid = study_.study_instance_uid;
  r.series_instance_uid = ct.series_instance_uid;
  r.sop_instance_uids = {ct.instances[1].sop_instance_uid, ct.instances[3].sop_instance_uid};
  std::vector<std::string> got;
  auto summary = client->Retrieve(r, [&](RetrievedInstance&& i) {
    got.push_back(i.sop_instance_uid);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::sort(got.begin(), got.end());
  std::vector<std::string> want = r.sop_instance_uids;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);

  RetrieveRequest study;
  study.study_instance_uid = study_.study_instance_uid;
  int calls = 0;
  auto stopped = client->Retrieve(study, [&](RetrievedInstance&&) {
    ++calls;
    return Status::Unavailable("client went away");
  });
  EXPECT_EQ(stopped.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(calls, 1);
}

TEST_F(MoveRetrieveTest, DestinationUnknownToThePacsDeliversNothing) {
  PacsConfig c = MoveConfig();
  c.move_destination_ae = "NOT_IN_PACS";
  auto client = NewDcmtkPacsClient(c);
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  int calls = 0;
  auto summary = client->Retrieve(r, [&](RetrievedInstance&&) {
    ++calls;
    return Status::Ok();
  });
  EXPECT_FALSE(summary.ok());
  EXPECT_EQ(calls, 0);
}

TEST_F(MoveRetrieveTest, ActorPublishesAndServesRad69AndWadoRsThroughCMove) {
  site_.set_pacs_toml("retrieve_method = \"move\"\nmove_destination_ae = \"" + std::string(kMoveAe) +
                      "\"\nmove_port = " + std::to_string(move_port_) + "\n");
  Status started = site_.StartActor();
  ASSERT_TRUE(started.ok()) << started.ToString();
  auto published = site_.actor().PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->instances, static_cast<int>(study_.InstanceCount()));

  Rad69Request request;
  request.transfer_syntaxes = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2"};
  Rad69StudyRequest st;
  st.study_instance_uid = study_.study_instance_uid;
  for (const auto& s : study_.series) {
    Rad69SeriesRequest se;
    se.series_instance_uid = s.series_instance_uid;
    for (const auto& i : s.instances)
      se.documents.push_back({"", testing::ImagingSite::kImagingSourceId, i.sop_instance_uid});
    st.series.push_back(std::move(se));
  }
  request.studies.push_back(std::move(st));
  soap::SoapClient ids(site_.rad69_url());
  auto reply = ids.Call(kActionRad69, WriteRad69Request(request));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, std::string(vocab::kResponseSuccess));
  ASSERT_EQ(response->documents.size(), study_.InstanceCount());
  for (const auto& d : response->documents) ExpectAsLoaded(d.document_unique_id, *reply->attachments.at(d.content_id).Read(1u << 30));

  auto wado = testing::RawRequest(site_.http_port(), "GET", "/wado-rs/studies/" + study_.study_instance_uid,
                                  "Accept: multipart/related; type=\"application/dicom\"\r\n");
  ASSERT_TRUE(wado.ok());
  EXPECT_EQ(wado->status, 200);
  auto parts = testing::MultipartParts(wado->Header("content-type"), wado->body);
  ASSERT_EQ(parts.size(), study_.InstanceCount());
  for (const auto& p : parts) ExpectAsLoaded(ReadDicomInfo(p)->sop_instance_uid, p);
}

TEST_F(MoveRetrieveTest, ClientHangingUpMidRad69LeavesTheSourceHealthy) {
  site_.set_pacs_toml("retrieve_method = \"move\"\nmove_destination_ae = \"" + std::string(kMoveAe) +
                      "\"\nmove_port = " + std::to_string(move_port_) + "\n");
  Status started = site_.StartActor();
  ASSERT_TRUE(started.ok()) << started.ToString();
  Rad69Request request;
  request.transfer_syntaxes = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2"};
  Rad69StudyRequest st;
  st.study_instance_uid = study_.study_instance_uid;
  for (const auto& s : study_.series) {
    Rad69SeriesRequest se;
    se.series_instance_uid = s.series_instance_uid;
    for (const auto& i : s.instances)
      se.documents.push_back({"", testing::ImagingSite::kImagingSourceId, i.sop_instance_uid});
    st.series.push_back(std::move(se));
  }
  request.studies.push_back(std::move(st));
  std::string envelope = soap::WriteRequestEnvelope(kActionRad69, "http://127.0.0.1/xds/imaging", "urn:uuid:4",
                                                    WriteRad69Request(request));
  // Hang up after the envelope and part of the first instance, three times:
  // each time the C-MOVE in flight must end (our Storage SCP takes one
  // association at a time, so a move left hanging would block the next).
  for (int i = 0; i < 3; ++i) {
    auto got = testing::RequestAndHangUp(site_.http_port(), "POST", "/xds/imaging",
                                         "Content-Type: application/soap+xml\r\n", envelope, 6000);
    ASSERT_TRUE(got.ok());
    EXPECT_GT(*got, 0u);
  }
  // The next request is served whole.
  soap::SoapClient ids(site_.rad69_url());
  auto reply = ids.Call(kActionRad69, WriteRad69Request(request));
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, std::string(vocab::kResponseSuccess));
  ASSERT_EQ(response->documents.size(), study_.InstanceCount());
  for (const auto& d : response->documents)
    ExpectAsLoaded(d.document_unique_id, *reply->attachments.at(d.content_id).Read(1u << 30));
  EXPECT_TRUE(site_.actor().pacs().Echo().ok());
  // No received file is left in the C-MOVE destination's spool.
  const std::string spool = site_.pacs().dir() + "/move-" + std::to_string(move_port_);
  auto leftovers = [&] {
    size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(spool)) n += e.is_regular_file();
    return n;
  };
  for (int i = 0; i < 100 && leftovers() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(leftovers(), 0u);
}

}  // namespace
}  // namespace xds::imaging

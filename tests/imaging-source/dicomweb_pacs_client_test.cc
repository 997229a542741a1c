// The DICOMweb PacsClient (QIDO-RS, WADO-RS) against a real Orthanc with
// its DICOMweb plugin, loaded with the mixed CT / MR / CR study: queries
// compared with what Orthanc's DIMSE C-FIND answers, retrievals compared
// byte for byte with the data sets loaded. The failures a real PACS does
// not produce on demand (an answer cut off mid-study, a PACS that never
// answers, parts held back) come from a scripted loopback peer.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicomweb/dicomweb_pacs_client.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/orthanc_pacs.h"
#include "tests/imaging-source/support/scripted_http_peer.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"

namespace xds::imaging {
namespace {

using Clock = std::chrono::steady_clock;
using testing::DicomMultipartBody;
using testing::ScriptedHttpPeer;

testing::OrthancTlsOptions PlainWithDicomWeb() {
  testing::OrthancTlsOptions o;
  o.dicom_tls = false;
  o.dicomweb = true;
  return o;
}

// One Orthanc for the whole suite: starting it and loading the study take
// longer than all the tests together.
class DicomWebPacsClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = new xds::testing::TempDir();
    orthanc_ = new testing::OrthancTlsPacs(PlainWithDicomWeb());
    Status started = orthanc_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), files_->path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = new testing::GeneratedStudy(std::move(*study));
    Status loaded = orthanc_->Load(study_->Files());
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
  }
  static void TearDownTestSuite() {
    delete orthanc_;
    delete study_;
    delete files_;
  }

  void SetUp() override {
    ASSERT_NE(orthanc_, nullptr);
    client_ = NewDicomWebPacsClient(WebConfig(orthanc_->dicomweb_url()));
  }

  PacsConfig WebConfig(const std::string& url) {
    PacsConfig c = orthanc_->ClientConfig();
    c.dicomweb_url = url;
    c.query_by_dicomweb = c.retrieve_by_dicomweb = true;
    c.connect_timeout_seconds = 2;
    c.dicomweb_timeout_seconds = 5;
    c.spool_dir = spool_.path();
    return c;
  }

  static std::string LoadedDataSet(const std::string& uid) {
    const auto* g = study_->Find(uid);
    if (g == nullptr) return {};
    auto ds = DataSetBytes(testing::ReadFileBytes(g->path));
    return ds.ok() ? *ds : std::string();
  }

  // Checks one delivered instance against the file loaded: UIDs, transfer
  // syntax (as stored: transfer-syntax=*) and the data set bit for bit.
  static void ExpectAsLoaded(const RetrievedInstance& i, const std::string& bytes) {
    const auto* g = study_->Find(i.sop_instance_uid);
    ASSERT_NE(g, nullptr) << i.sop_instance_uid;
    EXPECT_EQ(i.study_instance_uid, study_->study_instance_uid);
    EXPECT_EQ(i.sop_class_uid, g->sop_class_uid);
    EXPECT_EQ(i.transfer_syntax_uid, g->transfer_syntax_uid);
    bool in_series = false;
    for (const auto& s : study_->series)
      if (s.series_instance_uid == i.series_instance_uid)
        for (const auto& gi : s.instances) in_series |= gi.sop_instance_uid == i.sop_instance_uid;
    EXPECT_TRUE(in_series) << i.series_instance_uid;
    auto ds = DataSetBytes(bytes);
    ASSERT_TRUE(ds.ok()) << ds.status().ToString();
    EXPECT_TRUE(*ds == LoadedDataSet(i.sop_instance_uid)) << "data set of " << i.sop_instance_uid << " differs";
  }

  static xds::testing::TempDir* files_;
  static testing::OrthancTlsPacs* orthanc_;
  static testing::GeneratedStudy* study_;
  xds::testing::TempDir spool_;
  std::unique_ptr<PacsClient> client_;
};

xds::testing::TempDir* DicomWebPacsClientTest::files_ = nullptr;
testing::OrthancTlsPacs* DicomWebPacsClientTest::orthanc_ = nullptr;
testing::GeneratedStudy* DicomWebPacsClientTest::study_ = nullptr;

TEST_F(DicomWebPacsClientTest, EchoIsAQidoRequest) {
  Status echo = client_->Echo();
  EXPECT_TRUE(echo.ok()) << echo.ToString();
}

TEST_F(DicomWebPacsClientTest, QidoFindsWhatDimseCFindFinds) {
  // The same PACS over DIMSE: every field C-FIND fills must come back the
  // same through QIDO-RS.
  auto dimse = NewDcmtkPacsClient(orthanc_->ClientConfig());
  StudyQuery q;
  q.study_instance_uid = study_->study_instance_uid;
  auto web = client_->FindStudies(q);
  auto find = dimse->FindStudies(q);
  ASSERT_TRUE(web.ok()) << web.status().ToString();
  ASSERT_TRUE(find.ok()) << find.status().ToString();
  ASSERT_EQ(web->size(), 1u);
  ASSERT_EQ(find->size(), 1u);
  const StudyInfo& w = web->front();
  const StudyInfo& d = find->front();
  EXPECT_EQ(w.study_instance_uid, study_->study_instance_uid);
  EXPECT_EQ(w.patient_id, "LOC-4711");
  EXPECT_EQ(w.issuer_of_patient_id, "SITE-A");
  EXPECT_EQ(w.patient_name, "DOE^JANE");
  EXPECT_EQ(w.patient_birth_date, "19700101");
  EXPECT_EQ(w.patient_sex, "F");
  EXPECT_EQ(w.study_date, "20240315");
  EXPECT_EQ(w.study_time, "101500");
  EXPECT_EQ(w.accession_number, "ACC-0001");
  EXPECT_EQ(w.study_id, "S1");
  EXPECT_EQ(w.referring_physician_name, "HOUSE^GREGORY");
  EXPECT_EQ(w.study_description, "TEST STUDY");
  for (auto [a, b] : {std::pair{w.patient_id, d.patient_id}, {w.patient_name, d.patient_name},
                      {w.study_date, d.study_date}, {w.accession_number, d.accession_number},
                      {w.study_description, d.study_description}, {w.study_id, d.study_id}})
    EXPECT_EQ(a, b);

  auto series = client_->FindSeries(study_->study_instance_uid);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->size(), study_->series.size());
  std::map<std::string, SeriesInfo> by_uid;
  for (const auto& s : *series) by_uid[s.series_instance_uid] = s;
  for (size_t k = 0; k < study_->series.size(); ++k) {
    const auto& g = study_->series[k];
    ASSERT_EQ(by_uid.count(g.series_instance_uid), 1u);
    const SeriesInfo& s = by_uid[g.series_instance_uid];
    EXPECT_EQ(s.modality, g.modality);
    EXPECT_EQ(s.series_number, std::to_string(study_->spec.first_series_number + static_cast<int>(k)));
    EXPECT_EQ(s.body_part_examined, study_->spec.series[k].body_part);
    auto instances = client_->FindInstances(study_->study_instance_uid, g.series_instance_uid);
    ASSERT_TRUE(instances.ok()) << instances.status().ToString();
    ASSERT_EQ(instances->size(), g.instances.size());
    for (const auto& i : *instances) {
      const auto* gi = study_->Find(i.sop_instance_uid);
      ASSERT_NE(gi, nullptr);
      EXPECT_EQ(i.sop_class_uid, gi->sop_class_uid);
      EXPECT_FALSE(i.instance_number.empty());
    }
  }
}

TEST_F(DicomWebPacsClientTest, FindsStudiesByDateRangeAndPatient) {
  StudyQuery q;
  q.study_date_from = "20240301";
  q.study_date_to = "20240331";
  q.patient_id = "LOC-4711";
  auto hit = client_->FindStudies(q);
  ASSERT_TRUE(hit.ok()) << hit.status().ToString();
  ASSERT_EQ(hit->size(), 1u);
  q.study_date_from = "20250101";
  q.study_date_to.clear();
  auto miss = client_->FindStudies(q);
  ASSERT_TRUE(miss.ok()) << miss.status().ToString();
  EXPECT_TRUE(miss->empty());
}

TEST_F(DicomWebPacsClientTest, RetrievesStudyInMemoryBitPreserving) {
  RetrieveRequest r;
  r.study_instance_uid = study_->study_instance_uid;
  std::map<std::string, RetrievedInstance> got;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    EXPECT_TRUE(i.file.empty());
    got[i.sop_instance_uid] = std::move(i);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->delivered, static_cast<int>(study_->InstanceCount()));
  EXPECT_EQ(summary->failed, 0);
  ASSERT_EQ(got.size(), study_->InstanceCount());
  for (const auto& [uid, instance] : got) ExpectAsLoaded(instance, instance.bytes);
}

TEST_F(DicomWebPacsClientTest, RetrievesSeriesAsFilesTheCallbackMayMove) {
  xds::testing::TempDir incoming, kept;
  const auto& series = study_->series[1];
  RetrieveRequest r;
  r.level = QueryLevel::kSeries;
  r.study_instance_uid = study_->study_instance_uid;
  r.series_instance_uid = series.series_instance_uid;
  r.as_files = true;
  r.files_dir = incoming.path();
  int n = 0;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    EXPECT_TRUE(i.bytes.empty());
    EXPECT_EQ(i.file.rfind(incoming.path() + "/", 0), 0u) << i.file;
    ExpectAsLoaded(i, testing::ReadFileBytes(i.file));
    EXPECT_EQ(i.series_instance_uid, series.series_instance_uid);
    // Every other one is taken away; the rest the client removes.
    if (n++ % 2 == 0) {
      EXPECT_EQ(std::rename(i.file.c_str(), kept.File(i.sop_instance_uid).c_str()), 0);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->delivered, static_cast<int>(series.instances.size()));
  EXPECT_TRUE(std::filesystem::is_empty(incoming.path())) << "files left behind";
}

TEST_F(DicomWebPacsClientTest, RetrievesSomeInstancesOfASeriesOnOneSession) {
  const auto& series = study_->series[0];
  ASSERT_GE(series.instances.size(), 3u);
  auto session = client_->OpenSession({});
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  RetrieveRequest r;
  r.level = QueryLevel::kInstance;
  r.study_instance_uid = study_->study_instance_uid;
  r.series_instance_uid = series.series_instance_uid;
  r.sop_instance_uids = {series.instances[2].sop_instance_uid, series.instances[0].sop_instance_uid,
                         "1.2.3.4.5.6.7.8.9.10"};
  std::vector<std::string> order;
  auto summary = (*session)->Fetch(r, [&](RetrievedInstance&& i) {
    ExpectAsLoaded(i, i.bytes);
    order.push_back(i.sop_instance_uid);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->delivered, 2);
  EXPECT_EQ(summary->failed, 1);  // the unknown UID, as a failed sub-operation
  EXPECT_EQ(order, (std::vector<std::string>{r.sop_instance_uids[0], r.sop_instance_uids[1]}));
  // The session serves a second fetch.
  r.sop_instance_uids = {series.instances[1].sop_instance_uid};
  auto again = (*session)->Fetch(r, [&](RetrievedInstance&& i) {
    ExpectAsLoaded(i, i.bytes);
    return Status::Ok();
  });
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->delivered, 1);
}

TEST_F(DicomWebPacsClientTest, FirstInstanceReachesTheCallbackBeforeTheRetrievalEnds) {
  RetrieveRequest r;
  r.study_instance_uid = study_->study_instance_uid;
  std::vector<Clock::time_point> arrivals;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&&) {
    arrivals.push_back(Clock::now());
    return Status::Ok();
  });
  const auto ended = Clock::now();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_GE(arrivals.size(), 2u);
  EXPECT_LT(arrivals.front(), arrivals.back());
  EXPECT_LT(arrivals.front(), ended);
}

TEST_F(DicomWebPacsClientTest, CallbackStopEndsTheRetrievalWithItsStatus) {
  RetrieveRequest r;
  r.study_instance_uid = study_->study_instance_uid;
  int calls = 0;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&&) {
    ++calls;
    return Status::Busy("enough");
  });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kBusy);
  EXPECT_EQ(calls, 1);
}

TEST_F(DicomWebPacsClientTest, UnknownStudyIsNotFound) {
  RetrieveRequest r;
  r.study_instance_uid = "1.2.3.4.5.6.7.8.9";
  auto summary = client_->Retrieve(r, [](RetrievedInstance&&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kNotFound) << summary.status().ToString();
  auto tree = FindStudyTree(*client_, "1.2.3.4.5.6.7.8.9");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), Status::Code::kNotFound);
  // A UID that is not one never reaches a URL.
  r.study_instance_uid = "../../system";
  EXPECT_EQ(client_->Retrieve(r, [](RetrievedInstance&&) { return Status::Ok(); }).status().code(),
            Status::Code::kInvalidArgument);
}

TEST_F(DicomWebPacsClientTest, PacsDownIsUnavailable) {
  auto down = NewDicomWebPacsClient(WebConfig("http://127.0.0.1:" + std::to_string(testing::FreeLoopbackPort()) +
                                              "/dicom-web"));
  Status echo = down->Echo();
  EXPECT_EQ(echo.code(), Status::Code::kUnavailable) << echo.ToString();
  EXPECT_NE(echo.message().find("cannot be reached"), std::string::npos) << echo.message();
  EXPECT_EQ(down->FindStudies({}).status().code(), Status::Code::kUnavailable);
  RetrieveRequest r;
  r.study_instance_uid = study_->study_instance_uid;
  auto summary = down->Retrieve(r, [](RetrievedInstance&&) { return Status::Ok(); });
  EXPECT_EQ(summary.status().code(), Status::Code::kUnavailable) << summary.status().ToString();
}

// --- a scripted peer in place of the PACS --------------------------------

constexpr char kBoundary[] = "wado-test-boundary";

std::string MultipartHead(const std::string& extra) {
  return std::string("HTTP/1.1 200 OK\r\nContent-Type: multipart/related; type=\"application/dicom\"; boundary=") +
         kBoundary + "\r\n" + extra + "\r\n";
}

class DicomWebPeerTest : public DicomWebPacsClientTest {
 protected:
  std::vector<std::string> Parts(size_t n) {
    std::vector<std::string> parts;
    for (const auto& s : study_->series)
      for (const auto& i : s.instances)
        if (parts.size() < n) parts.push_back(testing::ReadFileBytes(i.path));
    return parts;
  }
  RetrieveRequest StudyRequest() {
    RetrieveRequest r;
    r.study_instance_uid = study_->study_instance_uid;
    return r;
  }
};

TEST_F(DicomWebPeerTest, PeerClosingMidBodyIsAnErrorNotAShortStudy) {
  // No Content-Length, no chunking: the body ends when the peer closes, so
  // only the multipart framing can tell a whole answer from a cut one.
  const std::string body = DicomMultipartBody(Parts(4), kBoundary);
  ScriptedHttpPeer peer([&](int fd) {
    ScriptedHttpPeer::ReadRequest(fd);
    ScriptedHttpPeer::WriteAll(fd, MultipartHead("Connection: close\r\n"));
    ScriptedHttpPeer::WriteAll(fd, std::string_view(body).substr(0, body.size() / 2));
  });
  ASSERT_NE(peer.port(), 0);
  auto client = NewDicomWebPacsClient(WebConfig(peer.url() + "/dicom-web"));
  int delivered = 0;
  auto summary = client->Retrieve(StudyRequest(), [&](RetrievedInstance&&) {
    ++delivered;
    return Status::Ok();
  });
  ASSERT_FALSE(summary.ok()) << "a cut answer passed for " << summary->delivered << " instances";
  EXPECT_EQ(summary.status().code(), Status::Code::kUnavailable) << summary.status().ToString();
  EXPECT_NE(summary.status().message().find("broke off"), std::string::npos) << summary.status().message();
  EXPECT_LT(delivered, 4);
}

TEST_F(DicomWebPeerTest, PeerClosingBeforeContentLengthIsAnError) {
  const std::string body = DicomMultipartBody(Parts(4), kBoundary);
  ScriptedHttpPeer peer([&](int fd) {
    ScriptedHttpPeer::ReadRequest(fd);
    ScriptedHttpPeer::WriteAll(fd, MultipartHead("Content-Length: " + std::to_string(body.size()) + "\r\n"));
    ScriptedHttpPeer::WriteAll(fd, std::string_view(body).substr(0, body.size() * 3 / 4));
  });
  auto client = NewDicomWebPacsClient(WebConfig(peer.url() + "/dicom-web"));
  auto summary = client->Retrieve(StudyRequest(), [](RetrievedInstance&&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kUnavailable) << summary.status().ToString();
  EXPECT_NE(summary.status().message().find("broke off"), std::string::npos) << summary.status().message();
}

TEST_F(DicomWebPeerTest, EachPartIsHandedOverBeforeTheNextIsSent) {
  // The peer sends the first part, then holds the rest back until the
  // callback has seen that part (or 5 s pass): a client that waited for the
  // whole answer would only see it after the wait.
  const auto parts = Parts(3);
  const std::string body = DicomMultipartBody(parts, kBoundary);
  const size_t first_end = body.find(std::string("\r\n--") + kBoundary, 2) + 2;
  std::mutex mutex;
  std::condition_variable cv;
  bool seen_first = false, held_back_until_seen = false;
  ScriptedHttpPeer peer([&](int fd) {
    ScriptedHttpPeer::ReadRequest(fd);
    ScriptedHttpPeer::WriteAll(fd, MultipartHead("Connection: close\r\n"));
    // The first part and its delimiter's start: the parser can close it.
    ScriptedHttpPeer::WriteAll(fd, std::string_view(body).substr(0, first_end + 4 + sizeof(kBoundary)));
    {
      std::unique_lock<std::mutex> lock(mutex);
      held_back_until_seen = cv.wait_for(lock, std::chrono::seconds(5), [&] { return seen_first; });
    }
    ScriptedHttpPeer::WriteAll(fd, std::string_view(body).substr(first_end + 4 + sizeof(kBoundary)));
  });
  auto client = NewDicomWebPacsClient(WebConfig(peer.url() + "/dicom-web"));
  int delivered = 0;
  auto summary = client->Retrieve(StudyRequest(), [&](RetrievedInstance&& i) {
    if (delivered++ == 0) {
      auto got = DataSetBytes(i.bytes), sent = DataSetBytes(parts[0]);
      EXPECT_TRUE(got.ok() && sent.ok() && *got == *sent);
      std::lock_guard<std::mutex> lock(mutex);
      seen_first = true;
      cv.notify_all();
    }
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->delivered, 3);
  EXPECT_TRUE(held_back_until_seen) << "the first part reached the callback only after the whole answer";
}

TEST_F(DicomWebPeerTest, PeerThatNeverAnswersIsUnavailable) {
  ScriptedHttpPeer peer([](int fd) {
    ScriptedHttpPeer::ReadRequest(fd);
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  });
  PacsConfig c = WebConfig(peer.url() + "/dicom-web");
  c.dicomweb_timeout_seconds = 1;
  auto client = NewDicomWebPacsClient(c);
  const auto start = Clock::now();
  auto summary = client->Retrieve(StudyRequest(), [](RetrievedInstance&&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kUnavailable) << summary.status().ToString();
  EXPECT_NE(summary.status().message().find("did not answer in time"), std::string::npos)
      << summary.status().message();
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2400));
}

TEST_F(DicomWebPeerTest, NotMultipartIsAnError) {
  ScriptedHttpPeer peer([](int fd) {
    ScriptedHttpPeer::ReadRequest(fd);
    ScriptedHttpPeer::WriteAll(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]");
  });
  auto client = NewDicomWebPacsClient(WebConfig(peer.url() + "/dicom-web"));
  auto summary = client->Retrieve(StudyRequest(), [](RetrievedInstance&&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("not multipart/related"), std::string::npos) << summary.status().message();
}

}  // namespace
}  // namespace xds::imaging

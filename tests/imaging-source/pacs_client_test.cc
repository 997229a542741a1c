// PacsClient against a real dcmqrscp: C-ECHO, C-FIND at the three levels,
// C-GET of study / series / instances with byte comparison of the data
// sets, and the PACS down or refusing the association.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/pacs_client.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"

namespace xds::imaging {
namespace {

using testing::DcmqrscpPacs;

class PacsClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pacs_.Start().ok());
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    Status loaded = testing::LoadStudy(pacs_, study_);
    ASSERT_TRUE(loaded.ok()) << loaded.ToString();
    client_ = NewDcmtkPacsClient(pacs_.ClientConfig());
  }

  // Data set of the file we loaded, for byte comparison.
  std::string LoadedDataSet(const std::string& uid) {
    const auto* g = study_.Find(uid);
    if (g == nullptr) return {};
    auto ds = DataSetBytes(testing::ReadFileBytes(g->path));
    return ds.ok() ? *ds : std::string();
  }

  xds::testing::TempDir files_;
  DcmqrscpPacs pacs_;
  testing::GeneratedStudy study_;
  std::unique_ptr<PacsClient> client_;
};

TEST_F(PacsClientTest, EchoAnswers) {
  Status echo = client_->Echo();
  EXPECT_TRUE(echo.ok()) << echo.ToString();
}

TEST_F(PacsClientTest, FindsStudyByUidWithDemographics) {
  StudyQuery q;
  q.study_instance_uid = study_.study_instance_uid;
  auto studies = client_->FindStudies(q);
  ASSERT_TRUE(studies.ok()) << studies.status().ToString();
  ASSERT_EQ(studies->size(), 1u);
  const StudyInfo& s = studies->front();
  EXPECT_EQ(s.study_instance_uid, study_.study_instance_uid);
  EXPECT_EQ(s.patient_id, "LOC-4711");
  EXPECT_EQ(s.patient_name, "DOE^JANE");
  EXPECT_EQ(s.patient_birth_date, "19700101");
  EXPECT_EQ(s.patient_sex, "F");
  EXPECT_EQ(s.study_date, "20240315");
  EXPECT_EQ(s.accession_number, "ACC-0001");
}

TEST_F(PacsClientTest, FindsStudiesByDateRange) {
  StudyQuery in_range;
  in_range.study_date_from = "20240301";
  in_range.study_date_to = "20240331";
  auto hit = client_->FindStudies(in_range);
  ASSERT_TRUE(hit.ok()) << hit.status().ToString();
  ASSERT_EQ(hit->size(), 1u);
  EXPECT_EQ(hit->front().study_instance_uid, study_.study_instance_uid);

  StudyQuery out_of_range;
  out_of_range.study_date_from = "20250101";
  auto miss = client_->FindStudies(out_of_range);
  ASSERT_TRUE(miss.ok());
  EXPECT_TRUE(miss->empty());
}

TEST_F(PacsClientTest, FindsSeriesAndInstances) {
  auto series = client_->FindSeries(study_.study_instance_uid);
  ASSERT_TRUE(series.ok()) << series.status().ToString();
  ASSERT_EQ(series->size(), study_.series.size());
  std::map<std::string, std::string> modality_by_series;
  for (const auto& s : *series) modality_by_series[s.series_instance_uid] = s.modality;
  for (const auto& g : study_.series) {
    EXPECT_EQ(modality_by_series[g.series_instance_uid], g.modality);
    auto instances = client_->FindInstances(study_.study_instance_uid, g.series_instance_uid);
    ASSERT_TRUE(instances.ok());
    EXPECT_EQ(instances->size(), g.instances.size());
    for (const auto& i : *instances) EXPECT_NE(study_.Find(i.sop_instance_uid), nullptr);
  }
}

TEST_F(PacsClientTest, StudyTreeOfUnknownStudyIsNotFound) {
  auto tree = FindStudyTree(*client_, "1.2.3.4.5.6.7.8.9");
  ASSERT_FALSE(tree.ok());
  EXPECT_EQ(tree.status().code(), Status::Code::kNotFound);
}

TEST_F(PacsClientTest, GetsWholeStudyInstanceByInstanceBitPreserving) {
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  std::map<std::string, RetrievedInstance> got;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    got[i.sop_instance_uid] = std::move(i);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->delivered, static_cast<int>(study_.InstanceCount()));
  EXPECT_EQ(summary->failed, 0);
  ASSERT_EQ(got.size(), study_.InstanceCount());
  for (const auto& [uid, instance] : got) {
    const auto* g = study_.Find(uid);
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(instance.sop_class_uid, g->sop_class_uid);
    EXPECT_EQ(instance.study_instance_uid, study_.study_instance_uid);
    auto info = ReadDicomInfo(instance.bytes);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->transfer_syntax_uid, instance.transfer_syntax_uid);
    // Where the PACS kept the stored syntax, the data set is the one loaded.
    if (instance.transfer_syntax_uid == g->transfer_syntax_uid) {
      auto ds = DataSetBytes(instance.bytes);
      ASSERT_TRUE(ds.ok());
      EXPECT_EQ(*ds, LoadedDataSet(uid)) << "instance " << uid << " in " << g->transfer_syntax_uid;
    }
    // Whatever the syntax, the pixels are those loaded.
    auto pixels = NativePixelData(instance.bytes);
    auto loaded = NativePixelData(testing::ReadFileBytes(g->path));
    ASSERT_TRUE(pixels.ok() && loaded.ok());
    EXPECT_EQ(*pixels, *loaded);
  }
}

TEST_F(PacsClientTest, DeliversFilesTheCallbackMayMoveAway) {
  xds::testing::TempDir incoming, kept;
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  r.as_files = true;
  r.files_dir = incoming.path();
  int moved = 0, left = 0;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    EXPECT_TRUE(i.bytes.empty());
    // DCMTK wrote it under the folder asked for, as it came off the wire.
    EXPECT_EQ(i.file.rfind(incoming.path() + "/", 0), 0u) << i.file;
    const std::string bytes = testing::ReadFileBytes(i.file);
    EXPECT_EQ(i.study_instance_uid, study_.study_instance_uid);
    const auto* g = study_.Find(i.sop_instance_uid);
    EXPECT_NE(g, nullptr);
    if (g != nullptr && i.transfer_syntax_uid == g->transfer_syntax_uid) {
      auto ds = DataSetBytes(bytes);
      EXPECT_TRUE(ds.ok() && *ds == LoadedDataSet(i.sop_instance_uid)) << i.sop_instance_uid;
    }
    // Every other one is taken away by rename; the rest is the client's to remove.
    if ((moved + left) % 2 == 0) {
      EXPECT_EQ(std::rename(i.file.c_str(), kept.File(i.sop_instance_uid).c_str()), 0);
      ++moved;
    } else {
      ++left;
    }
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(moved + left, static_cast<int>(study_.InstanceCount()));
  // What was left, and the C-GET's own folder, are gone.
  EXPECT_TRUE(std::filesystem::is_empty(incoming.path()));
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(kept.path())) files += e.is_regular_file();
  EXPECT_EQ(files, moved);
}

TEST_F(PacsClientTest, JpegLsInstancesArriveInTheStoredSyntax) {
  const auto& cr = study_.series[3];
  RetrieveRequest r;
  r.level = QueryLevel::kSeries;
  r.study_instance_uid = study_.study_instance_uid;
  r.series_instance_uid = cr.series_instance_uid;
  int n = 0;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    ++n;
    EXPECT_EQ(i.transfer_syntax_uid, cr.instances[0].transfer_syntax_uid);
    auto ds = DataSetBytes(i.bytes);
    EXPECT_TRUE(ds.ok());
    if (ds.ok()) {
      EXPECT_EQ(*ds, LoadedDataSet(i.sop_instance_uid));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(n, static_cast<int>(cr.instances.size()));
}

TEST_F(PacsClientTest, GetsChosenInstancesOnly) {
  const auto& ct = study_.series[0];
  RetrieveRequest r;
  r.level = QueryLevel::kInstance;
  r.study_instance_uid = study_.study_instance_uid;
  r.series_instance_uid = ct.series_instance_uid;
  r.sop_instance_uids = {ct.instances[1].sop_instance_uid, ct.instances[3].sop_instance_uid};
  std::vector<std::string> got;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&& i) {
    got.push_back(i.sop_instance_uid);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::sort(got.begin(), got.end());
  std::vector<std::string> want = r.sop_instance_uids;
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST_F(PacsClientTest, CallbackErrorStopsTheRetrieval) {
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  int calls = 0;
  auto summary = client_->Retrieve(r, [&](RetrievedInstance&&) {
    ++calls;
    return Status::Unavailable("consumer gone");
  });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().message(), "consumer gone");
  EXPECT_EQ(calls, 1);
  // The PACS is still there for the next caller.
  EXPECT_TRUE(client_->Echo().ok());
}

TEST_F(PacsClientTest, UnknownStudyRetrievesNothing) {
  RetrieveRequest r;
  r.study_instance_uid = "1.2.3.4.5.6.7.8.9";
  auto summary = client_->Retrieve(r, [](RetrievedInstance&&) { return Status::Ok(); });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kNotFound);
}

TEST_F(PacsClientTest, SessionFetchesSeveralTimesOnOneAssociation) {
  auto session = client_->OpenSession({});
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  int total = 0;
  for (const auto& s : study_.series) {
    for (const auto& i : s.instances) {
      RetrieveRequest r;
      r.level = QueryLevel::kInstance;
      r.study_instance_uid = study_.study_instance_uid;
      r.series_instance_uid = s.series_instance_uid;
      r.sop_instance_uids = {i.sop_instance_uid};
      auto summary = (*session)->Fetch(r, [&](RetrievedInstance&& got) {
        EXPECT_EQ(got.sop_instance_uid, i.sop_instance_uid);
        ++total;
        return Status::Ok();
      });
      ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    }
  }
  EXPECT_EQ(total, static_cast<int>(study_.InstanceCount()));
}

TEST(PacsDownTest, NothingListeningIsUnavailable) {
  PacsConfig config;
  config.port = testing::FreeLoopbackPort();
  config.connect_timeout_seconds = 2;
  auto client = NewDcmtkPacsClient(config);
  Status echo = client->Echo();
  EXPECT_EQ(echo.code(), Status::Code::kUnavailable) << echo.ToString();
  auto find = client->FindStudies({});
  EXPECT_EQ(find.status().code(), Status::Code::kUnavailable);
  RetrieveRequest r;
  r.study_instance_uid = "1.2.3";
  auto get = client->Retrieve(r, [](RetrievedInstance&&) { return Status::Ok(); });
  EXPECT_EQ(get.status().code(), Status::Code::kUnavailable);
}

TEST(PacsDownTest, WrongCalledAeIsRefused) {
  DcmqrscpPacs pacs;
  ASSERT_TRUE(pacs.Start().ok());
  PacsConfig config = pacs.ClientConfig();
  config.called_ae = "NOT_THE_PACS";
  auto client = NewDcmtkPacsClient(config);
  Status echo = client->Echo();
  EXPECT_EQ(echo.code(), Status::Code::kUnavailable) << echo.ToString();
}

}  // namespace
}  // namespace xds::imaging

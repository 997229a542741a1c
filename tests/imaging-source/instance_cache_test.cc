// The site instance cache: on its own over real files (LRU by bytes,
// restart, leftovers, readers of evicted entries), then through the
// imaging source over real sockets with a real dcmqrscp — a second RAD-69
// served with the PACS stopped, across a restart, eviction over budget,
// concurrent readers, a client hanging up leaving nothing behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/stat.h>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "tests/imaging-source/support/imaging_site.h"
#include "tests/imaging-source/support/raw_http_client.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/envelope.h"
#include "wire/soap/soap_client.h"

namespace xds::imaging {
namespace {

namespace fs = std::filesystem;

constexpr char kExplicit[] = "1.2.840.10008.1.2.1";
constexpr char kImplicit[] = "1.2.840.10008.1.2";
constexpr char kJpegLs[] = "1.2.840.10008.1.2.4.80";

RetrievedInstance Instance(const std::string& uid, size_t bytes) {
  RetrievedInstance i;
  i.study_instance_uid = "1.2.3";
  i.series_instance_uid = "1.2.3.4";
  i.sop_class_uid = "1.2.840.10008.5.1.4.1.1.2";
  i.sop_instance_uid = uid;
  i.transfer_syntax_uid = kExplicit;
  i.bytes.assign(bytes, static_cast<char>('a' + uid.back() % 26));
  return i;
}

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(InstanceCacheTest, LeastRecentlyUsedGoesFirstWhenOverBudget) {
  xds::testing::TempDir dir;
  // Room for two 100 KB instances and their headers, not three.
  auto cache = InstanceCache::Open(dir.path(), 250'000);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  ASSERT_TRUE((*cache)->Put(Instance("1.1", 100'000)).ok());
  ASSERT_TRUE((*cache)->Put(Instance("1.2", 100'000)).ok());
  ASSERT_TRUE((*cache)->Get("1.1").has_value());  // 1.2 is now the oldest
  ASSERT_TRUE((*cache)->Put(Instance("1.3", 100'000)).ok());
  EXPECT_TRUE((*cache)->Peek("1.1").has_value());
  EXPECT_FALSE((*cache)->Peek("1.2").has_value());
  EXPECT_TRUE((*cache)->Peek("1.3").has_value());
  EXPECT_LE((*cache)->bytes(), 250'000u);
  EXPECT_EQ(FilesIn(dir.path()), (std::vector<std::string>{"1.1.dcm", "1.3.dcm", "incoming"}));
  auto got = (*cache)->Get("1.3");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->info().transfer_syntax_uid, kExplicit);
  EXPECT_EQ(*got->ReadAll(), Instance("1.3", 100'000).bytes);
  // Larger than the whole budget: not stored, not an error.
  EXPECT_TRUE((*cache)->Put(Instance("1.4", 300'000)).ok());
  EXPECT_FALSE((*cache)->Peek("1.4").has_value());
}

TEST(InstanceCacheTest, RestartRebuildsInLruOrderAndRemovesLeftovers) {
  xds::testing::TempDir dir;
  {
    auto cache = InstanceCache::Open(dir.path(), 1'000'000);
    ASSERT_TRUE(cache.ok());
    ASSERT_TRUE((*cache)->Put(Instance("2.1", 100'000)).ok());
    ASSERT_TRUE((*cache)->Put(Instance("2.2", 100'000)).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE((*cache)->Get("2.1").has_value());  // most recent on disk too
  }
  // What a crash mid-write leaves (a temporary file), and a file cut short.
  std::ofstream(dir.File("put-Xa1b2c")) << "half an instance";
  std::ofstream(dir.File("2.9.dcm")) << "XDSI-CACHE 1\nstudy=1.2.3\n";
  // Smaller budget after the restart: room for one; the older (2.2) goes.
  auto cache = InstanceCache::Open(dir.path(), 150'000);
  ASSERT_TRUE(cache.ok()) << cache.status().ToString();
  EXPECT_EQ((*cache)->entries(), 1u);
  EXPECT_TRUE((*cache)->Peek("2.1").has_value());
  EXPECT_EQ(FilesIn(dir.path()), (std::vector<std::string>{"2.1.dcm", "incoming"}));
  auto got = (*cache)->Get("2.1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->info().study_instance_uid, "1.2.3");
  EXPECT_EQ(*got->ReadAll(), Instance("2.1", 100'000).bytes);
}

TEST(InstanceCacheTest, ReaderFinishesAnInstanceEvictedUnderIt) {
  xds::testing::TempDir dir;
  auto cache = InstanceCache::Open(dir.path(), 150'000);
  ASSERT_TRUE(cache.ok());
  ASSERT_TRUE((*cache)->Put(Instance("3.1", 100'000)).ok());
  auto reader = (*cache)->Get("3.1");
  ASSERT_TRUE(reader.has_value());
  ASSERT_TRUE((*cache)->Put(Instance("3.2", 100'000)).ok());  // evicts 3.1
  EXPECT_FALSE((*cache)->Peek("3.1").has_value());
  EXPECT_EQ(*reader->ReadAll(), Instance("3.1", 100'000).bytes);
}

TEST(InstanceCacheTest, NonUidNamesAreNeverFiles) {
  xds::testing::TempDir dir;
  auto cache = InstanceCache::Open(dir.path(), 1'000'000);
  ASSERT_TRUE(cache.ok());
  ASSERT_TRUE((*cache)->Put(Instance("../../etc/x1", 10)).ok());
  EXPECT_EQ((*cache)->entries(), 0u);
  EXPECT_EQ(FilesIn(dir.path()), (std::vector<std::string>{"incoming"}));
}

// A Part 10 file as C-GET leaves it in the incoming folder (the cache does
// not look inside: any bytes will do).
std::string Incoming(const InstanceCache& cache, const std::string& name, size_t bytes, char fill) {
  const std::string path = cache.incoming_dir() + "/" + name;
  std::ofstream(path, std::ios::binary) << std::string(bytes, fill);
  return path;
}

CachedInstanceInfo InfoOf(const std::string& uid) {
  return {"1.2.3", "1.2.3.4", "1.2.840.10008.5.1.4.1.1.2", uid, kExplicit, 0};
}

TEST(InstanceCacheTest, TakeRenamesTheFileInWithoutCopying) {
  xds::testing::TempDir dir;
  auto cache = InstanceCache::Open(dir.path(), 1'000'000);
  ASSERT_TRUE(cache.ok());
  const std::string path = Incoming(**cache, "a.dcm", 100'000, 'x');
  struct stat before {};
  ASSERT_EQ(::stat(path.c_str(), &before), 0);

  auto taken = (*cache)->Take(path, InfoOf("5.1"));
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->info().part10_bytes, 100'000u);
  EXPECT_EQ(*taken->ReadAll(), std::string(100'000, 'x'));
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(FilesIn((*cache)->incoming_dir()).empty());
  // The same inode, now under the instance's name: renamed, not copied.
  struct stat after {};
  ASSERT_EQ(::stat(dir.File("5.1.dcm").c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_GT((*cache)->bytes(), 100'000u);  // the data and its trailer
  auto got = (*cache)->Get("5.1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->info().series_instance_uid, "1.2.3.4");
  EXPECT_EQ(*got->ReadAll(), std::string(100'000, 'x'));
  std::string streamed;
  EXPECT_TRUE(got->StreamTo([&](std::string_view piece) {
    streamed.append(piece);
    return true;
  }));
  EXPECT_EQ(streamed, std::string(100'000, 'x'));  // the data only, never the trailer

  // Taken again (two retrievals at once): served, not kept twice.
  auto again = (*cache)->Take(Incoming(**cache, "b.dcm", 100'000, 'y'), InfoOf("5.1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again->ReadAll(), std::string(100'000, 'y'));
  EXPECT_EQ((*cache)->entries(), 1u);
  EXPECT_TRUE(FilesIn((*cache)->incoming_dir()).empty());
}

TEST(InstanceCacheTest, TakenFilesCountAgainstTheBudget) {
  xds::testing::TempDir dir;
  auto cache = InstanceCache::Open(dir.path(), 250'000);
  ASSERT_TRUE(cache.ok());
  ASSERT_TRUE((*cache)->Take(Incoming(**cache, "1", 100'000, 'a'), InfoOf("6.1")).ok());
  ASSERT_TRUE((*cache)->Put(Instance("6.2", 100'000)).ok());
  ASSERT_TRUE((*cache)->Get("6.1").has_value());  // 6.2 is now the oldest
  auto third = (*cache)->Take(Incoming(**cache, "3", 100'000, 'c'), InfoOf("6.3"));
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE((*cache)->Peek("6.1").has_value());
  EXPECT_FALSE((*cache)->Peek("6.2").has_value());
  EXPECT_TRUE((*cache)->Peek("6.3").has_value());
  EXPECT_LE((*cache)->bytes(), 250'000u);
  EXPECT_EQ(FilesIn(dir.path()), (std::vector<std::string>{"6.1.dcm", "6.3.dcm", "incoming"}));
  // Larger than the whole budget: served from the file, which is not kept.
  auto big = (*cache)->Take(Incoming(**cache, "4", 300'000, 'd'), InfoOf("6.4"));
  ASSERT_TRUE(big.ok());
  EXPECT_EQ(*big->ReadAll(), std::string(300'000, 'd'));
  EXPECT_FALSE((*cache)->Peek("6.4").has_value());
  EXPECT_TRUE(FilesIn((*cache)->incoming_dir()).empty());
  // Not a UID: never a file of the cache.
  auto odd = (*cache)->Take(Incoming(**cache, "5", 10, 'e'), InfoOf("../x"));
  ASSERT_TRUE(odd.ok());
  EXPECT_EQ((*cache)->entries(), 2u);
}

TEST(InstanceCacheTest, RestartRebuildsTakenPutAndOldFormatEntries) {
  xds::testing::TempDir dir;
  {
    auto cache = InstanceCache::Open(dir.path(), 1'000'000);
    ASSERT_TRUE(cache.ok());
    ASSERT_TRUE((*cache)->Take(Incoming(**cache, "t", 100'000, 't'), InfoOf("7.1")).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE((*cache)->Put(Instance("7.2", 100'000)).ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE((*cache)->Get("7.1").has_value());  // most recent
    // What a crash mid-retrieval leaves in incoming/.
    Incoming(**cache, "half", 1000, 'h');
  }
  // A format 1 entry (header first), as earlier versions wrote them.
  std::ofstream(dir.File("7.3.dcm"), std::ios::binary)
      << "XDSI-CACHE 1\nstudy=1.2.3\nseries=1.2.3.9\nclass=1.2\ninstance=7.3\nts=" << kImplicit << "\n\n"
      << std::string(1000, 'o');
  {
    auto cache = InstanceCache::Open(dir.path(), 1'000'000);
    ASSERT_TRUE(cache.ok());
    EXPECT_EQ((*cache)->entries(), 3u);
    EXPECT_TRUE(FilesIn((*cache)->incoming_dir()).empty());
    // Read in this order, 7.2 is the least recently used.
    EXPECT_EQ(*(*cache)->Get("7.2")->ReadAll(), Instance("7.2", 100'000).bytes);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto old = (*cache)->Get("7.3");
    ASSERT_TRUE(old.has_value());
    EXPECT_EQ(old->info().series_instance_uid, "1.2.3.9");
    EXPECT_EQ(old->info().transfer_syntax_uid, kImplicit);
    EXPECT_EQ(*old->ReadAll(), std::string(1000, 'o'));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto taken = (*cache)->Get("7.1");
    ASSERT_TRUE(taken.has_value());
    EXPECT_EQ(taken->info().study_instance_uid, "1.2.3");
    EXPECT_EQ(taken->info().transfer_syntax_uid, kExplicit);
    EXPECT_EQ(*taken->ReadAll(), std::string(100'000, 't'));
  }
  // Room for one 100 KB entry and the small one: 7.2 goes.
  auto cache = InstanceCache::Open(dir.path(), 150'000);
  ASSERT_TRUE(cache.ok());
  EXPECT_TRUE((*cache)->Peek("7.1").has_value());
  EXPECT_TRUE((*cache)->Peek("7.3").has_value());
  EXPECT_FALSE((*cache)->Peek("7.2").has_value());
  EXPECT_LE((*cache)->bytes(), 150'000u);
  EXPECT_EQ(*(*cache)->Get("7.1")->ReadAll(), std::string(100'000, 't'));
}

// ---- through the imaging source ----

class CachedServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(site_.StartPacs().ok()); }

  void Load(const testing::StudySpec& spec) {
    auto study = testing::GenerateStudy(spec, site_.files_dir());
    ASSERT_TRUE(study.ok());
    study_ = std::move(*study);
    ASSERT_TRUE(testing::LoadStudy(site_.pacs(), study_).ok());
  }

  void StartActor(int cache_mb) {
    site_.set_source_toml("cache_max_mb = " + std::to_string(cache_mb) + "\n");
    Status started = site_.StartActor();
    ASSERT_TRUE(started.ok()) << started.ToString();
  }

  std::string Rad69Body() {
    Rad69Request request;
    request.transfer_syntaxes = {kExplicit, kImplicit, kJpegLs};
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
    return WriteRad69Request(request);
  }

  // RAD-69 for the whole study: status, and DocumentUniqueId -> bytes.
  std::pair<std::string, std::map<std::string, std::string>> Retrieve() {
    soap::SoapClient ids(site_.rad69_url());
    auto reply = ids.Call(kActionRad69, Rad69Body());
    EXPECT_TRUE(reply.ok()) << reply.status().ToString();
    if (!reply.ok()) return {};
    auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
    EXPECT_TRUE(response.ok());
    if (!response.ok()) return {};
    std::map<std::string, std::string> docs;
    for (const auto& d : response->documents)
      docs[d.document_unique_id] = *reply->attachments.at(d.content_id).Read(1u << 30);
    return {response->status, std::move(docs)};
  }

  // Every instance as loaded: the data set bit for bit when it came in the
  // stored syntax (the File Meta Information is ours), the same pixels always.
  void ExpectWholeStudy(const std::map<std::string, std::string>& docs) {
    ASSERT_EQ(docs.size(), study_.InstanceCount());
    for (const auto& [uid, bytes] : docs) {
      const auto* g = study_.Find(uid);
      ASSERT_NE(g, nullptr) << uid;
      const std::string loaded = testing::ReadFileBytes(g->path);
      auto info = ReadDicomInfo(bytes);
      ASSERT_TRUE(info.ok()) << uid;
      // dcmqrscp hands stored implicit-VR MR over as explicit VR (its own
      // conversion); the others come through as stored.
      if (info->transfer_syntax_uid == g->transfer_syntax_uid) {
        EXPECT_TRUE(*DataSetBytes(bytes) == *DataSetBytes(loaded)) << uid;
      }
      EXPECT_TRUE(*NativePixelData(bytes) == *NativePixelData(loaded)) << uid;
    }
  }

  std::string CacheDir() const { return site_.state_dir() + "/instance-cache"; }

  testing::ImagingSite site_;
  testing::GeneratedStudy study_;
};

TEST_F(CachedServiceTest, SecondRetrieveIsServedWithThePacsStopped) {
  Load(testing::MixedStudySpec());
  StartActor(64);
  auto [first_status, first] = Retrieve();
  EXPECT_EQ(first_status, std::string(vocab::kResponseSuccess));
  ExpectWholeStudy(first);
  EXPECT_EQ(site_.actor().cache()->entries(), study_.InstanceCount());

  site_.pacs().Stop();
  auto [second_status, second] = Retrieve();
  EXPECT_EQ(second_status, std::string(vocab::kResponseSuccess));
  EXPECT_EQ(second, first);

  // WADO-URI and WADO-RS of one instance, from the cache alone.
  const auto& ct = study_.series[0];
  const std::string& uid = ct.instances[0].sop_instance_uid;
  auto uri = testing::RawRequest(site_.http_port(), "GET",
                                 "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                     ct.series_instance_uid + "&objectUID=" + uid + "&contentType=application/dicom",
                                 "");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->status, 200);
  EXPECT_EQ(uri->body, first[uid]);
  auto rs = testing::RawRequest(site_.http_port(), "GET",
                                "/wado-rs/studies/" + study_.study_instance_uid + "/series/" + ct.series_instance_uid +
                                    "/instances/" + uid,
                                "");
  ASSERT_TRUE(rs.ok());
  EXPECT_EQ(rs->status, 200);
  auto parts = testing::MultipartParts(rs->Header("content-type"), rs->body);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0], first[uid]);

  // The cache survives a restart of the imaging source (PACS still down).
  ASSERT_NO_FATAL_FAILURE(StartActor(64));
  auto [third_status, third] = Retrieve();
  EXPECT_EQ(third_status, std::string(vocab::kResponseSuccess));
  EXPECT_EQ(third, first);
}

TEST_F(CachedServiceTest, WadoColdFillsTheCacheByRenameAndServesTheSame) {
  Load(testing::MixedStudySpec());
  StartActor(64);
  InstanceCache* cache = site_.actor().cache();
  // WADO-URI of one instance, cold: fetched, taken into the cache, served.
  const auto& ct = study_.series[0];
  const std::string& first_uid = ct.instances[0].sop_instance_uid;
  auto uri = testing::RawRequest(site_.http_port(), "GET",
                                 "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                     ct.series_instance_uid + "&objectUID=" + first_uid + "&contentType=application/dicom",
                                 "");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->status, 200);
  EXPECT_EQ(*DataSetBytes(uri->body), *DataSetBytes(testing::ReadFileBytes(ct.instances[0].path)));
  EXPECT_EQ(cache->entries(), 1u);

  // The JPEG-LS series as Explicit VR Little Endian, cold: converted from
  // the taken files, which stay in the cache as the PACS sent them.
  const auto& cr = study_.series[3];
  auto converted = testing::RawRequest(site_.http_port(), "GET",
                                       "/wado-rs/studies/" + study_.study_instance_uid + "/series/" + cr.series_instance_uid,
                                       "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=" +
                                           std::string(kExplicit) + "\r\n");
  ASSERT_TRUE(converted.ok());
  auto converted_parts = testing::MultipartParts(converted->Header("content-type"), converted->body);
  ASSERT_EQ(converted_parts.size(), cr.instances.size());
  for (const auto& p : converted_parts) {
    auto info = ReadDicomInfo(p);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->transfer_syntax_uid, kExplicit);
    EXPECT_EQ(*NativePixelData(p), *NativePixelData(testing::ReadFileBytes(study_.Find(info->sop_instance_uid)->path)));
    EXPECT_EQ(cache->Peek(info->sop_instance_uid)->transfer_syntax_uid, kJpegLs);
  }

  // The whole study, cold for the rest of it, then warm: the same parts.
  auto study = [&] {
    auto rs = testing::RawRequest(site_.http_port(), "GET", "/wado-rs/studies/" + study_.study_instance_uid, "");
    EXPECT_TRUE(rs.ok());
    if (!rs.ok()) return std::map<std::string, std::string>();
    EXPECT_EQ(rs->status, 200);
    std::map<std::string, std::string> by_uid;
    for (auto& p : testing::MultipartParts(rs->Header("content-type"), rs->body))
      by_uid[ReadDicomInfo(p)->sop_instance_uid] = std::move(p);
    return by_uid;
  };
  auto cold = study();
  ExpectWholeStudy(cold);
  EXPECT_EQ(cache->entries(), study_.InstanceCount());
  EXPECT_EQ(FilesIn(CacheDir() + "/incoming"), std::vector<std::string>());
  EXPECT_EQ(study(), cold);
}

TEST_F(CachedServiceTest, EvictsWhenOverBudget) {
  // Four 512 KB CT images against a 1 MiB cache: only the last fits.
  testing::StudySpec spec;
  spec.series = {{"CT", kExplicit, 4, 512, 512}};
  Load(spec);
  StartActor(1);
  auto [status, docs] = Retrieve();
  EXPECT_EQ(status, std::string(vocab::kResponseSuccess));
  ExpectWholeStudy(docs);
  InstanceCache* cache = site_.actor().cache();
  EXPECT_LE(cache->bytes(), 1u << 20);
  EXPECT_EQ(cache->entries(), 1u);
  auto files = FilesIn(CacheDir());
  EXPECT_EQ(std::count_if(files.begin(), files.end(), [](const std::string& n) { return n != "incoming"; }), 1);

  // With the PACS down only the cached instance can still be served.
  site_.pacs().Stop();
  auto [down_status, served] = Retrieve();
  EXPECT_EQ(down_status, std::string(vocab::kResponsePartialSuccess));
  ASSERT_EQ(served.size(), 1u);
  EXPECT_TRUE(cache->Peek(served.begin()->first).has_value());
}

TEST_F(CachedServiceTest, ConcurrentReadersEachGetTheWholeStudy) {
  Load(testing::MixedStudySpec());
  StartActor(64);
  // Two cold retrievals at once fill the cache together...
  std::map<std::string, std::string> cold[2];
  std::thread fill[2];
  for (int t = 0; t < 2; ++t) fill[t] = std::thread([&, t] { cold[t] = Retrieve().second; });
  for (auto& t : fill) t.join();
  ExpectWholeStudy(cold[0]);
  EXPECT_EQ(cold[1], cold[0]);
  // ...then four readers at once, from the cache alone.
  site_.pacs().Stop();
  std::map<std::string, std::string> warm[4];
  std::thread readers[4];
  for (int t = 0; t < 4; ++t) readers[t] = std::thread([&, t] { warm[t] = Retrieve().second; });
  for (auto& t : readers) t.join();
  for (const auto& w : warm) EXPECT_EQ(w, cold[0]);
}

TEST_F(CachedServiceTest, ClientHangingUpLeavesNoTemporaryFiles) {
  testing::StudySpec spec;
  spec.series = {{"CT", kExplicit, 6, 256, 256}};
  Load(spec);
  StartActor(64);
  std::string envelope =
      soap::WriteRequestEnvelope(kActionRad69, "http://127.0.0.1/xds/imaging", "urn:uuid:3", Rad69Body());
  for (int i = 0; i < 3; ++i) {
    auto got = testing::RequestAndHangUp(site_.http_port(), "POST", "/xds/imaging",
                                         "Content-Type: application/soap+xml\r\n", envelope, 6000);
    ASSERT_TRUE(got.ok());
  }
  auto [status, docs] = Retrieve();
  EXPECT_EQ(status, std::string(vocab::kResponseSuccess));
  ExpectWholeStudy(docs);
  // Only whole instances in the cache, no C-GET spool folder left behind.
  for (const auto& name : FilesIn(CacheDir())) {
    if (name != "incoming") {
      EXPECT_EQ(name.substr(name.size() - 4), ".dcm") << name;
    }
  }
  // (A hung-up reply's thread ends at its next write; give it a moment.)
  auto spools = [&] {
    int n = 0;
    for (const auto& name : FilesIn(site_.pacs().dir())) n += name.rfind("xds-imaging-", 0) == 0;
    return n;
  };
  for (int i = 0; i < 100 && spools() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(spools(), 0);
  // Nor any C-GET file left on its way into the cache.
  for (int i = 0; i < 100 && !FilesIn(CacheDir() + "/incoming").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(FilesIn(CacheDir() + "/incoming").empty());
  EXPECT_TRUE(site_.actor().pacs().Echo().ok());
}

}  // namespace
}  // namespace xds::imaging

// The whole consumer path, every actor real, on loopback: a dcmqrscp PACS
// holding a CT / MR / CR study → the imaging source publishes its manifest
// (RAD-68) to a Document Repository + Registry → a consumer finds the
// manifest (ITI-18 FindDocuments), retrieves it (ITI-43), reads the KOS and
// retrieves every instance it lists by RAD-69 and by WADO-RS, and gets what
// the PACS holds. The region holds the manifest and nothing else. Then the
// study gains a series: the imaging source, restarted in between, sends a
// replacement manifest (RPLC).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "tests/imaging-source/support/imaging_site.h"
#include "tests/imaging-source/support/raw_http_client.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/soap/soap_client.h"

namespace xds::imaging {
namespace {

using testing::ImagingSite;

constexpr char kExplicit[] = "1.2.840.10008.1.2.1";
constexpr char kImplicit[] = "1.2.840.10008.1.2";
constexpr char kJpegLs[] = "1.2.840.10008.1.2.4.80";

class PublishE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(site_.StartPacs().ok());
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), site_.files_dir());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    ASSERT_TRUE(testing::LoadStudy(site_.pacs(), study_).ok());
    Status started = site_.StartActor();
    ASSERT_TRUE(started.ok()) << started.ToString();
  }

  // FindDocuments for the study's patient, Approved and Deprecated entries.
  std::vector<ihe::RegistryObject> FindManifests() {
    soap::SoapClient registry(site_.repository().registry_url());
    auto found = xds::testing::Query(
        registry, xds::testing::FindDocuments(
                      ImagingSite::PatientId(),
                      {{"$XDSDocumentEntryStatus", "('" + std::string(vocab::kApproved) + "','" +
                                                       std::string(vocab::kDeprecated) + "')"}}));
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (!found.ok()) return {};
    EXPECT_TRUE(found->errors.empty());
    std::vector<ihe::RegistryObject> out;
    for (auto& o : found->objects)
      if (ihe::XdsTypeOf(o) == ihe::XdsObjectType::kDocumentEntry) out.push_back(std::move(o));
    return out;
  }

  // ITI-43 from the regional repository.
  std::string RetrieveManifest(const std::string& unique_id) {
    soap::SoapClient repository(site_.repository().url());
    auto got = xds::testing::Retrieve(repository, {{"", ImagingSite::kRegionalRepositoryId, unique_id}});
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok()) return {};
    EXPECT_EQ(got->response.status, std::string(vocab::kResponseSuccess));
    EXPECT_EQ(got->response.documents.size(), 1u);
    if (!got->response.documents.empty()) {
      EXPECT_EQ(got->response.documents[0].mime_type, "application/dicom");
    }
    return got->bytes[unique_id];
  }

  // RAD-69 for everything the manifest lists, addressed as a consumer
  // does: RepositoryUniqueId = each series' Retrieve Location UID.
  std::map<std::string, std::string> RetrieveByRad69(const KosDocument& kos, std::vector<std::string> syntaxes) {
    Rad69Request request;
    request.transfer_syntaxes = std::move(syntaxes);
    Rad69StudyRequest st;
    st.study_instance_uid = kos.study.study_instance_uid;
    for (const auto& s : kos.series) {
      Rad69SeriesRequest se;
      se.series_instance_uid = s.series_instance_uid;
      for (const auto& i : s.instances) se.documents.push_back({"", s.retrieve_location_uid, i.sop_instance_uid});
      st.series.push_back(std::move(se));
    }
    request.studies.push_back(std::move(st));
    soap::SoapClient ids(site_.rad69_url());
    auto reply = ids.Call(kActionRad69, WriteRad69Request(request));
    EXPECT_TRUE(reply.ok()) << reply.status().ToString();
    if (!reply.ok()) return {};
    EXPECT_FALSE(reply->is_fault) << reply->fault.reason;
    auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
    EXPECT_TRUE(response.ok());
    if (!response.ok()) return {};
    EXPECT_EQ(response->status, std::string(vocab::kResponseSuccess));
    std::map<std::string, std::string> out;
    for (const auto& d : response->documents) {
      EXPECT_EQ(d.repository_unique_id, ImagingSite::kImagingSourceId);
      auto part = reply->attachments.find(d.content_id);
      EXPECT_NE(part, reply->attachments.end());
      if (part == reply->attachments.end()) continue;
      out[d.document_unique_id] = *part->second.Read(uint64_t{1} << 30);
    }
    return out;
  }

  // WADO-RS for the study, from the RetrieveURL the manifest gives.
  std::map<std::string, std::string> RetrieveByWadoRs(const KosDocument& kos) {
    std::map<std::string, std::string> out;
    std::string prefix = "http://127.0.0.1:" + std::to_string(site_.http_port());
    for (const auto& s : kos.series) {
      EXPECT_EQ(s.retrieve_url.rfind(prefix, 0), 0u) << s.retrieve_url;
      auto r = testing::RawRequest(site_.http_port(), "GET", s.retrieve_url.substr(prefix.size()),
                                   "Accept: multipart/related; type=\"application/dicom\"\r\n");
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      if (!r.ok()) continue;
      EXPECT_EQ(r->status, 200);
      for (auto& part : testing::MultipartParts(r->Header("content-type"), r->body)) {
        auto info = ReadDicomInfo(part);
        EXPECT_TRUE(info.ok());
        if (info.ok()) out[info->sop_instance_uid] = std::move(part);
      }
    }
    return out;
  }

  // Same instance as loaded into the PACS: the data set bit for bit when it
  // comes in the stored syntax, else the same pixels.
  void ExpectAsLoaded(const std::string& uid, const std::string& bytes) {
    const auto* g = study_.Find(uid);
    ASSERT_NE(g, nullptr) << uid;
    std::string loaded = testing::ReadFileBytes(g->path);
    auto info = ReadDicomInfo(bytes);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->sop_instance_uid, uid);
    if (info->transfer_syntax_uid == g->transfer_syntax_uid) {
      EXPECT_EQ(*DataSetBytes(bytes), *DataSetBytes(loaded)) << uid;
    }
    EXPECT_EQ(*NativePixelData(bytes), *NativePixelData(loaded)) << uid;
  }

  ImagingSite site_;
  testing::GeneratedStudy study_;
};

std::set<std::string> Values(const ihe::RegistryObject& o, std::string_view slot) {
  const ihe::Slot* s = o.FindSlot(slot);
  return s ? std::set<std::string>(s->values.begin(), s->values.end()) : std::set<std::string>();
}

// Every file under `dir` (recursively) and the bytes it holds.
std::vector<std::pair<std::string, std::string>> FilesUnder(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec))
    if (e.is_regular_file()) out.push_back({e.path().string(), testing::ReadFileBytes(e.path().string())});
  return out;
}

TEST_F(PublishE2eTest, PublishFindRetrieveManifestAndEveryInstance) {
  // Publish (the operator's command).
  auto published = site_.actor().PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->kind, PublishKind::kOriginal);
  EXPECT_EQ(published->series, 4);
  EXPECT_EQ(published->instances, static_cast<int>(study_.InstanceCount()));

  // ITI-18: the manifest's DocumentEntry and its XDS-I.b metadata.
  auto entries = FindManifests();
  ASSERT_EQ(entries.size(), 1u);
  const ihe::RegistryObject& de = entries[0];
  EXPECT_EQ(de.id, published->entry_uuid);  // the entryUUID the imaging source chose
  EXPECT_EQ(ihe::UniqueIdOf(de), published->document_unique_id);
  EXPECT_EQ(de.status, std::string(vocab::kApproved));
  EXPECT_EQ(de.mime_type, "application/dicom");
  auto format = ihe::CodesOf(de, vocab::kDeFormatCode);
  ASSERT_EQ(format.size(), 1u);
  EXPECT_EQ(format[0].code, "1.2.840.10008.5.1.4.1.1.88.59");
  EXPECT_EQ(format[0].scheme, "1.2.840.10008.2.6.1");
  std::set<std::string> events;
  for (const auto& c : ihe::CodesOf(de, vocab::kDeEventCode)) events.insert(c.code + "|" + c.scheme);
  EXPECT_EQ(events, (std::set<std::string>{"CT|DCM", "MR|DCM", "CR|DCM", "51185008|2.16.840.1.113883.6.96",
                                           "69536005|2.16.840.1.113883.6.96"}));
  EXPECT_EQ(Values(de, vocab::kSlotReferenceIdList),
            (std::set<std::string>{study_.study_instance_uid + "^^^^urn:ihe:iti:xds:2016:studyInstanceUID",
                                   "ACC-0001^^^&1.3.6.1.4.1.21367.13.20.2000&ISO^urn:ihe:iti:xds:2013:accession"}));
  EXPECT_EQ(Values(de, "serviceStartTime"), (std::set<std::string>{"20240315101500"}));
  EXPECT_EQ(Values(de, "repositoryUniqueId"), (std::set<std::string>{ImagingSite::kRegionalRepositoryId}));
  EXPECT_EQ(ihe::PatientIdOf(de), ImagingSite::PatientId());

  // ITI-43: the manifest itself, a KOS listing every instance.
  std::string kos_bytes = RetrieveManifest(published->document_unique_id);
  auto kos = ReadKos(kos_bytes);
  ASSERT_TRUE(kos.ok()) << kos.status().ToString();
  EXPECT_EQ(kos->sop_instance_uid, published->document_unique_id);
  EXPECT_EQ(kos->study.study_instance_uid, study_.study_instance_uid);
  EXPECT_EQ(kos->request_accession_number, "ACC-0001");
  size_t listed = 0;
  for (const auto& s : kos->series) {
    EXPECT_EQ(s.retrieve_location_uid, ImagingSite::kImagingSourceId);
    EXPECT_EQ(s.retrieve_ae_title, testing::DcmqrscpPacs::kAeTitle);
    listed += s.instances.size();
  }
  EXPECT_EQ(listed, study_.InstanceCount());

  // RAD-69, every stored syntax acceptable: as the PACS holds them.
  auto by_rad69 = RetrieveByRad69(*kos, {kExplicit, kImplicit, kJpegLs});
  EXPECT_EQ(by_rad69.size(), study_.InstanceCount());
  for (const auto& [uid, bytes] : by_rad69) ExpectAsLoaded(uid, bytes);
  // RAD-69, explicit VR little endian only: the JPEG-LS CR is transcoded.
  auto explicit_only = RetrieveByRad69(*kos, {kExplicit});
  EXPECT_EQ(explicit_only.size(), study_.InstanceCount());
  for (const auto& [uid, bytes] : explicit_only) {
    EXPECT_EQ(ReadDicomInfo(bytes)->transfer_syntax_uid, kExplicit);
    ExpectAsLoaded(uid, bytes);
  }
  // WADO-RS, series by series from the manifest's RetrieveURLs.
  auto by_wado = RetrieveByWadoRs(*kos);
  EXPECT_EQ(by_wado.size(), study_.InstanceCount());
  for (const auto& [uid, bytes] : by_wado) ExpectAsLoaded(uid, bytes);

  // The region holds the manifest and no pixel data: one document file in
  // the repository, the KOS; no pixel run of any instance in any file of
  // the repository or the registry (its SQLite database and journal).
  EXPECT_EQ(site_.repository().DocumentFileCount(), 1u);
  auto repository_files = FilesUnder(site_.repository().root() + "/documents");
  ASSERT_EQ(repository_files.size(), 1u);
  EXPECT_EQ(repository_files[0].second, kos_bytes);
  EXPECT_EQ(ReadDicomInfo(repository_files[0].second)->sop_class_uid, kKosSopClassUid);
  auto region = FilesUnder(std::filesystem::path(site_.repository().root()).parent_path().string());
  ASSERT_FALSE(region.empty());
  for (const auto& s : study_.series) {
    for (const auto& i : s.instances) {
      std::string pixels = *NativePixelData(testing::ReadFileBytes(i.path));
      ASSERT_GE(pixels.size(), 128u);
      std::string run = pixels.substr(pixels.size() / 2, 64);
      for (const auto& [path, bytes] : region)
        EXPECT_EQ(bytes.find(run), std::string::npos) << path << " holds pixels of " << i.sop_instance_uid;
    }
  }
}

TEST_F(PublishE2eTest, StudyThatGainsASeriesGetsAReplacementManifest) {
  auto first = site_.actor().PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->kind, PublishKind::kOriginal);
  // Publishing again with nothing new sends nothing.
  auto again = site_.actor().PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->kind, PublishKind::kUnchanged);
  EXPECT_EQ(again->entry_uuid, first->entry_uuid);
  EXPECT_EQ(FindManifests().size(), 1u);

  // The imaging source restarts (what it published is on disk), and the
  // study gains a fifth series in the PACS.
  ASSERT_TRUE(site_.StartActor().ok());
  testing::StudySpec more = study_.spec;
  more.study_instance_uid = study_.study_instance_uid;
  more.first_series_number = 5;
  more.series = {{"CT", kExplicit, 2, 32, 32, "CHEST"}};
  std::string more_dir = site_.files_dir() + "/more";
  std::filesystem::create_directories(more_dir);
  auto added = testing::GenerateStudy(more, more_dir);
  ASSERT_TRUE(added.ok());
  ASSERT_TRUE(testing::LoadStudy(site_.pacs(), *added).ok());

  auto second = site_.actor().PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->kind, PublishKind::kReplaced);
  EXPECT_EQ(second->replaced_entry_uuid, first->entry_uuid);
  EXPECT_EQ(second->series, 5);
  EXPECT_NE(second->document_unique_id, first->document_unique_id);

  // The old entry Deprecated, the new one Approved, listing all five series.
  std::map<std::string, std::string> status_of;
  for (const auto& de : FindManifests()) status_of[de.id] = de.status;
  EXPECT_EQ(status_of, (std::map<std::string, std::string>{{first->entry_uuid, std::string(vocab::kDeprecated)},
                                                           {second->entry_uuid, std::string(vocab::kApproved)}}));
  auto kos = ReadKos(RetrieveManifest(second->document_unique_id));
  ASSERT_TRUE(kos.ok());
  std::set<std::string> series;
  for (const auto& s : kos->series) series.insert(s.series_instance_uid);
  std::set<std::string> expected;
  for (const auto& s : study_.series) expected.insert(s.series_instance_uid);
  expected.insert(added->series[0].series_instance_uid);
  EXPECT_EQ(series, expected);
}

TEST_F(PublishE2eTest, UnknownStudyIsNotFoundAndSendsNothing) {
  auto published = site_.actor().PublishStudy("1.2.3.4.5.404");
  EXPECT_EQ(published.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(site_.repository().DocumentFileCount(), 0u);
}

TEST_F(PublishE2eTest, PacsDownIsUnavailable) {
  site_.pacs().Stop();
  auto published = site_.actor().PublishStudy(study_.study_instance_uid);
  EXPECT_EQ(published.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(site_.repository().DocumentFileCount(), 0u);
}

}  // namespace
}  // namespace xds::imaging

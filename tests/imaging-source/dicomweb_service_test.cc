// The imaging source end to end with its PACS reached by DICOMweb: an
// ImagingSourceActor configured with [imaging_source.pacs] dicomweb_url and
// query_method / retrieve_method = "dicomweb", in front of a real Orthanc
// (DICOMweb plugin) loaded with the mixed CT / MR / CR study, answering
// WADO-RS and RAD-69 over real sockets. Also the configuration checks.
#include <gtest/gtest.h>

#include <map>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/imaging_source_actor.h"
#include "imaging-source/service/rad69_request.h"
#include "tests/imaging-source/support/orthanc_pacs.h"
#include "tests/imaging-source/support/raw_http_client.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/support/temp_dir.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/rim_codec.h"
#include "wire/mime/mtom.h"
#include "wire/soap/envelope.h"

namespace xds::imaging {
namespace {

constexpr char kRepo[] = "1.3.6.1.4.1.21367.13.80.110";
constexpr char kExplicit[] = "1.2.840.10008.1.2.1";
constexpr char kImplicit[] = "1.2.840.10008.1.2";
constexpr char kJpegLs[] = "1.2.840.10008.1.2.4.80";

class DicomWebServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    files_ = new xds::testing::TempDir();
    testing::OrthancTlsOptions o;
    o.dicom_tls = false;
    o.dicomweb = true;
    orthanc_ = new testing::OrthancTlsPacs(o);
    Status started = orthanc_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), files_->path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = new testing::GeneratedStudy(std::move(*study));
    ASSERT_TRUE(orthanc_->Load(study_->Files()).ok());
  }
  static void TearDownTestSuite() {
    delete orthanc_;
    delete study_;
    delete files_;
  }

  // `pacs_keys`: the DICOMweb choice, in [imaging_source.pacs].
  std::string ConfigText(const std::string& pacs_keys) {
    PacsConfig p = orthanc_->ClientConfig();
    return "[imaging_source]\nrepository_unique_id = \"" + std::string(kRepo) + "\"\nstate_dir = \"" +
           state_.path() + "\"\n[imaging_source.pacs]\nhost = \"127.0.0.1\"\nport = " + std::to_string(p.port) +
           "\ncalled_ae = \"" + p.called_ae + "\"\ncalling_ae = \"XDSI_TEST\"\nspool_dir = \"" + state_.path() +
           "\"\nconnect_timeout_seconds = 3\ndicomweb_url = \"" + orthanc_->dicomweb_url() + "\"\n" + pacs_keys;
  }

  Status StartActor(const std::string& pacs_keys) {
    auto config = Config::Parse(ConfigText(pacs_keys));
    if (!config.ok()) return config.status();
    server_ = std::make_unique<http::HttpServer>();
    auto actor = ImagingSourceActor::Start(*config, *server_);
    if (!actor.ok()) return actor.status();
    actor_ = std::move(*actor);
    auto port = server_->Start("127.0.0.1", 0);
    if (!port.ok()) return port.status();
    port_ = *port;
    return Status::Ok();
  }

  static std::string LoadedDataSet(const std::string& uid) {
    return *DataSetBytes(testing::ReadFileBytes(study_->Find(uid)->path));
  }

  // RAD-69 for the whole study, every stored syntax acceptable; the
  // documents by DocumentUniqueId and the registry status.
  std::map<std::string, std::string> Rad69WholeStudy(std::string* status) {
    Rad69Request r;
    r.transfer_syntaxes = {kExplicit, kImplicit, kJpegLs};
    Rad69StudyRequest st;
    st.study_instance_uid = study_->study_instance_uid;
    for (const auto& s : study_->series) {
      Rad69SeriesRequest se;
      se.series_instance_uid = s.series_instance_uid;
      for (const auto& i : s.instances) se.documents.push_back({"", kRepo, i.sop_instance_uid});
      st.series.push_back(std::move(se));
    }
    r.studies.push_back(std::move(st));
    std::string envelope = soap::WriteRequestEnvelope("urn:ihe:rad:2009:RetrieveImagingDocumentSet",
                                                      "http://127.0.0.1/xds/imaging", "urn:uuid:1",
                                                      WriteRad69Request(r));
    std::map<std::string, std::string> out;
    auto raw = testing::RawRequest(port_, "POST", "/xds/imaging", "Content-Type: application/soap+xml\r\n", envelope);
    EXPECT_TRUE(raw.ok()) << raw.status().ToString();
    if (!raw.ok()) return out;
    auto mtom = mime::ParseMtom(raw->Header("content-type"), raw->body);
    EXPECT_TRUE(mtom.ok()) << raw->body.substr(0, 500);
    if (!mtom.ok()) return out;
    soap::ParseOutcome env = soap::ParseEnvelope(mtom->root_xml);
    EXPECT_TRUE(env.ok);
    if (!env.ok) return out;
    auto rr = ihe::ReadRegistryResponse(env.envelope.body.FirstChild(ns::kRs, "RegistryResponse"));
    if (rr.ok()) *status = rr->status;
    for (const auto& d : env.envelope.body.Children(ns::kXdsB, "DocumentResponse")) {
      std::string cid =
          mime::CidFromHref(d.FirstChild(ns::kXdsB, "Document").FirstChild(ns::kXop, "Include").Attr("href"));
      out[d.FirstChild(ns::kXdsB, "DocumentUniqueId").Text()] = mtom->parts[cid];
    }
    return out;
  }

  static xds::testing::TempDir* files_;
  static testing::OrthancTlsPacs* orthanc_;
  static testing::GeneratedStudy* study_;
  xds::testing::TempDir state_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<ImagingSourceActor> actor_;
  int port_ = 0;
};

xds::testing::TempDir* DicomWebServiceTest::files_ = nullptr;
testing::OrthancTlsPacs* DicomWebServiceTest::orthanc_ = nullptr;
testing::GeneratedStudy* DicomWebServiceTest::study_ = nullptr;

TEST_F(DicomWebServiceTest, WadoRsStudyThroughDicomWebUpstreamIsBitForBit) {
  Status started = StartActor("query_method = \"dicomweb\"\nretrieve_method = \"dicomweb\"\n");
  ASSERT_TRUE(started.ok()) << started.ToString();
  auto r = testing::RawRequest(port_, "GET", "/wado-rs/studies/" + study_->study_instance_uid,
                               "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  auto parts = testing::MultipartParts(r->Header("content-type"), r->body);
  ASSERT_EQ(parts.size(), study_->InstanceCount());
  for (const auto& p : parts) {
    auto info = ReadDicomInfo(p);
    ASSERT_TRUE(info.ok());
    const auto* g = study_->Find(info->sop_instance_uid);
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(info->transfer_syntax_uid, g->transfer_syntax_uid);
    EXPECT_TRUE(*DataSetBytes(p) == LoadedDataSet(g->sop_instance_uid)) << g->sop_instance_uid;
  }
  auto missing = testing::RawRequest(port_, "GET", "/wado-rs/studies/1.2.3.404", "");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 404);
}

TEST_F(DicomWebServiceTest, Rad69ThroughDicomWebRetrievalIsBitForBit) {
  // Queries by DIMSE C-FIND, retrieval by WADO-RS: the mixed set-up.
  Status started = StartActor("retrieve_method = \"dicomweb\"\n");
  ASSERT_TRUE(started.ok()) << started.ToString();
  std::string status;
  auto documents = Rad69WholeStudy(&status);
  EXPECT_EQ(status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
  ASSERT_EQ(documents.size(), study_->InstanceCount());
  for (const auto& [uid, bytes] : documents) {
    auto ds = DataSetBytes(bytes);
    ASSERT_TRUE(ds.ok()) << uid;
    EXPECT_TRUE(*ds == LoadedDataSet(uid)) << uid;
  }
}

TEST_F(DicomWebServiceTest, DicomWebWithoutUrlIsAConfigurationError) {
  auto config = Config::Parse("[imaging_source.pacs]\nretrieve_method = \"dicomweb\"\n");
  ASSERT_TRUE(config.ok());
  auto pacs = PacsConfigFrom(*config);
  ASSERT_FALSE(pacs.ok());
  EXPECT_EQ(pacs.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(pacs.status().message().find("dicomweb_url"), std::string::npos);
  auto bad = Config::Parse("[imaging_source.pacs]\nquery_method = \"qido\"\ndicomweb_url = \"http://x/dicom-web\"\n");
  ASSERT_TRUE(bad.ok());
  EXPECT_FALSE(PacsConfigFrom(*bad).ok());
  // Without the keys, nothing changes: DIMSE for both.
  auto plain = Config::Parse("[imaging_source.pacs]\nport = 11112\n");
  ASSERT_TRUE(plain.ok());
  auto dimse = PacsConfigFrom(*plain);
  ASSERT_TRUE(dimse.ok());
  EXPECT_FALSE(dimse->query_by_dicomweb);
  EXPECT_FALSE(dimse->retrieve_by_dicomweb);
  EXPECT_EQ(dimse->retrieve_method, RetrieveMethod::kGet);
}

}  // namespace
}  // namespace xds::imaging

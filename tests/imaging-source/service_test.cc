// RAD-69, WADO-URI and WADO-RS over real sockets: an ImagingSourceActor on
// a loopback HttpServer, in front of a real dcmqrscp loaded with the mixed
// CT / MR / CR study.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/imaging_source_actor.h"
#include "imaging-source/service/rad69_request.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
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

std::string ConfigText(const PacsConfig& p) {
  return "[imaging_source]\nrepository_unique_id = \"" + std::string(kRepo) +
         "\"\n[imaging_source.pacs]\nhost = \"127.0.0.1\"\nport = " + std::to_string(p.port) + "\ncalled_ae = \"" +
         p.called_ae + "\"\ncalling_ae = \"XDSI_TEST\"\nspool_dir = \"" + p.spool_dir +
         "\"\nconnect_timeout_seconds = 3\n";
}

struct Rad69Reply {
  int http_status = 0;
  ihe::RegistryResponse registry;
  std::map<std::string, std::string> documents;  // DocumentUniqueId -> bytes
  bool is_fault = false;
};

class ImagingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pacs_.Start().ok());
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), files_.path());
    ASSERT_TRUE(study.ok());
    study_ = std::move(*study);
    ASSERT_TRUE(testing::LoadStudy(pacs_, study_).ok());
    StartActor(pacs_.ClientConfig());
  }

  void StartActor(const PacsConfig& pacs) {
    auto config = Config::Parse(ConfigText(pacs));
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    server_ = std::make_unique<http::HttpServer>();
    auto actor = ImagingSourceActor::Start(*config, *server_);
    ASSERT_TRUE(actor.ok()) << actor.status().ToString();
    actor_ = std::move(*actor);
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok());
    port_ = *port;
  }

  Rad69Request RequestFor(const std::vector<std::string>& uids, std::vector<std::string> syntaxes) {
    Rad69Request r;
    r.transfer_syntaxes = std::move(syntaxes);
    Rad69StudyRequest st;
    st.study_instance_uid = study_.study_instance_uid;
    for (const auto& s : study_.series) {
      Rad69SeriesRequest se;
      se.series_instance_uid = s.series_instance_uid;
      for (const auto& i : s.instances)
        if (uids.empty() || std::count(uids.begin(), uids.end(), i.sop_instance_uid))
          se.documents.push_back({"", kRepo, i.sop_instance_uid});
      if (!se.documents.empty()) st.series.push_back(std::move(se));
    }
    r.studies.push_back(std::move(st));
    return r;
  }

  Rad69Reply PostRad69(const std::string& body_xml) {
    std::string envelope = soap::WriteRequestEnvelope("urn:ihe:rad:2009:RetrieveImagingDocumentSet",
                                                      "http://127.0.0.1/xds/imaging", "urn:uuid:1", body_xml);
    Rad69Reply out;
    auto raw = testing::RawRequest(port_, "POST", "/xds/imaging", "Content-Type: application/soap+xml\r\n", envelope);
    EXPECT_TRUE(raw.ok()) << raw.status().ToString();
    if (!raw.ok()) return out;
    out.http_status = raw->status;
    std::string root = raw->body;
    mime::MtomMessage mtom;
    if (raw->Header("content-type").rfind("multipart/related", 0) == 0) {
      auto parsed = mime::ParseMtom(raw->Header("content-type"), raw->body);
      EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
      if (!parsed.ok()) return out;
      mtom = std::move(*parsed);
      root = mtom.root_xml;
    }
    soap::ParseOutcome env = soap::ParseEnvelope(root);
    EXPECT_TRUE(env.ok);
    if (!env.ok) return out;
    if (!soap::ReadFault(env.envelope.body).reason.empty()) {
      out.is_fault = true;
      return out;
    }
    EXPECT_EQ(env.envelope.action, "urn:ihe:iti:2007:RetrieveDocumentSetResponse");
    auto rr = ihe::ReadRegistryResponse(env.envelope.body.FirstChild(ns::kRs, "RegistryResponse"));
    EXPECT_TRUE(rr.ok());
    if (rr.ok()) out.registry = *rr;
    for (const auto& d : env.envelope.body.Children(ns::kXdsB, "DocumentResponse")) {
      EXPECT_EQ(d.FirstChild(ns::kXdsB, "RepositoryUniqueId").Text(), kRepo);
      EXPECT_EQ(d.FirstChild(ns::kXdsB, "mimeType").Text(), "application/dicom");
      std::string cid = mime::CidFromHref(d.FirstChild(ns::kXdsB, "Document").FirstChild(ns::kXop, "Include").Attr("href"));
      out.documents[d.FirstChild(ns::kXdsB, "DocumentUniqueId").Text()] = mtom.parts[cid];
    }
    return out;
  }

  std::string LoadedDataSet(const std::string& uid) {
    return *DataSetBytes(testing::ReadFileBytes(study_.Find(uid)->path));
  }

  xds::testing::TempDir files_;
  testing::DcmqrscpPacs pacs_;
  testing::GeneratedStudy study_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<ImagingSourceActor> actor_;
  int port_ = 0;
};

TEST_F(ImagingServiceTest, Rad69ReturnsEveryInstanceBitForBit) {
  // Every stored syntax is acceptable: nothing is converted.
  Rad69Reply reply = PostRad69(WriteRad69Request(RequestFor({}, {kExplicit, kImplicit, kJpegLs})));
  EXPECT_EQ(reply.http_status, 200);
  EXPECT_EQ(reply.registry.status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
  EXPECT_TRUE(reply.registry.errors.empty());
  ASSERT_EQ(reply.documents.size(), study_.InstanceCount());
  for (const auto& [uid, bytes] : reply.documents) {
    const auto* g = study_.Find(uid);
    ASSERT_NE(g, nullptr);
    auto info = ReadDicomInfo(bytes);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->sop_instance_uid, uid);
    // dcmqrscp hands stored implicit-VR MR over as explicit VR (its own
    // conversion); CT and the JPEG-LS CR come through as stored.
    if (info->transfer_syntax_uid == g->transfer_syntax_uid) {
      EXPECT_EQ(*DataSetBytes(bytes), LoadedDataSet(uid));
    }
    EXPECT_EQ(*NativePixelData(bytes), *NativePixelData(testing::ReadFileBytes(g->path)));
  }
}

TEST_F(ImagingServiceTest, Rad69TranscodesToExplicitLittleEndianPixelIdentical) {
  const auto& cr = study_.series[3];
  Rad69Reply reply = PostRad69(WriteRad69Request(
      RequestFor({cr.instances[0].sop_instance_uid, cr.instances[1].sop_instance_uid}, {kExplicit})));
  EXPECT_EQ(reply.registry.status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success");
  ASSERT_EQ(reply.documents.size(), 2u);
  for (const auto& [uid, bytes] : reply.documents) {
    auto info = ReadDicomInfo(bytes);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->transfer_syntax_uid, kExplicit);
    EXPECT_EQ(*NativePixelData(bytes), *NativePixelData(testing::ReadFileBytes(study_.Find(uid)->path)));
  }
}

TEST_F(ImagingServiceTest, Rad69PartialSuccessNamesTheMissingInstance) {
  Rad69Request r = RequestFor({study_.series[0].instances[0].sop_instance_uid}, {kExplicit});
  r.studies[0].series[0].documents.push_back({"", kRepo, "1.2.3.999.404"});
  Rad69Reply reply = PostRad69(WriteRad69Request(r));
  EXPECT_EQ(reply.registry.status, "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
  ASSERT_EQ(reply.registry.errors.size(), 1u);
  EXPECT_EQ(reply.registry.errors[0].error_code, "XDSDocumentUniqueIdError");
  EXPECT_EQ(reply.registry.errors[0].location, "1.2.3.999.404");
  ASSERT_EQ(reply.documents.size(), 1u);
  EXPECT_EQ(reply.documents.begin()->first, study_.series[0].instances[0].sop_instance_uid);
}

TEST_F(ImagingServiceTest, Rad69InstanceInAnotherSeriesIsAnError) {
  Rad69Request r = RequestFor({study_.series[0].instances[0].sop_instance_uid}, {kExplicit});
  r.studies[0].series[0].series_instance_uid = study_.series[1].series_instance_uid;
  Rad69Reply reply = PostRad69(WriteRad69Request(r));
  EXPECT_EQ(reply.registry.status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
  ASSERT_EQ(reply.registry.errors.size(), 1u);
  EXPECT_EQ(reply.registry.errors[0].error_code, "XDSDocumentUniqueIdError");
  EXPECT_TRUE(reply.documents.empty());
}

TEST_F(ImagingServiceTest, Rad69UnknownRepositoryIdPerDocument) {
  Rad69Request r = RequestFor({study_.series[0].instances[0].sop_instance_uid}, {kExplicit});
  r.studies[0].series[0].documents.push_back({"", "1.2.3.4.5.other", study_.series[0].instances[1].sop_instance_uid});
  Rad69Reply reply = PostRad69(WriteRad69Request(r));
  EXPECT_EQ(reply.registry.status, "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess");
  ASSERT_EQ(reply.registry.errors.size(), 1u);
  EXPECT_EQ(reply.registry.errors[0].error_code, "XDSUnknownRepositoryId");
  EXPECT_EQ(reply.registry.errors[0].location, study_.series[0].instances[1].sop_instance_uid);
  EXPECT_EQ(reply.documents.size(), 1u);
}

TEST_F(ImagingServiceTest, Rad69EmptyTransferSyntaxListIsRepositoryError) {
  Rad69Reply reply = PostRad69(WriteRad69Request(RequestFor({study_.series[0].instances[0].sop_instance_uid}, {})));
  EXPECT_EQ(reply.registry.status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
  ASSERT_EQ(reply.registry.errors.size(), 1u);
  EXPECT_EQ(reply.registry.errors[0].error_code, "XDSRepositoryError");
}

TEST_F(ImagingServiceTest, Rad69MalformedRequestIsASoapFault) {
  Rad69Reply no_study = PostRad69(
      "<iherad:RetrieveImagingDocumentSetRequest xmlns:iherad=\"urn:ihe:rad:xdsi-b:2009\">"
      "<iherad:TransferSyntaxUIDList><iherad:TransferSyntaxUID>1.2.840.10008.1.2.1</iherad:TransferSyntaxUID>"
      "</iherad:TransferSyntaxUIDList></iherad:RetrieveImagingDocumentSetRequest>");
  EXPECT_TRUE(no_study.is_fault);
  EXPECT_EQ(no_study.http_status, 400);
  Rad69Reply wrong_body = PostRad69("<foo xmlns=\"urn:x\"/>");
  EXPECT_TRUE(wrong_body.is_fault);
}

TEST_F(ImagingServiceTest, WadoUriReturnsTheInstance) {
  const auto& ct = study_.series[0].instances[2];
  std::string path = "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid +
                     "&seriesUID=" + study_.series[0].series_instance_uid + "&objectUID=" + ct.sop_instance_uid +
                     "&contentType=application/dicom";
  auto r = testing::RawRequest(port_, "GET", path, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("content-type"), "application/dicom");
  EXPECT_EQ(*DataSetBytes(r->body), LoadedDataSet(ct.sop_instance_uid));

  // The JPEG-LS CR, asked for in its stored syntax: bit for bit.
  const auto& cr = study_.series[3].instances[0];
  auto jls = testing::RawRequest(port_, "GET",
                                 "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                     study_.series[3].series_instance_uid + "&objectUID=" + cr.sop_instance_uid +
                                     "&contentType=application/dicom&transferSyntax=" + kJpegLs,
                                 "");
  ASSERT_TRUE(jls.ok());
  EXPECT_EQ(jls->status, 200);
  EXPECT_EQ(*DataSetBytes(jls->body), LoadedDataSet(cr.sop_instance_uid));
}

TEST_F(ImagingServiceTest, WadoUriErrors) {
  auto missing = testing::RawRequest(port_, "GET", "/wado?requestType=WADO&studyUID=1.2", "");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(missing->status, 400);
  auto unknown = testing::RawRequest(port_, "GET",
                                     "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                         study_.series[0].series_instance_uid +
                                         "&objectUID=1.2.3.404&contentType=application/dicom",
                                     "");
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->status, 404);
  auto jpeg = testing::RawRequest(port_, "GET",
                                  "/wado?requestType=WADO&studyUID=1&seriesUID=2&objectUID=3&contentType=image/jpeg", "");
  ASSERT_TRUE(jpeg.ok());
  EXPECT_EQ(jpeg->status, 406);
}

std::vector<std::string> Parts(const std::string& content_type, const std::string& body) {
  return testing::MultipartParts(content_type, body);
}

TEST_F(ImagingServiceTest, WadoRsStudyStreamsEveryInstance) {
  auto r = testing::RawRequest(port_, "GET", "/wado-rs/studies/" + study_.study_instance_uid,
                               "Accept: multipart/related; type=\"application/dicom\"\r\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->Header("transfer-encoding"), "chunked");
  auto parts = Parts(r->Header("content-type"), r->body);
  ASSERT_EQ(parts.size(), study_.InstanceCount());
  for (const auto& p : parts) {
    auto info = ReadDicomInfo(p);
    ASSERT_TRUE(info.ok());
    const auto* g = study_.Find(info->sop_instance_uid);
    ASSERT_NE(g, nullptr);
    if (info->transfer_syntax_uid == g->transfer_syntax_uid) {
      EXPECT_EQ(*DataSetBytes(p), LoadedDataSet(g->sop_instance_uid));
    }
    EXPECT_EQ(*NativePixelData(p), *NativePixelData(testing::ReadFileBytes(g->path)));
  }
}

TEST_F(ImagingServiceTest, WadoRsSeriesInstanceMetadataAndFrames) {
  const auto& s = study_.series[0];
  std::string base = "/wado-rs/studies/" + study_.study_instance_uid + "/series/" + s.series_instance_uid;
  auto series = testing::RawRequest(port_, "GET", base, "");
  ASSERT_TRUE(series.ok());
  EXPECT_EQ(Parts(series->Header("content-type"), series->body).size(), s.instances.size());

  auto instance = testing::RawRequest(port_, "GET", base + "/instances/" + s.instances[1].sop_instance_uid, "");
  ASSERT_TRUE(instance.ok());
  auto one = Parts(instance->Header("content-type"), instance->body);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(*DataSetBytes(one[0]), LoadedDataSet(s.instances[1].sop_instance_uid));

  auto metadata = testing::RawRequest(port_, "GET", base + "/metadata", "");
  ASSERT_TRUE(metadata.ok());
  EXPECT_EQ(metadata->Header("content-type"), "application/dicom+json");
  EXPECT_EQ(metadata->body.front(), '[');
  EXPECT_NE(metadata->body.find(s.instances[0].sop_instance_uid), std::string::npos);
  EXPECT_NE(metadata->body.find("\"0020000D\""), std::string::npos);
  EXPECT_EQ(metadata->body.find("\"7FE00010\""), std::string::npos);  // no pixel data

  auto frames = testing::RawRequest(port_, "GET", base + "/instances/" + s.instances[1].sop_instance_uid + "/frames/1", "");
  ASSERT_TRUE(frames.ok());
  auto frame_parts = Parts(frames->Header("content-type"), frames->body);
  ASSERT_EQ(frame_parts.size(), 1u);
  EXPECT_EQ(frame_parts[0], *NativePixelData(testing::ReadFileBytes(study_.Find(s.instances[1].sop_instance_uid)->path)));
}

TEST_F(ImagingServiceTest, WadoRsTransferSyntaxIsHonoured) {
  const auto& cr = study_.series[3];
  auto r = testing::RawRequest(port_, "GET",
                               "/wado-rs/studies/" + study_.study_instance_uid + "/series/" + cr.series_instance_uid,
                               "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=" +
                                   std::string(kExplicit) + "\r\n");
  ASSERT_TRUE(r.ok());
  auto parts = Parts(r->Header("content-type"), r->body);
  ASSERT_EQ(parts.size(), cr.instances.size());
  for (const auto& p : parts) EXPECT_EQ(ReadDicomInfo(p)->transfer_syntax_uid, kExplicit);
}

TEST_F(ImagingServiceTest, WadoRsUnknownStudyIs404) {
  auto r = testing::RawRequest(port_, "GET", "/wado-rs/studies/1.2.3.404", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 404);
  auto bad = testing::RawRequest(port_, "GET", "/wado-rs/studies/1.2/nonsense", "");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->status, 400);
}

TEST_F(ImagingServiceTest, ClientLeavingMidStreamLeavesTheServiceWorking) {
  // Hang up after the first few KiB of a study, several times over.
  for (int i = 0; i < 3; ++i) {
    auto got = testing::RequestAndHangUp(port_, "GET", "/wado-rs/studies/" + study_.study_instance_uid, "", "", 6000);
    ASSERT_TRUE(got.ok());
    Rad69Request r = RequestFor({}, {kExplicit, kImplicit, kJpegLs});
    std::string envelope = soap::WriteRequestEnvelope("urn:ihe:rad:2009:RetrieveImagingDocumentSet", "x", "urn:uuid:2",
                                                      WriteRad69Request(r));
    auto got69 = testing::RequestAndHangUp(port_, "POST", "/xds/imaging", "Content-Type: application/soap+xml\r\n",
                                           envelope, 6000);
    ASSERT_TRUE(got69.ok());
  }
  // Still serving, and the PACS still answers.
  auto r = testing::RawRequest(port_, "GET", "/wado-rs/studies/" + study_.study_instance_uid, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Parts(r->Header("content-type"), r->body).size(), study_.InstanceCount());
  EXPECT_TRUE(actor_->pacs().Echo().ok());
}

TEST_F(ImagingServiceTest, PacsDownGivesProperErrors) {
  pacs_.Stop();
  Rad69Reply reply = PostRad69(WriteRad69Request(RequestFor({study_.series[0].instances[0].sop_instance_uid}, {kExplicit})));
  EXPECT_EQ(reply.registry.status, "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure");
  ASSERT_EQ(reply.registry.errors.size(), 1u);
  EXPECT_EQ(reply.registry.errors[0].error_code, "XDSRepositoryError");
  auto wado = testing::RawRequest(port_, "GET", "/wado-rs/studies/" + study_.study_instance_uid, "");
  ASSERT_TRUE(wado.ok());
  EXPECT_EQ(wado->status, 502);
  auto uri = testing::RawRequest(port_, "GET",
                                 "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                     study_.series[0].series_instance_uid + "&objectUID=" +
                                     study_.series[0].instances[0].sop_instance_uid + "&contentType=application/dicom",
                                 "");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->status, 502);
}

}  // namespace
}  // namespace xds::imaging

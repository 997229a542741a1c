// The DICOMweb PacsClient over HTTPS (ATNA ITI-19): a loopback HttpServer
// stands in for the PACS's DICOMweb with TLS and mutual authentication
// (Orthanc's HTTPS needs a certificate of its own per run; our server takes
// the test PKI's directly), answering QIDO-RS with an empty match list and
// WADO-RS with two instances. Certificates are made at test time.
#include <gtest/gtest.h>

#include "imaging-source/dicom/dicom_file.h"
#include "imaging-source/dicomweb/dicomweb_pacs_client.h"
#include "tests/imaging-source/support/scripted_http_peer.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/security/test_pki.h"
#include "tests/support/temp_dir.h"
#include "wire/http/http_server.h"

namespace xds::imaging {
namespace {

using xds::testing::PemFiles;
using xds::testing::TestPki;

constexpr char kBoundary[] = "tls-wado-boundary";

http::TlsSettings Tls(const std::string& ca, const PemFiles& identity) {
  http::TlsSettings t;
  t.ca_file = ca;
  t.certificate_file = identity.certificate;
  t.private_key_file = identity.private_key;
  return t;
}

class DicomWebTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("Site CA");
    rogue_ca_ = pki_.MakeCa("Rogue CA");
    PemFiles pacs = pki_.Issue("Site CA", "pacs.site-a.example", {"IP:127.0.0.1"});
    source_ = pki_.Issue("Site CA", "imaging.site-a.example");
    auto study = testing::GenerateStudy(testing::MixedStudySpec(), files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    for (size_t i = 0; i < 2; ++i) parts_.push_back(testing::ReadFileBytes(study_.series[0].instances[i].path));

    http::HttpServerOptions o;
    o.tls = Tls(ca_.certificate, pacs);
    o.tls->require_client_certificate = true;
    server_ = std::make_unique<http::HttpServer>(o);
    server_->Get("/dicom-web/studies", [](const http::HttpRequest&) {
      http::HttpResponse r;
      r.content_type = "application/dicom+json";
      r.body = "[]";
      return r;
    });
    server_->Get("/dicom-web/studies/([0-9.]+)", [this](const http::HttpRequest&) {
      http::HttpResponse r;
      r.content_type = std::string("multipart/related; type=\"application/dicom\"; boundary=") + kBoundary;
      r.body = testing::DicomMultipartBody(parts_, kBoundary);
      return r;
    });
    auto port = server_->Start("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    url_ = "https://127.0.0.1:" + std::to_string(*port) + "/dicom-web";
  }

  PacsConfig Config(std::optional<http::TlsSettings> tls) {
    PacsConfig c;
    c.dicomweb_url = url_;
    c.query_by_dicomweb = c.retrieve_by_dicomweb = true;
    c.connect_timeout_seconds = 2;
    c.dicomweb_timeout_seconds = 5;
    c.dicomweb_tls = std::move(tls);
    return c;
  }

  TestPki pki_;
  PemFiles ca_, rogue_ca_, source_;
  xds::testing::TempDir files_;
  testing::GeneratedStudy study_;
  std::vector<std::string> parts_;
  std::unique_ptr<http::HttpServer> server_;
  std::string url_;
};

TEST_F(DicomWebTlsTest, QueriesAndRetrievesOverMutualTls) {
  auto client = NewDicomWebPacsClient(Config(Tls(ca_.certificate, source_)));
  Status echo = client->Echo();
  ASSERT_TRUE(echo.ok()) << echo.ToString();
  RetrieveRequest r;
  r.study_instance_uid = study_.study_instance_uid;
  std::vector<std::string> got;
  auto summary = client->Retrieve(r, [&](RetrievedInstance&& i) {
    got.push_back(std::move(i.bytes));
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_EQ(got.size(), parts_.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(got[i] == parts_[i]) << "instance " << i;
}

TEST_F(DicomWebTlsTest, UntrustedPacsOrNoClientCertificateIsUnavailable) {
  // We do not trust the PACS's certificate.
  auto distrustful = NewDicomWebPacsClient(Config(Tls(rogue_ca_.certificate, source_)));
  Status refused = distrustful->Echo();
  EXPECT_EQ(refused.code(), Status::Code::kUnavailable) << refused.ToString();
  // We show no certificate; the PACS requires one.
  http::TlsSettings anonymous;
  anonymous.ca_file = ca_.certificate;
  auto nameless = NewDicomWebPacsClient(Config(anonymous));
  Status refused_too = nameless->Echo();
  EXPECT_EQ(refused_too.code(), Status::Code::kUnavailable) << refused_too.ToString();
}

}  // namespace
}  // namespace xds::imaging

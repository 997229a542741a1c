// DICOM TLS with the site PACS (ATNA ITI-19 for DICOM, PS3.15 B.9/B.11) and
// RAD-68 over mutual TLS, all real on loopback: Orthanc as a PACS that
// speaks DICOM TLS only and requires our certificate; DCMTK's storescu
// over TLS (and without a certificate) against our C-STORE receiver; a
// Document Repository and Registry behind an HTTPS listener that requires
// client certificates. Certificates are made at test time
// (tests/security/test_pki.h).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/dicom/storage_scp.h"
#include "imaging-source/imaging_source_actor.h"
#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/orthanc_pacs.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/security/test_pki.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/config/config.h"
#include "wire/config/tls_config.h"
#include "wire/http/http_server.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/soap/soap_client.h"
#include "wire/soap/soap_transport.h"

namespace xds::imaging {
namespace {

using xds::testing::PemFiles;
using xds::testing::TempDir;
using xds::testing::TestPki;

constexpr char kExplicit[] = "1.2.840.10008.1.2.1";
constexpr char kImplicit[] = "1.2.840.10008.1.2";

http::TlsSettings Tls(const std::string& ca, const PemFiles& identity) {
  http::TlsSettings t;
  t.ca_file = ca;
  t.certificate_file = identity.certificate;
  t.private_key_file = identity.private_key;
  return t;
}

// [imaging_source.metadata] for the generated study (patient LOC-4711 of
// SITE-A, known to the region as kPatientA).
std::string MetadataToml() {
  const std::string patient = xds::testing::kPatientA;
  return "[imaging_source.metadata]\nsource_id = \"1.3.6.1.4.1.21367.13.80.1\"\n"
         "class_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.1\", \"Images\"]\n"
         "type_code = [\"18748-4\", \"2.16.840.1.113883.6.1\", \"Diagnostic imaging study\"]\n"
         "confidentiality_code = [\"N\", \"2.16.840.1.113883.5.25\", \"Normal\"]\n"
         "healthcare_facility_type_code = [\"HOSP\", \"2.16.840.1.113883.5.11\", \"Hospital\"]\n"
         "practice_setting_code = [\"RAD\", \"1.3.6.1.4.1.21367.100.2\", \"Radiology\"]\n"
         "content_type_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.3\", \"Imaging\"]\n"
         "local_assigning_authority = \"1.3.6.1.4.1.21367.13.20.3000\"\n"
         "issuer_authorities = [\"SITE-A=1.3.6.1.4.1.21367.13.20.3000\"]\n"
         "patient_id_map = [\"SITE-A|LOC-4711=" + patient + "\", \"LOC-4711=" + patient + "\"]\n";
}

std::string TlsSection(const std::string& section, const std::string& ca, const PemFiles& identity) {
  return "[" + section + "]\nca_file = \"" + ca + "\"\ncertificate_file = \"" + identity.certificate +
         "\"\nprivate_key_file = \"" + identity.private_key + "\"\n";
}

// The region behind mutual TLS: registry and repository on one HTTPS
// listener, the repository registering in-process (the all-in-one node).
struct TlsRegion {
  static constexpr char kRepositoryId[] = "1.3.6.1.4.1.21367.2017.3.101";
  TempDir dir;
  std::unique_ptr<http::HttpServer> server;
  std::unique_ptr<registry::RegistryActor> registry;
  std::unique_ptr<soap::LocalSoapTransport> local;
  std::unique_ptr<repository::RepositoryActor> repository;
  int port = 0;

  Status Start(const std::string& ca, const PemFiles& identity) {
    auto config = Config::Parse(TlsSection("tls", ca, identity) + "[registry]\ndatabase = \"" +
                                dir.File("registry.db") + "\"\npath = \"/xds/registry\"\nmllp_port = 0\n" +
                                "schema_dir = \"" + XDS_SCHEMA_DIR + "\"\n[repository]\nroot = \"" +
                                dir.File("repository") + "\"\nrepository_unique_id = \"" + kRepositoryId +
                                "\"\npath = \"/xds/repository\"\n");
    if (!config.ok()) return config.status();
    auto tls = ServerTlsFromConfig(*config);
    if (!tls.ok()) return tls.status();
    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = *tls;
    server = std::make_unique<http::HttpServer>(options);
    auto r = registry::RegistryActor::Start(*config, *server);
    if (!r.ok()) return r.status();
    registry = std::move(*r);
    XDS_RETURN_IF_ERROR(registry->store().AddOrUpdatePatient({xds::testing::kPatientA, "DOE", "JANE", "19700101", "F"}));
    local = std::make_unique<soap::LocalSoapTransport>(registry->endpoint(), registry->soap_path());
    auto repo = repository::RepositoryActor::Start(*config, *server, local.get());
    if (!repo.ok()) return repo.status();
    repository = std::move(*repo);
    auto bound = server->Start("127.0.0.1", 0);
    if (!bound.ok()) return bound.status();
    port = *bound;
    return Status::Ok();
  }
  ~TlsRegion() {
    if (server) server->Stop();
    repository.reset();
    registry.reset();
  }
  std::string Url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port) + path; }
};

class DicomTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    rogue_ca_ = pki_.MakeCa("rogue");
    pacs_identity_ = pki_.Issue("region", "pacs.site-a.test");
    source_identity_ = pki_.Issue("region", "imaging-source.site-a.test", {"IP:127.0.0.1"});
    rogue_identity_ = pki_.Issue("rogue", "intruder.test");
    testing::StudySpec spec;
    spec.series = {{"CT", kExplicit, 3, 32, 32, "CHEST"}, {"MR", kImplicit, 2, 32, 32, "HEAD"}};
    auto study = testing::GenerateStudy(spec, files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
  }

  // Orthanc trusting the region CA only; C-MOVEs go to `move_port`.
  void StartPacs(int move_port = 0) {
    testing::OrthancTlsOptions o;
    o.certificate_file = pacs_identity_.certificate;
    o.private_key_file = pacs_identity_.private_key;
    o.trusted_file = ca_.certificate;
    if (move_port != 0) {
      o.move_destination_ae = "XDSI_TEST";
      o.move_destination_port = move_port;
    }
    pacs_ = std::make_unique<testing::OrthancTlsPacs>(o);
    Status started = pacs_->Start();
    ASSERT_TRUE(started.ok()) << started.ToString();
    ASSERT_TRUE(pacs_->Load(study_.Files()).ok());
  }

  PacsConfig ClientConfig(const PemFiles& identity, const std::string& ca) const {
    PacsConfig c = pacs_->ClientConfig();
    c.tls = Tls(ca, identity);
    return c;
  }

  std::set<std::string> Uids() const {
    std::set<std::string> uids;
    for (const auto& s : study_.series)
      for (const auto& i : s.instances) uids.insert(i.sop_instance_uid);
    return uids;
  }

  TestPki pki_;
  TempDir files_;
  PemFiles ca_, rogue_ca_, pacs_identity_, source_identity_, rogue_identity_;
  testing::GeneratedStudy study_;
  std::unique_ptr<testing::OrthancTlsPacs> pacs_;
};

TEST_F(DicomTlsTest, QueriesAndRetrievesOverTlsWithCGet) {
  StartPacs();
  auto pacs = NewDcmtkPacsClient(ClientConfig(source_identity_, ca_.certificate));
  Status echo = pacs->Echo();
  ASSERT_TRUE(echo.ok()) << echo.ToString() << "\n" << pacs_->Log();
  auto tree = FindStudyTree(*pacs, study_.study_instance_uid);
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(tree->series.size(), 2u);
  EXPECT_EQ(tree->study.patient_id, "LOC-4711");

  std::set<std::string> got;
  RetrieveRequest request;
  request.study_instance_uid = study_.study_instance_uid;
  auto summary = pacs->Retrieve(request, [&](RetrievedInstance&& in) {
    EXPECT_EQ(in.study_instance_uid, study_.study_instance_uid);
    EXPECT_FALSE(in.bytes.empty());
    got.insert(in.sop_instance_uid);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(got, Uids());
}

TEST_F(DicomTlsTest, CMoveSubOperationsReachOurDestinationOverTls) {
  const int move_port = testing::FreeLoopbackPort();
  StartPacs(move_port);
  PacsConfig config = ClientConfig(source_identity_, ca_.certificate);
  config.retrieve_method = RetrieveMethod::kMove;
  config.move_port = move_port;
  config.move_destination_ae = "XDSI_TEST";
  auto pacs = NewDcmtkPacsClient(config);
  std::set<std::string> got;
  RetrieveRequest request;
  request.study_instance_uid = study_.study_instance_uid;
  auto summary = pacs->Retrieve(request, [&](RetrievedInstance&& in) {
    got.insert(in.sop_instance_uid);
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString() << "\n" << pacs_->Log();
  EXPECT_EQ(got, Uids());
}

TEST_F(DicomTlsTest, PacsRefusingOurCertificateFailsCleanly) {
  StartPacs();
  // Our certificate comes from a CA the PACS does not trust.
  auto untrusted = NewDcmtkPacsClient(ClientConfig(rogue_identity_, rogue_ca_.certificate));
  Status echo = untrusted->Echo();
  ASSERT_FALSE(echo.ok());
  EXPECT_EQ(echo.code(), Status::Code::kUnavailable);
  EXPECT_NE(echo.message().find("TLS handshake failed"), std::string::npos) << echo.ToString();
  EXPECT_NE(echo.message().find("DICOM TLS"), std::string::npos) << echo.ToString();
  RetrieveRequest request;
  request.study_instance_uid = study_.study_instance_uid;
  int delivered = 0;
  auto summary = untrusted->Retrieve(request, [&](RetrievedInstance&&) {
    ++delivered;
    return Status::Ok();
  });
  EXPECT_EQ(summary.status().code(), Status::Code::kUnavailable);
  EXPECT_EQ(delivered, 0);

  // And the other way: we do not trust the PACS's certificate.
  auto distrustful = NewDcmtkPacsClient(ClientConfig(source_identity_, rogue_ca_.certificate));
  Status refused = distrustful->Echo();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("TLS handshake failed"), std::string::npos) << refused.ToString();

  // A plain (non-TLS) association never gets a DICOM answer either.
  PacsConfig plain = pacs_->ClientConfig();
  EXPECT_FALSE(NewDcmtkPacsClient(plain)->Echo().ok());
}

TEST_F(DicomTlsTest, ReceiverRefusesStorescuWithoutCertificate) {
  StorageScpConfig config;
  config.ae_title = "XDSI_RECV";
  config.port = testing::FreeLoopbackPort();
  config.spool_dir = files_.File("spool");
  std::filesystem::create_directories(config.spool_dir);
  config.tls = Tls(ca_.certificate, source_identity_);
  std::atomic<int> stored{0};
  auto scp = StorageScp::Start(config, [&](StoredInstance&& in) {
    ++stored;
    std::filesystem::remove(in.path);
    return Status::Ok();
  });
  ASSERT_TRUE(scp.ok()) << scp.status().ToString();
  const std::string file = study_.series[0].instances[0].path;
  const std::string port = std::to_string(config.port);

  // Anonymous TLS (no client certificate): the handshake is refused.
  int rc = testing::RunTool({"storescu", "+tla", "+cf", ca_.certificate, "-aec", "XDSI_RECV", "127.0.0.1", port, file},
                            files_.File("storescu-anonymous.log"));
  EXPECT_NE(rc, 0);
  // A certificate from an untrusted CA: refused as well.
  rc = testing::RunTool({"storescu", "+tls", rogue_identity_.private_key, rogue_identity_.certificate, "+cf",
                         ca_.certificate, "-aec", "XDSI_RECV", "127.0.0.1", port, file},
                        files_.File("storescu-rogue.log"));
  EXPECT_NE(rc, 0);
  // Plain DICOM: refused.
  rc = testing::RunTool({"storescu", "-aec", "XDSI_RECV", "127.0.0.1", port, file}, files_.File("storescu-plain.log"));
  EXPECT_NE(rc, 0);
  EXPECT_EQ(stored.load(), 0);

  // The PACS's trusted certificate: taken (and the SCP survived the refusals).
  rc = testing::RunTool({"storescu", "+tls", pacs_identity_.private_key, pacs_identity_.certificate, "+cf",
                         ca_.certificate, "-aec", "XDSI_RECV", "127.0.0.1", port, file},
                        files_.File("storescu-trusted.log"));
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(stored.load(), 1);
}

TEST_F(DicomTlsTest, PublishesFromATlsPacsToARepositoryOverMutualTls) {
  StartPacs();
  TlsRegion region;
  Status up = region.Start(ca_.certificate, pki_.Issue("region", "repository.region.test", {"IP:127.0.0.1"}));
  ASSERT_TRUE(up.ok()) << up.ToString();
  const PacsConfig p = pacs_->ClientConfig();
  TempDir state;
  auto config = Config::Parse(
      "[imaging_source]\nrepository_unique_id = \"1.3.6.1.4.1.21367.13.80.110\"\n"
      "repository_url = \"" + region.Url("/xds/repository") + "\"\nstate_dir = \"" + state.File("state") + "\"\n" +
      "[imaging_source.pacs]\nhost = \"127.0.0.1\"\nport = " + std::to_string(p.port) +
      "\ncalled_ae = \"" + p.called_ae + "\"\ncalling_ae = \"XDSI_TEST\"\nspool_dir = \"" + p.spool_dir + "\"\n" +
      TlsSection("imaging_source.pacs_tls", ca_.certificate, source_identity_) + "enabled = true\n" +
      TlsSection("imaging_source.repository_tls", ca_.certificate, source_identity_) + MetadataToml());
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  http::HttpServer server;
  auto actor = ImagingSourceActor::Start(*config, server);
  ASSERT_TRUE(actor.ok()) << actor.status().ToString();
  auto published = (*actor)->PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(published.ok()) << published.status().ToString();
  EXPECT_EQ(published->kind, PublishKind::kOriginal);
  EXPECT_EQ(published->instances, 5);

  soap::SoapClientOptions as_consumer;
  as_consumer.http.tls = Tls(ca_.certificate, source_identity_);
  soap::SoapClient registry(region.Url("/xds/registry"), as_consumer);
  auto found = xds::testing::Query(registry, xds::testing::FindDocuments(xds::testing::kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->objects.size(), 1u);
  EXPECT_EQ(ihe::UniqueIdOf(found->objects[0]), published->document_unique_id);
}

TEST_F(DicomTlsTest, PublishingWithAnUntrustedRepositoryCertificateFails) {
  StartPacs();
  TlsRegion region;
  ASSERT_TRUE(region.Start(ca_.certificate, pki_.Issue("region", "repository.region.test")).ok());
  TempDir state;
  // The link shows a certificate from a CA the repository does not trust.
  auto config = Config::Parse(
      "[imaging_source]\nrepository_unique_id = \"1.3.6.1.4.1.21367.13.80.110\"\n"
      "repository_url = \"" + region.Url("/xds/repository") + "\"\nstate_dir = \"" + state.File("state") + "\"\n" +
      "[imaging_source.pacs]\nport = " + std::to_string(pacs_->dicom_port()) + "\ncalled_ae = \"TLSPACS\"\n" +
      TlsSection("imaging_source.pacs_tls", ca_.certificate, source_identity_) + "enabled = true\n" +
      TlsSection("imaging_source.repository_tls", ca_.certificate, rogue_identity_) + MetadataToml());
  ASSERT_TRUE(config.ok());
  http::HttpServer server;
  auto actor = ImagingSourceActor::Start(*config, server);
  ASSERT_TRUE(actor.ok()) << actor.status().ToString();
  auto published = (*actor)->PublishStudy(study_.study_instance_uid);
  ASSERT_FALSE(published.ok());
  // With TLS 1.3 the server refuses the client certificate after the client
  // finished its side of the handshake: the client may see "unreachable" or
  // "no answer" (OutcomeUnknown), never a RegistryResponse.
  EXPECT_NE(published.status().code(), Status::Code::kInvalidArgument) << published.status().ToString();
  soap::SoapClientOptions as_consumer;
  as_consumer.http.tls = Tls(ca_.certificate, source_identity_);
  soap::SoapClient registry(region.Url("/xds/registry"), as_consumer);
  auto found = xds::testing::Query(registry, xds::testing::FindDocuments(xds::testing::kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->objects.empty());
}

TEST_F(DicomTlsTest, EnabledWithoutCertificatesIsAConfigurationError) {
  auto config = Config::Parse("[imaging_source.pacs_tls]\nenabled = true\nca_file = \"" + ca_.certificate + "\"\n");
  ASSERT_TRUE(config.ok());
  auto tls = PacsTlsFrom(*config);
  EXPECT_EQ(tls.status().code(), Status::Code::kInvalidArgument);
  auto off = Config::Parse("[imaging_source.pacs_tls]\nenabled = false\n");
  ASSERT_TRUE(off.ok());
  auto none = PacsTlsFrom(*off);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace xds::imaging

// The audit trail (ATNA ITI-20) of what is not a SOAP exchange answered by
// the node: the imaging source's WADO-URI (RAD-55) and WADO-RS (RAD-107)
// answers, its RAD-68 submissions and the repository's ITI-42 as their
// source (110106 Export), and the patient of a RAD-69 study. Everything
// real on loopback: a dcmqrscp PACS, the imaging source, repository and
// registry on one node whose auditor sends to a real rsyslogd over TLS.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "imaging-source/imaging_source_actor.h"
#include "imaging-source/service/rad69_request.h"
#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/raw_http_client.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/security/audit_trail_fixture.h"
#include "tests/support/registry_server.h"
#include "wire/config/config.h"
#include "wire/http/http_server.h"
#include "wire/soap/envelope.h"
#include "wire/soap/soap_transport.h"

namespace xds::testing {
namespace {

using imaging::testing::DcmqrscpPacs;
using imaging::testing::RawRequest;

constexpr char kImagingSourceId[] = "1.3.6.1.4.1.21367.13.80.110";
// PatientID of a study whose patient the region does not know (kPatientB
// is never fed to the registry).
constexpr char kUnknownPatient[] = "LOC-9999";

class ImagingAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(trail_.Start().ok());
    ASSERT_TRUE(pacs_.Start().ok());
    imaging::testing::StudySpec spec;
    spec.series = {{"CT", "1.2.840.10008.1.2.1", 2, 32, 32, "CHEST"}};
    auto study = imaging::testing::GenerateStudy(spec, files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);
    ASSERT_TRUE(imaging::testing::LoadStudy(pacs_, study_).ok());

    port_ = imaging::testing::FreeLoopbackPort();
    const std::string base = "http://127.0.0.1:" + std::to_string(port_);
    auto config = Config::Parse(
        "[registry]\ndatabase = \"" + dir_.File("registry.db") + "\"\npath = \"/xds/registry\"\nmllp_port = 0\n" +
        "schema_dir = \"" + XDS_SCHEMA_DIR + "\"\n[repository]\nroot = \"" + dir_.File("repository") +
        "\"\nrepository_unique_id = \"1.3.6.1.4.1.21367.2017.3.101\"\npath = \"/xds/repository\"\n"
        "[imaging_source]\nrepository_unique_id = \"" + kImagingSourceId + "\"\nrepository_url = \"" + base +
        "/xds/repository\"\nstate_dir = \"" + dir_.File("imaging") + "\"\n[imaging_source.pacs]\nport = " +
        std::to_string(pacs_.port()) + "\ncalled_ae = \"" + DcmqrscpPacs::kAeTitle + "\"\ncalling_ae = \"XDSI_TEST\"\n" +
        "spool_dir = \"" + pacs_.dir() + "\"\n[imaging_source.metadata]\n"
        "source_id = \"1.3.6.1.4.1.21367.13.80.1\"\n"
        "class_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.1\", \"Images\"]\n"
        "type_code = [\"18748-4\", \"2.16.840.1.113883.6.1\", \"Diagnostic imaging study\"]\n"
        "confidentiality_code = [\"N\", \"2.16.840.1.113883.5.25\", \"Normal\"]\n"
        "healthcare_facility_type_code = [\"HOSP\", \"2.16.840.1.113883.5.11\", \"Hospital\"]\n"
        "practice_setting_code = [\"RAD\", \"1.3.6.1.4.1.21367.100.2\", \"Radiology\"]\n"
        "content_type_code = [\"IMG\", \"1.3.6.1.4.1.21367.100.3\", \"Imaging\"]\n"
        "local_assigning_authority = \"1.3.6.1.4.1.21367.13.20.3000\"\n"
        "issuer_authorities = [\"SITE-A=1.3.6.1.4.1.21367.13.20.3000\"]\n"
        "patient_id_map = [\"SITE-A|LOC-4711=" + std::string(kPatientA) + "\", \"LOC-4711=" + kPatientA +
        "\", \"SITE-A|LOC-9999=" + kPatientB + "\", \"LOC-9999=" + kPatientB + "\"]\n");
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    server_ = std::make_unique<http::HttpServer>();
    server_->set_auditor(trail_.auditor());  // before the actors mount
    auto registry = registry::RegistryActor::Start(*config, *server_);
    ASSERT_TRUE(registry.ok()) << registry.status().ToString();
    registry_ = std::move(*registry);
    ASSERT_TRUE(registry_->store().AddOrUpdatePatient({kPatientA, "DOE", "JANE", "19700101", "F"}).ok());
    local_ = std::make_unique<soap::LocalSoapTransport>(registry_->endpoint(), registry_->soap_path());
    auto repository = repository::RepositoryActor::Start(*config, *server_, local_.get());
    ASSERT_TRUE(repository.ok()) << repository.status().ToString();
    repository_ = std::move(*repository);
    auto imaging = imaging::ImagingSourceActor::Start(*config, *server_);
    ASSERT_TRUE(imaging.ok()) << imaging.status().ToString();
    imaging_ = std::move(*imaging);
    auto bound = server_->Start("127.0.0.1", port_);
    ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    imaging_.reset();
    repository_.reset();
    registry_.reset();
  }

  const imaging::testing::GeneratedInstance& Instance() const { return study_.series[0].instances[0]; }

  AuditTrailFixture trail_{"imaging-node.site-a.test"};
  TempDir dir_, files_;
  DcmqrscpPacs pacs_;
  imaging::testing::GeneratedStudy study_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<registry::RegistryActor> registry_;
  std::unique_ptr<soap::LocalSoapTransport> local_;
  std::unique_ptr<repository::RepositoryActor> repository_;
  std::unique_ptr<imaging::ImagingSourceActor> imaging_;
  int port_ = 0;
};

TEST_F(ImagingAuditTest, WadoUriRetrieveIsAuditedWithStudyAndPatient) {
  const auto& i = Instance();
  auto got = RawRequest(port_, "GET",
                        "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                            study_.series[0].series_instance_uid + "&objectUID=" + i.sop_instance_uid +
                            "&contentType=application/dicom",
                        "");
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->status, 200);
  // Refused: no such instance.
  auto missing = RawRequest(port_, "GET",
                            "/wado?requestType=WADO&studyUID=" + study_.study_instance_uid + "&seriesUID=" +
                                study_.series[0].series_instance_uid + "&objectUID=1.2.3.4&contentType=application/dicom",
                            "");
  ASSERT_TRUE(missing.ok());
  ASSERT_EQ(missing->status, 404);

  auto records = trail_.WaitForType("RAD-55", 2);
  ASSERT_EQ(records.size(), 2u);
  const AuditRecord& served = records[0].outcome == "0" ? records[0] : records[1];
  const AuditRecord& refused = records[0].outcome == "0" ? records[1] : records[0];
  EXPECT_EQ(served.event_id, "110104");
  EXPECT_EQ(served.action, "R");
  EXPECT_EQ(served.ObjectIds("110180"), std::vector<std::string>{study_.study_instance_uid});
  // The department's patient, under the affinity domain's id (as in the manifest).
  EXPECT_EQ(served.ObjectIds("2"), std::vector<std::string>{kPatientA});
  EXPECT_EQ(served.Participant("110153").Attr("NetworkAccessPointID"), "127.0.0.1");
  EXPECT_EQ(refused.outcome, "8");
  EXPECT_NE(refused.outcome_description.find("404"), std::string::npos) << refused.outcome_description;
  EXPECT_EQ(refused.ObjectIds("110180"), std::vector<std::string>{study_.study_instance_uid});
}

TEST_F(ImagingAuditTest, WadoRsRetrieveIsAuditedOnceStreamed) {
  auto got = RawRequest(port_, "GET", "/wado-rs/studies/" + study_.study_instance_uid,
                        "Accept: multipart/related; type=\"application/dicom\"\r\n");
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->status, 200);
  auto unknown = RawRequest(port_, "GET", "/wado-rs/studies/1.2.3.999", "");
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(unknown->status, 404);

  auto records = trail_.WaitForType("RAD-107", 2);
  ASSERT_EQ(records.size(), 2u);
  auto served = std::find_if(records.begin(), records.end(), [&](const AuditRecord& r) {
    return r.ObjectIds("110180") == std::vector<std::string>{study_.study_instance_uid};
  });
  ASSERT_NE(served, records.end());
  EXPECT_EQ(served->event_id, "110104");
  EXPECT_EQ(served->outcome, "0");
  EXPECT_EQ(served->ObjectIds("2"), std::vector<std::string>{kPatientA});
  auto refused = std::find_if(records.begin(), records.end(), [&](const AuditRecord& r) {
    return r.ObjectIds("110180") == std::vector<std::string>{"1.2.3.999"};
  });
  ASSERT_NE(refused, records.end());
  EXPECT_EQ(refused->outcome, "8");
  EXPECT_TRUE(refused->ObjectIds("2").empty());
}

TEST_F(ImagingAuditTest, Rad69RecordNamesTheStudyAndItsPatient) {
  imaging::Rad69Request request;
  request.transfer_syntaxes = {"1.2.840.10008.1.2.1"};
  imaging::Rad69StudyRequest st;
  st.study_instance_uid = study_.study_instance_uid;
  imaging::Rad69SeriesRequest se;
  se.series_instance_uid = study_.series[0].series_instance_uid;
  se.documents.push_back({"", kImagingSourceId, Instance().sop_instance_uid});
  st.series.push_back(se);
  request.studies.push_back(st);
  std::string envelope = soap::WriteRequestEnvelope(imaging::kActionRad69, "http://127.0.0.1/xds/imaging",
                                                    "urn:uuid:1", imaging::WriteRad69Request(request));
  auto got = RawRequest(port_, "POST", "/xds/imaging", "Content-Type: application/soap+xml\r\n", envelope);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->status, 200);

  auto records = trail_.WaitForType("RAD-69", 1);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].event_id, "110104");
  EXPECT_EQ(records[0].outcome, "0");
  EXPECT_EQ(records[0].ObjectIds("110180"), std::vector<std::string>{study_.study_instance_uid});
  EXPECT_EQ(records[0].ObjectIds("2"), std::vector<std::string>{kPatientA});
}

TEST_F(ImagingAuditTest, PublishingIsAuditedAsExportByTheImagingSourceAndTheRepository) {
  auto published = imaging_->PublishStudy(study_.study_instance_uid);
  ASSERT_TRUE(published.ok()) << published.status().ToString();

  // RAD-68 as its source (the imaging source), after the repository answered.
  auto rad68 = trail_.WaitForType("RAD-68", 1);
  ASSERT_EQ(rad68.size(), 1u);
  EXPECT_EQ(rad68[0].event_id, "110106");
  EXPECT_EQ(rad68[0].action, "R");
  EXPECT_EQ(rad68[0].outcome, "0");
  EXPECT_EQ(rad68[0].ObjectIds("2"), std::vector<std::string>{kPatientA});
  ASSERT_EQ(rad68[0].ObjectIds("urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd").size(), 1u);
  EXPECT_EQ(rad68[0].Participant("110152").Attr("UserID"), "http://127.0.0.1:" + std::to_string(port_) +
                                                               "/xds/repository");

  // ITI-42: once as its source (the repository), once as its destination
  // (the registry, in the same node).
  auto iti42 = trail_.WaitForType("ITI-42", 2);
  ASSERT_EQ(iti42.size(), 2u);
  auto exported = std::find_if(iti42.begin(), iti42.end(), [](const AuditRecord& r) { return r.event_id == "110106"; });
  ASSERT_NE(exported, iti42.end());
  EXPECT_EQ(exported->outcome, "0");
  EXPECT_EQ(exported->ObjectIds("2"), std::vector<std::string>{kPatientA});
  EXPECT_EQ(exported->ObjectIds("urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"),
            rad68[0].ObjectIds("urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd"));
}

TEST_F(ImagingAuditTest, RefusedPublicationIsAuditedAsAFailedExport) {
  // A study of a patient the registry does not know: it refuses the ITI-42,
  // the repository answers RAD-68 with Failure.
  imaging::testing::StudySpec spec;
  spec.patient_id = kUnknownPatient;
  spec.series = {{"CT", "1.2.840.10008.1.2.1", 1, 32, 32, "CHEST"}};
  auto study = imaging::testing::GenerateStudy(spec, files_.path());
  ASSERT_TRUE(study.ok());
  ASSERT_TRUE(imaging::testing::LoadStudy(pacs_, *study).ok());
  auto published = imaging_->PublishStudy(study->study_instance_uid);
  ASSERT_FALSE(published.ok());

  auto rad68 = trail_.WaitForType("RAD-68", 1);
  ASSERT_EQ(rad68.size(), 1u);
  EXPECT_EQ(rad68[0].event_id, "110106");
  EXPECT_EQ(rad68[0].outcome, "8");
  EXPECT_EQ(rad68[0].ObjectIds("2"), std::vector<std::string>{kPatientB});
  auto iti42 = trail_.WaitForType("ITI-42", 2);
  auto exported = std::find_if(iti42.begin(), iti42.end(), [](const AuditRecord& r) { return r.event_id == "110106"; });
  ASSERT_NE(exported, iti42.end());
  EXPECT_EQ(exported->outcome, "8");
  EXPECT_NE(exported->outcome_description.find("XDSUnknownPatientId"), std::string::npos)
      << exported->outcome_description;
}

}  // namespace
}  // namespace xds::testing

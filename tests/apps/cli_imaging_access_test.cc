// Sealing between structures for images (issue 7): a real xds-node in the
// regional mode (registry, repository and imaging source, mutual TLS,
// [access] sealing on) in front of a real dcmqrscp PACS. CHU's imaging
// source publishes a study (RAD-68); the clinic finds no manifest, cannot
// retrieve it (ITI-43) nor any image of the study (RAD-69, WADO-RS: the
// same answer as for an unknown study) until CHU's sharing rule for images
// is recorded; then `xds retrieve-study` brings every instance by RAD-69
// and by WADO-RS. The imaging source asks the registry of its process.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "tests/imaging-source/support/dcmqrscp_pacs.h"
#include "tests/imaging-source/support/site_config.h"
#include "tests/imaging-source/support/study_generator.h"
#include "tests/security/test_pki.h"
#include "tests/support/node_process.h"
#include "tests/support/program_run.h"
#include "tests/support/temp_dir.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "wire/http/http_client.h"
#include "wire/ihe/document_set.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_document.h"

namespace xds::testing {
namespace {

constexpr char kRepositoryId[] = "1.2.250.1.999.2.9";
constexpr char kImagingSourceId[] = "1.2.250.1.10.90.1";
constexpr char kPatient[] = "IMG-ACC-1^^^&1.3.6.1.4.1.21367.13.20.3000&ISO";

class CliImagingAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto study = imaging::testing::StartPacsWithStudy(pacs_, files_.path());
    ASSERT_TRUE(study.ok()) << study.status().ToString();
    study_ = std::move(*study);

    ca_ = pki_.MakeCa("region");
    PemFiles node = pki_.Issue("region", "dc1.region.test", {"IP:127.0.0.1"});
    for (const char* who : {"admin", "chu", "clinic"}) identity_[who] = pki_.Issue("region", std::string(who) + ".region.test");
    int port = FreeLoopbackPort();
    base_ = "https://127.0.0.1:" + std::to_string(port);
    imaging::PacsConfig pacs = pacs_.ClientConfig();
    config_ = dir_.File("node.toml");
    std::ofstream(config_)
        << "[server]\nhost = \"127.0.0.1\"\nport = " << port << "\n[log]\nlevel = \"warn\"\n"
        << "[tls]\nca_file = \"" << ca_.certificate << "\"\ncertificate_file = \"" << node.certificate
        << "\"\nprivate_key_file = \"" << node.private_key << "\"\n"
        << "[access]\nsealing = true\nadministrators = [\"cert-cn:admin.region.test\"]\n"
        // The node itself (its imaging source publishes to its repository
        // with the node's certificate), as examples/regional.toml lists it.
        << "enforcement_points = [\"cert-cn:dc1.region.test\"]\n"
        << "[access.structures.chu]\nsource_ids = [\"1.2.250.1.10\"]\nrequesters = [\"cert-cn:chu.region.test\"]\n"
        << "[access.structures.clinic]\nsource_ids = [\"1.2.250.1.20\"]\n"
        << "requesters = [\"cert-cn:clinic.region.test\"]\n"
        << "[access.consent]\nwithout_consent = \"opt-in\"\n"
        << "[registry]\ndatabase = \"" << dir_.File("registry.db") << "\"\nmllp_port = 0\n"
        << "durability = \"process-crash\"\nschema_dir = \"" << XDS_SCHEMA_DIR << "\"\n"
        << "[repository]\nroot = \"" << dir_.File("repository") << "\"\nrepository_unique_id = \"" << kRepositoryId
        << "\"\n"
        << "[imaging_source]\nrepository_unique_id = \"" << kImagingSourceId << "\"\n"
        << "repository_url = \"" << base_ << "/xds/repository\"\nstate_dir = \"" << dir_.File("imaging") << "\"\n"
        << "cache_max_mb = 0\n"
        << imaging::testing::SitePacsAndMetadataToml(pacs, "XDSI_ACC", dir_.path(), "1.2.250.1.10.90", kPatient);
    ProgramRun added = RunProgram(XDS_NODE_PATH, {"--config", config_, "add-patient", kPatient}, dir_.File("add.err"));
    ASSERT_EQ(added.exit_code, 0) << added.err;
    node_ = std::make_unique<NodeProcess>(XDS_NODE_PATH, config_, dir_.File("node.log"));
    ASSERT_TRUE(WaitUntilAccepts(port, 30)) << "xds-node did not start; see " << dir_.File("node.log");
  }

  ProgramRun Xds(const std::string& who, std::vector<std::string> args) {
    const PemFiles& id = identity_.at(who);
    args.insert(args.end(), {"--ca", ca_.certificate, "--cert", id.certificate, "--key", id.private_key});
    return RunProgram(XDS_CLI_PATH, args, dir_.File("cli.err"));
  }

  // `xds retrieve-study` as `who`, by RAD-69 or WADO-RS; the files written.
  ProgramRun RetrieveStudy(const std::string& who, const std::string& manifest, const std::string& way,
                           size_t* files) {
    std::string out = dir_.File(who + way);
    std::string endpoint = way == "--wado-rs" ? base_ + "/wado-rs" : base_ + "/xds/imaging";
    ProgramRun run = Xds(who, {"retrieve-study", "--repository", base_ + "/xds/repository", "--repository-id",
                               kRepositoryId, "--manifest", manifest, way, endpoint, "--out", out});
    *files = 0;
    if (std::filesystem::exists(out))
      for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out)) ++*files;
    return run;
  }

  // GET of the study's WADO-RS metadata as `who`: the HTTP status.
  int WadoRsStatus(const std::string& who) {
    http::HttpClientOptions o;
    http::TlsSettings tls;
    tls.ca_file = ca_.certificate;
    tls.certificate_file = identity_.at(who).certificate;
    tls.private_key_file = identity_.at(who).private_key;
    o.tls = tls;
    http::HttpClient client(base_, o);
    auto r = client.Get("/wado-rs/studies/" + study_.study_instance_uid + "/metadata");
    return r.ok() ? r->status : -1;
  }

  // RAD-69 for every instance of the study as `who`: the error codes of
  // the answer and the number of instances that came back.
  std::pair<std::vector<std::string>, size_t> Rad69(const std::string& who) {
    imaging::Rad69Request request;
    request.transfer_syntaxes = {"1.2.840.10008.1.2.1"};
    imaging::Rad69StudyRequest study{study_.study_instance_uid, {}};
    for (const auto& series : study_.series) {
      imaging::Rad69SeriesRequest s{series.series_instance_uid, {}};
      for (const auto& i : series.instances) s.documents.push_back({"", kImagingSourceId, i.sop_instance_uid});
      study.series.push_back(std::move(s));
    }
    request.studies.push_back(std::move(study));
    soap::SoapClientOptions o;
    http::TlsSettings tls;
    tls.ca_file = ca_.certificate;
    tls.certificate_file = identity_.at(who).certificate;
    tls.private_key_file = identity_.at(who).private_key;
    o.http.tls = tls;
    soap::SoapClient client(base_ + "/xds/imaging", o);
    auto reply = client.Call(imaging::kActionRad69, imaging::WriteRad69Request(request));
    if (!reply.ok()) throw std::runtime_error(reply.status().ToString());
    auto parsed = ihe::ReadRetrieveDocumentSetResponse(reply->body);
    if (!parsed.ok()) throw std::runtime_error(parsed.status().ToString());
    std::vector<std::string> codes;
    for (const auto& e : parsed->errors) codes.push_back(e.error_code);
    return {codes, parsed->documents.size()};
  }

  TempDir dir_, files_;
  TestPki pki_;
  PemFiles ca_;
  std::map<std::string, PemFiles> identity_;
  imaging::testing::DcmqrscpPacs pacs_;
  imaging::testing::GeneratedStudy study_;
  std::unique_ptr<NodeProcess> node_;
  std::string config_, base_;
};

TEST_F(CliImagingAccessTest, ImagesOfASealedStudyReachOnlyItsOwnerUntilASharingRuleGrantsThem) {
  ProgramRun publish =
      RunProgram(XDS_NODE_PATH, {"--config", config_, "publish-study", study_.study_instance_uid}, dir_.File("pub.err"));
  ASSERT_EQ(publish.exit_code, 0) << publish.out << publish.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(publish.out, m, std::regex("published\\t([0-9.]+)\\t"))) << publish.out;
  const std::string manifest = m[1];
  const size_t instances = study_.InstanceCount();

  // CHU sees and retrieves its own study both ways.
  size_t files = 0;
  ProgramRun own = RetrieveStudy("chu", manifest, "--imaging-source", &files);
  ASSERT_EQ(own.exit_code, 0) << own.err;
  EXPECT_EQ(files, instances);
  EXPECT_EQ(WadoRsStatus("chu"), 200);

  // The clinic: no manifest in its queries, the manifest refused, and the
  // study's images unknown to it.
  ProgramRun found = Xds("clinic", {"find", "--registry", base_ + "/xds/registry", "--patient", kPatient, "--json"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_EQ(found.out, "[]\n");
  ProgramRun refused = RetrieveStudy("clinic", manifest, "--imaging-source", &files);
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_EQ(files, 0u);
  EXPECT_EQ(WadoRsStatus("clinic"), 404);
  // Asked for the instances straight away (RAD-69), the imaging source
  // answers as for instances the PACS does not hold.
  auto [codes, returned] = Rad69("clinic");
  EXPECT_EQ(returned, 0u);
  EXPECT_EQ(codes, std::vector<std::string>(instances, "XDSDocumentUniqueIdError"));
  EXPECT_EQ(Rad69("chu").second, instances);

  // CHU shares its images with the clinic.
  ProgramRun rule = Xds("chu", {"sharing-rule", "add", "--registry", base_, "--id", "chu-images", "--owner", "chu",
                                "--grantee", "clinic", "--class-code", "IMAGES^1.3.6.1.4.1.19376.1.2.6.1"});
  ASSERT_EQ(rule.exit_code, 0) << rule.err;
  found = Xds("clinic", {"find", "--registry", base_ + "/xds/registry", "--patient", kPatient, "--json"});
  ASSERT_EQ(found.exit_code, 0) << found.err;
  EXPECT_NE(found.out.find(manifest), std::string::npos) << found.out;
  for (const std::string way : {"--imaging-source", "--wado-rs"}) {
    ProgramRun granted = RetrieveStudy("clinic", manifest, way, &files);
    ASSERT_EQ(granted.exit_code, 0) << way << " " << granted.err;
    EXPECT_EQ(files, instances) << way;
  }
  EXPECT_EQ(WadoRsStatus("clinic"), 200);
  EXPECT_EQ(Rad69("clinic").second, instances);
}

}  // namespace
}  // namespace xds::testing

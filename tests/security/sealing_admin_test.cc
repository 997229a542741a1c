// Sealing between structures (issue 7), the management side and the
// enforcement points: sharing rules recorded, versioned, revoked and
// expired through the registry's administration routes; who may manage
// them; the decision route the repository and the imaging source ask, and a
// repository on its own host applying it to ITI-43; a structure registering
// only under its own name (ITI-42, ITI-62 and ITI-41); the audit of what the
// policy withheld; open mode; the regional configuration the README shows.
// Fixture: sealing_fixture.h.
#include <chrono>

#include "tests/security/sealing_fixture.h"

namespace xds::testing {
namespace {

TEST_F(SealingTest, RevokedAndExpiredRulesNoLongerGrantAndEveryVersionIsKept) {
  access::SharingRule first;
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic(), &first), 201);
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(first.recorded_by.find("cert-subject:"), 0u) << first.recorded_by;
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ReportA", "ClinicA"}));

  access::SharingRule revoked = ChuSharesReportsWithClinic();
  revoked.revoked = true;
  access::SharingRule second;
  ASSERT_EQ(PostRule("admin", revoked, &second), 201);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA"}));

  access::SharingRule expired = ChuSharesReportsWithClinic();
  expired.valid_until = "20200101";
  ASSERT_EQ(PostRule("admin", expired), 201);
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA"}));

  auto client = Http("admin");
  auto history = client.Get("/access/sharing-rules/history?id=chu-reports-to-clinic");
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->status, 200) << history->body;
  auto versions = access::SharingRulesFromJson(history->body);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 3u);
  EXPECT_FALSE((*versions)[0].revoked);
  EXPECT_TRUE((*versions)[1].revoked);
  EXPECT_EQ((*versions)[2].valid_until, "20200101");
}

TEST_F(SealingTest, AdministratorsAndOwnersManageRulesAndBadRulesAreRefused) {
  // Another structure cannot grant access to CHU's documents, nor can a
  // certificate of no structure.
  EXPECT_EQ(PostRule("clinic", ChuSharesReportsWithClinic()), 403);
  EXPECT_EQ(PostRule("stranger", ChuSharesReportsWithClinic()), 403);
  access::SharingRule unknown_grantee = ChuSharesReportsWithClinic();
  unknown_grantee.grantees = {"nowhere"};
  EXPECT_EQ(PostRule("admin", unknown_grantee), 400);
  access::SharingRule bad_class = ChuSharesReportsWithClinic();
  bad_class.class_codes = {"REPORTS"};
  EXPECT_EQ(PostRule("admin", bad_class), 400);
  // A rule id belongs to its owner: the clinic cannot take CHU's rule over.
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  access::SharingRule hijack = ChuSharesReportsWithClinic();
  hijack.owner = "clinic";
  EXPECT_EQ(PostRule("admin", hijack), 400);

  // CHU manages its own rule: a new version, recorded under its name.
  access::SharingRule by_owner = ChuSharesReportsWithClinic();
  by_owner.valid_until = "20301231";
  access::SharingRule stored;
  ASSERT_EQ(PostRule("chu", by_owner, &stored), 201);
  EXPECT_EQ(stored.version, 2);
  EXPECT_NE(stored.recorded_by.find("chu.region.test"), std::string::npos) << stored.recorded_by;

  // The clinic lists only its own rules (none), the stranger nothing.
  auto clinic = Http("clinic");
  auto listed = clinic.Get("/access/sharing-rules");
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(listed->body, "[]");
  auto history = clinic.Get("/access/sharing-rules/history?id=chu-reports-to-clinic");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->status, 404);
  auto stranger = Http("stranger");
  auto refused = stranger.Get("/access/sharing-rules");
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403);
  auto admin = Http("admin");
  auto rules = admin.Get("/access/sharing-rules");
  ASSERT_TRUE(rules.ok());
  ASSERT_EQ(rules->status, 200);
  auto parsed = access::SharingRulesFromJson(rules->body);
  ASSERT_TRUE(parsed.ok());
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].owner, "chu");
}

TEST_F(SealingTest, EnforcementPointsAskTheRegistryOnBehalfOfTheRequester) {
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  access::AccessQuestion question;
  question.requester.address = "192.0.2.7";
  http::PeerCertificate clinic_cert;
  clinic_cert.common_name = "clinic.region.test";
  clinic_cert.subject = "CN=clinic.region.test";
  question.requester.certificate = clinic_cert;
  question.document_unique_ids = {unique_.at("ReportA"), unique_.at("ImagesA"), unique_.at("ClinicA"),
                                  "1.2.3.4.5.6.7.404"};

  auto repository = Http("repository");
  auto answer = repository.Post("/access/decide", "application/json", access::ToJson(question));
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  ASSERT_EQ(answer->status, 200) << answer->body;
  auto decided = access::AccessAnswerFromJson(answer->body);
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(decided->document_unique_ids,
            (std::vector<std::string>{unique_.at("ReportA"), unique_.at("ClinicA")}));

  // The enforcement point itself is infrastructure, not a structure: its
  // own queries (a repository checking what it registered) see everything.
  EXPECT_EQ(Titles("repository", kPatientB), (Names{"ReportB", "ConsentB"}));

  // Only a listed enforcement point may ask; a structure cannot probe.
  auto clinic = Http("clinic");
  auto refused = clinic.Post("/access/decide", "application/json", access::ToJson(question));
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403);
  auto malformed = repository.Post("/access/decide", "application/json", "{\"requester\": 3");
  ASSERT_TRUE(malformed.ok());
  EXPECT_EQ(malformed->status, 400);
}

TEST(RegionalConfiguration, TheConfigurationTheReadmeShowsSealsStructures) {
  auto config = Config::LoadFile(std::string(XDS_TESTDATA_DIR) + "/../../examples/regional.toml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  auto access = registry::AccessOptions::FromConfig(*config);
  ASSERT_TRUE(access.ok()) << access.status().ToString();
  EXPECT_TRUE(access->sealing);
  EXPECT_TRUE(access->structures.Knows("chu-nord"));
  EXPECT_EQ(access->structures.OfSource("1.2.250.1.1.42"), "chu-nord");
  EXPECT_EQ(access->structures.OfSource("1.2.250.1.12"), std::nullopt);  // not below 1.2.250.1.1
  EXPECT_FALSE(access->consent.opt_in_policies.empty());
  EXPECT_TRUE(config->Has("tls.certificate_file"));
}

TEST_F(SealingTest, OpenModeShowsEverythingToAnyTrustedClient) {
  PemFiles server = pki_.Issue("region", "registry2.region.test", {"IP:127.0.0.1"});
  node_ = std::make_unique<RegistryNode>(NodeToml(server, /*sealing=*/false));
  RegisterFixtures();
  EXPECT_EQ(Titles("stranger", kPatientA), (Names{"ReportA", "ImagesA", "ConsentA", "AddendumA", "ClinicA"}));
  EXPECT_EQ(Titles("home", kPatientB), (Names{"ReportB", "ConsentB"}));
}

TEST_F(SealingTest, WhatThePolicyWithholdsIsAudited) {
  PemFiles arr = pki_.Issue("region", "arr.region.test");
  RsyslogReceiver receiver(ca_.certificate, arr.certificate, arr.private_key);
  receiver.Start();
  PemFiles server = pki_.Issue("region", "registry3.region.test", {"IP:127.0.0.1"});
  node_ = std::make_unique<RegistryNode>(NodeToml(
      server, /*sealing=*/true,
      "[audit]\ntransport = \"tls\"\nhost = \"127.0.0.1\"\nport = " + std::to_string(receiver.tls_port()) +
          "\nspool_dir = \"" + dir_.File("audit-spool") + "\"\napp_name = \"xds-registry\"\n"));
  RegisterFixtures();
  const size_t before = receiver.WaitFor(1, std::chrono::seconds(10)).size();
  // The home sees none of patient A's five documents: one ITI-18 record
  // as it saw the answer (success, empty), one of what was withheld.
  EXPECT_TRUE(Titles("home", kPatientA).empty());
  std::vector<ReceivedRecord> records;
  bool found = false;
  // The withheld-objects record may arrive after the query's: wait for one
  // more record at a time until it is there (bounded).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!found && std::chrono::steady_clock::now() < deadline) {
    records = receiver.WaitFor(std::max(before + 2, records.size() + 1), std::chrono::seconds(1));
    for (const auto& r : records)
      found = found || (r.msg.find("access policy withheld 5 object(s)") != std::string::npos);
  }
  ASSERT_TRUE(found) << "no withheld-objects record among " << records.size();
  for (const auto& r : records) {
    if (r.msg.find("access policy withheld 5 object(s)") == std::string::npos) continue;
    auto doc = xml::XmlDocument::Parse(r.msg);
    ASSERT_TRUE(doc.ok()) << r.msg;
    EXPECT_NE(r.msg.find("EventOutcomeIndicator=\"4\""), std::string::npos) << r.msg;
    EXPECT_NE(r.msg.find("csd-code=\"ITI-18\""), std::string::npos) << r.msg;
    EXPECT_NE(r.msg.find("CN=home.region.test"), std::string::npos) << r.msg;
    EXPECT_NE(r.msg.find("object(s): urn:uuid:"), std::string::npos) << r.msg;
  }
}

// A repository on its own host, registering with the sealed registry and
// asking it (POST /access/decide, mutual TLS) before every ITI-43, as
// xds-node wires it from [access] decision_url.
struct RepositoryNode {
  std::unique_ptr<http::HttpServer> server;
  std::unique_ptr<access::RemoteDecisionPoint> decisions;
  std::unique_ptr<repository::RepositoryActor> repository;
  int port = 0;

  explicit RepositoryNode(const std::string& toml) {
    auto config = Config::Parse(toml);
    if (!config.ok()) throw std::runtime_error(config.status().ToString());
    auto tls = ServerTlsFromConfig(*config);
    if (!tls.ok()) throw std::runtime_error(tls.status().ToString());
    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = *tls;
    server = std::make_unique<http::HttpServer>(options);
    auto remote = access::RemoteDecisionPointFromConfig(*config);
    if (!remote.ok() || !*remote) throw std::runtime_error("no decision point configured");
    decisions = std::move(*remote);
    auto actor = repository::RepositoryActor::Start(*config, *server, nullptr, decisions.get());
    if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
    repository = std::move(*actor);
    auto bound = server->Start("127.0.0.1", 0);
    if (!bound.ok()) throw std::runtime_error(bound.status().ToString());
    port = *bound;
  }
  ~RepositoryNode() {
    server->Stop();
    repository.reset();
  }
  std::string Url() const { return "https://127.0.0.1:" + std::to_string(port) + "/xds/repository"; }
};

// The repository of these tests: repositoryUniqueId 1.2.250.1.10.99,
// registering with the fixture's registry and asking it for decisions,
// both with the "repository" certificate (an enforcement point).
class SealedRepositoryTest : public SealingTest {
 protected:
  std::unique_ptr<RepositoryNode> StartRepository() {
    const PemFiles& repo = identity_.at("repository");
    PemFiles server = pki_.Issue("region", "repository.region.test", {"IP:127.0.0.1"});
    const std::string link = "ca_file = \"" + ca_.certificate + "\"\ncertificate_file = \"" + repo.certificate +
                             "\"\nprivate_key_file = \"" + repo.private_key + "\"\n";
    return std::make_unique<RepositoryNode>(
        "[tls]\nca_file = \"" + ca_.certificate + "\"\ncertificate_file = \"" + server.certificate +
        "\"\nprivate_key_file = \"" + server.private_key + "\"\n" + "[repository]\nroot = \"" +
        dir_.File("repository") + "\"\nrepository_unique_id = \"1.2.250.1.10.99\"\nregistry_timeout_seconds = 5\n" +
        "registry_url = \"" + node_->Base() + "/xds/registry\"\n[repository.registry_tls]\n" + link +
        "[access]\ndecision_url = \"" + node_->Base() + "\"\n[access.decision_tls]\n" + link);
  }
};

TEST_F(SealedRepositoryTest, RepositoryHandsOutOnlyWhatTheRegistryAllowsAndDenialsLookLikeUnknownDocuments) {
  ASSERT_EQ(PostRule("admin", ChuSharesReportsWithClinic()), 201);
  std::unique_ptr<RepositoryNode> node = StartRepository();
  const std::string url = node->Url();

  // CHU provides a report and images for patient A (opt-in).
  soap::SoapClient chu(url, As("chu"));
  SubmissionBuilder b(kPatientA);
  SetSourceId(b, kChuSource);
  b.AddDocument("Report", OfClass("REPORTS"));
  b.AddDocument("Images", OfClass("IMAGES"));
  OmitRepositoryAttributes(b, "Report");
  OmitRepositoryAttributes(b, "Images");
  auto provided = Provide(chu, b, {{"Report", "the report"}, {"Images", "the images"}});
  ASSERT_TRUE(provided.ok()) << provided.status().ToString();
  ASSERT_TRUE(provided->success()) << ErrorCodes(provided->errors).front();
  const std::string report = ihe::UniqueIdOf(b.Object("Report")), images = ihe::UniqueIdOf(b.Object("Images"));
  const std::vector<ihe::DocumentRequest> both = {{"", "1.2.250.1.10.99", report}, {"", "1.2.250.1.10.99", images}};

  auto owner = Retrieve(chu, both);
  ASSERT_TRUE(owner.ok()) << owner.status().ToString();
  EXPECT_EQ(owner->bytes[report], "the report");
  EXPECT_EQ(owner->bytes[images], "the images");

  // The clinic is granted reports only: the images are refused with the
  // words an unknown document gets.
  soap::SoapClient clinic(url, As("clinic"));
  auto granted = Retrieve(clinic, both);
  ASSERT_TRUE(granted.ok()) << granted.status().ToString();
  EXPECT_EQ(granted->bytes[report], "the report");
  EXPECT_FALSE(granted->bytes.count(images));
  ASSERT_EQ(ErrorCodes(granted->response.errors), (std::vector<std::string>{"XDSDocumentUniqueIdError"}));
  auto unknown = Retrieve(chu, {{"", "1.2.250.1.10.99", "1.2.250.1.10.99.404"}});
  ASSERT_TRUE(unknown.ok());
  ASSERT_EQ(unknown->response.errors.size(), 1u);
  EXPECT_EQ(granted->response.errors[0].code_context.substr(0, 9), unknown->response.errors[0].code_context.substr(0, 9));
  EXPECT_NE(granted->response.errors[0].code_context.find("is not in this repository"), std::string::npos);

  // The nursing home and a certificate of no structure get nothing.
  for (const char* who : {"home", "stranger"}) {
    soap::SoapClient other(url, As(who));
    auto refused = Retrieve(other, both);
    ASSERT_TRUE(refused.ok()) << refused.status().ToString();
    EXPECT_TRUE(refused->bytes.empty()) << who;
    EXPECT_EQ(refused->response.errors.size(), 2u) << who;
  }
}


// A structure registers only under its own name and changes only its own
// documents: otherwise the clinic could write documents the CHU would own,
// or deprecate the CHU's report with a replacement. Directly at the
// registry (ITI-42, ITI-62) and through a repository on its own host
// (ITI-41), which asks the registry before it keeps anything.
TEST_F(SealedRepositoryTest, AStructureRegistersOnlyUnderItsOwnNameAndChangesOnlyItsOwnDocuments) {
  const std::string registry_url = node_->Base() + "/xds/registry";
  auto refused_with = [](const Result<ihe::RegistryResponse>& r, const std::string& code, const std::string& words) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_FALSE(r->success());
    ASSERT_EQ(ErrorCodes(r->errors), (std::vector<std::string>{code}));
    EXPECT_NE(r->errors[0].code_context.find(words), std::string::npos) << r->errors[0].code_context;
  };

  // The clinic's certificate with the CHU's sourceId.
  soap::SoapClient clinic(registry_url, As("clinic"));
  SubmissionBuilder forged(kPatientA);
  SetSourceId(forged, kChuSource);
  forged.AddDocument("Forged");
  refused_with(Register(clinic, forged), "XDSRegistryError", "would belong to another structure");

  // A certificate of no structure registers nothing.
  soap::SoapClient stranger(registry_url, As("stranger"));
  SubmissionBuilder anonymous(kPatientA);
  SetSourceId(anonymous, kChuSource);
  anonymous.AddDocument("Anonymous");
  refused_with(Register(stranger, anonymous), "XDSRegistryError", "proves no structure");

  // Under its own name, the clinic may not replace the CHU's report, nor
  // remove its metadata.
  SubmissionBuilder replacement(kPatientA);
  SetSourceId(replacement, kClinicSource);
  replacement.AddDocument("Replacement");
  replacement.AddAssociation(std::string(vocab::kRplc), "Replacement", uuid_.at("ReportA"));
  refused_with(Register(clinic, replacement), "XDSRegistryError", "only its own");
  refused_with(Remove(clinic, {uuid_.at("ReportA")}), "XDSRegistryError", "only its own");

  // Nothing of it was registered; the CHU's report is still Approved.
  EXPECT_EQ(Titles("chu", kPatientA), (Names{"ReportA", "ImagesA", "ConsentA", "AddendumA"}));
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA"}));

  // The CHU replaces its own report.
  SubmissionBuilder own(kPatientA);
  SetSourceId(own, kChuSource);
  own.AddDocument("ReportA2");
  own.AddAssociation(std::string(vocab::kRplc), "ReportA2", uuid_.at("ReportA"));
  RegisterAs("chu", own);
  // (Its addendum is deprecated with it, ITI TF-3 4.2.2.2.3.)
  EXPECT_EQ(Titles("chu", kPatientA), (Names{"ReportA2", "ImagesA", "ConsentA"}));

  // Through a repository on its own host: the clinic's ITI-41 under the
  // CHU's name is refused before anything is kept.
  std::unique_ptr<RepositoryNode> node = StartRepository();
  const std::string url = node->Url();
  soap::SoapClient clinic_at_repository(url, As("clinic"));
  SubmissionBuilder provided(kPatientA);
  SetSourceId(provided, kChuSource);
  provided.AddDocument("ForgedReport");
  OmitRepositoryAttributes(provided, "ForgedReport");
  refused_with(Provide(clinic_at_repository, provided, {{"ForgedReport", "not the CHU's words"}}),
               "XDSRepositoryError", "would belong to another structure");
  const std::string forged_id = ihe::UniqueIdOf(provided.Object("ForgedReport"));
  auto kept = Retrieve(clinic_at_repository, {{"", "1.2.250.1.10.99", forged_id}});
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_TRUE(kept->bytes.empty());

  // Under its own name it goes through.
  SubmissionBuilder clinic_report(kPatientA);
  SetSourceId(clinic_report, kClinicSource);
  clinic_report.AddDocument("ClinicReport");
  OmitRepositoryAttributes(clinic_report, "ClinicReport");
  auto accepted = Provide(clinic_at_repository, clinic_report, {{"ClinicReport", "the clinic's words"}});
  ASSERT_TRUE(accepted.ok()) << accepted.status().ToString();
  ASSERT_TRUE(accepted->success()) << ErrorCodes(accepted->errors).front();
  EXPECT_EQ(Titles("clinic", kPatientA), (Names{"ClinicA", "ClinicReport"}));
}

}  // namespace
}  // namespace xds::testing

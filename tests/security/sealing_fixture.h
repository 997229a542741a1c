// The sealing tests' common ground (sealing_query_test.cc,
// sealing_admin_test.cc): a registry node behind mutual TLS started from a
// TOML text as xds-node starts it (with [audit] and [xua] when given), the
// structures CHU, clinic and nursing home with their certificates, and the
// documents every test starts from:
//   CHU, patient A (opt-in): ReportA (REPORTS), ImagesA and AddendumA
//     (IMAGES, APND to ReportA), ConsentA, FolderA holding ImagesA;
//   CHU, patient B (opt-out): ReportB, ConsentB; patient C (no consent): ReportC;
//   clinic, patient A: ClinicA.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/security/rsyslog_receiver.h"
#include "tests/security/test_pki.h"
#include "tests/security/xua_assertions.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "tests/support/repository_calls.h"
#include "wire/access/access_decision.h"
#include "wire/access/access_messages.h"
#include "wire/audit/audit_config.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/config/config.h"
#include "wire/config/tls_config.h"
#include "wire/http/http_client.h"
#include "wire/http/http_server.h"
#include "wire/ihe/stored_queries.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/security/xua_verifier.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_document.h"

namespace xds::testing {

inline constexpr char kPatientC[] = "PAT-C^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";
inline constexpr char kChuSource[] = "1.2.250.1.10.7";  // below CHU's root 1.2.250.1.10
inline constexpr char kClinicSource[] = "1.2.250.1.20";
inline constexpr char kOptInPolicy[] = "1.2.250.1.999.7.1";
inline constexpr char kOptOutPolicy[] = "1.2.250.1.999.7.2";
inline const std::string kReports = std::string("REPORTS^") + kClassScheme;

struct RegistryNode {
  // With an [audit] section, the node's audit trail, as xds-node builds it.
  std::unique_ptr<audit::SyslogAuditSink> audit_sink;
  std::unique_ptr<audit::TransactionAuditor> auditor;
  // With an [xua] section, the verifier of user assertions.
  std::unique_ptr<security::XuaVerifier> xua;
  std::unique_ptr<http::HttpServer> server;
  std::unique_ptr<registry::RegistryActor> registry;
  int port = 0;

  explicit RegistryNode(const std::string& toml) {
    auto config = Config::Parse(toml);
    if (!config.ok()) throw std::runtime_error(config.status().ToString());
    auto tls = ServerTlsFromConfig(*config);
    if (!tls.ok()) throw std::runtime_error(tls.status().ToString());
    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = *tls;
    server = std::make_unique<http::HttpServer>(options);
    auto sink = audit::StartAuditSinkFromConfig(*config);
    if (!sink.ok()) throw std::runtime_error(sink.status().ToString());
    if (*sink) {
      audit_sink = std::move(*sink);
      auditor = std::make_unique<audit::TransactionAuditor>(*audit_sink, audit::AuditSourceFromConfig(*config),
                                                            "https://127.0.0.1");
      server->set_auditor(auditor.get());
    }
    auto verifier = security::XuaVerifierFromConfig(*config);
    if (!verifier.ok()) throw std::runtime_error(verifier.status().ToString());
    xua = std::move(*verifier);
    server->set_xua_verifier(xua.get());
    auto actor = registry::RegistryActor::Start(*config, *server);
    if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
    registry = std::move(*actor);
    for (const char* p : {kPatientA, kPatientB, kPatientC})
      if (!registry->store().AddOrUpdatePatient({p, "TEST", "Patient", "19700101", "F"}).ok())
        throw std::runtime_error("cannot add test patients");
    auto bound = server->Start("127.0.0.1", 0);
    if (!bound.ok()) throw std::runtime_error(bound.status().ToString());
    port = *bound;
  }
  ~RegistryNode() {
    server->Stop();
    registry.reset();
  }
  std::string Base() const { return "https://127.0.0.1:" + std::to_string(port); }
};

inline void SetSourceId(SubmissionBuilder& b, const std::string& source_id) {
  for (auto& e : b.SubmissionSet().external_identifiers)
    if (e.identification_scheme == vocab::kSsSourceId) e.value = source_id;
}

inline DocumentOptions Consent(const std::string& policy) {
  DocumentOptions o;
  o.class_code = "CONSENT";
  o.format_code = "urn:ihe:iti:bppc:2007";
  o.event_codes = {policy};
  o.service_start_time = "20200101000000";
  o.service_stop_time = "";
  return o;
}

inline DocumentOptions OfClass(const std::string& class_code) {
  DocumentOptions o;
  o.class_code = class_code;
  return o;
}

class SealingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    PemFiles registry_identity = pki_.Issue("region", "registry.region.test", {"IP:127.0.0.1"});
    for (const char* who : {"chu", "clinic", "home", "stranger", "admin", "repository"})
      identity_[who] = pki_.Issue("region", std::string(who) + ".region.test");
    node_ = std::make_unique<RegistryNode>(NodeToml(registry_identity, /*sealing=*/true));
    RegisterFixtures();
  }

  std::string NodeToml(const PemFiles& server, bool sealing, const std::string& extra = {}) {
    return "[tls]\nca_file = \"" + ca_.certificate + "\"\ncertificate_file = \"" + server.certificate +
           "\"\nprivate_key_file = \"" + server.private_key + "\"\n" +
           "[registry]\ndatabase = \"" + dir_.File("registry-" + std::to_string(++nodes_) + ".db") +
           "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" + XDS_SCHEMA_DIR + "\"\n" +
           "[access]\nsealing = " + (sealing ? "true" : "false") +
           "\nadministrators = [\"cert-cn:admin.region.test\"]\n"
           "enforcement_points = [\"cert-cn:repository.region.test\"]\n"
           "[access.structures.chu]\nname = \"CHU\"\nsource_ids = [\"1.2.250.1.10\"]\n"
           "requesters = [\"cert-cn:chu.region.test\", \"org:urn:oid:1.2.250.1.10\"]\n"
           "[access.structures.clinic]\nsource_ids = [\"1.2.250.1.20\"]\n"
           "requesters = [\"cert-cn:clinic.region.test\", \"org:urn:oid:1.2.250.1.20\"]\n"
           "[access.structures.home]\nsource_ids = [\"1.2.250.1.30\"]\n"
           "requesters = [\"cert-cn:home.region.test\"]\n"
           "[access.consent]\nopt_in_policies = [\"" + kOptInPolicy + "\"]\nopt_out_policies = [\"" +
           kOptOutPolicy + "\"]\nwithout_consent = \"opt-out\"\n" + extra;
  }

  soap::SoapClientOptions As(const std::string& who) const {
    soap::SoapClientOptions o;
    http::TlsSettings tls;
    tls.ca_file = ca_.certificate;
    tls.certificate_file = identity_.at(who).certificate;
    tls.private_key_file = identity_.at(who).private_key;
    o.http.tls = tls;
    return o;
  }

  void RegisterAs(const std::string& who, SubmissionBuilder& b) {
    soap::SoapClient client(node_->Base() + "/xds/registry", As(who));
    auto r = Register(client, b);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->success()) << ErrorCodes(r->errors).front();
  }

  // CHU: patient A (opt-in) has a report, images, a folder holding the
  // images, an addendum to the report of class IMAGES; patient B (opt-out)
  // and patient C (no consent) have a report each. The clinic has a report
  // of its own for patient A.
  void RegisterFixtures() {
    SubmissionBuilder a(kPatientA);
    SetSourceId(a, kChuSource);
    a.AddDocument("ReportA");
    a.AddDocument("ImagesA", OfClass("IMAGES"));
    a.AddDocument("ConsentA", Consent(kOptInPolicy));
    a.AddFolder("FolderA");
    a.AddAssociation(std::string(vocab::kHasMember), "FolderA", "ImagesA");
    RegisterAs("chu", a);
    unique_["ReportA"] = ihe::UniqueIdOf(a.Object("ReportA"));
    unique_["ImagesA"] = ihe::UniqueIdOf(a.Object("ImagesA"));

    SubmissionBuilder b(kPatientB);
    SetSourceId(b, kChuSource);
    b.AddDocument("ReportB");
    b.AddDocument("ConsentB", Consent(kOptOutPolicy));
    RegisterAs("chu", b);

    SubmissionBuilder c(kPatientC);
    SetSourceId(c, kChuSource);
    c.AddDocument("ReportC");
    RegisterAs("chu", c);

    SubmissionBuilder clinic(kPatientA);
    SetSourceId(clinic, kClinicSource);
    clinic.AddDocument("ClinicA");
    RegisterAs("clinic", clinic);
    unique_["ClinicA"] = ihe::UniqueIdOf(clinic.Object("ClinicA"));

    // Everything is the owner's to see: learn the entryUUIDs as CHU.
    for (const char* patient : {kPatientA, kPatientB, kPatientC})
      for (const auto& o : Find("chu", patient)) uuid_[Title(o)] = o.id;
    auto folders = Run("chu", StoredQuery(std::string(ihe::query_id::kFindFolders),
                                          {{"$XDSFolderPatientId", Quoted(kPatientA)},
                                           {"$XDSFolderStatus", "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"}}));
    ASSERT_EQ(folders.objects.size(), 1u);
    uuid_["FolderA"] = folders.objects[0].id;

    SubmissionBuilder addendum(kPatientA);
    SetSourceId(addendum, kChuSource);
    addendum.AddDocument("AddendumA", OfClass("IMAGES"));
    addendum.AddAssociation(std::string(vocab::kApnd), "AddendumA", uuid_.at("ReportA"));
    RegisterAs("chu", addendum);
    for (const auto& o : Find("chu", kPatientA)) uuid_[Title(o)] = o.id;
  }

  // SubmissionBuilder titles a document "Document <builder id>".
  static std::string Title(const ihe::RegistryObject& o) {
    return o.name.rfind("Document ", 0) == 0 ? o.name.substr(9) : o.name;
  }

  ihe::AdhocQueryResponse Run(const std::string& who, const ihe::AdhocQueryRequest& request) {
    soap::SoapClient client(node_->Base() + "/xds/registry", As(who));
    auto r = Query(client, request);
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    if (!r->errors.empty()) throw std::runtime_error("query errors: " + ErrorCodes(r->errors).front());
    return *r;
  }

  std::vector<ihe::RegistryObject> Find(const std::string& who, const std::string& patient) {
    return Run(who, FindDocuments(patient)).objects;
  }

  std::set<std::string> Titles(const std::string& who, const std::string& patient) {
    std::set<std::string> out;
    for (const auto& o : Find(who, patient)) out.insert(Title(o));
    return out;
  }

  // The same, the request carrying a signed XUA assertion for a user of
  // `organization_id` with `purpose`.
  std::set<std::string> TitlesWithAssertion(const std::string& who, const std::string& patient,
                                            const std::string& organization_id, const std::string& purpose) {
    AssertionSpec spec;
    spec.organization_id = organization_id;
    spec.purpose_code = purpose;
    soap::SoapClientOptions options = As(who);
    options.header_blocks.push_back(SecurityHeader(Signed(AssertionXml(spec), idp_)));
    soap::SoapClient client(node_->Base() + "/xds/registry", options);
    auto r = Query(client, FindDocuments(patient));
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    std::set<std::string> out;
    for (const auto& o : r->objects) out.insert(Title(o));
    return out;
  }

  // The ids of every object an answer holds.
  static std::set<std::string> Ids(const ihe::AdhocQueryResponse& r) {
    std::set<std::string> out;
    for (const auto& o : r.objects) out.insert(o.id);
    for (const auto& id : r.object_refs) out.insert(id);
    return out;
  }

  http::HttpClient Http(const std::string& who) const {
    http::HttpClientOptions o;
    o.tls = *As(who).http.tls;
    return http::HttpClient(node_->Base(), o);
  }

  // Records a rule as the administrator; returns the HTTP status.
  int PostRule(const std::string& who, const access::SharingRule& rule, access::SharingRule* stored = nullptr) {
    auto client = Http(who);
    auto r = client.Post("/access/sharing-rules", "application/json", access::ToJson(rule));
    if (!r.ok()) throw std::runtime_error(r.status().ToString());
    if (stored && r->status == 201) {
      auto parsed = access::SharingRuleFromJson(r->body);
      if (!parsed.ok()) throw std::runtime_error(parsed.status().ToString());
      *stored = *parsed;
    }
    return r->status;
  }

  access::SharingRule ChuSharesReportsWithClinic() {
    access::SharingRule rule;
    rule.id = "chu-reports-to-clinic";
    rule.owner = "chu";
    rule.grantees = {"clinic"};
    rule.class_codes = {kReports};
    rule.valid_until = "20991231";
    return rule;
  }

  TestPki pki_;
  TempDir dir_;
  PemFiles ca_, idp_;
  std::map<std::string, PemFiles> identity_;
  std::unique_ptr<RegistryNode> node_;
  int nodes_ = 0;
  std::map<std::string, std::string> uuid_;    // builder id → entryUUID
  std::map<std::string, std::string> unique_;  // builder id → uniqueId
};

using Names = std::set<std::string>;

}  // namespace xds::testing

// The XDS transactions over mutual TLS end to end (ATNA ITI-19): a real
// registry behind an HTTPS listener answers ITI-42 and ITI-18 from a
// SoapClient that shows a trusted certificate; a real repository, itself
// behind HTTPS, registers its ITI-41 submissions with that registry over
// mutual TLS, configured from TOML exactly as xds-node reads it.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/security/test_pki.h"
#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "tests/support/repository_calls.h"
#include "wire/config/config.h"
#include "wire/config/tls_config.h"
#include "wire/http/http_server.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/soap/soap_client.h"

namespace xds::testing {
namespace {

// One node of the region: its HTTPS listener and the actors on it, started
// from a TOML text the way apps/node_main.cc starts them.
struct TlsNode {
  std::unique_ptr<http::HttpServer> server;
  std::unique_ptr<registry::RegistryActor> registry;
  std::unique_ptr<repository::RepositoryActor> repository;
  int port = 0;

  explicit TlsNode(const std::string& toml, bool with_registry) {
    auto config = Config::Parse(toml);
    if (!config.ok()) throw std::runtime_error(config.status().ToString());
    auto tls = ServerTlsFromConfig(*config);
    if (!tls.ok()) throw std::runtime_error(tls.status().ToString());
    http::HttpServerOptions options;
    options.thread_count = 4;
    options.tls = *tls;
    server = std::make_unique<http::HttpServer>(options);
    if (with_registry) {
      auto actor = registry::RegistryActor::Start(*config, *server);
      if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
      registry = std::move(*actor);
      for (const char* p : {kPatientA, kPatientB})
        if (!registry->store().AddOrUpdatePatient({p, "TEST", "Patient", "19700101", "F"}).ok())
          throw std::runtime_error("cannot add test patients");
    } else {
      auto actor = repository::RepositoryActor::Start(*config, *server, nullptr);
      if (!actor.ok()) throw std::runtime_error(actor.status().ToString());
      repository = std::move(*actor);
    }
    auto bound = server->Start("127.0.0.1", 0);
    if (!bound.ok()) throw std::runtime_error(bound.status().ToString());
    port = *bound;
  }
  ~TlsNode() {
    server->Stop();
    repository.reset();
    registry.reset();
  }
  std::string Url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port) + path; }
};

std::string TlsSection(const std::string& section, const std::string& ca, const PemFiles& identity) {
  return "[" + section + "]\nca_file = \"" + ca + "\"\ncertificate_file = \"" + identity.certificate +
         "\"\nprivate_key_file = \"" + identity.private_key + "\"\n";
}

class SoapOverTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ca_ = pki_.MakeCa("region");
    pki_.MakeCa("rogue");
    registry_identity_ = pki_.Issue("region", "registry.region.test", {"IP:127.0.0.1"});
    repository_identity_ = pki_.Issue("region", "repository.chnord.test", {"IP:127.0.0.1"});
    consumer_identity_ = pki_.Issue("region", "consumer.chsud.test");
    rogue_identity_ = pki_.Issue("rogue", "repository.intruder.test");
    registry_ = std::make_unique<TlsNode>(TlsSection("tls", ca_.certificate, registry_identity_) +
                                              "[registry]\ndatabase = \"" + dir_.File("registry.db") +
                                              "\"\npath = \"/xds/registry\"\nmllp_port = 0\nschema_dir = \"" +
                                              XDS_SCHEMA_DIR + "\"\n",
                                          true);
  }

  std::unique_ptr<TlsNode> StartRepository(const PemFiles& link_identity) {
    std::string root = dir_.File("repository-" + std::to_string(++repositories_));
    return std::make_unique<TlsNode>(
        TlsSection("tls", ca_.certificate, repository_identity_) + "[repository]\nroot = \"" + root +
            "\"\nrepository_unique_id = \"1.3.6.1.4.1.21367.2017.3.101\"\npath = \"/xds/repository\"\n"
            "registry_timeout_seconds = 5\nregistry_url = \"" +
            registry_->Url("/xds/registry") + "\"\n" +
            TlsSection("repository.registry_tls", ca_.certificate, link_identity),
        false);
  }

  soap::SoapClientOptions ClientAs(const PemFiles& identity) const {
    soap::SoapClientOptions o;
    http::TlsSettings tls;
    tls.ca_file = ca_.certificate;
    tls.certificate_file = identity.certificate;
    tls.private_key_file = identity.private_key;
    o.http.tls = tls;
    return o;
  }

  TestPki pki_;
  TempDir dir_;
  PemFiles ca_, registry_identity_, repository_identity_, consumer_identity_, rogue_identity_;
  std::unique_ptr<TlsNode> registry_;
  int repositories_ = 0;
};

TEST_F(SoapOverTlsTest, RegisterAndStoredQueryOverMutualTls) {
  soap::SoapClient registry(registry_->Url("/xds/registry"), ClientAs(consumer_identity_));
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  auto registered = Register(registry, b);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_TRUE(registered->success());

  auto found = Query(registry, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->objects.size(), 1u);
  EXPECT_EQ(ihe::UniqueIdOf(found->objects[0]), ihe::UniqueIdOf(b.Object("Doc01")));
}

TEST_F(SoapOverTlsTest, StoredQueryFromAnUntrustedClientNeverReachesTheRegistry) {
  soap::SoapClient intruder(registry_->Url("/xds/registry"), ClientAs(rogue_identity_));
  auto found = Query(intruder, FindDocuments(kPatientA));
  EXPECT_FALSE(found.ok());
  soap::SoapClient plain("http://127.0.0.1:" + std::to_string(registry_->port) + "/xds/registry");
  EXPECT_FALSE(Query(plain, FindDocuments(kPatientA)).ok());
}

TEST_F(SoapOverTlsTest, RepositoryRegistersWithTheRegistryOverMutualTls) {
  auto repository = StartRepository(repository_identity_);
  soap::SoapClient source(repository->Url("/xds/repository"), ClientAs(consumer_identity_));
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  OmitRepositoryAttributes(b, "Doc01");
  auto provided = Provide(source, b, {{"Doc01", "a report over TLS"}});
  ASSERT_TRUE(provided.ok()) << provided.status().ToString();
  ASSERT_TRUE(provided->success()) << ErrorCodes(provided->errors).front();

  soap::SoapClient registry(registry_->Url("/xds/registry"), ClientAs(consumer_identity_));
  auto found = Query(registry, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_EQ(found->objects.size(), 1u);
  EXPECT_EQ(found->objects[0].SlotValue("repositoryUniqueId"), "1.3.6.1.4.1.21367.2017.3.101");

  auto retrieved = Retrieve(source, {{"", "1.3.6.1.4.1.21367.2017.3.101", ihe::UniqueIdOf(b.Object("Doc01"))}});
  ASSERT_TRUE(retrieved.ok()) << retrieved.status().ToString();
  EXPECT_EQ(retrieved->bytes[ihe::UniqueIdOf(b.Object("Doc01"))], "a report over TLS");
}

TEST_F(SoapOverTlsTest, RepositoryWhoseLinkCertificateIsUntrustedCannotRegister) {
  auto repository = StartRepository(rogue_identity_);
  soap::SoapClient source(repository->Url("/xds/repository"), ClientAs(consumer_identity_));
  SubmissionBuilder b(kPatientA);
  b.AddDocument("Doc01");
  OmitRepositoryAttributes(b, "Doc01");
  auto provided = Provide(source, b, {{"Doc01", "refused"}});
  ASSERT_TRUE(provided.ok()) << provided.status().ToString();
  EXPECT_FALSE(provided->success());
  soap::SoapClient registry(registry_->Url("/xds/registry"), ClientAs(consumer_identity_));
  auto found = Query(registry, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_TRUE(found->objects.empty());
}

}  // namespace
}  // namespace xds::testing

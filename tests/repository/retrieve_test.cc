// ITI-43 Retrieve Document Set against a real repository: several documents
// in one request, partial success with per-document errors, mimeType as
// registered, a restart between submit and retrieve, and two repositories
// registering in one registry (ITI TF-2b 3.43).
#include <gtest/gtest.h>

#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/repository_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

using Documents = std::vector<std::tuple<std::string, std::string, std::string>>;

std::vector<std::string> ProvideAll(soap::SoapClient& client, const Documents& documents) {
  auto ids = ProvideDocuments(client, documents);
  EXPECT_TRUE(ids.ok()) << ids.status().ToString();
  return ids.ok() ? *ids : std::vector<std::string>(documents.size());
}

const ihe::DocumentResponse* ResponseFor(const Retrieved& got, const std::string& unique_id) {
  for (const auto& d : got.response.documents)
    if (d.document_unique_id == unique_id) return &d;
  return nullptr;
}

TEST(RetrieveTest, SeveralDocumentsComeBackWithTheirMimeTypes) {
  RepositoryServer server;
  soap::SoapClient client(server.url());
  auto ids = ProvideAll(client, {{"D1", "plain text", "text/plain"},
                                 {"D2", std::string(300000, 'p'), "application/pdf"},
                                 {"D3", "<ClinicalDocument/>", "text/xml"}});
  std::string repo = server.repository_unique_id();
  auto got = Retrieve(client, {{"", repo, ids[0]}, {"", repo, ids[1]}, {"", repo, ids[2]}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->response.status, vocab::kResponseSuccess);
  EXPECT_TRUE(got->response.errors.empty());
  ASSERT_EQ(got->response.documents.size(), 3u);
  EXPECT_EQ(got->bytes[ids[0]], "plain text");
  EXPECT_EQ(got->bytes[ids[1]], std::string(300000, 'p'));
  EXPECT_EQ(got->bytes[ids[2]], "<ClinicalDocument/>");
  EXPECT_EQ(ResponseFor(*got, ids[1])->mime_type, "application/pdf");
  EXPECT_EQ(ResponseFor(*got, ids[2])->mime_type, "text/xml");
  EXPECT_EQ(ResponseFor(*got, ids[0])->repository_unique_id, repo);
}

TEST(RetrieveTest, OneMissingDocumentGivesPartialSuccess) {
  RepositoryServer server;
  soap::SoapClient client(server.url());
  auto ids = ProvideAll(client, {{"D1", "present", "text/plain"}});
  std::string repo = server.repository_unique_id();
  auto got = Retrieve(client, {{"", repo, ids[0]}, {"", repo, "1.2.3.999.404"}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->response.status, vocab::kResponsePartialSuccess);
  ASSERT_EQ(got->response.documents.size(), 1u);
  EXPECT_EQ(got->bytes[ids[0]], "present");
  ASSERT_EQ(got->response.errors.size(), 1u);
  EXPECT_EQ(got->response.errors[0].error_code, "XDSDocumentUniqueIdError");
  EXPECT_EQ(got->response.errors[0].location, "1.2.3.999.404");
}

TEST(RetrieveTest, NothingFoundIsFailureAndUnknownRepositoryIsNamed) {
  RepositoryServer server;
  soap::SoapClient client(server.url());
  auto got = Retrieve(client, {{"", server.repository_unique_id(), "1.2.3.404"}, {"", "1.9.9.9", "1.2.3.405"}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->response.status, vocab::kResponseFailure);
  EXPECT_TRUE(got->response.documents.empty());
  EXPECT_EQ(ErrorCodes(got->response.errors),
            (std::vector<std::string>{"XDSDocumentUniqueIdError", "XDSUnknownRepositoryId"}));
  EXPECT_EQ(got->response.errors[1].location, "1.2.3.405");
}

TEST(RetrieveTest, RequestWithoutDocumentUniqueIdIsASenderFault) {
  RepositoryServer server;
  soap::SoapClient client(server.url());
  auto reply = client.Call(std::string(vocab::kActionRetrieve),
                           "<xdsb:RetrieveDocumentSetRequest xmlns:xdsb=\"urn:ihe:iti:xds-b:2007\"><xdsb:DocumentRequest>"
                           "<xdsb:RepositoryUniqueId>1.2</xdsb:RepositoryUniqueId></xdsb:DocumentRequest>"
                           "</xdsb:RetrieveDocumentSetRequest>");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_TRUE(reply->is_fault);
  EXPECT_EQ(reply->fault.code, soap::FaultCode::kSender);
  EXPECT_NE(reply->fault.reason.find("DocumentUniqueId"), std::string::npos);
}

TEST(RetrieveTest, DocumentsSurviveARestart) {
  RepositoryServer server(RegistryMode::kRemote);
  std::vector<std::string> ids;
  {
    soap::SoapClient client(server.url());
    ids = ProvideAll(client, {{"D1", "kept across restarts", "text/plain"}});
  }
  server.Restart();
  soap::SoapClient client(server.url());
  auto got = Retrieve(client, {{"", server.repository_unique_id(), ids[0]}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->bytes[ids[0]], "kept across restarts");
}

// Several repositories, each with its own repositoryUniqueId, register in
// one registry; each serves only its own documents.
TEST(RetrieveTest, TwoRepositoriesShareOneRegistry) {
  RegistryServer registry;
  RepositoryServer north(RegistryMode::kRemote, "1.3.6.1.4.1.21367.2017.3.201", &registry);
  RepositoryServer south(RegistryMode::kRemote, "1.3.6.1.4.1.21367.2017.3.202", &registry);
  soap::SoapClient to_north(north.url()), to_south(south.url());
  auto n = ProvideAll(to_north, {{"D1", "north report", "text/plain"}});
  auto s = ProvideAll(to_south, {{"D1", "south report", "text/plain"}});

  soap::SoapClient query(registry.url());
  auto found = Query(query, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok());
  std::map<std::string, std::string> repository_of;
  for (const auto& o : found->objects) repository_of[ihe::UniqueIdOf(o)] = o.SlotValue("repositoryUniqueId");
  EXPECT_EQ(repository_of[n[0]], north.repository_unique_id());
  EXPECT_EQ(repository_of[s[0]], south.repository_unique_id());

  auto got = Retrieve(to_south, {{"", south.repository_unique_id(), s[0]}, {"", north.repository_unique_id(), n[0]}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->bytes[s[0]], "south report");
  EXPECT_EQ(ErrorCodes(got->response.errors), std::vector<std::string>{"XDSUnknownRepositoryId"});
}

}  // namespace
}  // namespace xds::testing

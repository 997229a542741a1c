// ITI-86 Remove Documents against a real repository over SOAP: refused
// while switched off, a document whose metadata is still registered is
// kept, the ITI-62 then ITI-86 flow, per-document errors with
// PartialSuccess, removal that survives a restart and leaves no file, and a
// registry that cannot be asked.
#include <gtest/gtest.h>

#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/repository_server.h"
#include "wire/ihe/stored_queries.h"
#include "wire/ihe/vocabulary.h"

namespace xds::testing {
namespace {

constexpr char kAccept[] = "remove_documents = true";
constexpr char kAcceptRegistered[] = "remove_documents = true\nremove_registered_documents = true";

bool Retrievable(soap::SoapClient& client, const std::string& repository, const std::string& unique_id) {
  auto got = Retrieve(client, {{"", repository, unique_id}});
  return got.ok() && got->bytes.count(unique_id) == 1;
}

TEST(RemoveDocumentsTest, RefusedWhileSwitchedOff) {
  RepositoryServer server;
  soap::SoapClient client(server.url());
  auto ids = ProvideDocuments(client, {{"D1", "report", "text/plain"}});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto removed = RemoveDocuments(client, {{"", server.repository_unique_id(), (*ids)[0]}});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->status, vocab::kResponseFailure);
  EXPECT_EQ(ErrorCodes(removed->errors), std::vector<std::string>{"XDSRemoveDocumentsError"});
  EXPECT_TRUE(Retrievable(client, server.repository_unique_id(), (*ids)[0]));
}

TEST(RemoveDocumentsTest, DocumentStillRegisteredIsKept) {
  RepositoryServer server(RegistryMode::kInProcess, "1.3.6.1.4.1.21367.2017.3.101", nullptr, kAccept);
  soap::SoapClient client(server.url());
  auto ids = ProvideDocuments(client, {{"D1", "report", "text/plain"}});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto removed = RemoveDocuments(client, {{"", server.repository_unique_id(), (*ids)[0]}});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->status, vocab::kResponseFailure);
  ASSERT_EQ(ErrorCodes(removed->errors), std::vector<std::string>{"XDSRemoveDocumentsError"});
  EXPECT_EQ(removed->errors[0].location, (*ids)[0]);
  EXPECT_NE(removed->errors[0].code_context.find("still registered"), std::string::npos);
  EXPECT_TRUE(Retrievable(client, server.repository_unique_id(), (*ids)[0]));
  EXPECT_EQ(server.DocumentFileCount(), 1u);
}

// Two documents removed, one unknown, one for another repository: the
// answer is PartialSuccess naming each document that stayed; the removed
// ones are gone for good, files included, also after a restart.
TEST(RemoveDocumentsTest, PartialSuccessNamesEachDocumentNotRemoved) {
  RepositoryServer server(RegistryMode::kRemote, "1.3.6.1.4.1.21367.2017.3.101", nullptr, kAcceptRegistered);
  const std::string repo = server.repository_unique_id();
  std::vector<std::string> ids;
  {
    soap::SoapClient client(server.url());
    auto provided =
        ProvideDocuments(client, {{"D1", "first", "text/plain"}, {"D2", "second", "text/plain"}, {"D3", "kept", "text/plain"}});
    ASSERT_TRUE(provided.ok()) << provided.status().ToString();
    ids = *provided;
    ASSERT_EQ(server.DocumentFileCount(), 3u);
    auto removed = RemoveDocuments(
        client, {{"", repo, ids[0]}, {"", repo, "1.2.3.404"}, {"", "1.9.9.9", ids[2]}, {"", repo, ids[1]}});
    ASSERT_TRUE(removed.ok()) << removed.status().ToString();
    EXPECT_EQ(removed->status, vocab::kResponsePartialSuccess);
    ASSERT_EQ(ErrorCodes(removed->errors),
              (std::vector<std::string>{"XDSDocumentUniqueIdError", "XDSUnknownRepositoryId"}));
    EXPECT_EQ(removed->errors[0].location, "1.2.3.404");
    EXPECT_EQ(removed->errors[1].location, ids[2]);
    EXPECT_EQ(server.DocumentFileCount(), 1u);
  }
  server.Restart();
  soap::SoapClient client(server.url());
  EXPECT_FALSE(Retrievable(client, repo, ids[0]));
  EXPECT_FALSE(Retrievable(client, repo, ids[1]));
  EXPECT_TRUE(Retrievable(client, repo, ids[2]));
  auto again = RemoveDocuments(client, {{"", repo, ids[0]}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->status, vocab::kResponseFailure);
  EXPECT_EQ(ErrorCodes(again->errors), std::vector<std::string>{"XDSDocumentUniqueIdError"});
}

// Whether the metadata is still registered cannot be asked (ITI-41
// registers fine, ITI-18 goes where nothing listens): nothing is removed,
// and the error says the registry is not available.
TEST(RemoveDocumentsTest, RegistryThatCannotBeAskedRemovesNothing) {
  RepositoryServer server(RegistryMode::kRemote, "1.3.6.1.4.1.21367.2017.3.101", nullptr,
                          std::string(kAccept) + "\nregistry_query_url = \"http://127.0.0.1:1/xds/registry\"");
  soap::SoapClient client(server.url());
  auto ids = ProvideDocuments(client, {{"D1", "report", "text/plain"}});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();
  auto removed = RemoveDocuments(client, {{"", server.repository_unique_id(), (*ids)[0]}});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->status, vocab::kResponseFailure);
  ASSERT_EQ(ErrorCodes(removed->errors), std::vector<std::string>{"XDSRegistryNotAvailable"});
  EXPECT_EQ(removed->errors[0].location, (*ids)[0]);
  EXPECT_TRUE(Retrievable(client, server.repository_unique_id(), (*ids)[0]));
  EXPECT_EQ(server.DocumentFileCount(), 1u);
}

// The RMD flow of a Document Administrator: ITI-62 removes the metadata
// from the registry (the entry, its SubmissionSet and their HasMember
// association), then ITI-86 removes the document from the repository.
TEST(RemoveDocumentsTest, AfterItsMetadataIsRemovedTheDocumentGoes) {
  RepositoryServer server(RegistryMode::kRemote, "1.3.6.1.4.1.21367.2017.3.101", nullptr, kAccept);
  soap::SoapClient repository(server.url());
  soap::SoapClient registry(server.registry_url());
  auto ids = ProvideDocuments(repository, {{"D1", "cancelled exam report", "text/plain"}});
  ASSERT_TRUE(ids.ok()) << ids.status().ToString();

  auto entry = Query(registry, StoredQuery(ihe::query_id::kGetDocuments, {{"$XDSDocumentEntryUniqueId", "('" + (*ids)[0] + "')"}},
                                           "ObjectRef"));
  ASSERT_TRUE(entry.ok()) << entry.status().ToString();
  ASSERT_EQ(entry->object_refs.size(), 1u);
  auto sets = Query(registry, StoredQuery(ihe::query_id::kGetSubmissionSets, {{"$uuid", "('" + entry->object_refs[0] + "')"}}));
  ASSERT_TRUE(sets.ok()) << sets.status().ToString();
  std::vector<std::string> metadata = {entry->object_refs[0]};
  for (const ihe::RegistryObject& o : sets->objects) metadata.push_back(o.id);
  ASSERT_EQ(metadata.size(), 3u);  // the entry, its SubmissionSet, their HasMember
  auto unregistered = Remove(registry, metadata);
  ASSERT_TRUE(unregistered.ok()) << unregistered.status().ToString();
  ASSERT_TRUE(unregistered->success()) << ErrorCodes(unregistered->errors).front();

  auto removed = RemoveDocuments(repository, {{"", server.repository_unique_id(), (*ids)[0]}});
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(removed->status, vocab::kResponseSuccess);
  EXPECT_TRUE(removed->errors.empty());
  EXPECT_FALSE(Retrievable(repository, server.repository_unique_id(), (*ids)[0]));
  EXPECT_EQ(server.DocumentFileCount(), 0u);
}

TEST(RemoveDocumentsTest, RequestWithoutDocumentRequestIsASenderFault) {
  RepositoryServer server(RegistryMode::kInProcess, "1.3.6.1.4.1.21367.2017.3.101", nullptr, kAccept);
  soap::SoapClient client(server.url());
  auto reply = client.Call(std::string(vocab::kActionRemoveDocuments),
                           "<rmd:RemoveDocumentsRequest xmlns:rmd=\"urn:ihe:iti:rmd:2017\"/>");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_TRUE(reply->is_fault);
  EXPECT_EQ(reply->fault.code, soap::FaultCode::kSender);
  EXPECT_NE(reply->fault.reason.find("DocumentRequest"), std::string::npos);
}

}  // namespace
}  // namespace xds::testing

// ITI-41 when the registry refuses, is down, or does not answer: the source
// gets the registry's errors or XDSRegistryNotAvailable, and the repository
// keeps nothing retrievable. A registry that answers too late but did
// register is caught up with: the documents then become available, so that
// the registry never points at a document the repository lacks.
#include <gtest/gtest.h>

#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/repository_server.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

struct Submitted {
  Result<ihe::RegistryResponse> response;
  std::string unique_id;
};

Submitted ProvideOne(RepositoryServer& server, const std::string& patient = kPatientA) {
  SubmissionBuilder b(patient);
  b.AddDocument("Doc01");
  OmitRepositoryAttributes(b, "Doc01");
  soap::SoapClient client(server.url());
  return {Provide(client, b, {{"Doc01", "report text"}}), ihe::UniqueIdOf(b.Object("Doc01"))};
}

bool Retrievable(RepositoryServer& server, const std::string& unique_id) {
  soap::SoapClient client(server.url());
  auto got = Retrieve(client, {{"", server.repository_unique_id(), unique_id}});
  return got.ok() && got->bytes.count(unique_id);
}

size_t RegisteredCount(RepositoryServer& server) {
  soap::SoapClient client(server.registry_url());
  auto found = Query(client, FindDocuments(kPatientA));
  EXPECT_TRUE(found.ok());
  return found.ok() ? found->objects.size() : 0;
}

TEST(RegistryFailureTest, RegistryRefusalIsPassedOnAndLeavesNoTrace) {
  RepositoryServer server(RegistryMode::kRemote);
  Submitted s = ProvideOne(server, "UNKNOWN-9^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_FALSE(s.response->success());
  EXPECT_EQ(ErrorCodes(s.response->errors), std::vector<std::string>{"XDSUnknownPatientId"});
  EXPECT_EQ(server.DocumentFileCount(), 0u);
  EXPECT_EQ(server.SpoolFileCount(), 0u);
  EXPECT_FALSE(Retrievable(server, s.unique_id));
}

TEST(RegistryFailureTest, InProcessRegistryRefusalLeavesNoTrace) {
  RepositoryServer server(RegistryMode::kInProcess);
  Submitted s = ProvideOne(server, "UNKNOWN-9^^^&1.3.6.1.4.1.21367.13.20.1000&ISO");
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_EQ(ErrorCodes(s.response->errors), std::vector<std::string>{"XDSUnknownPatientId"});
  EXPECT_EQ(server.DocumentFileCount(), 0u);
}

TEST(RegistryFailureTest, RegistryDownIsRegistryNotAvailableAndLeavesNoTrace) {
  RepositoryServer server(RegistryMode::kDown);
  Submitted s = ProvideOne(server);
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_EQ(ErrorCodes(s.response->errors), std::vector<std::string>{"XDSRegistryNotAvailable"});
  EXPECT_EQ(server.DocumentFileCount(), 0u);
  EXPECT_EQ(server.SpoolFileCount(), 0u);
  EXPECT_FALSE(Retrievable(server, s.unique_id));
}

TEST(RegistryFailureTest, SilentRegistryIsRegistryNotAvailableAndTheHeldDocumentGoesOnceChecked) {
  RepositoryServer server(RegistryMode::kSilent);
  Submitted s = ProvideOne(server);
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_EQ(ErrorCodes(s.response->errors), std::vector<std::string>{"XDSRegistryNotAvailable"});
  EXPECT_FALSE(Retrievable(server, s.unique_id)) << "held back, not retrievable";

  auto report = server.actor().ResolveNow();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->discarded, 1u);
  EXPECT_EQ(server.DocumentFileCount(), 0u);
  EXPECT_EQ(RegisteredCount(server), 0u);
}

TEST(RegistryFailureTest, LateRegistryThatDidRegisterIsCaughtUpWith) {
  RepositoryServer server(RegistryMode::kLate);
  Submitted s = ProvideOne(server);
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_EQ(ErrorCodes(s.response->errors), std::vector<std::string>{"XDSRegistryNotAvailable"});
  EXPECT_EQ(RegisteredCount(server), 1u) << "the registry did register it";

  auto report = server.actor().ResolveNow();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->published, 1u);
  EXPECT_TRUE(Retrievable(server, s.unique_id));
}

TEST(RegistryFailureTest, HeldBackSubmissionIsResolvedAtStartAfterARestart) {
  RepositoryServer server(RegistryMode::kLate);
  Submitted s = ProvideOne(server);
  ASSERT_TRUE(s.response.ok()) << s.response.status().ToString();
  EXPECT_FALSE(Retrievable(server, s.unique_id));
  server.Restart();  // the resolver runs once at start
  for (int i = 0; i < 100 && !Retrievable(server, s.unique_id); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_TRUE(Retrievable(server, s.unique_id));
}

}  // namespace
}  // namespace xds::testing

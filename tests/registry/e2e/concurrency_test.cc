// Many clients submitting and querying at once: every acknowledged entry is
// found exactly once, no client sees a busy database or a fault.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

TEST(ConcurrencyTest, ParallelSubmissionsAndQueriesLoseNothing) {
  RegistryServer server;
  constexpr int kWriters = 8;
  constexpr int kSubmissionsPerWriter = 15;
  constexpr int kReaders = 4;
  std::atomic<int> failures{0};
  std::atomic<bool> writing{true};
  std::vector<std::vector<std::string>> registered(kWriters);

  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      soap::SoapClient client(server.url());
      for (int i = 0; i < kSubmissionsPerWriter; ++i) {
        SubmissionBuilder b(w % 2 == 0 ? kPatientA : kPatientB);
        DocumentOptions o;
        o.unique_id = SubmissionBuilder::NewOid();
        b.AddDocument("Doc01", o);
        auto r = Register(client, b);
        if (!r.ok() || !r->success()) {
          ++failures;
          continue;
        }
        registered[w].push_back(o.unique_id);
      }
    });
  }
  std::atomic<int> queries{0};
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&] {
      soap::SoapClient client(server.url());
      while (writing) {
        auto q = Query(client, FindDocuments(kPatientA, {}, "ObjectRef"));
        if (!q.ok() || q->status != vocab::kResponseSuccess) ++failures;
        ++queries;
      }
    });
  }
  for (int w = 0; w < kWriters; ++w) threads[w].join();
  writing = false;
  for (size_t i = kWriters; i < threads.size(); ++i) threads[i].join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(queries.load(), 0);
  soap::SoapClient client(server.url());
  std::multiset<std::string> found;
  for (const char* patient : {kPatientA, kPatientB}) {
    auto q = Query(client, FindDocuments(patient));
    ASSERT_TRUE(q.ok());
    for (const auto& o : q->objects) found.insert(ihe::UniqueIdOf(o));
  }
  size_t expected = 0;
  for (const auto& ids : registered) {
    expected += ids.size();
    for (const auto& id : ids) EXPECT_EQ(found.count(id), 1u) << id;
  }
  EXPECT_EQ(expected, static_cast<size_t>(kWriters * kSubmissionsPerWriter));
  EXPECT_EQ(found.size(), expected) << "no duplicated or phantom entries";
}

TEST(ConcurrencyTest, RacingDuplicateSubmissionSetsOnlyOneWins) {
  RegistryServer server;
  SubmissionBuilder base(kPatientA);
  base.AddDocument("Doc01");
  const std::string xml = base.BuildXml();  // same SS uniqueId for every racer
  constexpr int kRacers = 6;
  std::atomic<int> accepted{0}, duplicate{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kRacers; ++i) {
    threads.emplace_back([&] {
      soap::SoapClient client(server.url());
      auto r = Register(client, xml);
      if (r.ok() && r->success()) ++accepted;
      else if (r.ok() && !r->errors.empty() && r->errors[0].error_code == "XDSDuplicateUniqueIdInRegistry") ++duplicate;
      else ++other;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(duplicate.load(), kRacers - 1);
  EXPECT_EQ(other.load(), 0);
}

}  // namespace
}  // namespace xds::testing

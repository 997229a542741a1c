// Shared fixture of the metadata lifecycle end-to-end tests (ITI-57, ITI-92,
// ITI-62, ITI-51, patient unlink): a real registry on a loopback port, a
// SOAP client, and one-line helpers that register first versions with known
// entryUUIDs and read the registry back through ITI-18.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/registry_calls.h"
#include "tests/support/registry_server.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/ihe/stored_queries.h"

namespace xds::testing {

using namespace ihe::query_id;

inline constexpr char kBothStatuses[] =
    "('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved','urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated')";

class LifecycleTest : public ::testing::Test {
 protected:
  explicit LifecycleTest(const std::string& extra_toml = "") : server_(extra_toml) {}

  RegistryServer server_;
  soap::SoapClient client_{server_.url()};

  static std::string Message(const ihe::RegistryResponse& r) {
    return r.errors.empty() ? std::string() : r.errors[0].error_code + ": " + r.errors[0].code_context;
  }
  void MustRegister(const SubmissionBuilder& b) {
    auto r = Register(client_, b);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->success()) << Message(*r);
  }
  void MustUpdate(const SubmissionBuilder& b, bool restricted = false) {
    auto r = Update(client_, b, restricted);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->success()) << Message(*r);
  }
  // Error codes of a refused ITI-57/92 (expects Failure).
  std::vector<std::string> UpdateFails(const SubmissionBuilder& b, bool restricted = false) {
    auto r = Update(client_, b, restricted);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return {};
    EXPECT_EQ(r->status, vocab::kResponseFailure);
    return ErrorCodes(r->errors);
  }
  // Registers one DocumentEntry (version 1) with a known entryUUID.
  std::string RegisterDocument(const DocumentOptions& options, const std::string& patient = kPatientA) {
    const std::string id = NewUrnUuid();
    SubmissionBuilder b(patient);
    b.AddDocument(id, options);
    MustRegister(b);
    return id;
  }
  std::vector<ihe::RegistryObject> Find(const std::string& patient, std::vector<std::pair<std::string, std::string>> extra = {}) {
    auto r = Query(client_, FindDocuments(patient, std::move(extra)));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->objects : std::vector<ihe::RegistryObject>{};
  }
  std::vector<ihe::RegistryObject> Get(const char* query, const std::string& param, const std::string& value,
                                       const std::string& level = "") {
    std::vector<std::pair<std::string, std::string>> params = {{param, "('" + value + "')"}};
    if (!level.empty()) params.push_back({"$MetadataLevel", level});
    auto r = Query(client_, StoredQuery(query, params));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->objects : std::vector<ihe::RegistryObject>{};
  }
  static std::vector<std::string> Ids(const std::vector<ihe::RegistryObject>& objects) {
    std::vector<std::string> out;
    for (const auto& o : objects) out.push_back(o.id);
    return out;
  }
};

}  // namespace xds::testing

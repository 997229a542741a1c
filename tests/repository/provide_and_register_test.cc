// ITI-41 Provide and Register Document Set-b against a real repository and
// registry: MTOM and inline documents, several per submission, what the
// repository adds to the metadata, and the checks it makes (ITI TF-2b 3.41).
#include <gtest/gtest.h>

#include "tests/support/registry_calls.h"
#include "tests/support/repository_calls.h"
#include "tests/support/repository_server.h"
#include "wire/base/digest.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::testing {
namespace {

class ProvideAndRegisterTest : public ::testing::Test {
 protected:
  // A submission for patient A with one entry per id, without hash/size.
  SubmissionBuilder Submission(const std::vector<std::string>& entry_ids, const std::string& mime = "text/plain") {
    SubmissionBuilder b(kPatientA);
    for (const auto& id : entry_ids) {
      DocumentOptions o;
      o.mime_type = mime;
      b.AddDocument(id, o);
      OmitRepositoryAttributes(b, id);
    }
    return b;
  }

  ihe::RegistryObject FindEntry(const std::string& unique_id) {
    auto found = Query(registry_, FindDocuments(kPatientA));
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    if (found.ok())
      for (const auto& o : found->objects)
        if (ihe::UniqueIdOf(o) == unique_id) return o;
    ADD_FAILURE() << "no DocumentEntry " << unique_id << " in the registry";
    return {};
  }

  RepositoryServer server_;
  soap::SoapClient repository_{server_.url()};
  soap::SoapClient registry_{server_.registry_url()};
};

TEST_F(ProvideAndRegisterTest, MtomDocumentIsRegisteredWithHashSizeAndRepositoryId) {
  SubmissionBuilder b = Submission({"Doc01"}, "application/pdf");
  std::string bytes = "%PDF-1.4 a report\n" + std::string(100000, 'x');
  auto r = Provide(repository_, b, {{"Doc01", bytes}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->success()) << ErrorCodes(r->errors).front();

  std::string unique_id = ihe::UniqueIdOf(b.Object("Doc01"));
  ihe::RegistryObject entry = FindEntry(unique_id);
  EXPECT_EQ(entry.SlotValue("hash"), Sha1::HexOf(bytes));
  EXPECT_EQ(entry.SlotValue("size"), std::to_string(bytes.size()));
  EXPECT_EQ(entry.SlotValue("repositoryUniqueId"), server_.repository_unique_id());
  EXPECT_EQ(entry.mime_type, "application/pdf");
  EXPECT_EQ(server_.DocumentFileCount(), 1u);
  EXPECT_EQ(server_.SpoolFileCount(), 0u);
}

TEST_F(ProvideAndRegisterTest, InlineDocumentIsStoredLikeAnAttachment) {
  SubmissionBuilder b = Submission({"Doc01"});
  std::string bytes = "inline report\nwith two lines";
  auto r = Provide(repository_, b, {{"Doc01", bytes, /*as_inline=*/true}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->success());
  std::string unique_id = ihe::UniqueIdOf(b.Object("Doc01"));
  EXPECT_EQ(FindEntry(unique_id).SlotValue("hash"), Sha1::HexOf(bytes));
  auto got = Retrieve(repository_, {{"", server_.repository_unique_id(), unique_id}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->bytes[unique_id], bytes);
}

TEST_F(ProvideAndRegisterTest, SeveralDocumentsInOneSubmission) {
  SubmissionBuilder b = Submission({"Doc01", "Doc02", "Doc03"});
  auto r = Provide(repository_, b, {{"Doc01", "first"}, {"Doc02", "second", true}, {"Doc03", std::string(70000, 'z')}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->success());
  EXPECT_EQ(server_.DocumentFileCount(), 3u);
  EXPECT_EQ(FindEntry(ihe::UniqueIdOf(b.Object("Doc02"))).SlotValue("size"), "6");
}

TEST_F(ProvideAndRegisterTest, SentHashAndSizeThatMatchAreAccepted) {
  SubmissionBuilder b = Submission({"Doc01"});
  std::string bytes = "exact";
  b.Object("Doc01").SetSlot("hash", Sha1::HexOf(bytes));
  b.Object("Doc01").SetSlot("size", "5");
  auto r = Provide(repository_, b, {{"Doc01", bytes}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->success());
}

// ITI TF-2b 3.41.4.1.3: a hash or size that does not match the received
// bytes is refused with XDSRepositoryMetadataError; nothing is kept.
TEST_F(ProvideAndRegisterTest, HashMismatchIsRefusedAndNothingIsKept) {
  SubmissionBuilder b = Submission({"Doc01"});
  b.Object("Doc01").SetSlot("hash", Sha1::HexOf("something else"));
  auto r = Provide(repository_, b, {{"Doc01", "the real bytes"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_FALSE(r->success());
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSRepositoryMetadataError"});
  EXPECT_NE(r->errors.front().code_context.find("hash"), std::string::npos);
  EXPECT_EQ(server_.DocumentFileCount(), 0u);
  EXPECT_EQ(server_.SpoolFileCount(), 0u);
  auto found = Query(registry_, FindDocuments(kPatientA));
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->objects.empty());
}

TEST_F(ProvideAndRegisterTest, SizeMismatchIsRefused) {
  SubmissionBuilder b = Submission({"Doc01"});
  b.Object("Doc01").SetSlot("size", "999");
  auto r = Provide(repository_, b, {{"Doc01", "12345"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSRepositoryMetadataError"});
  EXPECT_NE(r->errors.front().code_context.find("size 999"), std::string::npos);
  EXPECT_EQ(server_.DocumentFileCount(), 0u);
}

TEST_F(ProvideAndRegisterTest, ForeignRepositoryUniqueIdIsRefused) {
  SubmissionBuilder b = Submission({"Doc01"});
  b.Object("Doc01").SetSlot("repositoryUniqueId", "1.2.3.4.5");
  auto r = Provide(repository_, b, {{"Doc01", "x"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSRepositoryMetadataError"});
}

TEST_F(ProvideAndRegisterTest, EntryWithoutDocumentIsMissingDocument) {
  SubmissionBuilder b = Submission({"Doc01", "Doc02"});
  auto r = Provide(repository_, b, {{"Doc01", "only one"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSMissingDocument"});
  EXPECT_NE(r->errors.front().code_context.find("Doc02"), std::string::npos);
  EXPECT_EQ(server_.DocumentFileCount(), 0u);
}

TEST_F(ProvideAndRegisterTest, DocumentWithoutEntryIsMissingDocumentMetadata) {
  SubmissionBuilder b = Submission({"Doc01"});
  auto r = Provide(repository_, b, {{"Doc01", "a"}, {"Stray", "b"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSMissingDocumentMetadata"});
  EXPECT_NE(r->errors.front().code_context.find("Stray"), std::string::npos);
}

TEST_F(ProvideAndRegisterTest, IncludeOfAMissingPartIsMissingDocument) {
  SubmissionBuilder b = Submission({"Doc01"});
  ProvideRequest request = BuildProvide(b.Build(), {{"Doc01", "bytes"}});
  request.attachments.clear();  // the envelope still points at the part
  auto reply = repository_.Call(std::string(vocab::kActionProvideAndRegister), request.body_xml, {});
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_FALSE(reply->is_fault) << reply->fault.reason;
  auto r = ihe::ReadRegistryResponse(reply->body);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSMissingDocument"});
  EXPECT_NE(r->errors.front().code_context.find("Doc01@test.xds"), std::string::npos);
}

TEST_F(ProvideAndRegisterTest, EveryErrorIsReportedNotOnlyTheFirst) {
  SubmissionBuilder b = Submission({"Doc01", "Doc02"});
  b.Object("Doc01").SetSlot("size", "1");
  auto r = Provide(repository_, b, {{"Doc01", "abc"}, {"Stray", "b"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto codes = ErrorCodes(r->errors);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"XDSMissingDocument", "XDSMissingDocumentMetadata",
                                             "XDSRepositoryMetadataError"}));
}

TEST_F(ProvideAndRegisterTest, DuplicateUniqueIdInOneMessageIsRefused) {
  SubmissionBuilder b = Submission({"Doc01", "Doc02"});
  std::string unique_id = ihe::UniqueIdOf(b.Object("Doc01"));
  for (auto& x : b.Object("Doc02").external_identifiers)
    if (x.identification_scheme == vocab::kDeUniqueId) x.value = unique_id;
  auto r = Provide(repository_, b, {{"Doc01", "a"}, {"Doc02", "b"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSRepositoryDuplicateUniqueIdInMessage"});
}

TEST_F(ProvideAndRegisterTest, AlreadyStoredUniqueIdIsRefusedAndTheFirstCopyStays) {
  SubmissionBuilder first = Submission({"Doc01"});
  ASSERT_TRUE(Provide(repository_, first, {{"Doc01", "original"}})->success());
  std::string unique_id = ihe::UniqueIdOf(first.Object("Doc01"));
  SubmissionBuilder second = Submission({"Doc01"});
  for (auto& x : second.Object("Doc01").external_identifiers)
    if (x.identification_scheme == vocab::kDeUniqueId) x.value = unique_id;
  auto r = Provide(repository_, second, {{"Doc01", "impostor"}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(ErrorCodes(r->errors), std::vector<std::string>{"XDSDuplicateUniqueIdInRegistry"});
  auto got = Retrieve(repository_, {{"", server_.repository_unique_id(), unique_id}});
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->bytes[unique_id], "original");
  EXPECT_EQ(server_.DocumentFileCount(), 1u);
}

// A document larger than any in-memory cap: it can only succeed if the
// upload streams to disk.
TEST_F(ProvideAndRegisterTest, LargeDocumentStreamsToDisk) {
  SubmissionBuilder b = Submission({"Doc01"}, "video/mp4");
  std::string bytes(96 << 20, '\0');
  for (size_t i = 0; i < bytes.size(); i += 4096) bytes[i] = static_cast<char>(i / 4096);
  auto r = Provide(repository_, b, {{"Doc01", bytes}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->success());
  std::string unique_id = ihe::UniqueIdOf(b.Object("Doc01"));
  soap::SoapClientOptions spooled;
  TempDir spool;
  spooled.attachments.directory = spool.path();
  soap::SoapClient client(server_.url(), spooled);
  auto got = Retrieve(client, {{"", server_.repository_unique_id(), unique_id}});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(got->bytes[unique_id] == bytes);
}

}  // namespace
}  // namespace xds::testing

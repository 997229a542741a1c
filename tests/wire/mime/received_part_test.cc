// PartSpool: attachments spooled to files or memory keep their bytes, size
// and SHA-1 through the write buffer and write-behind, and a spool told not
// to hash leaves the digest empty.
#include "wire/mime/received_part.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "tests/support/temp_dir.h"
#include "wire/base/digest.h"
#include "wire/mime/mtom_writer.h"

namespace xds::mime {
namespace {

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

// Feeds one MTOM package holding `bytes` as attachment "doc@x" through a
// reader over `spool`, in 4 KiB pieces as the HTTP layer hands them.
std::map<std::string, ReceivedPart> Receive(const PartSpool& spool, const std::string& bytes) {
  MtomWriter writer("urn:test");
  std::string body = writer.Whole("<e/>", {{"doc@x", "application/octet-stream", bytes}});
  std::map<std::string, ReceivedPart> parts;
  auto reader = MtomReader::Create(writer.ContentType(), spool.SinkFactory(&parts));
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return parts;
  for (size_t at = 0; at < body.size(); at += 4096)
    EXPECT_TRUE((*reader)->Feed(std::string_view(body).substr(at, 4096)).ok());
  EXPECT_TRUE((*reader)->Finish().ok());
  return parts;
}

TEST(PartSpoolTest, SpooledPartKeepsBytesSizeAndHash) {
  testing::TempDir dir;
  PartSpoolOptions options;
  options.directory = dir.path();
  options.write_behind_bytes = 64 * 1024;
  PartSpool spool(options);
  const std::string bytes = Pattern(1'000'003);
  auto parts = Receive(spool, bytes);
  ASSERT_EQ(parts.count("doc@x"), 1u);
  const ReceivedPart& p = parts.at("doc@x");
  EXPECT_TRUE(p.in_file());
  EXPECT_EQ(p.size(), bytes.size());
  EXPECT_EQ(p.sha1_hex(), Sha1::HexOf(bytes));
  auto read = p.Read(bytes.size());
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(*read == bytes);
}

TEST(PartSpoolTest, WithoutHashingTheDigestIsEmptyAndTheBytesIntact) {
  testing::TempDir dir;
  for (bool in_file : {true, false}) {
    PartSpoolOptions options;
    if (in_file) options.directory = dir.path();
    options.compute_sha1 = false;
    PartSpool spool(options);
    const std::string bytes = Pattern(70'000);
    auto parts = Receive(spool, bytes);
    ASSERT_EQ(parts.count("doc@x"), 1u);
    const ReceivedPart& p = parts.at("doc@x");
    EXPECT_EQ(p.in_file(), in_file);
    EXPECT_EQ(p.size(), bytes.size());
    EXPECT_EQ(p.sha1_hex(), "");
    auto read = p.Read(bytes.size());
    ASSERT_TRUE(read.ok());
    EXPECT_TRUE(*read == bytes);
  }
}

}  // namespace
}  // namespace xds::mime

// Sha1 against the FIPS 180 / RFC 3174 test vectors, one-shot and fed in
// chunks of every size.
#include "wire/base/digest.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace xds {
namespace {

constexpr std::string_view kAbc = "a9993e364706816aba3e25717850c26c9cd0d89d";
constexpr std::string_view kEmpty = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
constexpr std::string_view kTwoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kTwoBlocksDigest = "84983e441c3bd26ebaae4aa1f95129e5e54670f1";
constexpr std::string_view kMillionA = "34aa973cd4c4daa4f61eeb2bdbad27316534016f";

TEST(Sha1Test, OneShotKnownVectors) {
  EXPECT_EQ(Sha1::HexOf("abc"), kAbc);
  EXPECT_EQ(Sha1::HexOf(""), kEmpty);
  EXPECT_EQ(Sha1::HexOf(kTwoBlocks), kTwoBlocksDigest);
}

TEST(Sha1Test, NothingFedIsTheEmptyDigest) {
  Sha1 h;
  EXPECT_EQ(h.FinishHex(), kEmpty);
}

TEST(Sha1Test, EmptyUpdatesChangeNothing) {
  Sha1 h;
  h.Update("");
  h.Update("ab");
  h.Update("");
  h.Update("c");
  EXPECT_EQ(h.FinishHex(), kAbc);
}

TEST(Sha1Test, IncrementalEqualsOneShotForEveryChunkSize) {
  for (size_t chunk = 1; chunk <= kTwoBlocks.size(); ++chunk) {
    Sha1 h;
    for (size_t at = 0; at < kTwoBlocks.size(); at += chunk) h.Update(kTwoBlocks.substr(at, chunk));
    EXPECT_EQ(h.FinishHex(), kTwoBlocksDigest) << "chunk size " << chunk;
  }
}

TEST(Sha1Test, MillionAInUnevenChunks) {
  const std::string block(997, 'a');
  Sha1 h;
  size_t fed = 0;
  while (fed + block.size() <= 1000000) {
    h.Update(block);
    fed += block.size();
  }
  h.Update(std::string(1000000 - fed, 'a'));
  EXPECT_EQ(h.FinishHex(), kMillionA);
  EXPECT_EQ(Sha1::HexOf(std::string(1000000, 'a')), kMillionA);
}

TEST(Sha1Test, BinaryBytesIncludingNul) {
  const std::string bytes("\0\xff\x80\x01", 4);
  Sha1 h;
  h.Update(std::string_view(bytes).substr(0, 1));
  h.Update(std::string_view(bytes).substr(1));
  std::string digest = h.FinishHex();
  EXPECT_EQ(digest, Sha1::HexOf(bytes));
  EXPECT_NE(digest, Sha1::HexOf(std::string("\xff\x80\x01", 3)));  // the NUL counts
}

TEST(Sha1Test, HexIsFortyLowerCaseDigits) {
  std::string digest = Sha1::HexOf("The quick brown fox jumps over the lazy dog");
  EXPECT_EQ(digest, "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
  ASSERT_EQ(digest.size(), 40u);
  for (char c : digest) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) << c;
}

}  // namespace
}  // namespace xds

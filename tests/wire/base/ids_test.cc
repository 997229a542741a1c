// NewUrnUuid / IsUrnUuid, IsOid, NowDtm / IsDtm.
#include "wire/base/ids.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <set>
#include <string>

namespace xds {
namespace {

TEST(IdsTest, NewUrnUuidIsAVersion4RfcUuid) {
  for (int i = 0; i < 200; ++i) {
    std::string id = NewUrnUuid();
    ASSERT_EQ(id.size(), 45u) << id;
    EXPECT_EQ(id.substr(0, 9), "urn:uuid:");
    EXPECT_TRUE(IsUrnUuid(id)) << id;
    EXPECT_EQ(id[9 + 14], '4') << id;                          // version nibble
    EXPECT_NE(std::string("89ab").find(id[9 + 19]), std::string::npos) << id;  // variant 10xx
  }
}

TEST(IdsTest, NewUrnUuidIsFresh) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(NewUrnUuid()).second);
}

// Ids come from a per-thread pool of random bytes; a forked child must
// not hand out the ids its parent hands out next.
TEST(IdsTest, ForkedChildDoesNotRepeatTheParentsIds) {
  (void)NewUrnUuid();  // the pool is filled before the fork
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    std::string id = NewUrnUuid();
    ssize_t written = write(pipe_fds[1], id.data(), id.size());
    _exit(written == static_cast<ssize_t>(id.size()) ? 0 : 1);
  }
  std::string parent_id = NewUrnUuid();
  char buffer[64] = {};
  ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
  int status = 0;
  waitpid(child, &status, 0);
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  ASSERT_EQ(n, 45);
  EXPECT_TRUE(IsUrnUuid(std::string(buffer, 45)));
  EXPECT_NE(std::string(buffer, 45), parent_id);
}

TEST(IdsTest, IsUrnUuidAcceptsLowerCaseOnly) {
  EXPECT_TRUE(IsUrnUuid("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1"));
  EXPECT_TRUE(IsUrnUuid("urn:uuid:00000000-0000-0000-0000-000000000000"));
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7EDCA82F-054D-47F2-A032-9B2A5B5186C1"));
  EXPECT_FALSE(IsUrnUuid("URN:UUID:7edca82f-054d-47f2-a032-9b2a5b5186c1"));
}

TEST(IdsTest, IsUrnUuidRejectsMalformed) {
  EXPECT_FALSE(IsUrnUuid(""));
  EXPECT_FALSE(IsUrnUuid("urn:uuid:"));
  EXPECT_FALSE(IsUrnUuid("7edca82f-054d-47f2-a032-9b2a5b5186c1"));             // no prefix
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c"));     // short
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c11"));   // long
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7edca82f0054d-47f2-a032-9b2a5b5186c1"));    // missing dash
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186g1"));    // not hex
  EXPECT_FALSE(IsUrnUuid("urn:uuid:7edca82f-054d-47f2-a032 9b2a5b5186c1"));    // space for dash
  EXPECT_FALSE(IsUrnUuid("urn:oid:7edca82f-054d-47f2-a032-9b2a5b5186c1"));
}

TEST(IdsTest, IsOidAcceptsDottedDecimal) {
  EXPECT_TRUE(IsOid("1.3.6.1.4.1.21367.2005.3.7"));
  EXPECT_TRUE(IsOid("2.16.840.1.113883.6.1"));
  EXPECT_TRUE(IsOid("0"));
  EXPECT_TRUE(IsOid("1.0.2"));
  EXPECT_TRUE(IsOid("1.20.300"));
}

TEST(IdsTest, IsOidRejectsMalformed) {
  EXPECT_FALSE(IsOid(""));
  EXPECT_FALSE(IsOid("."));
  EXPECT_FALSE(IsOid("1..2"));
  EXPECT_FALSE(IsOid(".1.2"));
  EXPECT_FALSE(IsOid("1.2."));
  EXPECT_FALSE(IsOid("1.02"));   // leading zero in an arc
  EXPECT_FALSE(IsOid("01.2"));
  EXPECT_FALSE(IsOid("1.2a"));
  EXPECT_FALSE(IsOid("1.-2"));
  EXPECT_FALSE(IsOid(" 1.2"));
  EXPECT_FALSE(IsOid("urn:oid:1.2"));
}

TEST(IdsTest, IsOidLengthLimitIs64) {
  std::string oid = "1";
  while (oid.size() < 64) oid += oid.size() == 63 ? "1" : ".1";
  ASSERT_EQ(oid.size(), 64u);
  EXPECT_TRUE(IsOid(oid));
  EXPECT_FALSE(IsOid(oid + "1"));
}

TEST(IdsTest, NowDtmIsCurrentUtc) {
  std::time_t before = std::time(nullptr);
  std::string now = NowDtm();
  std::time_t after = std::time(nullptr);
  ASSERT_EQ(now.size(), 14u) << now;
  EXPECT_TRUE(IsDtm(now)) << now;
  auto format = [](std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[15];
    std::strftime(out, sizeof out, "%Y%m%d%H%M%S", &tm);
    return std::string(out);
  };
  EXPECT_GE(now, format(before));
  EXPECT_LE(now, format(after));
}

TEST(IdsTest, IsDtmAcceptsEveryPrecision) {
  EXPECT_TRUE(IsDtm("2024"));
  EXPECT_TRUE(IsDtm("202403"));
  EXPECT_TRUE(IsDtm("20240312"));
  EXPECT_TRUE(IsDtm("2024031210"));
  EXPECT_TRUE(IsDtm("202403121015"));
  EXPECT_TRUE(IsDtm("20240312101500"));
  EXPECT_TRUE(IsDtm("19991231235959"));
  EXPECT_TRUE(IsDtm("20000101000000"));
}

TEST(IdsTest, IsDtmRejectsBadLengthsAndCharacters) {
  EXPECT_FALSE(IsDtm(""));
  EXPECT_FALSE(IsDtm("202"));
  EXPECT_FALSE(IsDtm("20240"));            // odd length
  EXPECT_FALSE(IsDtm("2024031210150"));
  EXPECT_FALSE(IsDtm("202403121015000"));  // 15 digits
  EXPECT_FALSE(IsDtm("2024-03-12"));
  EXPECT_FALSE(IsDtm("20240312T101500"));
  EXPECT_FALSE(IsDtm("2024031210150Z"));
}

TEST(IdsTest, IsDtmRejectsFieldsOutOfRange) {
  EXPECT_FALSE(IsDtm("202400"));          // month 0
  EXPECT_FALSE(IsDtm("202413"));          // month 13
  EXPECT_FALSE(IsDtm("20240100"));        // day 0
  EXPECT_FALSE(IsDtm("20240132"));        // day 32
  EXPECT_FALSE(IsDtm("2024010124"));      // hour 24
  EXPECT_FALSE(IsDtm("202401012360"));    // minute 60
  EXPECT_FALSE(IsDtm("20240101235960"));  // second 60
  EXPECT_TRUE(IsDtm("20241231235959"));
}

}  // namespace
}  // namespace xds

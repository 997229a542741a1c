// FileWriter's write buffer and write-behind must not change what lands in
// the file: pieces of every size, around the buffer size, give the same
// bytes and size through Close, CommitAs and Release, and an uncommitted
// writer leaves nothing behind.
#include "wire/base/durable_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace xds {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

// Deterministic bytes, every value of a byte included.
std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

// Writes `bytes` in pieces whose sizes cycle through `pieces`.
Status WriteInPieces(FileWriter& w, std::string_view bytes, const std::vector<size_t>& pieces) {
  for (size_t i = 0; !bytes.empty(); ++i) {
    size_t n = std::min(bytes.size(), pieces[i % pieces.size()]);
    XDS_RETURN_IF_ERROR(w.Write(bytes.substr(0, n)));
    bytes.remove_prefix(n);
  }
  return Status::Ok();
}

TEST(FileWriterTest, PiecesOfEverySizeLandInOrder) {
  testing::TempDir dir;
  const size_t b = FileWriter::kBufferBytes;
  const std::string bytes = Pattern(5 * b + 12345);
  const std::vector<std::vector<size_t>> cuts = {
      {1}, {4096}, {b - 1}, {b}, {b + 1}, {3 * b}, {7, b, 1, 2 * b + 3, 4096}};
  for (size_t k = 0; k < cuts.size(); ++k) {
    std::string path = dir.File(std::string("cut-") + std::to_string(k));
    auto w = FileWriter::Create(path);
    ASSERT_TRUE(w.ok()) << w.status().ToString();
    ASSERT_TRUE(WriteInPieces(*w, bytes, cuts[k]).ok());
    EXPECT_EQ(w->size(), bytes.size());
    ASSERT_TRUE(w->Close().ok());
    EXPECT_EQ(Slurp(path), bytes) << "cut set " << k;
  }
}

TEST(FileWriterTest, ReleaseWritesTheBufferedTailAndKeepsTheFile) {
  testing::TempDir dir;
  std::string path = dir.File("spool.part");
  {
    auto w = FileWriter::Create(path);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Write("short tail").ok());
    ASSERT_TRUE(w->Release().ok());
  }
  EXPECT_EQ(Slurp(path), "short tail");
}

TEST(FileWriterTest, CommitAsWithWriteBehindGivesTheWholeFile) {
  testing::TempDir dir;
  const std::string bytes = Pattern(3 * 1024 * 1024 + 17);
  auto w = FileWriter::Create(dir.File("tmp"));
  ASSERT_TRUE(w.ok());
  w->WriteBehind(256 * 1024);
  ASSERT_TRUE(WriteInPieces(*w, bytes, {4096, 100000}).ok());
  ASSERT_TRUE(w->CommitAs(dir.File("final")).ok());
  EXPECT_FALSE(Exists(dir.File("tmp")));
  EXPECT_EQ(Slurp(dir.File("final")), bytes);
}

TEST(FileWriterTest, AnUncommittedWriterRemovesItsFile) {
  testing::TempDir dir;
  std::string path = dir.File("abandoned");
  {
    auto w = FileWriter::Create(path);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->Write(Pattern(100)).ok());
  }
  EXPECT_FALSE(Exists(path));
}

TEST(FileWriterTest, AMovedWriterKeepsItsBufferedBytes) {
  testing::TempDir dir;
  std::string path = dir.File("moved");
  auto w = FileWriter::Create(path);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE(w->Write("abc").ok());
  FileWriter moved = std::move(*w);
  ASSERT_TRUE(moved.Write("def").ok());
  ASSERT_TRUE(moved.Close().ok());
  EXPECT_EQ(Slurp(path), "abcdef");
}

}  // namespace
}  // namespace xds

#include "wire/mime/mtom_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "wire/mime/content_type.h"
#include "wire/mime/mtom.h"

namespace xds::mime {
namespace {

using namespace std::string_literals;

constexpr std::string_view kEnvelope =
    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
    "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:d1@x\"/>"
    "</s:Body></s:Envelope>";

TEST(MtomWriterTest, GoldenPackage) {
  MtomWriter w("B1", "root@x", "urn:ihe:iti:2007:RetrieveDocumentSetResponse");
  EXPECT_EQ(w.ContentType(),
            "multipart/related; boundary=B1; type=\"application/xop+xml\"; start=\"<root@x>\"; "
            "start-info=\"application/soap+xml\"; "
            "action=\"urn:ihe:iti:2007:RetrieveDocumentSetResponse\"");
  EXPECT_EQ(w.Whole("<e/>", {{"d@x", "application/pdf", "%PDF"}}),
            "--B1\r\n"
            "Content-Type: application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            "Content-ID: <root@x>\r\n"
            "\r\n"
            "<e/>"
            "\r\n--B1\r\n"
            "Content-Type: application/pdf\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            "Content-ID: <d@x>\r\n"
            "\r\n"
            "%PDF"
            "\r\n--B1--\r\n");
  EXPECT_EQ(MtomWriter("B1", "r@x", "").ContentType().find("action"), std::string::npos);
}

TEST(MtomWriterTest, FreshWritersAreUnique) {
  MtomWriter a;
  MtomWriter b;
  EXPECT_NE(a.boundary(), b.boundary());
  EXPECT_NE(a.root_content_id(), b.root_content_id());
  EXPECT_EQ(a.boundary().rfind("MIMEBoundary_", 0), 0u);
  EXPECT_TRUE(MultipartParser::CheckBoundary(a.boundary()).ok());
  EXPECT_LE(a.boundary().size(), 70u);  // RFC 2046 limit, for strict receivers
  EXPECT_NE(MtomWriter::NewContentId(), MtomWriter::NewContentId());

  Result<ContentType> ct = ParseContentType(a.ContentType());
  ASSERT_TRUE(ct.ok()) << ct.status().ToString();
  EXPECT_TRUE(ct->Is("multipart", "related"));
  EXPECT_EQ(ct->Param("boundary"), a.boundary());
  EXPECT_EQ(ct->Param("type"), "application/xop+xml");
  EXPECT_EQ(ct->Param("start"), "<" + a.root_content_id() + ">");
  EXPECT_EQ(ct->Param("start-info"), "application/soap+xml");
}

TEST(MtomWriterTest, HeaderInjectionIsDefused) {
  MtomWriter w("B", "r@x", "urn:a\r\nX-Evil: 1");
  EXPECT_EQ(w.ContentType().find('\n'), std::string::npos);
  std::string header = w.PartHeader("<d\r\n@x>", "text/plain\r\nX-Evil: 1");
  EXPECT_EQ(header.find("X-Evil"), std::string::npos);
  EXPECT_NE(header.find("Content-Type: application/octet-stream\r\n"), std::string::npos);
  EXPECT_NE(header.find("Content-ID: <d@x>\r\n"), std::string::npos);
  EXPECT_NE(w.PartHeader("d@x", "").find("application/octet-stream"), std::string::npos);
}

TEST(MtomWriterTest, RoundTripThroughParseMtom) {
  MtomWriter w("urn:ihe:iti:2007:RetrieveDocumentSetResponse");
  // Binary bytes: NULs, CRLFs, the boundary without its CRLF, a CRLF and a
  // boundary prefix, a trailing CR.
  const std::string binary = "\0\x01\xff\r\n-x--"s + w.boundary() + "\r\n\r\n--" +
                             w.boundary().substr(0, 10) + "\r";
  const std::string crlf_end = "ends with a newline\r\n";
  const std::string body = w.Whole(kEnvelope, {{"d1@x", "application/octet-stream", binary},
                                               {"d2@x", "text/plain", crlf_end},
                                               {"empty@x", "text/plain", ""}});
  Result<MtomMessage> m = ParseMtom(w.ContentType(), body);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->root_xml, kEnvelope);
  EXPECT_EQ(m->root_content_id, w.root_content_id());
  ASSERT_EQ(m->parts.size(), 3u);
  EXPECT_EQ(m->parts.at("d1@x"), binary);
  EXPECT_EQ(m->parts.at("d2@x"), crlf_end);
  EXPECT_EQ(m->parts.at("empty@x"), "");
  EXPECT_EQ(m->part_content_types.at("d2@x"), "text/plain");
}

// Collects one package's attachments through MtomReader.
struct Collected {
  std::deque<std::string> parts;  // deque: sinks keep pointers to elements
};

class AppendSink : public PartSink {
 public:
  explicit AppendSink(std::string* out) : out_(out) {}
  Status Write(std::string_view bytes) override {
    out_->append(bytes);
    return Status::Ok();
  }
  Status Close() override { return Status::Ok(); }

 private:
  std::string* out_;
};

TEST(MtomWriterTest, RoundTripThroughReaderAtEverySplitPoint) {
  MtomWriter w;
  const std::string body = w.RootPart(kEnvelope) + w.PartHeader("d1@x", "text/xml") +
                           "<doc>\r\n--</doc>" + w.Closing();
  for (size_t at = 0; at <= body.size(); ++at) {
    Collected got;
    auto reader = MtomReader::Create(w.ContentType(), [&got](const PartHeaders&) {
      got.parts.emplace_back();
      return Result<std::unique_ptr<PartSink>>(
          std::unique_ptr<PartSink>(std::make_unique<AppendSink>(&got.parts.back())));
    });
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE((*reader)->Feed(std::string_view(body).substr(0, at)).ok()) << at;
    ASSERT_TRUE((*reader)->Feed(std::string_view(body).substr(at)).ok()) << at;
    ASSERT_TRUE((*reader)->Finish().ok()) << at;
    ASSERT_EQ((*reader)->root_xml(), kEnvelope) << at;
    ASSERT_EQ(got.parts.size(), 1u) << at;
    ASSERT_EQ(got.parts[0], "<doc>\r\n--</doc>") << at;
  }
}

// 64-bit FNV-1a, to compare 50 MB of bytes without keeping them.
constexpr uint64_t kFnvOffset = 14695981039346656037ull;
uint64_t Fnv(uint64_t h, std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

struct StreamStats {
  uint64_t bytes = 0;
  uint64_t hash = kFnvOffset;
  int closes = 0;
};

class HashingSink : public PartSink {
 public:
  explicit HashingSink(StreamStats* stats) : stats_(stats) {}
  Status Write(std::string_view bytes) override {
    stats_->bytes += bytes.size();
    stats_->hash = Fnv(stats_->hash, bytes);
    return Status::Ok();
  }
  Status Close() override {
    ++stats_->closes;
    return Status::Ok();
  }

 private:
  StreamStats* stats_;
};

TEST(MtomWriterTest, FiftyMegabytePartStreamsInBoundedMemory) {
  constexpr uint64_t kPartBytes = 50ull * 1024 * 1024;
  MtomWriter w("urn:ihe:rad:2009:RetrieveImagingDocumentSetResponse");
  const size_t delimiter = w.boundary().size() + 4;  // "\r\n--" + boundary

  StreamStats stats;
  auto reader = MtomReader::Create(w.ContentType(), [&stats](const PartHeaders& h) {
    EXPECT_EQ(h.content_type, "application/dicom");
    return Result<std::unique_ptr<PartSink>>(
        std::unique_ptr<PartSink>(std::make_unique<HashingSink>(&stats)));
  });
  ASSERT_TRUE(reader.ok());
  MtomReader& r = **reader;
  ASSERT_TRUE(r.Feed(w.RootPart(kEnvelope)).ok());
  ASSERT_TRUE(r.Feed(w.PartHeader("d1@x", "application/dicom")).ok());

  // Pseudo-random bytes with delimiter look-alikes planted every 4 KiB,
  // generated and fed in irregular pieces one 64 KiB block at a time.
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  // The '!' stops a random next byte from completing the boundary.
  const std::string near_miss =
      "\r\n--" + w.boundary().substr(0, w.boundary().size() - 1) + "!";
  const std::string no_crlf = "x--" + w.boundary() + "\r\n";
  std::string block(64 * 1024, '\0');
  uint64_t fed = 0;
  uint64_t expected_hash = kFnvOffset;
  while (fed < kPartBytes) {
    for (size_t i = 0; i < block.size(); i += 8) {
      const uint64_t v = next();
      for (size_t k = 0; k < 8; ++k) block[i + k] = static_cast<char>(v >> (8 * k));
    }
    for (size_t i = 0; i + 200 < block.size(); i += 4096) {
      block.replace(i, near_miss.size(), near_miss);
      block.replace(i + 100, no_crlf.size(), no_crlf);
    }
    std::string_view rest = block;
    if (rest.size() > kPartBytes - fed) rest = rest.substr(0, kPartBytes - fed);
    expected_hash = Fnv(expected_hash, rest);
    while (!rest.empty()) {
      const size_t n = std::min<size_t>(rest.size(), 1 + next() % 20000);
      ASSERT_TRUE(r.Feed(rest.substr(0, n)).ok());
      fed += n;
      rest.remove_prefix(n);
      // Nothing is held back but a tail shorter than the delimiter.
      ASSERT_LT(fed - stats.bytes, delimiter);
    }
  }
  const std::string closing = w.Closing();
  ASSERT_TRUE(r.Feed(std::string_view(closing).substr(0, 5)).ok());
  ASSERT_TRUE(r.Feed(std::string_view(closing).substr(5)).ok());
  ASSERT_TRUE(r.Finish().ok());
  EXPECT_EQ(stats.bytes, kPartBytes);
  EXPECT_EQ(stats.hash, expected_hash);
  EXPECT_EQ(stats.closes, 1);
  EXPECT_EQ(r.root_xml(), kEnvelope);
}

}  // namespace
}  // namespace xds::mime

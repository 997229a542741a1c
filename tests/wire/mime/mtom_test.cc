#include "wire/mime/mtom.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace xds::mime {
namespace {

using Code = Status::Code;

constexpr std::string_view kContentType =
    "multipart/related; boundary=MIMEBoundary_abc; type=\"application/xop+xml\"; "
    "start=\"<0.root@x>\"; start-info=\"application/soap+xml\"; "
    "action=\"urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b\"";

constexpr std::string_view kRootXml =
    "<s:Envelope><xop:Include href=\"cid:1.doc%40x\"/></s:Envelope>";

constexpr std::string_view kRootType =
    "application/xop+xml; charset=UTF-8; type=\"application/soap+xml\"";

// One body part with the given header lines (each without CRLF).
std::string Part(const std::vector<std::string>& headers, std::string_view bytes) {
  std::string out = "--MIMEBoundary_abc\r\n";
  for (const std::string& h : headers) out += h + "\r\n";
  out += "\r\n";
  out += bytes;
  out += "\r\n";
  return out;
}

std::string Root() {
  return Part({"Content-Type: " + std::string(kRootType), "Content-Transfer-Encoding: binary",
               "Content-ID: <0.root@x>"},
              kRootXml);
}

std::string Doc(std::string_view cid, std::string_view bytes, std::string_view cte = "binary") {
  return Part({"Content-Type: text/plain", "Content-Transfer-Encoding: " + std::string(cte),
               "Content-ID: <" + std::string(cid) + ">"},
              bytes);
}

const std::string kClosing = "--MIMEBoundary_abc--\r\n";

// Records what the reader does with sinks.
struct SinkLog {
  std::map<std::string, std::string> bytes;  // Content-ID -> bytes written
  int closes = 0;
  int destroyed = 0;
  Status write_status;  // what Write returns
};

class LoggingSink : public PartSink {
 public:
  LoggingSink(SinkLog* log, std::string cid) : log_(log), cid_(std::move(cid)) {}
  ~LoggingSink() override { ++log_->destroyed; }
  Status Write(std::string_view bytes) override {
    if (!log_->write_status.ok()) return log_->write_status;
    log_->bytes[cid_].append(bytes);
    return Status::Ok();
  }
  Status Close() override {
    ++log_->closes;
    return Status::Ok();
  }

 private:
  SinkLog* log_;
  std::string cid_;
};

PartSinkFactory LoggingFactory(SinkLog* log) {
  return [log](const PartHeaders& h) -> Result<std::unique_ptr<PartSink>> {
    return std::unique_ptr<PartSink>(std::make_unique<LoggingSink>(log, h.content_id));
  };
}

TEST(ParseMtomTest, ParsesPackage) {
  const std::string body = "preamble\r\n" + Root() + Doc("1.doc@x", "document\r\nbytes") +
                           Doc("2.doc@x", "") + kClosing;
  Result<MtomMessage> m = ParseMtom(kContentType, body);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->root_xml, kRootXml);
  EXPECT_EQ(m->root_content_id, "0.root@x");
  EXPECT_EQ(m->root_content_type, kRootType);
  ASSERT_EQ(m->parts.size(), 2u);
  EXPECT_EQ(m->parts.at("1.doc@x"), "document\r\nbytes");
  EXPECT_EQ(m->parts.at("2.doc@x"), "");
  EXPECT_EQ(m->part_content_types.at("1.doc@x"), "text/plain");
  EXPECT_EQ(m->parts.count(CidFromHref("cid:1.doc%40x")), 1u);
}

TEST(ParseMtomTest, RootNamedByStartNeedNotComeFirst) {
  const std::string body = Doc("1.doc@x", "abc") + Root() + kClosing;
  Result<MtomMessage> m = ParseMtom(kContentType, body);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->root_xml, kRootXml);
  EXPECT_EQ(m->parts.at("1.doc@x"), "abc");
}

TEST(ParseMtomTest, WithoutStartTheFirstPartIsRoot) {
  // The root may then lack a Content-ID; attachments still need one.
  const std::string body = Part({"Content-Type: application/xop+xml"}, "<e/>") +
                           Doc("a@x", "A") + kClosing;
  Result<MtomMessage> m =
      ParseMtom("Multipart/Related; Boundary=\"MIMEBoundary_abc\"; type=\"application/xop+xml\"",
                body);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->root_xml, "<e/>");
  EXPECT_EQ(m->root_content_id, "");
  EXPECT_EQ(m->parts.at("a@x"), "A");
}

TEST(ParseMtomTest, UnoptimizedMtomHasOnlyTheRoot) {
  Result<MtomMessage> m = ParseMtom(kContentType, Root() + kClosing);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->root_xml, kRootXml);
  EXPECT_TRUE(m->parts.empty());
}

struct ErrorCase {
  std::string name;
  std::string content_type;
  std::string body;
  Code code;
  std::string message_part;
};

TEST(ParseMtomTest, ErrorsNameTheProblem) {
  const std::string ct(kContentType);
  const std::string good = Root() + Doc("1.doc@x", "x") + kClosing;
  const std::vector<ErrorCase> cases = {
      {"no boundary", "multipart/related; type=\"application/xop+xml\"", good,
       Code::kInvalidArgument, "no boundary parameter"},
      {"not multipart", "application/soap+xml; charset=UTF-8", good, Code::kInvalidArgument,
       "must be multipart/related, not application/soap+xml"},
      {"bad content type", "multipart", good, Code::kInvalidArgument, "type/subtype"},
      {"empty boundary", "multipart/related; boundary=\"\"", good, Code::kInvalidArgument,
       "boundary is empty"},
      {"empty body", ct, "", Code::kInvalidArgument, "no boundary delimiter"},
      {"wrong boundary", "multipart/related; boundary=Other; start=\"<0.root@x>\"", good,
       Code::kInvalidArgument, "no boundary delimiter \"--Other\""},
      {"truncated", ct, Root() + Doc("1.doc@x", "x"), Code::kInvalidArgument, "truncated"},
      {"truncated mid part", ct, good.substr(0, good.size() - 40), Code::kInvalidArgument,
       "truncated"},
      {"no content-id", ct, Root() + Part({"Content-Type: text/plain"}, "x") + kClosing,
       Code::kInvalidArgument, "MIME part #2 has no Content-ID"},
      {"root missing", "multipart/related; boundary=MIMEBoundary_abc; start=\"<nope@x>\"", good,
       Code::kInvalidArgument, "root part <nope@x> named by the start parameter"},
      {"duplicate content-id", ct, Root() + Doc("1.doc@x", "x") + Doc("1.doc@x", "y") + kClosing,
       Code::kInvalidArgument, "two parts with Content-ID <1.doc@x>"},
      {"root id reused", ct, Root() + Doc("0.root@x", "y") + kClosing, Code::kInvalidArgument,
       "two parts with Content-ID <0.root@x>"},
      {"base64 part", ct, Root() + Doc("1.doc@x", "eA==", "base64") + kClosing,
       Code::kInvalidArgument, "Content-Transfer-Encoding base64"},
      {"no parts", "multipart/related; boundary=MIMEBoundary_abc", kClosing,
       Code::kInvalidArgument, "has no parts"},
      {"header too large", ct,
       Root() + Doc(std::string(17000, 'c') + "@x", "x") + kClosing, Code::kTooLarge,
       "header block of MIME part #2 exceeds"},
  };
  for (const ErrorCase& c : cases) {
    Result<MtomMessage> m = ParseMtom(c.content_type, c.body);
    ASSERT_FALSE(m.ok()) << c.name;
    EXPECT_EQ(m.status().code(), c.code) << c.name << ": " << m.status().ToString();
    EXPECT_NE(m.status().message().find(c.message_part), std::string::npos)
        << c.name << ": " << m.status().message();
  }
}

TEST(MtomReaderTest, StreamsAttachmentsToSinks) {
  SinkLog log;
  Result<std::unique_ptr<MtomReader>> reader =
      MtomReader::Create(kContentType, LoggingFactory(&log));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  MtomReader& r = **reader;
  const std::string body = Doc("1.doc@x", "one") + Root() + Doc("2.doc@x", "two") + kClosing;
  for (char c : body) ASSERT_TRUE(r.Feed(std::string_view(&c, 1)).ok());
  ASSERT_TRUE(r.Finish().ok());
  EXPECT_EQ(r.start(), "0.root@x");
  EXPECT_EQ(r.root_xml(), kRootXml);
  EXPECT_EQ(r.root_headers().content_type, kRootType);
  ASSERT_EQ(r.attachments().size(), 2u);
  EXPECT_EQ(r.attachments()[0].content_id, "1.doc@x");
  EXPECT_EQ(r.attachments()[1].index, 2u);
  EXPECT_EQ(log.bytes["1.doc@x"], "one");
  EXPECT_EQ(log.bytes["2.doc@x"], "two");
  EXPECT_EQ(log.closes, 2);
  EXPECT_EQ(log.destroyed, 2);
  EXPECT_EQ(r.TakeRootXml(), kRootXml);
}

TEST(MtomReaderTest, AbortedPartSinkIsDestroyedWithoutClose) {
  SinkLog log;
  {
    auto reader = MtomReader::Create(kContentType, LoggingFactory(&log));
    ASSERT_TRUE(reader.ok());
    ASSERT_TRUE((*reader)->Feed(Root() + Doc("1.doc@x", "whole") + "--MIMEBoundary_abc\r\n"
                                "Content-ID: <2.doc@x>\r\n\r\npartial").ok());
    EXPECT_EQ((*reader)->Finish().code(), Code::kInvalidArgument);
  }
  EXPECT_EQ(log.closes, 1);     // only the complete part
  EXPECT_EQ(log.destroyed, 2);  // the partial one is dropped unclosed
}

TEST(MtomReaderTest, SinkErrorsStopTheParse) {
  SinkLog log;
  log.write_status = Status::IoError("spool full");
  auto reader = MtomReader::Create(kContentType, LoggingFactory(&log));
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->Feed(Root() + Doc("1.doc@x", "x") + kClosing).code(), Code::kIoError);
  EXPECT_EQ((*reader)->Finish().code(), Code::kIoError);

  auto refusing = MtomReader::Create(kContentType, [](const PartHeaders& h) {
    return Result<std::unique_ptr<PartSink>>(
        Status::InvalidArgument("type " + h.content_type + " refused"));
  });
  ASSERT_TRUE(refusing.ok());
  Status s = (*refusing)->Feed(Root() + Doc("1.doc@x", "x") + kClosing);
  EXPECT_EQ(s.message(), "type text/plain refused");
}

TEST(MtomReaderTest, RootPartIsCapped) {
  SinkLog log;
  MtomLimits limits;
  limits.max_root_bytes = kRootXml.size() - 1;
  auto reader = MtomReader::Create(kContentType, LoggingFactory(&log), limits);
  ASSERT_TRUE(reader.ok());
  Status s = (*reader)->Feed(Root() + kClosing);
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_NE(s.message().find("root part exceeds"), std::string::npos) << s.message();

  limits.max_root_bytes = kRootXml.size();
  auto exact = MtomReader::Create(kContentType, LoggingFactory(&log), limits);
  ASSERT_TRUE(exact.ok());
  ASSERT_TRUE((*exact)->Feed(Root() + kClosing).ok());
  EXPECT_TRUE((*exact)->Finish().ok());
}

TEST(MtomReaderTest, CreateRejectsMissingFactory) {
  auto reader = MtomReader::Create(kContentType, nullptr);
  EXPECT_EQ(reader.status().code(), Code::kInvalidArgument);
}

TEST(CidTest, CidFromHref) {
  EXPECT_EQ(CidFromHref("cid:1.doc%40x"), "1.doc@x");
  EXPECT_EQ(CidFromHref("CID:a@b"), "a@b");
  EXPECT_EQ(CidFromHref(" cid:a%2fb%2Fc "), "a/b/c");
  EXPECT_EQ(CidFromHref("cid:bad%zz%4"), "bad%zz%4");  // malformed escapes kept
  EXPECT_EQ(CidFromHref("cid:"), "");
  EXPECT_EQ(CidFromHref("http://example.org/a"), "");
  EXPECT_EQ(CidFromHref("ci"), "");
}

TEST(CidTest, HrefFromCidRoundTrips) {
  EXPECT_EQ(HrefFromCid("1.8a2b-c@xds"), "cid:1.8a2b-c@xds");
  EXPECT_EQ(HrefFromCid("a b/c"), "cid:a%20b%2Fc");
  for (std::string_view cid : {"x@y", "a b/c?d#e%f<g>\"h", "urn:uuid:1-2@z", "\xc3\xa9t\xc3\xa9"}) {
    EXPECT_EQ(CidFromHref(HrefFromCid(cid)), cid);
  }
}

}  // namespace
}  // namespace xds::mime

#include "wire/mime/multipart_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace xds::mime {
namespace {

using Code = Status::Code;

// Records parser events as text. Data pieces are appended as they come, so
// the transcript does not depend on how the body was chunked.
struct Recorder {
  std::string log;
  std::vector<PartHeaders> headers;

  MultipartParser::Callbacks Callbacks() {
    return {[this](const PartHeaders& h) {
              headers.push_back(h);
              log += "<begin " + h.content_id + "|" + h.content_type + "|" +
                     h.content_transfer_encoding + ">";
              return Status::Ok();
            },
            [this](std::string_view bytes) {
              log.append(bytes);
              return Status::Ok();
            },
            [this]() {
              log += "<end>";
              return Status::Ok();
            }};
  }
};

// Feeds `body` split at the given offsets (ascending), then finishes.
Status ParseSplit(std::string_view boundary, std::string_view body,
                  const std::vector<size_t>& splits, Recorder* rec, MultipartLimits limits = {}) {
  MultipartParser parser(boundary, rec->Callbacks(), limits);
  size_t from = 0;
  for (size_t at : splits) {
    XDS_RETURN_IF_ERROR(parser.Feed(body.substr(from, at - from)));
    from = at;
  }
  XDS_RETURN_IF_ERROR(parser.Feed(body.substr(from)));
  return parser.Finish();
}

Status Parse(std::string_view boundary, std::string_view body, Recorder* rec,
             MultipartLimits limits = {}) {
  return ParseSplit(boundary, body, {}, rec, limits);
}

constexpr std::string_view kTwoParts =
    "--Boundary\r\n"
    "Content-ID: <a@x>\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "hello\r\n"
    "--Boundary\r\n"
    "Content-Id: b@x\r\n"
    "Content-Transfer-Encoding: BINARY\r\n"
    "\r\n"
    "world\r\n"
    "--Boundary--\r\n";

// Preamble, data that resembles the delimiter in many partial ways, a part
// with no headers, an empty part, transport padding, and an epilogue.
constexpr std::string_view kTricky =
    "preamble --Boundary not at line start\r\n-\r\n--Bound\r\n"
    "--Boundary\r\n"
    "Content-ID: <one@x>\r\n"
    "\r\n"
    "a\r\n--Bounda\r\n-\r\n--\r\r\n--Boun --Boundary\r\r\n\r\n-Boundary\r"
    "\r\n--Boundary \t\r\n"
    "\r\n"
    "no headers\r\n"
    "\r\n--Boundary\r\n"
    "Content-ID: <empty@x>\r\n"
    "\r\n"
    "\r\n--Boundary--  epilogue\r\n--Boundary\r\nignored";

constexpr std::string_view kTrickyLog =
    "<begin one@x||>a\r\n--Bounda\r\n-\r\n--\r\r\n--Boun --Boundary\r\r\n\r\n-Boundary\r<end>"
    "<begin ||>no headers\r\n<end>"
    "<begin empty@x||><end>";

TEST(MultipartParserTest, ParsesLiteralBody) {
  Recorder rec;
  ASSERT_TRUE(Parse("Boundary", kTwoParts, &rec).ok());
  EXPECT_EQ(rec.log, "<begin a@x|text/plain|>hello<end><begin b@x||binary>world<end>");
}

TEST(MultipartParserTest, ReportsPartsAndCompletion) {
  Recorder rec;
  MultipartParser parser("Boundary", rec.Callbacks());
  ASSERT_TRUE(parser.Feed(kTwoParts.substr(0, 60)).ok());
  EXPECT_EQ(parser.parts(), 1u);
  EXPECT_FALSE(parser.complete());
  ASSERT_TRUE(parser.Feed(kTwoParts.substr(60)).ok());
  EXPECT_EQ(parser.parts(), 2u);
  EXPECT_TRUE(parser.complete());
  EXPECT_TRUE(parser.Finish().ok());
}

TEST(MultipartParserTest, HeaderNamesLowerCasedAndFoldingUndone) {
  constexpr std::string_view kBody =
      "--b\r\n"
      "CONTENT-TYPE:  application/xop+xml;\r\n"
      "\ttype=\"application/soap+xml\"  \r\n"
      "X-Custom:v\r\n"
      "Content-ID:<r@x>\r\n"
      "\r\n"
      "x\r\n--b--";
  Recorder rec;
  ASSERT_TRUE(Parse("b", kBody, &rec).ok());
  ASSERT_EQ(rec.headers.size(), 1u);
  const PartHeaders& h = rec.headers[0];
  ASSERT_EQ(h.fields.size(), 3u);
  EXPECT_EQ(h.fields[0].first, "content-type");
  EXPECT_EQ(h.content_type, "application/xop+xml; type=\"application/soap+xml\"");
  EXPECT_EQ(h.content_id, "r@x");
  ASSERT_NE(h.Find("x-custom"), nullptr);
  EXPECT_EQ(*h.Find("x-custom"), "v");
  EXPECT_EQ(h.Find("content-length"), nullptr);
  EXPECT_EQ(h.index, 0u);
}

TEST(MultipartParserTest, PreambleEpilogueAndLookalikeData) {
  Recorder rec;
  Status s = Parse("Boundary", kTricky, &rec);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(rec.log, kTrickyLog);
}

TEST(MultipartParserTest, EverySingleSplitPointGivesSameEvents) {
  for (std::string_view body : {kTwoParts, kTricky}) {
    Recorder whole;
    ASSERT_TRUE(Parse("Boundary", body, &whole).ok());
    for (size_t at = 0; at <= body.size(); ++at) {
      Recorder rec;
      Status s = ParseSplit("Boundary", body, {at}, &rec);
      ASSERT_TRUE(s.ok()) << "split at " << at << ": " << s.ToString();
      ASSERT_EQ(rec.log, whole.log) << "split at " << at;
    }
  }
}

TEST(MultipartParserTest, EveryPairOfSplitPointsGivesSameEvents) {
  Recorder whole;
  ASSERT_TRUE(Parse("Boundary", kTwoParts, &whole).ok());
  for (size_t a = 0; a <= kTwoParts.size(); ++a) {
    for (size_t b = a; b <= kTwoParts.size(); ++b) {
      Recorder rec;
      ASSERT_TRUE(ParseSplit("Boundary", kTwoParts, {a, b}, &rec).ok()) << a << "," << b;
      ASSERT_EQ(rec.log, whole.log) << a << "," << b;
    }
  }
}

TEST(MultipartParserTest, OneByteAtATime) {
  for (std::string_view body : {kTwoParts, kTricky}) {
    Recorder whole;
    ASSERT_TRUE(Parse("Boundary", body, &whole).ok());
    Recorder rec;
    MultipartParser parser("Boundary", rec.Callbacks());
    for (char c : body) ASSERT_TRUE(parser.Feed(std::string_view(&c, 1)).ok());
    ASSERT_TRUE(parser.Finish().ok());
    EXPECT_EQ(rec.log, whole.log);
  }
}

TEST(MultipartParserTest, EmptyChunksAreHarmless) {
  Recorder rec;
  MultipartParser parser("Boundary", rec.Callbacks());
  ASSERT_TRUE(parser.Feed("").ok());
  ASSERT_TRUE(parser.Feed(kTwoParts).ok());
  ASSERT_TRUE(parser.Feed("").ok());
  EXPECT_TRUE(parser.Finish().ok());
}

TEST(MultipartParserTest, EveryTruncationIsReported) {
  // Every prefix that stops before the closing "--Boundary--" is truncated.
  const size_t closing_end = kTwoParts.find("--Boundary--") + 12;
  for (size_t len = 0; len < closing_end; ++len) {
    Recorder rec;
    Status s = Parse("Boundary", kTwoParts.substr(0, len), &rec);
    ASSERT_EQ(s.code(), Code::kInvalidArgument) << "length " << len;
  }
  Recorder rec;
  Status s = Parse("Boundary", kTwoParts.substr(0, 70), &rec);
  EXPECT_NE(s.message().find("truncated"), std::string::npos) << s.message();
  EXPECT_EQ(rec.log, "<begin a@x|text/plain|>hello");  // a cut part gets no end event
}

TEST(MultipartParserTest, WrongBoundaryIsReported) {
  Recorder rec;
  Status s = Parse("Other", kTwoParts, &rec);
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_NE(s.message().find("no boundary delimiter \"--Other\""), std::string::npos)
      << s.message();
  EXPECT_TRUE(rec.log.empty());
}

TEST(MultipartParserTest, UnusableBoundaryIsReported) {
  for (std::string_view bad : {std::string_view(""), std::string_view("a\r\nb")}) {
    Recorder rec;
    MultipartParser parser(bad, rec.Callbacks());
    EXPECT_EQ(parser.Feed(kTwoParts).code(), Code::kInvalidArgument);
    EXPECT_EQ(parser.Finish().code(), Code::kInvalidArgument);
  }
  EXPECT_FALSE(MultipartParser::CheckBoundary(std::string(300, 'x')).ok());
  EXPECT_TRUE(MultipartParser::CheckBoundary("MIMEBoundary_urn:uuid:1234 'x'()+_,-./=?").ok());
}

TEST(MultipartParserTest, TextAfterBoundaryIsRejected) {
  for (std::string_view body : {"--Boundary\r\n\r\nx\r\n--Boundaryx\r\n--Boundary--",
                                "--Boundary\r\n\r\nx\r\n--Boundary-x",
                                "--Boundary\r\n\r\nx\r\n--Boundary\rx"}) {
    Recorder rec;
    EXPECT_EQ(Parse("Boundary", body, &rec).code(), Code::kInvalidArgument) << body;
  }
}

TEST(MultipartParserTest, HeaderBlockTooLarge) {
  std::string body = "--b\r\nContent-ID: <" + std::string(20000, 'x') + ">\r\n\r\nx\r\n--b--";
  Recorder rec;
  Status s = Parse("b", body, &rec);
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_NE(s.message().find("header block of MIME part #1 exceeds 16384 bytes"),
            std::string::npos)
      << s.message();

  // Exactly at the limit is fine.
  std::string header = "X: " + std::string(50, 'y') + "\r\n\r\n";
  MultipartLimits limits;
  limits.max_header_bytes = header.size();
  Recorder ok_rec;
  EXPECT_TRUE(Parse("b", "--b\r\n" + header + "z\r\n--b--", &ok_rec, limits).ok());
  limits.max_header_bytes = header.size() - 1;
  Recorder big_rec;
  EXPECT_EQ(Parse("b", "--b\r\n" + header + "z\r\n--b--", &big_rec, limits).code(),
            Code::kTooLarge);
}

TEST(MultipartParserTest, TooManyParts) {
  MultipartLimits limits;
  limits.max_parts = 1;
  Recorder rec;
  Status s = Parse("Boundary", kTwoParts, &rec, limits);
  EXPECT_EQ(s.code(), Code::kTooLarge);
  EXPECT_NE(s.message().find("more than 1 parts"), std::string::npos) << s.message();
}

TEST(MultipartParserTest, MalformedHeadersAreRejected) {
  for (std::string_view headers : {"NoColonHere\r\n", ": no name\r\n", " folded first\r\n",
                                   "Bare: lf\nX: y\r\n", "Content-ID: <a>\r\nContent-ID: <b>\r\n",
                                   "Content-Type: a/b\r\ncontent-type: c/d\r\n"}) {
    std::string body = "--b\r\n" + std::string(headers) + "\r\nx\r\n--b--";
    Recorder rec;
    Status s = Parse("b", body, &rec);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << headers;
    EXPECT_NE(s.message().find("MIME part #1"), std::string::npos) << s.message();
  }
}

TEST(MultipartParserTest, CallbackErrorStopsParseAndSticks) {
  int data_calls = 0;
  MultipartParser parser("Boundary", {nullptr,
                                      [&](std::string_view) {
                                        ++data_calls;
                                        return Status::IoError("disk full");
                                      },
                                      nullptr});
  Status s = parser.Feed(kTwoParts);
  EXPECT_EQ(s.code(), Code::kIoError);
  EXPECT_EQ(data_calls, 1);
  EXPECT_EQ(parser.Feed("more").code(), Code::kIoError);
  EXPECT_EQ(parser.Finish().code(), Code::kIoError);
  EXPECT_EQ(data_calls, 1);
}

TEST(MultipartParserTest, FeedAfterFinishIsAnError) {
  Recorder rec;
  MultipartParser parser("Boundary", rec.Callbacks());
  ASSERT_TRUE(parser.Feed(kTwoParts).ok());
  ASSERT_TRUE(parser.Finish().ok());
  EXPECT_FALSE(parser.Feed("x").ok());
}

TEST(MultipartParserTest, PartDataIsStreamedNotBuffered) {
  // A part's bytes reach the callback as they arrive, minus a lookbehind
  // shorter than the delimiter "\r\n--Boundary" (12 bytes).
  size_t received = 0;
  MultipartParser parser("Boundary", {nullptr,
                                      [&](std::string_view bytes) {
                                        received += bytes.size();
                                        return Status::Ok();
                                      },
                                      nullptr});
  ASSERT_TRUE(parser.Feed("--Boundary\r\n\r\n").ok());
  const std::string chunk(1000, '\r');  // every byte could start a delimiter
  for (int i = 1; i <= 100; ++i) {
    ASSERT_TRUE(parser.Feed(chunk).ok());
    ASSERT_GE(received + 11, static_cast<size_t>(i) * chunk.size());
  }
  ASSERT_TRUE(parser.Feed("\r\n--Boundary--").ok());
  EXPECT_TRUE(parser.Finish().ok());
  EXPECT_EQ(received, 100u * chunk.size());
}

}  // namespace
}  // namespace xds::mime

// HttpClient against a real loopback HttpServer (timeouts, unreachable
// peers, keep-alive) and SplitUrl.
#include "wire/http/http_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "wire/http/http_server.h"

namespace xds::http {
namespace {

TEST(SplitUrlTest, BaseAndPath) {
  auto u = SplitUrl("http://127.0.0.1:8080/xds/registry");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->base, "http://127.0.0.1:8080");
  EXPECT_EQ(u->path, "/xds/registry");
}

TEST(SplitUrlTest, NoPathIsRoot) {
  auto u = SplitUrl("https://registry.example.org:8443");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->base, "https://registry.example.org:8443");
  EXPECT_EQ(u->path, "/");
}

TEST(SplitUrlTest, QueryStaysWithThePath) {
  auto u = SplitUrl("http://h/a/b?x=1&y=/z");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->base, "http://h");
  EXPECT_EQ(u->path, "/a/b?x=1&y=/z");
}

TEST(SplitUrlTest, NoSchemeIsInvalid) {
  for (const char* url : {"127.0.0.1:8080/xds", "", "/xds/registry"}) {
    auto u = SplitUrl(url);
    ASSERT_FALSE(u.ok()) << url;
    EXPECT_EQ(u.status().code(), Status::Code::kInvalidArgument);
  }
}

TEST(HttpClientTest, UnreachablePeerIsUnavailable) {
  // Bind a port, then free it: nothing listens there any more.
  int port = 0;
  {
    HttpServer s;
    auto p = s.Start("127.0.0.1", 0);
    ASSERT_TRUE(p.ok());
    port = *p;
  }
  HttpClientOptions quick;
  quick.connect_timeout_seconds = 1;
  HttpClient c("http://127.0.0.1:" + std::to_string(port), quick);
  auto r = c.Post("/x", "text/plain", "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kUnavailable);
  EXPECT_FALSE(c.Get("/x").ok());
}

TEST(HttpClientTest, ReadTimeoutIsOutcomeUnknown) {
  HttpServerOptions options;
  options.thread_count = 2;
  HttpServer s(options);
  s.Get("/slow", [](const HttpRequest&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    return HttpResponse{};
  });
  auto port = s.Start("127.0.0.1", 0);
  ASSERT_TRUE(port.ok());
  HttpClientOptions quick;
  quick.read_timeout_seconds = 1;
  HttpClient c("http://127.0.0.1:" + std::to_string(*port), quick);
  auto start = std::chrono::steady_clock::now();
  auto r = c.Get("/slow");
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kOutcomeUnknown);
  EXPECT_LT(waited, std::chrono::milliseconds(2400));
}

TEST(HttpClientTest, KeepsTheConnectionAlive) {
  HttpServer s;
  std::mutex mu;
  std::set<std::string> peers;
  s.Get("/peer", [&](const HttpRequest& req) {
    HttpResponse r;
    auto it = req.headers.find("REMOTE_PORT");
    r.body = it != req.headers.end() ? it->second : "";
    std::lock_guard<std::mutex> lock(mu);
    peers.insert(r.body);
    return r;
  });
  auto port = s.Start("127.0.0.1", 0);
  ASSERT_TRUE(port.ok());
  HttpClient c("http://127.0.0.1:" + std::to_string(*port));
  for (int i = 0; i < 5; ++i) {
    auto r = c.Get("/peer");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_FALSE(r->body.empty());
  }
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(peers.size(), 1u) << "each request used a new connection";
}

TEST(HttpClientTest, GetStreamingSendsHeadersAndStreamsTheAnswer) {
  HttpServer s;
  std::string body(300 * 1024, 'x');
  for (size_t i = 0; i < body.size(); i += 997) body[i] = static_cast<char>('a' + i % 26);
  s.Get("/stream", [&](const HttpRequest& req) {
    HttpResponse r;
    auto accept = req.headers.find("Accept");
    r.content_type = "application/octet-stream";
    r.headers.emplace_back("X-Accept-Seen", accept != req.headers.end() ? accept->second : "");
    // Streamed in 64 KiB pieces (chunked).
    r.stream = [&body](const ChunkSink& sink) {
      for (size_t at = 0; at < body.size(); at += 65536)
        if (!sink(std::string_view(body).substr(at, 65536))) return false;
      return true;
    };
    return r;
  });
  s.Get("/empty", [](const HttpRequest&) {
    HttpResponse r;
    r.status = 204;
    return r;
  });
  auto port = s.Start("127.0.0.1", 0);
  ASSERT_TRUE(port.ok());
  HttpClient c("http://127.0.0.1:" + std::to_string(*port));
  std::string received, accept_seen;
  int chunks = 0;
  auto head = c.GetStreaming("/stream", {{"Accept", "multipart/related; type=\"application/dicom\""}},
                             [&](const HttpResponse& h) {
                               for (const auto& [k, v] : h.headers)
                                 if (k == "X-Accept-Seen") accept_seen = v;
                               return ChunkSink([&](std::string_view b) {
                                 ++chunks;
                                 received.append(b);
                                 return true;
                               });
                             });
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(accept_seen, "multipart/related; type=\"application/dicom\"");
  EXPECT_TRUE(received == body);
  EXPECT_GT(chunks, 1);

  // No body: no sink is opened, and the status is the answer's own.
  bool opened = false;
  auto empty = c.GetStreaming("/empty", {}, [&](const HttpResponse&) {
    opened = true;
    return ChunkSink([](std::string_view) { return true; });
  });
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_EQ(empty->status, 204);
  EXPECT_FALSE(opened);
}

}  // namespace
}  // namespace xds::http

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

}  // namespace
}  // namespace xds::http

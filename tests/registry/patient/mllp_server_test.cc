// MllpServer over loopback with an echo handler: framing, limits, timeouts,
// concurrency and shutdown.
#include "registry/patient/mllp_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/registry/patient/mllp_test_client.h"

namespace xds::registry {
namespace {

using std::chrono::milliseconds;

std::string Echo(std::string_view message) { return "ECHO:" + std::string(message); }

MllpServerOptions SmallLimits() {
  MllpServerOptions options;
  options.max_message_bytes = 64 * 1024;
  options.read_timeout = milliseconds(10000);
  return options;
}

TEST(MllpServerTest, StartBindsAnEphemeralPort) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.Start().code(), Status::Code::kInvalidArgument);
}

TEST(MllpServerTest, StartFailsWhenThePortIsTaken) {
  MllpServer first(MllpServerOptions{}, Echo);
  ASSERT_TRUE(first.Start().ok());
  MllpServerOptions options;
  options.port = first.port();
  MllpServer second(options, Echo);
  Status status = second.Start();
  EXPECT_EQ(status.code(), Status::Code::kUnavailable) << status.ToString();
}

TEST(MllpServerTest, AnswersInTheSameFrame) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  ASSERT_TRUE(client.connected());
  EXPECT_EQ(client.Call("MSH|hello"), "ECHO:MSH|hello");
}

TEST(MllpServerTest, TwoMessagesOnOneConnection) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  EXPECT_EQ(client.Call("one"), "ECHO:one");
  EXPECT_EQ(client.Call("two"), "ECHO:two");
}

TEST(MllpServerTest, PipelinedFramesInOneWrite) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  ASSERT_TRUE(client.SendRaw(MllpTestClient::Frame("a") + "\r\n" + MllpTestClient::Frame("b")));
  EXPECT_EQ(client.Receive(), "ECHO:a");
  EXPECT_EQ(client.Receive(), "ECHO:b");
}

TEST(MllpServerTest, FrameSplitAcrossWrites) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  std::string frame = MllpTestClient::Frame("split\rmessage");
  for (char c : frame) {
    ASSERT_TRUE(client.SendRaw(std::string(1, c)));
    std::this_thread::sleep_for(milliseconds(1));
  }
  EXPECT_EQ(client.Receive(), "ECHO:split\rmessage");
}

TEST(MllpServerTest, MessageAtTheLimitIsAccepted) {
  MllpServerOptions options = SmallLimits();
  MllpServer server(options, [](std::string_view m) { return std::to_string(m.size()); });
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  EXPECT_EQ(client.Call(std::string(options.max_message_bytes, 'x')), std::to_string(options.max_message_bytes));
}

TEST(MllpServerTest, OversizedMessageClosesTheConnection) {
  MllpServer server(SmallLimits(), Echo);
  ASSERT_TRUE(server.Start().ok());
  {
    MllpTestClient client(server.port());
    // The send may already fail when the server resets mid-message.
    client.Send(std::string(SmallLimits().max_message_bytes + 1, 'x'));
    EXPECT_TRUE(client.WaitForClose());
  }
  MllpTestClient next(server.port());
  EXPECT_EQ(next.Call("still serving"), "ECHO:still serving");
}

TEST(MllpServerTest, DefaultLimitIsOneMebibyte) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  client.Send(std::string((1 << 20) + 1, 'x'));
  EXPECT_TRUE(client.WaitForClose());
}

TEST(MllpServerTest, BytesOutsideAFrameCloseTheConnection) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient garbage(server.port());
  ASSERT_TRUE(garbage.SendRaw("GET / HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(garbage.WaitForClose());
  MllpTestClient no_cr(server.port());
  ASSERT_TRUE(no_cr.SendRaw("\x0bmessage\x1cX"));
  EXPECT_TRUE(no_cr.WaitForClose());
}

TEST(MllpServerTest, IdleConnectionTimesOut) {
  MllpServerOptions options;
  options.read_timeout = milliseconds(200);
  MllpServer server(options, Echo);
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  ASSERT_TRUE(client.SendRaw("\x0bpartial"));
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(4000));
}

TEST(MllpServerTest, ManyConcurrentClients) {
  MllpServer server(MllpServerOptions{}, Echo);
  ASSERT_TRUE(server.Start().ok());
  constexpr int kClients = 32;
  constexpr int kMessagesEach = 20;
  std::vector<std::thread> threads;
  std::atomic<int> answered{0};
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      MllpTestClient client(server.port());
      for (int m = 0; m < kMessagesEach; ++m) {
        std::string message = "client " + std::to_string(c) + " message " + std::to_string(m);
        if (client.Call(message) == "ECHO:" + message) ++answered;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(answered.load(), kClients * kMessagesEach);
}

TEST(MllpServerTest, ConnectionsBeyondTheLimitAreRefused) {
  MllpServerOptions options;
  options.max_connections = 2;
  MllpServer server(options, Echo);
  ASSERT_TRUE(server.Start().ok());
  auto first = std::make_unique<MllpTestClient>(server.port());
  MllpTestClient second(server.port());
  ASSERT_EQ(first->Call("1"), "ECHO:1");  // both are now being served
  ASSERT_EQ(second.Call("2"), "ECHO:2");
  MllpTestClient refused(server.port());
  EXPECT_TRUE(refused.WaitForClose());

  // A closed connection frees its slot once its thread has finished.
  first.reset();
  bool served = false;
  for (int attempt = 0; attempt < 100 && !served; ++attempt) {
    MllpTestClient again(server.port(), milliseconds(1000));
    served = again.Call("3") == "ECHO:3";
    if (!served) std::this_thread::sleep_for(milliseconds(20));
  }
  EXPECT_TRUE(served);
}

TEST(MllpServerTest, StopClosesIdleConnectionsPromptly) {
  MllpServerOptions options;
  options.read_timeout = milliseconds(60000);
  MllpServer server(options, Echo);
  ASSERT_TRUE(server.Start().ok());
  std::vector<std::unique_ptr<MllpTestClient>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<MllpTestClient>(server.port()));
    ASSERT_EQ(clients.back()->Call("hi"), "ECHO:hi");
  }
  auto start = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000));
  for (auto& client : clients) EXPECT_TRUE(client->WaitForClose());
  server.Stop();  // idempotent
}

TEST(MllpServerTest, StopLetsTheMessageInProgressFinish) {
  std::promise<void> entered;
  auto entered_future = entered.get_future();
  MllpServer server(MllpServerOptions{}, [&](std::string_view message) {
    entered.set_value();
    std::this_thread::sleep_for(milliseconds(100));
    return Echo(message);
  });
  ASSERT_TRUE(server.Start().ok());
  MllpTestClient client(server.port());
  ASSERT_TRUE(client.Send("slow"));
  entered_future.wait();
  server.Stop();
  EXPECT_EQ(client.Receive(), "ECHO:slow");
  EXPECT_TRUE(client.WaitForClose());
}

TEST(MllpServerTest, StopWithoutStartIsHarmless) {
  MllpServer server(MllpServerOptions{}, Echo);
  server.Stop();
  EXPECT_EQ(server.Start().code(), Status::Code::kInvalidArgument);
}

}  // namespace
}  // namespace xds::registry

// MllpServer: a TCP listener speaking the HL7 Minimal Lower Layer Protocol
// (HL7 v2 MLLP release 1; ITI TF-2x: C.2.1): each message travels as
//   0x0B <message bytes> 0x1C 0x0D
// and each answer goes back on the same connection in the same frame. A
// connection may carry any number of messages, one at a time.
//
// One thread accepts; each connection gets its own thread, up to
// max_connections (beyond that new connections are closed at once, so an
// overloaded server degrades visibly rather than queueing without bound).
// A frame larger than max_message_bytes, bytes outside a frame, or
// read_timeout without a byte close the connection with a log line.
//
// Ownership: the server owns its sockets and threads and copies the handler.
// The handler knows nothing of sockets, so the server does not depend on what
// it serves (IdentityFeed::Handle in the registry).
//
// Thread safety: the handler is called concurrently from connection threads
// and must be safe for that; it must not throw. Start() and Stop() are for
// the owning thread; port() may be read from any thread once Start()
// returned. Stop() wakes every thread, closes the listener and joins them; it
// is idempotent and runs from the destructor. A stopped server is not
// restarted.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <string>
#include <string_view>
#include <thread>

#include "wire/base/status.h"

namespace xds::registry {

struct MllpServerOptions {
  std::string host = "127.0.0.1";  // a numeric address or a name; "0.0.0.0" for all IPv4
  std::uint16_t port = 0;           // 0 asks the kernel for an ephemeral port
  std::size_t max_connections = 64;
  std::size_t max_message_bytes = 1 << 20;  // one ADT is a few KiB; 1 MiB is generous
  // Idle time allowed while waiting for the next bytes, and for a peer to
  // drain our answer. A silent peer must not hold a thread forever.
  std::chrono::milliseconds read_timeout{30000};
};

class MllpServer {
 public:
  // Gets one unframed message and returns the unframed answer.
  using Handler = std::function<std::string(std::string_view message)>;
  // The same, told who sent it ("address:port"), e.g. for an audit record.
  using PeerHandler = std::function<std::string(std::string_view message, const std::string& peer)>;

  MllpServer(MllpServerOptions options, Handler handler);
  MllpServer(MllpServerOptions options, PeerHandler handler);
  ~MllpServer();

  MllpServer(const MllpServer&) = delete;
  MllpServer& operator=(const MllpServer&) = delete;

  // Binds, listens and starts the accept thread. Unavailable when the address
  // cannot be resolved or bound (port in use); InvalidArgument when called twice.
  Status Start();

  // The bound port, valid after Start() returned OK (useful with port 0).
  std::uint16_t port() const { return port_.load(std::memory_order_acquire); }

  void Stop();

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};  // set by the thread as its last act
  };

  void AcceptLoop();
  // Joins the threads of finished connections; accept thread only.
  void ReapFinished();
  // Runs one connection until the peer closes, a limit is hit or the server
  // stops; the caller closes fd.
  void Serve(int fd, const std::string& peer);
  bool SendAll(int fd, std::string_view data, const std::string& peer) const;

  const MllpServerOptions options_;
  const PeerHandler handler_;

  int listen_fd_ = -1;
  // Self-pipe: Stop() writes one byte and never reads it, so every poll()
  // that includes wake_read_fd_ returns from then on.
  int wake_read_fd_ = -1;
  int wake_write_fd_ = -1;
  std::atomic<std::uint16_t> port_{0};
  std::atomic<bool> stopping_{false};
  bool started_ = false;

  std::thread accept_thread_;
  // Touched only by the accept thread while it runs, and by Stop() after it
  // was joined, so it needs no lock. std::list keeps each Connection at a
  // fixed address for the thread that refers to it.
  std::list<Connection> connections_;
};

}  // namespace xds::registry

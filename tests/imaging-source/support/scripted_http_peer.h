// ScriptedHttpPeer: a loopback TCP server that answers each connection with
// a script of its own, for the failures a real PACS does not produce on
// demand: an answer that stops half-way through a multipart body, a
// server that never answers, an answer whose rest is held back until the
// test lets it go (proof that the client hands parts over as they arrive).
//
// One thread accepts connections one after another and runs the script on
// each: the script reads the request with ReadRequest and writes with
// WriteAll; closing is the peer's (after the script returns).
// Stop() (or the destructor) ends the thread. Not thread-safe beyond that.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace xds::imaging::testing {

class ScriptedHttpPeer {
 public:
  using Script = std::function<void(int fd)>;

  explicit ScriptedHttpPeer(Script script);
  ~ScriptedHttpPeer();
  ScriptedHttpPeer(const ScriptedHttpPeer&) = delete;
  ScriptedHttpPeer& operator=(const ScriptedHttpPeer&) = delete;

  // 0 when the listener could not be opened.
  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int connections() const { return connections_; }
  void Stop();

  // Reads up to the end of the request head ("\r\n\r\n"); the text read.
  static std::string ReadRequest(int fd);
  // False when the client went away.
  static bool WriteAll(int fd, std::string_view bytes);

 private:
  void Serve();

  Script script_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

// A multipart/related body of application/dicom parts (as WADO-RS sends
// it) around `parts`, with `boundary`, closing delimiter included.
std::string DicomMultipartBody(const std::vector<std::string>& parts, const std::string& boundary);

}  // namespace xds::imaging::testing

#include "bench/imaging_transfer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <cctype>
#include <chrono>
#include <vector>

namespace xds::bench {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// boundary=... of a Content-Type line in the response head.
std::string BoundaryOf(const std::string& head) {
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  size_t ct = lower.find("\ncontent-type:");
  if (ct == std::string::npos) return {};
  size_t eol = lower.find('\n', ct + 1);
  size_t at = lower.find("boundary=", ct);
  if (at == std::string::npos || at > eol) return {};
  at += 9;
  std::string b = head.substr(at, eol - at);
  b = b.substr(0, b.find_first_of(";\r\n"));
  b.erase(std::remove(b.begin(), b.end(), '"'), b.end());
  return b;
}

}  // namespace

Result<TimedTransfer> TimedMultipartRequest(int port, const std::string& method, const std::string& path,
                                            const std::string& headers, const std::string& body,
                                            int parts_before_first_instance) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::Unavailable("socket");
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return Status::Unavailable("cannot connect to port " + std::to_string(port));
  }
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nConnection: close\r\n" + headers;
  if (!body.empty() || method == "POST") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  request += "\r\n" + body;

  TimedTransfer out;
  const auto t0 = Clock::now();
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      ::close(fd);
      return Status::Unavailable("send failed");
    }
    sent += static_cast<size_t>(n);
  }
  // Read as getscu --ignore does: into one buffer, nothing kept. The body
  // is searched where it landed; only a delimiter split across two reads
  // needs the previous read's last bytes (`carry`, fewer than a delimiter).
  std::vector<char> buffer(256 * 1024);
  std::string head, delimiter, carry, seam;
  bool in_body = false;
  int delimiters = 0;
  auto count = [&] {
    ++delimiters;
    // Delimiters 1..k+1 open the parts before and of the first instance;
    // the next one closes it.
    if (delimiters == parts_before_first_instance + 2 && out.first_instance_ms == 0) out.first_instance_ms = MsSince(t0);
  };
  while (true) {
    ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n <= 0) break;
    std::string_view fresh(buffer.data(), static_cast<size_t>(n));  // body bytes of this read
    if (!in_body) {
      head.append(fresh);
      size_t end = head.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      in_body = true;
      if (head.size() > 12) out.http_status = std::atoi(head.c_str() + 9);
      delimiter = "--" + BoundaryOf(head.substr(0, end + 2));
      // What came after the head in this read is at the end of the buffer.
      fresh = fresh.substr(fresh.size() - (head.size() - (end + 4)));
      head.resize(end + 2);
    }
    out.bytes += fresh.size();
    if (delimiter.size() <= 2) continue;
    const size_t d = delimiter.size();
    // A delimiter that starts in `carry` and ends in this read.
    if (!carry.empty()) {
      seam.assign(carry).append(fresh.substr(0, d - 1));
      for (size_t at = seam.find(delimiter); at != std::string::npos && at < carry.size(); at = seam.find(delimiter, at + d))
        count();
    }
    for (const char* at = fresh.data(); fresh.end() - at >= static_cast<ptrdiff_t>(d);) {
      const void* hit = ::memmem(at, static_cast<size_t>(fresh.end() - at), delimiter.data(), d);
      if (hit == nullptr) break;
      count();
      at = static_cast<const char*>(hit) + d;
    }
    // Keep the last d-1 bytes seen (from carry too when this read was short).
    if (fresh.size() >= d - 1) {
      carry.assign(fresh.substr(fresh.size() - (d - 1)));
    } else {
      carry.append(fresh);
      carry.erase(0, carry.size() > d - 1 ? carry.size() - (d - 1) : 0);
    }
  }
  out.seconds = MsSince(t0) / 1000.0;
  ::close(fd);
  if (!in_body) return Status::Unavailable("no HTTP answer from port " + std::to_string(port));
  out.parts = std::max(0, delimiters - 1);  // the last one closes the body
  return out;
}

}  // namespace xds::bench

#include "tests/imaging-source/support/raw_http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace xds::imaging::testing {
namespace {

int ConnectTo(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  int yes = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string Request(int port, const std::string& method, const std::string& path, const std::string& headers,
                    const std::string& body) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                  "\r\nConnection: close\r\n" + headers;
  if (!body.empty() || method == "POST") r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  r += "\r\n" + body;
  return r;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

std::string RawResponse::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

Result<RawResponse> RawRequest(int port, const std::string& method, const std::string& path,
                               const std::string& headers, const std::string& body) {
  int fd = ConnectTo(port);
  if (fd < 0) return Status::Unavailable("cannot connect to port " + std::to_string(port));
  if (!SendAll(fd, Request(port, method, path, headers, body))) {
    close(fd);
    return Status::Unavailable("send failed");
  }
  std::string raw;
  char buf[65536];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) raw.append(buf, static_cast<size_t>(n));
  close(fd);
  size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return Status::Unavailable("no complete response header");
  RawResponse out;
  std::string head = raw.substr(0, end);
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  out.status = std::atoi(status_line.substr(status_line.find(' ') + 1).c_str());
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t e = head.find("\r\n", pos);
    if (e == std::string::npos) e = head.size();
    std::string line = head.substr(pos, e - pos);
    size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      out.headers[Lower(line.substr(0, colon))] = value;
    }
    pos = e + 2;
  }
  std::string rest = raw.substr(end + 4);
  if (Lower(out.Header("transfer-encoding")) == "chunked") {
    size_t p = 0;
    while (true) {
      size_t e = rest.find("\r\n", p);
      if (e == std::string::npos) return Status::Unavailable("truncated chunked body");
      size_t size = std::stoul(rest.substr(p, e - p), nullptr, 16);
      if (size == 0) break;
      if (e + 2 + size > rest.size()) return Status::Unavailable("truncated chunked body");
      out.body.append(rest, e + 2, size);
      p = e + 2 + size + 2;
    }
  } else {
    out.body = std::move(rest);
    std::string length = out.Header("content-length");
    if (!length.empty() && std::stoul(length) != out.body.size())
      return Status::Unavailable("truncated body");
  }
  return out;
}

Result<size_t> RequestAndHangUp(int port, const std::string& method, const std::string& path,
                                const std::string& headers, const std::string& body, size_t read_bytes) {
  int fd = ConnectTo(port);
  if (fd < 0) return Status::Unavailable("cannot connect");
  // Small receive buffer so the server really is mid-stream when we leave.
  int small = 4096;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  if (!SendAll(fd, Request(port, method, path, headers, body))) {
    close(fd);
    return Status::Unavailable("send failed");
  }
  size_t got = 0;
  char buf[4096];
  while (got < read_bytes) {
    ssize_t n = recv(fd, buf, std::min(sizeof buf, read_bytes - got), 0);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  // RST instead of FIN: the server's next write fails at once.
  linger lg{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close(fd);
  return got;
}

std::vector<std::string> MultipartParts(const std::string& content_type, const std::string& body) {
  size_t b = content_type.find("boundary=");
  if (b == std::string::npos) return {};
  std::string boundary = content_type.substr(b + 9);
  boundary = boundary.substr(0, boundary.find(';'));
  std::string delimiter = "--" + boundary;
  std::vector<std::string> out;
  size_t at = body.find(delimiter);
  while (at != std::string::npos) {
    size_t start = at + delimiter.size();
    if (body.compare(start, 2, "--") == 0) break;
    size_t headers_end = body.find("\r\n\r\n", start);
    if (headers_end == std::string::npos) break;
    size_t next = body.find("\r\n" + delimiter, headers_end);
    if (next == std::string::npos) break;
    out.push_back(body.substr(headers_end + 4, next - headers_end - 4));
    at = next + 2;
  }
  return out;
}

}  // namespace xds::imaging::testing

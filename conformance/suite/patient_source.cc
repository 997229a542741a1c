#include "conformance/suite/patient_source.h"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>

#include "wire/base/ids.h"

namespace xds::conformance {
namespace {

// HL7 v2 MLLP framing (ITI TF-2 Appendix C): <VT> message <FS><CR>.
constexpr char kStart = '\x0b';
constexpr char kEnd[] = "\x1c\r";

// Digits of a fresh UUID: unique patient numbers without a counter file.
std::string FreshNumber() {
  std::string oid = NewUuidOid();  // "2.25.<decimal>"
  return oid.substr(5, 12);
}

}  // namespace

Result<std::string> SendMllp(const std::string& host_port, const std::string& message, int timeout_seconds) {
  size_t colon = host_port.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("MLLP endpoint '" + host_port + "' is not host:port");
  std::string host = host_port.substr(0, colon), port = host_port.substr(colon + 1);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0 || !found)
    return Status::Unavailable("cannot resolve " + host_port);
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    timeval tv{timeout_seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
      ::close(fd);
      fd = -1;
    }
  }
  ::freeaddrinfo(found);
  if (fd < 0) return Status::Unavailable("cannot connect to the MLLP listener at " + host_port);
  std::string frame = std::string(1, kStart) + message + kEnd;
  for (size_t sent = 0; sent < frame.size();) {
    ssize_t n = ::send(fd, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(fd);
      return Status::Unavailable("MLLP send to " + host_port + " failed");
    }
    sent += static_cast<size_t>(n);
  }
  std::string received;
  char buffer[4096];
  while (received.find(kEnd) == std::string::npos) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  size_t start = received.find(kStart), end = received.find(kEnd);
  if (start == std::string::npos || end == std::string::npos || end < start)
    return Status::Unavailable("no framed HL7 answer from " + host_port);
  return received.substr(start + 1, end - start - 1);
}

std::string AdtA04(const std::string& patient_id, const std::string& family, const std::string& given) {
  std::string now = NowDtm();
  std::string control = FreshNumber();
  // ITI TF-2a 3.8.4.1.2: MSH, EVN, PID (PID-3 the affinity-domain id), PV1.
  return "MSH|^~\\&|XDS_CONFORMANCE|TESTS|XDS_REGISTRY|REGION|" + now + "||ADT^A04^ADT_A01|" + control +
         "|P|2.3.1\r"
         "EVN||" + now + "\r"
         "PID|||" + patient_id + "||" + family + "^" + given + "||19700101|O\r"
         "PV1||O\r";
}

std::string AckCode(const std::string& ack) {
  size_t msa = ack.find("MSA|");
  if (msa == std::string::npos) return {};
  size_t end = ack.find_first_of("|\r", msa + 4);
  return ack.substr(msa + 4, end == std::string::npos ? std::string::npos : end - msa - 4);
}

Result<std::string> PatientSource::Next() {
  if (!mllp_.empty()) {
    std::string id = "CF" + FreshNumber() + "^^^&" + authority_ + "&ISO";
    auto ack = SendMllp(mllp_, AdtA04(id, "CONFORMANCE", "CASE"));
    if (!ack.ok()) return ack.status();
    std::string code = AckCode(*ack);
    if (code != "AA" && code != "CA")
      return Status::InvalidArgument("the patient feed refused " + id + " (MSA-1 " + code + "): " + *ack);
    return id;
  }
  if (preregistered_.empty())
    return Status::InvalidArgument("no patient source: give --mllp HOST:PORT or --patient ID (repeatable)");
  return preregistered_[next_++ % preregistered_.size()];
}

std::string PatientSource::Unknown() const { return "NOBODY" + FreshNumber() + "^^^&" + authority_ + "&ISO"; }

}  // namespace xds::conformance

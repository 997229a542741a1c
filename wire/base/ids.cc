#include "wire/base/ids.h"

#include <openssl/rand.h>
#include <pthread.h>

#include <atomic>

#include <cctype>
#include <cstdio>
#include <cstring>

#include <unistd.h>
#include <ctime>
#include <stdexcept>

namespace xds {

namespace {

// Bumped in a forked child (pthread_atfork), so that its threads' pools
// refill: a child must not hand out the bytes its parent will also use.
// (getpid() on every call was a system call per UUID.)
std::atomic<unsigned> fork_generation{0};
[[maybe_unused]] const bool kAtForkRegistered = [] {
  pthread_atfork(nullptr, nullptr, [] { fork_generation.fetch_add(1, std::memory_order_relaxed); });
  return true;
}();

// Random bytes from OpenSSL's CSPRNG, fetched 4 KiB at a time per thread:
// a submission mints a dozen UUIDs and one RAND_bytes call each was a
// measurable share of ITI-42 CPU.
void RandomBytes(unsigned char* out, size_t n) {
  thread_local unsigned char pool[4096];
  thread_local size_t used = sizeof pool;
  thread_local unsigned generation = 0;
  const unsigned now = fork_generation.load(std::memory_order_relaxed);
  if (used + n > sizeof pool || generation != now) {
    generation = now;
    if (RAND_bytes(pool, sizeof pool) != 1) throw std::runtime_error("RAND_bytes failed");
    used = 0;
  }
  std::memcpy(out, pool + used, n);
  std::memset(pool + used, 0, n);  // bytes handed out are not kept
  used += n;
}

}  // namespace

std::string NewUrnUuid() {
  unsigned char b[16];
  RandomBytes(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  // Hex by table: snprintf's sixteen %02x were 5% of an ITI-42's CPU (a
  // submission mints a dozen ids).
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "urn:uuid:";
  out.resize(9 + 36);
  char* p = out.data() + 9;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
    *p++ = kHex[b[i] >> 4];
    *p++ = kHex[b[i] & 0x0f];
  }
  return out;
}

std::string NewUuid() { return NewUrnUuid().substr(9); }

std::string NewUuidOid() {
  unsigned char b[16];
  RandomBytes(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;  // version 4
  b[8] = (b[8] & 0x3f) | 0x80;  // RFC 4122 variant
  unsigned __int128 v = 0;
  for (unsigned char c : b) v = (v << 8) | c;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return "2.25." + digits;
}

bool IsUrnUuid(std::string_view s) {
  constexpr std::string_view kPrefix = "urn:uuid:";
  if (s.size() != kPrefix.size() + 36 || s.substr(0, kPrefix.size()) != kPrefix) return false;
  s.remove_prefix(kPrefix.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool IsOid(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  size_t arc_start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '.') {
      size_t len = i - arc_start;
      if (len == 0) return false;
      if (len > 1 && s[arc_start] == '0') return false;
      arc_start = i + 1;
    } else if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

std::string NowDtm() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[15];
  std::strftime(out, sizeof out, "%Y%m%d%H%M%S", &tm);
  return out;
}

bool IsDtm(std::string_view s) {
  if (s.size() < 4 || s.size() > 14 || s.size() % 2 != 0) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  auto field = [&](size_t pos) { return (s[pos] - '0') * 10 + (s[pos + 1] - '0'); };
  if (s.size() >= 6 && (field(4) < 1 || field(4) > 12)) return false;
  if (s.size() >= 8 && (field(6) < 1 || field(6) > 31)) return false;
  if (s.size() >= 10 && field(8) > 23) return false;
  if (s.size() >= 12 && field(10) > 59) return false;
  if (s.size() >= 14 && field(12) > 59) return false;
  return true;
}

}  // namespace xds

// TestPki: a throw-away public key infrastructure made with the OpenSSL API
// when a test starts: CAs, and certificates they issue (server, client,
// expired, from another CA), written as PEM files in a temp dir. Real
// certificates for real handshakes; nothing is checked in.
//
// Keys are EC P-256 (fast to make under ASan). Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace xds::testing {

struct PemFiles {
  std::string certificate;  // path of the PEM certificate
  std::string private_key;  // path of the PEM key
};

class TestPki {
 public:
  TestPki();
  ~TestPki();

  // A self-signed CA named `name`; its certificate is at MakeCa(...).certificate.
  PemFiles MakeCa(const std::string& name);
  // A certificate for `common_name` issued by the CA made as `ca_name`, with
  // `alt_names` ("DNS:localhost", "IP:127.0.0.1", "URI:...") and a validity
  // window relative to now, in seconds (negative: in the past).
  PemFiles Issue(const std::string& ca_name, const std::string& common_name,
                 const std::vector<std::string>& alt_names = {}, long not_before_offset = -3600,
                 long not_after_offset = 86400);
  // A file holding the concatenated certificates (a CA bundle).
  std::string Bundle(const std::string& file_name, const std::vector<std::string>& certificate_files);

  const std::string& dir() const { return dir_.path(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  TempDir dir_;
};

}  // namespace xds::testing

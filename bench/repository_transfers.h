// The four transfers repository_bench times, each done the way a real
// client does it, and each moving the bytes of one file:
//
//   ITI-41   RepositoryClient::Provide: a Provide and Register Document
//            Set-b through SoapClient, the document an MTOM attachment read
//            from the file as it is sent; the repository computes hash and
//            size (the metadata has none), stores durably and registers.
//   ITI-43   RepositoryClient::Retrieve: a Retrieve Document Set through
//            SoapClient; the reply's attachment is spooled into a file of
//            the client's spool folder (SoapClientOptions.attachments), as a
//            consumer keeping a large document does, then removed. Like the
//            GET client it does not hash what it receives, unless asked
//            (PartSpoolOptions::compute_sha1).
//   PUT      PlainClient::Put: the same bytes as the body of a WebDAV PUT
//            to nginx (bench/repository_nginx.h), read from the file.
//   GET      PlainClient::Get: the same bytes fetched from nginx with the
//            same HTTP client (wire/http HttpClient over cpp-httplib),
//            written into a file of the client's spool folder, then removed.
//
// One client per thread; each keeps one keep-alive connection.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/http/http_client.h"
#include "wire/soap/soap_client.h"

namespace xds::bench {

// A document's bytes on disk, and its SHA-1, known before any transfer.
struct SourceFile {
  std::string path;
  uint64_t size = 0;
  std::string sha1_hex;
};

// Writes `size` pseudo-random bytes (incompressible, with CR and '-' where
// chance puts them, as in real binaries) to `path`, hashing them as it goes.
Result<SourceFile> MakeSourceFile(const std::string& path, uint64_t size, uint64_t seed);

// A prepared ITI-41 request body: metadata for one DocumentEntry of a fresh
// uniqueId, built before the clock starts.
struct PreparedProvide {
  std::string unique_id;
  std::string body_xml;
  std::string content_id;
};

class RepositoryClient {
 public:
  // `spool_dir`: where reply attachments go (files, removed after use).
  // `hash_replies`: compute the SHA-1 of retrieved documents as they
  // arrive, so that Retrieve can check it.
  RepositoryClient(const std::string& url, std::string repository_unique_id, std::string patient_id,
                   const std::string& spool_dir, int timeout_seconds, bool hash_replies = false);

  PreparedProvide Prepare() const;
  // Sends one ITI-41; OK only when the registry's answer is Success.
  Status Provide(const PreparedProvide& request, const SourceFile& file);
  // Sends one ITI-43 for `unique_id`; OK only when one document of
  // `expected.size` bytes comes back. `check_hash` (needs `hash_replies`)
  // compares the SHA-1 computed while spooling with the source's.
  Status Retrieve(const std::string& unique_id, const SourceFile& expected, bool check_hash = false);

 private:
  std::string url_;
  std::string repository_unique_id_;
  std::string patient_id_;
  soap::SoapClient client_;
};

class PlainClient {
 public:
  PlainClient(const std::string& base_url, const std::string& spool_dir, int timeout_seconds);

  // PUT /upload/<name> with the file as body; OK on 201 or 204.
  Status Put(const std::string& name, const SourceFile& file);
  // GET /files/<name> into a spool file; OK when `size` bytes came.
  Status Get(const std::string& name, uint64_t size);

 private:
  std::string spool_dir_;
  http::HttpClient client_;
};

}  // namespace xds::bench

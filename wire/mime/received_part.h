// The attachments of a received MTOM/XOP package, read off the socket as
// they arrive (wire/mime/mtom.h MtomReader) and kept either in memory or in a
// spool file, with their size and SHA-1 computed in passing so that a large
// document is never read twice.
//
//   PartSpool spool({.directory = "/var/lib/xds/incoming"});
//   std::map<std::string, ReceivedPart> parts;
//   auto reader = MtomReader::Create(content_type, spool.SinkFactory(&parts));
//   ... Feed / Finish ...
//   parts["doc1@x"].MoveTo("/var/lib/xds/documents/ab/cdef")  // rename, fsynced
//
// A ReceivedPart owns its spool file: the file is removed when the part is
// destroyed unless MoveTo took it. Move-only; not thread-safe. PartSpool is
// immutable after construction and may be shared by threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_types.h"
#include "wire/mime/mtom.h"

namespace xds::mime {

class ReceivedPart {
 public:
  ReceivedPart() = default;
  // A part held in memory (its digest is computed here unless `hash` is
  // false; sha1_hex() is then empty).
  static ReceivedPart InMemory(std::string content_type, std::string bytes, bool hash = true);
  // A complete spool file this part now owns.
  static ReceivedPart InFile(std::string content_type, std::string path, uint64_t size, std::string sha1_hex);
  ReceivedPart(ReceivedPart&& other) noexcept;
  ReceivedPart& operator=(ReceivedPart&& other) noexcept;
  ReceivedPart(const ReceivedPart&) = delete;
  ReceivedPart& operator=(const ReceivedPart&) = delete;
  ~ReceivedPart();

  const std::string& content_type() const { return content_type_; }
  uint64_t size() const { return size_; }
  const std::string& sha1_hex() const { return sha1_hex_; }
  bool in_file() const { return !path_.empty(); }

  // The bytes, when there are at most `limit` of them (TooLarge otherwise).
  Result<std::string> Read(uint64_t limit) const;
  // Writes the bytes to `sink` in chunks; false when the sink refused.
  Status Stream(const http::ChunkSink& sink) const;
  // Makes the bytes the durable file `path` (which must not be read by
  // anyone until this returns): a rename of the spool file when it is on the
  // same file system, otherwise a copy; fsynced in both cases. The part is
  // empty afterwards.
  Status MoveTo(const std::string& path);

 private:
  std::string content_type_;
  uint64_t size_ = 0;
  std::string sha1_hex_;
  std::string bytes_;  // when in memory
  std::string path_;   // when in a spool file we own
};

struct PartSpoolOptions {
  // Where spool files go; empty keeps every part in memory (only for
  // endpoints that receive small messages). Put it on the file system of
  // the final store so that MoveTo is a rename.
  std::string directory;
  // Largest single part, and largest sum of parts, of one message.
  uint64_t max_part_bytes = uint64_t{16} << 30;
  uint64_t max_message_bytes = uint64_t{64} << 30;
  // Without a directory, parts and their sum are capped here instead.
  uint64_t max_memory_bytes = 64 << 20;
  // SHA-1 of each part, computed as it arrives (ReceivedPart::sha1_hex).
  // A repository needs it for every document it takes; a client that does
  // not check hashes saves the CPU (about 75 ms per 100 MB here) with
  // false, and sha1_hex() is then empty.
  bool compute_sha1 = true;
  // For spools whose parts will be kept durably (MoveTo fsyncs them): start
  // writing each spool file to disk every this many bytes, so that the
  // fsync after a large upload finds little left to write
  // (FileWriter::WriteBehind). 0: off.
  uint64_t write_behind_bytes = 0;
};

class PartSpool {
 public:
  explicit PartSpool(PartSpoolOptions options);

  // A sink factory for one message: every attachment that ends well is added
  // to `*parts` under its Content-ID. `parts` must outlive the reader.
  PartSinkFactory SinkFactory(std::map<std::string, ReceivedPart>* parts) const;

  const PartSpoolOptions& options() const { return options_; }

 private:
  PartSpoolOptions options_;
};

}  // namespace xds::mime

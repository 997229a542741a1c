// WadoMultipartReader: turns a WADO-RS retrieval answer (PS3.18 8.7.3.3.2:
// multipart/related; type="application/dicom", one DICOM Part 10 file per
// part) into RetrievedInstances while it streams in. Each part goes to a
// file under `files_dir` (RetrieveRequest::as_files) or into memory, and is
// handed to the callback as soon as its closing delimiter has arrived, so
// the first instance is with the caller long before the last has left the
// PACS, and at most one instance is held at a time: memory stays flat
// whatever the study's size.
//
// The instance's UIDs and transfer syntax are read from the part's File
// Meta Information and the first data set elements (dicom/dicom_file.h,
// which stops before the pixel data).
//
// Not thread-safe: one reader per answer, fed by one thread.
#pragma once

#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"
#include "wire/mime/multipart_parser.h"

namespace xds::imaging::dicomweb {

class WadoMultipartReader {
 public:
  // `files_dir` empty: parts are held in memory. `on_instance` must outlive
  // the reader.
  WadoMultipartReader(std::string files_dir, const InstanceCallback& on_instance);
  ~WadoMultipartReader();  // removes a part file left half-written
  WadoMultipartReader(const WadoMultipartReader&) = delete;
  WadoMultipartReader& operator=(const WadoMultipartReader&) = delete;

  // Checks the answer's Content-Type (multipart/related, with a boundary).
  Status Start(const std::string& content_type);
  // The next bytes of the body. False once anything failed (a malformed
  // body, a file that cannot be written, a callback that said stop); then
  // status() says why.
  bool Feed(std::string_view chunk);
  // The body ended: an error unless the closing delimiter was seen (a peer
  // that closed mid-study must not pass for a short study).
  Status Finish();

  const Status& status() const { return status_; }
  // Non-OK when the callback stopped the retrieval (its Status).
  const Status& stopped_by_callback() const { return stopped_; }
  int delivered() const { return static_cast<int>(delivered_.size()); }
  const std::set<std::string>& delivered_uids() const { return delivered_; }

 private:
  Status BeginPart(const mime::PartHeaders& headers);
  Status PartData(std::string_view bytes);
  Status EndPart();
  void DiscardFile();

  std::string files_dir_;
  const InstanceCallback& on_instance_;
  std::unique_ptr<mime::MultipartParser> parser_;
  // The part being received: its file (as_files) or its bytes.
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string bytes_;
  std::set<std::string> delivered_;
  Status status_;
  Status stopped_;
};

}  // namespace xds::imaging::dicomweb

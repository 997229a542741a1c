#include "imaging-source/dicomweb/wado_multipart_reader.h"

#include <unistd.h>

#include <atomic>

#include "imaging-source/dicom/dicom_file.h"
#include "wire/mime/content_type.h"

namespace xds::imaging::dicomweb {
namespace {

// A file name unique in this process (several retrievals may spool into the
// same folder at once, e.g. the instance cache's incoming folder).
std::string NewPartPath(const std::string& dir) {
  static std::atomic<uint64_t> counter{0};
  return dir + "/wado-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".part";
}

}  // namespace

WadoMultipartReader::WadoMultipartReader(std::string files_dir, const InstanceCallback& on_instance)
    : files_dir_(std::move(files_dir)), on_instance_(on_instance) {}

WadoMultipartReader::~WadoMultipartReader() { DiscardFile(); }

void WadoMultipartReader::DiscardFile() {
  if (file_ != nullptr) std::fclose(file_);
  file_ = nullptr;
  if (!path_.empty()) ::unlink(path_.c_str());
  path_.clear();
}

Status WadoMultipartReader::Start(const std::string& content_type) {
  auto type = mime::ParseContentType(content_type);
  if (!type.ok()) return status_ = type.status();
  if (!type->Is("multipart", "related"))
    return status_ = Status::InvalidArgument("WADO-RS answered " + content_type + ", not multipart/related");
  std::string boundary = type->Param("boundary");
  XDS_RETURN_IF_ERROR(status_ = mime::MultipartParser::CheckBoundary(boundary));
  mime::MultipartParser::Callbacks callbacks;
  callbacks.on_part_begin = [this](const mime::PartHeaders& h) { return BeginPart(h); };
  callbacks.on_part_data = [this](std::string_view b) { return PartData(b); };
  callbacks.on_part_end = [this]() { return EndPart(); };
  // A study may have many more instances than a RAD-69 request has parts.
  mime::MultipartLimits limits;
  limits.max_parts = 1000000;
  parser_ = std::make_unique<mime::MultipartParser>(boundary, std::move(callbacks), limits);
  return Status::Ok();
}

bool WadoMultipartReader::Feed(std::string_view chunk) {
  if (!status_.ok()) return false;
  if (!parser_) {
    status_ = Status::Internal("WadoMultipartReader fed before Start");
    return false;
  }
  status_ = parser_->Feed(chunk);
  return status_.ok();
}

Status WadoMultipartReader::Finish() {
  if (!status_.ok()) return status_;
  if (!parser_) return status_ = Status::Internal("WadoMultipartReader finished before Start");
  Status s = parser_->Finish();
  if (!s.ok())
    return status_ = Status::Unavailable("the WADO-RS answer broke off after " + std::to_string(delivered()) +
                                         " instance(s): " + s.message());
  return Status::Ok();
}

Status WadoMultipartReader::BeginPart(const mime::PartHeaders& headers) {
  // PS3.18 8.7.3.3.2: every part of this answer is application/dicom.
  if (!headers.content_type.empty()) {
    auto type = mime::ParseContentType(headers.content_type);
    if (!type.ok() || !type->Is("application", "dicom"))
      return Status::InvalidArgument("WADO-RS part " + std::to_string(headers.index) + " is " +
                                     headers.content_type + ", not application/dicom");
  }
  bytes_.clear();
  if (files_dir_.empty()) return Status::Ok();
  path_ = NewPartPath(files_dir_);
  file_ = std::fopen(path_.c_str(), "wbx");
  if (file_ == nullptr) {
    path_.clear();
    return Status::IoError("cannot create a file in " + files_dir_);
  }
  return Status::Ok();
}

Status WadoMultipartReader::PartData(std::string_view bytes) {
  if (file_ == nullptr) {
    bytes_.append(bytes);
    return Status::Ok();
  }
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) return Status::IoError("cannot write " + path_);
  return Status::Ok();
}

Status WadoMultipartReader::EndPart() {
  RetrievedInstance instance;
  Result<DicomFileInfo> info = Status::Internal("unread");
  if (file_ != nullptr) {
    const bool flushed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed) return Status::IoError("cannot write " + path_);
    info = ReadDicomFileInfo(path_);
    instance.file = path_;
  } else {
    info = ReadDicomInfo(bytes_);
    instance.bytes = std::move(bytes_);
    bytes_.clear();
  }
  if (!info.ok())
    return Status::InvalidArgument("WADO-RS part " + std::to_string(delivered()) + " is not a DICOM file: " +
                                   info.status().message());
  instance.study_instance_uid = info->study_instance_uid;
  instance.series_instance_uid = info->series_instance_uid;
  instance.sop_class_uid = info->sop_class_uid;
  instance.sop_instance_uid = info->sop_instance_uid;
  instance.transfer_syntax_uid = info->transfer_syntax_uid;
  const std::string uid = instance.sop_instance_uid;
  Status s = on_instance_(std::move(instance));
  DiscardFile();  // whatever the callback left at that path (it may have moved it)
  if (!s.ok()) return stopped_ = s;
  delivered_.insert(uid);
  return Status::Ok();
}

}  // namespace xds::imaging::dicomweb

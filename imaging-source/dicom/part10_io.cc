#include "imaging-source/dicom/part10_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcistrmb.h"
#include "dcmtk/dcmdata/dcostrma.h"
#include "imaging-source/dicom/dcmtk_env.h"

namespace xds::imaging::internal {
namespace {

class StringConsumer : public DcmConsumer {
 public:
  explicit StringConsumer(std::string& out) : out_(out) {}
  OFBool good() const override { return OFTrue; }
  OFCondition status() const override { return EC_Normal; }
  OFBool isFlushed() const override { return OFTrue; }
  offile_off_t avail() const override { return 1 << 30; }
  offile_off_t write(const void* buf, offile_off_t buflen) override {
    out_.append(static_cast<const char*>(buf), static_cast<size_t>(buflen));
    return buflen;
  }
  void flush() override {}

 private:
  std::string& out_;
};

// DcmOutputStream's constructor is protected and only stores the consumer
// pointer, so handing it a member constructed afterwards is fine (the same
// pattern as DCMTK's DcmOutputFileStream).
class StringOutputStream : public DcmOutputStream {
 public:
  explicit StringOutputStream(std::string& out) : DcmOutputStream(&consumer_), consumer_(out) {}

 private:
  StringConsumer consumer_;
};

}  // namespace

Result<std::unique_ptr<DcmFileFormat>> LoadPart10(std::string_view bytes, bool stop_at_pixels) {
  XDS_RETURN_IF_ERROR(InitDcmtk());
  // PS3.10 7.1: a 128-byte preamble, then "DICM".
  if (bytes.size() < 132 || bytes.substr(128, 4) != "DICM")
    return Status::InvalidArgument("not a DICOM Part 10 file (no DICM prefix)");
  DcmInputBufferStream in;
  in.setBuffer(bytes.data(), static_cast<offile_off_t>(bytes.size()));
  in.setEos();
  auto ff = std::make_unique<DcmFileFormat>();
  ff->transferInit();
  OFCondition cond = ff->readUntilTag(in, EXS_Unknown, EGL_noChange, DCM_MaxReadLength,
                                      stop_at_pixels ? DCM_PixelData : DCM_UndefinedTagKey);
  ff->transferEnd();
  if (cond.bad()) return Status::InvalidArgument("unreadable DICOM file: " + std::string(cond.text()));
  return ff;
}

Result<std::string> WritePart10(DcmFileFormat& file, E_TransferSyntax xfer, bool new_meta) {
  std::string out;
  StringOutputStream stream(out);
  file.transferInit();
  OFCondition cond = file.write(stream, xfer, EET_ExplicitLength, nullptr, EGL_recalcGL, EPD_noChange, 0, 0, 0,
                                new_meta ? EWM_createNewMeta : EWM_fileformat);
  file.transferEnd();
  stream.flush();
  if (cond.bad()) return Status::Internal("cannot encode DICOM file: " + std::string(cond.text()));
  return out;
}

bool ReadFileBytes(const std::string& path, std::string& out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0;
  if (ok) out.resize(static_cast<size_t>(st.st_size));
  for (size_t done = 0; ok && done < out.size();) {
    ssize_t n = ::read(fd, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ::close(fd);
  return ok;
}

}  // namespace xds::imaging::internal

#include "imaging-source/dicom/dcmtk_env.h"

#include <cstdlib>
#include <mutex>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdict.h"
#include "dcmtk/dcmdata/dcrledrg.h"
#include "dcmtk/dcmdata/dcrleerg.h"
#include "dcmtk/dcmjpeg/djdecode.h"
#include "dcmtk/dcmjpeg/djencode.h"
#include "dcmtk/dcmjpls/djdecode.h"
#include "dcmtk/dcmjpls/djencode.h"
#include "dcmtk/oflog/oflog.h"

namespace xds::imaging {

Status InitDcmtk() {
  static std::once_flag once;
  static bool dictionary_loaded = false;
  std::call_once(once, [] {
    // Before any association: dcmnet reads it per socket (see header).
    setenv("TCP_NODELAY", "1", 0);
    // DCMTK logs every DIMSE message at INFO through its own logger; our
    // logs go through spdlog, so keep DCMTK to errors only.
    OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
    DJDecoderRegistration::registerCodecs();
    DJEncoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
    DJLSEncoderRegistration::registerCodecs();
    DcmRLEDecoderRegistration::registerCodecs();
    DcmRLEEncoderRegistration::registerCodecs();
    dictionary_loaded = dcmDataDict.isDictionaryLoaded();
  });
  if (!dictionary_loaded)
    return Status::Internal("the DICOM data dictionary is not loaded (DCMDICTPATH)");
  return Status::Ok();
}

}  // namespace xds::imaging

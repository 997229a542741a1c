#include "imaging-source/dicom/transcoder.h"

#include <algorithm>
#include <memory>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmdata/dcxfer.h"
#include "dcmtk/dcmjpeg/djrplol.h"
#include "dcmtk/dcmjpls/djrparam.h"
#include "imaging-source/dicom/part10_io.h"

namespace xds::imaging {
namespace {

// What a lossless encoder needs told; nullptr: the codec's defaults.
std::unique_ptr<DcmRepresentationParameter> ParametersFor(E_TransferSyntax xfer) {
  switch (xfer) {
    case EXS_JPEGLSLossless: return std::make_unique<DJLSRepresentationParameter>(2, OFTrue);
    case EXS_JPEGProcess14SV1: return std::make_unique<DJ_RPLossless>(1, 0);
    case EXS_JPEGProcess14: return std::make_unique<DJ_RPLossless>(1, 0);
    default: return nullptr;
  }
}

}  // namespace

bool CanProduce(const std::string& uid) {
  static const char* const kProducible[] = {
      UID_LittleEndianExplicitTransferSyntax, UID_LittleEndianImplicitTransferSyntax,
      UID_DeflatedExplicitVRLittleEndianTransferSyntax, UID_JPEGLSLosslessTransferSyntax,
      UID_RLELosslessTransferSyntax, UID_JPEGProcess14SV1TransferSyntax, UID_JPEGProcess14TransferSyntax,
  };
  return std::any_of(std::begin(kProducible), std::end(kProducible), [&](const char* u) { return uid == u; });
}

Result<TranscodeResult> Transcode(std::string_view part10, const std::vector<std::string>& accepted) {
  auto header = internal::LoadPart10(part10, true);
  if (!header.ok()) return header.status();
  OFString current;
  (*header)->getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, current);
  std::string stored = current.c_str();
  if (std::find(accepted.begin(), accepted.end(), stored) != accepted.end())
    return TranscodeResult{std::string(part10), stored, false};

  auto file = internal::LoadPart10(part10, false);
  if (!file.ok()) return file.status();
  DcmDataset* ds = (*file)->getDataset();
  for (const auto& target : accepted) {
    if (!CanProduce(target)) continue;
    E_TransferSyntax xfer = DcmXfer(target.c_str()).getXfer();
    if (xfer == EXS_Unknown) continue;
    auto params = ParametersFor(xfer);
    OFCondition cond = ds->chooseRepresentation(xfer, params.get());
    if (cond.bad() || !ds->canWriteXfer(xfer)) continue;
    auto bytes = internal::WritePart10(**file, xfer, false);
    if (!bytes.ok()) return bytes.status();
    return TranscodeResult{std::move(*bytes), target, true};
  }
  std::string list;
  for (const auto& t : accepted) list += (list.empty() ? "" : ", ") + t;
  return Status::InvalidArgument("instance stored in " + stored + " cannot be converted to any of: " + list);
}

}  // namespace xds::imaging

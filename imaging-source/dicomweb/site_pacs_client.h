// The PacsClient a site's configuration asks for ([imaging_source.pacs]
// query_method and retrieve_method): DCMTK DIMSE, DICOMweb, or queries by
// one and retrieval by the other (a PACS whose QIDO-RS is fast but whose
// WADO-RS is not, or the reverse).
#pragma once

#include <memory>

#include "imaging-source/dicom/pacs_client.h"

namespace xds::imaging {

// PacsConfig::query_by_dicomweb and retrieve_by_dicomweb decide; both off:
// NewDcmtkPacsClient, exactly as before DICOMweb existed.
std::unique_ptr<PacsClient> NewSitePacsClient(PacsConfig config);

}  // namespace xds::imaging

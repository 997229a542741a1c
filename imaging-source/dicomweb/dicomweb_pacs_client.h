// The site PACS over DICOMweb (PS3.18), for a PACS that offers it: the
// PacsClient interface (dicom/pacs_client.h) answered by QIDO-RS (the three
// C-FIND levels, application/dicom+json) and WADO-RS (C-GET's place: a
// study, a series, or instances of a series, bit-preserved with
// transfer-syntax=*, streamed part by part; dicomweb/wado_multipart_reader.h).
// Echo is a QIDO-RS request for at most one study.
//
// Errors: the PACS cannot be reached, or stops answering within
// PacsConfig::dicomweb_timeout_seconds: Unavailable; nothing matches a
// retrieval (HTTP 404, 204, or an empty answer): NotFound; an answer that
// breaks off mid-stream: Unavailable naming how many instances had arrived
// (never a short study passed off as whole).
//
// Thread safety: each call makes its own HTTP connection and keeps nothing
// between calls; a RetrieveSession keeps one connection for its fetches and
// is used by one thread at a time, as the interface says.
#pragma once

#include <memory>

#include "imaging-source/dicom/pacs_client.h"

namespace xds::imaging {

// Uses config.dicomweb_url (required), dicomweb_tls, connect_timeout_seconds,
// dicomweb_timeout_seconds and spool_dir; the DIMSE settings are ignored.
std::unique_ptr<PacsClient> NewDicomWebPacsClient(PacsConfig config);

}  // namespace xds::imaging

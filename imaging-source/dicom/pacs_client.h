// PacsClient: the imaging source's view of its site PACS over DICOM
// (PS3.4 Annex C Query/Retrieve, PS3.7 DIMSE): verification, C-FIND at the
// three Study Root levels, and C-GET / C-MOVE retrieval that hands each
// instance to a callback as soon as it arrives, so nothing waits for a whole
// study.
//
// The interface speaks plain C++ (dicom/pacs_types.h). Implementations:
// DIMSE on DCMTK's DcmSCU (NewDcmtkPacsClient, here), and DICOMweb for a
// PACS that offers it (QIDO-RS / WADO-RS, dicomweb/dicomweb_pacs_client.h);
// dicomweb/site_pacs_client.h picks per configuration.
//
// Thread safety: every call opens its own association and keeps no state
// between calls, so one client may be used from many threads at once.
#pragma once

#include <memory>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging {

// An open retrieval association on which the imaging source fetches one
// thing after another (RAD-69 fetches instance by instance, in the order of
// its response, over one association). Not thread-safe: one thread at a
// time. Closed when destroyed.
class RetrieveSession {
 public:
  virtual ~RetrieveSession() = default;
  // As PacsClient::Retrieve, on this session's association.
  virtual Result<RetrieveSummary> Fetch(const RetrieveRequest& request, const InstanceCallback& on_instance) = 0;
};

class PacsClient {
 public:
  virtual ~PacsClient() = default;

  // C-ECHO (PS3.4 A.4). Unavailable when the PACS cannot be reached or
  // refuses the association.
  virtual Status Echo() = 0;

  // STUDY-level C-FIND.
  virtual Result<std::vector<StudyInfo>> FindStudies(const StudyQuery& query) = 0;
  // SERIES-level C-FIND within one study.
  virtual Result<std::vector<SeriesInfo>> FindSeries(const std::string& study_uid) = 0;
  // IMAGE-level C-FIND within one series.
  virtual Result<std::vector<InstanceInfo>> FindInstances(const std::string& study_uid,
                                                          const std::string& series_uid) = 0;

  // C-GET (or C-MOVE, per configuration). `on_instance` runs on the calling
  // thread once per instance, in arrival order. Returns the final counts;
  // NotFound when the PACS matched nothing, Unavailable when it cannot be
  // reached, the callback's Status when it stopped the retrieval.
  virtual Result<RetrieveSummary> Retrieve(const RetrieveRequest& request,
                                           const InstanceCallback& on_instance) = 0;

  // Opens an association for several fetches, negotiating storage for
  // `sop_classes` (empty: the common image and document classes).
  virtual Result<std::unique_ptr<RetrieveSession>> OpenSession(const std::vector<std::string>& sop_classes) = 0;
};

// The DCMTK implementation. Sets TCP_NODELAY=1 in the environment (see
// dicom/dcmtk_env.h) before it returns, so every association it opens
// disables Nagle's algorithm.
std::unique_ptr<PacsClient> NewDcmtkPacsClient(PacsConfig config);

// A StudyTree for one study: STUDY, SERIES and IMAGE level C-FINDs.
// NotFound when the study is unknown to the PACS.
Result<StudyTree> FindStudyTree(PacsClient& pacs, const std::string& study_uid);

}  // namespace xds::imaging

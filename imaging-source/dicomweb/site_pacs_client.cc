#include "imaging-source/dicomweb/site_pacs_client.h"

#include "imaging-source/dicomweb/dicomweb_pacs_client.h"

namespace xds::imaging {
namespace {

// Queries to one client, retrievals to the other. Both are thread-safe, so
// this is too.
class SplitPacsClient : public PacsClient {
 public:
  SplitPacsClient(std::unique_ptr<PacsClient> queries, std::unique_ptr<PacsClient> retrieval)
      : queries_(std::move(queries)), retrieval_(std::move(retrieval)) {}

  // Both paths must answer: a site whose WADO-RS is down cannot retrieve
  // even when its C-FIND answers.
  Status Echo() override {
    XDS_RETURN_IF_ERROR(queries_->Echo());
    return retrieval_->Echo();
  }
  Result<std::vector<StudyInfo>> FindStudies(const StudyQuery& query) override {
    return queries_->FindStudies(query);
  }
  Result<std::vector<SeriesInfo>> FindSeries(const std::string& study_uid) override {
    return queries_->FindSeries(study_uid);
  }
  Result<std::vector<InstanceInfo>> FindInstances(const std::string& study_uid,
                                                  const std::string& series_uid) override {
    return queries_->FindInstances(study_uid, series_uid);
  }
  Result<RetrieveSummary> Retrieve(const RetrieveRequest& request, const InstanceCallback& on_instance) override {
    return retrieval_->Retrieve(request, on_instance);
  }
  Result<std::unique_ptr<RetrieveSession>> OpenSession(const std::vector<std::string>& sop_classes) override {
    return retrieval_->OpenSession(sop_classes);
  }

 private:
  std::unique_ptr<PacsClient> queries_;
  std::unique_ptr<PacsClient> retrieval_;
};

}  // namespace

std::unique_ptr<PacsClient> NewSitePacsClient(PacsConfig config) {
  if (!config.query_by_dicomweb && !config.retrieve_by_dicomweb) return NewDcmtkPacsClient(std::move(config));
  if (config.query_by_dicomweb && config.retrieve_by_dicomweb) return NewDicomWebPacsClient(std::move(config));
  const bool queries_by_dicomweb = config.query_by_dicomweb;
  std::unique_ptr<PacsClient> dicomweb = NewDicomWebPacsClient(config);
  std::unique_ptr<PacsClient> dimse = NewDcmtkPacsClient(std::move(config));
  return queries_by_dicomweb ? std::make_unique<SplitPacsClient>(std::move(dicomweb), std::move(dimse))
                                  : std::make_unique<SplitPacsClient>(std::move(dimse), std::move(dicomweb));
}

}  // namespace xds::imaging

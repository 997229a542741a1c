// StudyPublisher: publishes the manifest of one study (RAD-68, RAD TF-3
// 4.68) and keeps the PublicationLog true: a first manifest goes as an
// Original; a study whose instances changed since its last manifest gets a
// replacement (RPLC: the old DocumentEntry becomes Deprecated, the new one
// lists every series; ITI TF-3 4.2.2.2.3, xds-i.md §3 lifecycle); an
// unchanged study sends nothing. Every trigger (operator, C-STORE receiver,
// PACS poll) ends here.
//
// Borrows the PACS client and the log, which must outlive it. Thread-safe:
// publications are serialised by one mutex, so two triggers for the same
// study never race to replace the same entry.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "imaging-source/dicom/kos.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/manifest/manifest_publisher.h"
#include "imaging-source/store/publication_log.h"
#include "wire/base/status.h"
#include "wire/ihe/rim_codec.h"

namespace xds::imaging {

enum class PublishKind {
  kOriginal,   // first manifest of the study
  kReplaced,   // RPLC of the previous manifest
  kUnchanged,  // the study lists the same instances as its manifest: nothing sent
};

struct PublishOutcome {
  PublishKind kind = PublishKind::kUnchanged;
  std::string study_instance_uid;
  std::string entry_uuid;           // the (current) manifest's entryUUID
  std::string document_unique_id;   // its uniqueId (KOS SOP Instance UID)
  std::string replaced_entry_uuid;  // kReplaced: the entry now Deprecated
  int series = 0;
  int instances = 0;
};

class StudyPublisher {
 public:
  // `link`: how the repository is reached (timeouts, TLS for https://).
  // `auditor` (borrowed, may be null): the node's, for RAD-68 Export records.
  StudyPublisher(PacsClient& pacs, PublicationLog& log, KosOptions kos_options, ManifestOptions metadata_options,
                 std::string repository_url, http::HttpClientOptions link = {},
                 const audit::TransactionAuditor* auditor = nullptr);
  ~StudyPublisher();

  // Queries the PACS for the study, builds its manifest, submits it. Errors:
  // NotFound (the PACS does not hold the study), Unavailable (PACS or
  // repository unreachable), InvalidArgument (configuration or metadata
  // the repository refused: the message carries its RegistryErrorList),
  // IoError (the log).
  Result<PublishOutcome> Publish(const std::string& study_uid);

 private:
  // One RAD-68 exchange; the repository's response.
  Result<ihe::RegistryResponse> Submit(const std::string& study_uid, const std::string& entry_uuid,
                                       const std::string& replaces, struct StudyManifest& manifest);

  PacsClient& pacs_;
  PublicationLog& log_;
  const KosOptions kos_options_;
  const ManifestOptions metadata_options_;
  std::mutex mutex_;
  ManifestPublisher publisher_;  // guarded by mutex_ (it holds an HTTP client)
};

const char* PublishKindName(PublishKind kind);

}  // namespace xds::imaging

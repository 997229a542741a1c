// ManifestPublisher: RAD-68 Provide and Register Imaging Document Set –
// MTOM/XOP (RAD TF-3 4.68; same wire form and action as ITI-41,
// transactions.md §12): the manifest's metadata and the KOS, as an
// xop:Include attachment, posted to the regional Document Repository.
//
// BuildRequest is separate from Publish so the exact bytes can be checked
// without a repository. Not thread-safe (it holds an HTTP client); one per
// publishing thread.
#pragma once

#include <memory>
#include <string>

#include "wire/audit/transaction_auditor.h"
#include "wire/base/status.h"
#include "wire/http/http_client.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/rim_codec.h"

namespace xds::imaging {

struct Rad68Request {
  std::string content_type;  // multipart/related; type="application/xop+xml"; ...
  std::string body;          // the whole MTOM/XOP package
  std::string message_id;
};

class ManifestPublisher {
 public:
  // `repository_url`: the repository's ITI-41 endpoint, http://host:port/path.
  // `auditor` (borrowed, may be null): each RAD-68 that went out is
  // audited as an Export once the repository answered (or did not).
  explicit ManifestPublisher(std::string repository_url, http::HttpClientOptions options = {},
                             const audit::TransactionAuditor* auditor = nullptr);
  ~ManifestPublisher();

  // xds:ProvideAndRegisterDocumentSetRequest with `metadata` and the KOS
  // as xds:Document id=Document01 (ITI TF-2 3.41.4.1.2), in a SOAP 1.2
  // envelope with WS-Addressing, packaged by MtomWriter::Whole.
  Result<Rad68Request> BuildRequest(const ihe::SubmitObjectsRequest& metadata, const std::string& kos_bytes) const;

  // Builds and posts; the repository's RegistryResponse (Success or
  // Failure with its errors). Unavailable when the repository cannot be
  // reached; InvalidArgument when its answer is not a RegistryResponse.
  Result<ihe::RegistryResponse> Publish(const ihe::SubmitObjectsRequest& metadata, const std::string& kos_bytes);

 private:
  std::string url_;
  std::string path_;
  Result<ihe::RegistryResponse> Send(const Rad68Request& request);

  std::unique_ptr<http::HttpClient> http_;
  const audit::TransactionAuditor* auditor_;
};

}  // namespace xds::imaging

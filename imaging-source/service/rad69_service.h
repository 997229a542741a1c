// Rad69Service: RAD-69 Retrieve Imaging Document Set (RAD TF-3 4.69) on the
// imaging source's SOAP endpoint. Action urn:ihe:rad:2009:RetrieveImagingDocumentSet,
// answered with urn:ihe:iti:2007:RetrieveDocumentSetResponse as MTOM/XOP.
//
// How a reply is made (STYLE.md §4, "the other way, for a faster first
// byte"): the outcome of every requested instance is settled before the
// first byte — RepositoryUniqueId ours, instance present in the PACS at
// that study and series (IMAGE-level C-FIND) — so the envelope carries the
// true Success / PartialSuccess / Failure and per-instance errors
// (XDSUnknownRepositoryId, XDSDocumentUniqueIdError, XDSRepositoryError;
// xds-i.md §5). Then the instances stream as attachments, each fetched by
// C-GET on one association shared by the reply and converted to a
// requested transfer syntax when the PACS holds another. With the cache,
// the PACS's instances are prefetched in batches and each attachment is
// written as soon as its instance arrived, not in envelope order (XOP 1.0
// §4.1: the order of the parts after the root is not significant). A PACS that fails
// after the envelope went out makes the connection abort: the consumer sees
// a truncated package, never a false success.
//
// With the site's instance cache, instances it holds (for the requested
// study and series) are settled and served from it without the PACS: no
// C-FIND when every requested instance of a series is cached, no C-GET for
// a cached instance. Instances fetched from the PACS are stored in it.
//
// Thread-safe: immutable after construction; each reply owns its state.
#pragma once

#include <string>

#include "imaging-source/cache/instance_cache.h"
#include "imaging-source/dicom/pacs_client.h"
#include "imaging-source/manifest/manifest_metadata.h"
#include "imaging-source/service/rad69_request.h"
#include "wire/access/access_decision.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/soap/soap_endpoint.h"

namespace xds::imaging {

inline constexpr char kActionRad69[] = "urn:ihe:rad:2009:RetrieveImagingDocumentSet";

class Rad69Service {
 public:
  // `pacs` and `cache` (optional, null: no cache) are borrowed and must
  // outlive the service (and every reply still streaming).
  Rad69Service(PacsClient& pacs, InstanceCache* cache, std::string repository_unique_id)
      : pacs_(pacs), cache_(cache), repository_unique_id_(std::move(repository_unique_id)) {}

  void Bind(soap::SoapEndpoint& endpoint);
  // ITI-20: the endpoint's record of each RAD-69 names its studies; with an
  // auditor (the HTTP server's), the service adds their patients (a
  // STUDY-level C-FIND per study; service/transfer_audit.h for the id).
  // `patient_rules` is borrowed and may be null. Before the server starts.
  void set_audit(const audit::TransactionAuditor* auditor, const ManifestOptions* patient_rules) {
    auditor_ = auditor;
    patient_rules_ = patient_rules;
  }
  // Sealing between structures: the registry is asked which requested
  // studies the requester may see; the instances of the others are
  // answered as missing ones (XDSDocumentUniqueIdError, the same words).
  // Borrowed; null (the default): open mode. Before the server starts.
  void set_access(const access::AccessDecisionPoint* access) { access_ = access; }
  Result<soap::SoapReply> Retrieve(const soap::SoapRequest& request);

 private:
  PacsClient& pacs_;
  InstanceCache* const cache_;
  const std::string repository_unique_id_;
  const audit::TransactionAuditor* auditor_ = nullptr;
  const access::AccessDecisionPoint* access_ = nullptr;
  const ManifestOptions* patient_rules_ = nullptr;

  void NotePatients(const soap::SoapRequest& request, const Rad69Request& req) const;
};

}  // namespace xds::imaging

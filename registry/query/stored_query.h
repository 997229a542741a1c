// RunStoredQuery: the Document Registry's side of ITI-18 Registry Stored
// Query (ITI TF-2: 3.18). Takes a decoded AdhocQueryRequest, runs the
// stored query it names against the RegistryStore, and returns the matching
// objects (returnType LeafClass) or their entryUUIDs (ObjectRef), plus the
// XDS errors for the RegistryErrorList.
//
// All fourteen ITI-18 stored queries are supported, FindDocumentsByReferenceId
// (Reference ID option) included; their parameters follow
// ../shared/ihe/stored-queries.md. Metadata Update adds $MetadataLevel to
// every query (metadata_level.h) and logicalID addressing to GetDocuments
// and GetFolders.
//
// Each call runs in one ReadOnly transaction, so the answer is one
// consistent snapshot. Stateless; safe to call from many threads as long as
// the store is (RegistryStore implementations are).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "registry/access/access_policy.h"
#include "registry/store/registry_store.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

struct QueryOptions {
  // Above this many objects a LeafClass query answers XDSTooManyResults
  // with no results (status Failure). ObjectRef answers are not capped
  // (stored-queries.md §7).
  size_t max_leaf_class_results = 1000;
  // Affinity-domain policy for a patient id the registry does not know, or
  // one merged into another (ITI TF-2: 3.18.4.1.3): XDSUnknownPatientId
  // when true, an empty Success when false.
  bool unknown_patient_is_error = false;
  // LeafClass results as XML (QueryOutcome::object_xml) instead of parsed
  // objects: the SOAP service copies them into its response, which spares
  // parsing and rewriting each stored body.
  bool leaf_class_as_xml = false;
};

struct QueryOutcome {
  // LeafClass results: the registered objects with their current status
  // attribute, the current (surviving) patient id, and for Folders the
  // registry-maintained lastUpdateTime slot.
  std::vector<ihe::RegistryObject> objects;
  // The same with QueryOptions::leaf_class_as_xml, one complete ebRIM
  // element per object, in the same order (objects is then empty).
  std::vector<std::string> object_xml;
  // ObjectRef results: entryUUIDs.
  std::vector<std::string> object_refs;
  // Errors for the RegistryErrorList. When one is an Error, objects and
  // object_refs are empty (status Failure).
  ihe::RegistryErrors errors;
  // entryUUIDs the query matched but the access policy withheld from this
  // requester (absent from the answer, reported to the audit trail only).
  std::vector<std::string> withheld;
};

// Who asks and the policy that decides what they may see
// (registry/access/access_policy.h). Matching objects the requester may not
// see are simply absent from the answer, as if never registered.
struct QueryAccess {
  const AccessOptions& policy;
  const security::Requester& requester;
};

QueryOutcome RunStoredQuery(RegistryStore& store, const ihe::AdhocQueryRequest& request,
                            const QueryOptions& options, const QueryAccess* access = nullptr);

// ITI-51 Multi-Patient Stored Query (ITI TF-2b 3.51): the same answer
// rules for FindDocumentsForMultiplePatients and
// FindFoldersForMultiplePatients. Whether the caller may ask is the
// service's decision (multi_patient_access.h).
QueryOutcome RunMultiPatientStoredQuery(RegistryStore& store, const ihe::AdhocQueryRequest& request,
                                        const QueryOptions& options, const QueryAccess* access = nullptr);

}  // namespace xds::registry

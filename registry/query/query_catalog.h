// Internal to registry/query: the catalogue of ITI-18 stored queries
// (ITI TF-2: 3.18.4.1.2.4, stored-queries.md §3) and what every query
// handler shares.
//
// A handler reads its parameters through QueryRun::params, stops quietly
// when they are in error (the dispatcher reports them), then selects the
// entryUUIDs of the matching objects inside the caller's read transaction
// and adds them to QueryRun::result in response order. A non-OK Status
// means the store failed, never that the request was wrong.
//
// Everything here lives for one request on one thread.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "registry/query/query_parameters.h"
#include "registry/query/stored_query.h"
#include "registry/store/registry_store.h"
#include "wire/ihe/registry_error.h"

namespace xds::registry {

// The entryUUIDs a query returns, in order, without duplicates.
class ResultSet {
 public:
  void Add(const std::string& uuid);
  void AddAll(const std::vector<std::string>& uuids);
  bool Contains(const std::string& uuid) const { return seen_.count(uuid) != 0; }
  const std::vector<std::string>& uuids() const { return order_; }
  size_t size() const { return order_.size(); }

 private:
  std::vector<std::string> order_;
  std::unordered_set<std::string> seen_;
};

struct QueryRun {
  ReadTxn& txn;
  QueryParameters& params;
  const QueryOptions& options;
  ResultSet result;
  // Errors found while running (XDSUnknownPatientId); parameter errors are
  // in params.errors().
  ihe::RegistryErrors errors;
  // $MetadataLevel (metadata_level.h), read before the handler runs.
  int metadata_level = 1;
};

// Runs `query` (first column: entryUUIDs) and adds every row to the result.
Status AddSelected(QueryRun& run, const SqlQuery& query);

// $XDSAssociationStatus (Metadata Update; the NIST toolkit's and HIEOS's
// registries read it on the queries that return Associations): which
// Associations a query returns and follows, Approved when absent. At
// $MetadataLevel 1 a Deprecated Association is never returned nor followed
// (ITI TF-2a 3.18.4.1.2.3.5.1.1), whatever this asks, so the statuses are
// cut to Approved there (empty when only Deprecated was asked: the query
// then follows no Association); at level 2 they are as asked.
inline constexpr std::string_view kAssociationStatus = "$XDSAssociationStatus";
std::vector<Availability> ReadAssociationStatuses(QueryRun& run);
// The Associations among `uuids` whose status is one of `statuses`, order
// kept.
Result<std::vector<std::string>> KeepAssociationsWithStatus(ReadTxn& txn, const std::vector<std::string>& uuids,
                                                            const std::vector<Availability>& statuses);

struct DocumentEntryFilter;
class SqlWhere;
// Adds the DocumentEntries that `where` (the patient condition) and
// `filter` select, at the run's $MetadataLevel: the common end of
// FindDocuments, FindDocumentsByReferenceId and
// FindDocumentsForMultiplePatients (find_documents.cc).
Status SelectDocumentEntries(QueryRun& run, const DocumentEntryFilter& filter, SqlWhere& where);

using QueryHandler = Status (*)(QueryRun& run);

struct StoredQueryDef {
  std::string_view id;    // AdhocQuery/@id
  std::string_view name;  // for logs and codeContext
  QueryHandler run;
  // LeafClass answers must concern one patient (ITI TF-2: 3.18.4.1.3,
  // stored-queries.md §5): XDSResultNotSinglePatient otherwise.
  bool single_patient_leaf_class;
  // The handler applies $MetadataLevel 1 in its own SQL (kVisibleAtLevel1);
  // otherwise the dispatcher filters its result.
  bool applies_metadata_level = false;
};

// nullptr for an id that is not an ITI-18 stored query (including the
// ITI-51 multi-patient queries, which this endpoint does not serve).
const StoredQueryDef* FindStoredQuery(std::string_view query_id);
// The ITI-51 Multi-Patient Stored Queries (multi_patient_queries.cc);
// nullptr for any other id.
const StoredQueryDef* FindMultiPatientQuery(std::string_view query_id);

// Handlers, one per stored query.
// find_documents.cc
Status RunFindDocuments(QueryRun& run);
Status RunFindDocumentsByReferenceId(QueryRun& run);
// find_packages.cc
Status RunFindSubmissionSets(QueryRun& run);
Status RunFindFolders(QueryRun& run);
// get_all.cc
Status RunGetAll(QueryRun& run);
// get_by_id_queries.cc
Status RunGetDocuments(QueryRun& run);
Status RunGetFolders(QueryRun& run);
Status RunGetAssociations(QueryRun& run);
Status RunGetDocumentsAndAssociations(QueryRun& run);
Status RunGetSubmissionSets(QueryRun& run);
Status RunGetFoldersForDocument(QueryRun& run);
// get_contents_queries.cc
Status RunGetSubmissionSetAndContents(QueryRun& run);
Status RunGetFolderAndContents(QueryRun& run);
Status RunGetRelatedDocuments(QueryRun& run);

}  // namespace xds::registry

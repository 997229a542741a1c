// Dispatch of ITI-18 stored queries: query id and returnType, one read
// transaction, then the answer rules common to every query (ITI TF-2:
// 3.18.4.1.3): errors mean no results, the LeafClass size cap, the
// single-patient rule, and building LeafClass objects.
#include "registry/query/stored_query.h"

#include "registry/query/metadata_level.h"
#include "registry/query/object_loader.h"
#include "registry/query/query_catalog.h"
#include "registry/query/query_parameters.h"
#include "wire/base/ids.h"
#include "wire/ihe/stored_queries.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;

constexpr std::string_view kLeafClass = "LeafClass";
constexpr std::string_view kObjectRef = "ObjectRef";

// ITI-51 Multi-Patient Query ids: often sent to the ITI-18 endpoint by
// mistake; they are not ITI-18 stored queries (stored-queries.md §3).
constexpr std::string_view kFindDocumentsForMultiplePatients = ihe::query_id::kFindDocumentsForMultiplePatients;
constexpr std::string_view kFindFoldersForMultiplePatients = ihe::query_id::kFindFoldersForMultiplePatients;

RegistryError UnknownQuery(const std::string& id) {
  std::string context = "AdhocQuery id '" + id + "' is not an ITI-18 stored query";
  if (id == kFindDocumentsForMultiplePatients || id == kFindFoldersForMultiplePatients)
    context += " (it is an ITI-51 Multi-Patient Query, not served on this endpoint)";
  return RegistryError::Error(ErrorCode::kUnknownStoredQuery, std::move(context));
}

RegistryError StoreFailure(const Status& s) {
  // XDSRegistryBusy tells the consumer a retry may succeed.
  if (s.code() == Status::Code::kBusy)
    return RegistryError::Error(ErrorCode::kRegistryBusy, "registry store busy: " + s.message());
  return RegistryError::Error(ErrorCode::kRegistryError, "registry store failure: " + s.message());
}

// Runs `def` and fills `out`. XDS errors go to out.errors; a non-OK Status
// is a store failure.
Status Execute(ReadTxn& txn, const StoredQueryDef& def, bool leaf_class, QueryParameters& params,
               const QueryOptions& options, const QueryAccess* access, QueryOutcome& out) {
  QueryRun run{txn, params, options, {}, {}};
  run.metadata_level = ReadMetadataLevel(params);
  XDS_RETURN_IF_ERROR(def.run(run));
  if (run.metadata_level == 1 && !def.applies_metadata_level && params.ok() && run.errors.empty()) {
    auto visible = KeepVisibleAtLevel1(txn, run.result.uuids());
    if (!visible.ok()) return visible.status();
    run.result = ResultSet();
    run.result.AddAll(*visible);
  }
  // The access policy before any answer rule: a withheld object counts
  // toward nothing (result cap, single patient) and shows nowhere.
  if (access && access->policy.sealing && params.ok() && run.errors.empty()) {
    AccessCheck check(access->policy, access->requester, txn, NowDtm());
    auto visible = check.KeepVisible(run.result.uuids());
    if (!visible.ok()) return visible.status();
    if (visible->size() != run.result.size()) {
      ResultSet kept;
      kept.AddAll(*visible);
      for (const auto& uuid : run.result.uuids())
        if (!kept.Contains(uuid)) out.withheld.push_back(uuid);
      run.result = std::move(kept);
    }
  }
  // An Error means no results (status Failure, ITI TF-3 4.2.4.1).
  if (!params.ok() || !run.errors.empty()) {
    out.errors.insert(out.errors.end(), params.errors().begin(), params.errors().end());
    out.errors.insert(out.errors.end(), run.errors.begin(), run.errors.end());
    return Status::Ok();
  }
  if (!leaf_class) {
    out.object_refs = run.result.uuids();
    return Status::Ok();
  }
  // The cap applies to LeafClass only; ObjectRef lists stay allowed so a
  // consumer can page with GetDocuments (stored-queries.md §7).
  if (run.result.size() > options.max_leaf_class_results) {
    out.errors.push_back(RegistryError::Error(
        ErrorCode::kTooManyResults,
        std::string(def.name) + " matched " + std::to_string(run.result.size()) +
            " objects; LeafClass answers are limited to " +
            std::to_string(options.max_leaf_class_results) +
            ". Query with returnType ObjectRef, then fetch pages with GetDocuments"));
    return Status::Ok();
  }
  auto stored = LoadStoredObjects(txn, run.result.uuids());
  if (!stored.ok()) return stored.status();
  // ITI TF-2: 3.18.4.1.3 (stored-queries.md §5): a by-id LeafClass query
  // must not disclose metadata of more than one patient.
  if (def.single_patient_leaf_class && !IsSinglePatient(*stored)) {
    out.errors.push_back(RegistryError::Error(
        ErrorCode::kResultNotSinglePatient,
        std::string(def.name) + ": the requested objects belong to more than one patient"));
    return Status::Ok();
  }
  if (options.leaf_class_as_xml) {
    out.object_xml.reserve(stored->size());
    for (const auto& s : *stored) {
      auto xml = LeafClassXml(s);
      if (!xml.ok()) return xml.status();
      out.object_xml.push_back(std::move(*xml));
    }
    return Status::Ok();
  }
  out.objects.reserve(stored->size());
  for (const auto& s : *stored) {
    auto object = ToLeafClass(s);
    if (!object.ok()) return object.status();
    out.objects.push_back(std::move(*object));
  }
  return Status::Ok();
}

}  // namespace

namespace {

// Runs `def` (nullptr: the id is unknown to this endpoint) for `request`.
QueryOutcome RunQuery(RegistryStore& store, const ihe::AdhocQueryRequest& request, const QueryOptions& options,
                      const QueryAccess* access, const StoredQueryDef* def, RegistryError unknown) {
  QueryOutcome out;
  if (def == nullptr) {
    out.errors.push_back(std::move(unknown));
    return out;
  }
  bool leaf_class = true;
  if (request.return_type == kObjectRef) {
    leaf_class = false;
  } else if (request.return_type != kLeafClass) {
    out.errors.push_back(RegistryError::Error(
        ErrorCode::kRegistryError, "returnType '" + request.return_type +
                                       "' is not supported; use LeafClass or ObjectRef"));
    return out;
  }
  // request.home ($homeCommunityId / AdhocQuery@home) is accepted and
  // ignored: this registry serves one community (stored-queries.md §1, §6.7).
  Status s = store.ReadOnly([&](ReadTxn& txn) {
    // Start afresh: a store may run the callback again after contention.
    out = QueryOutcome();
    QueryParameters params(request.parameters);
    return Execute(txn, *def, leaf_class, params, options, access, out);
  });
  if (!s.ok()) {
    out.objects.clear();
    out.object_xml.clear();
    out.object_refs.clear();
    out.withheld.clear();
    out.errors.push_back(StoreFailure(s));
  }
  return out;
}

}  // namespace

QueryOutcome RunStoredQuery(RegistryStore& store, const ihe::AdhocQueryRequest& request,
                            const QueryOptions& options, const QueryAccess* access) {
  return RunQuery(store, request, options, access, FindStoredQuery(request.query_id), UnknownQuery(request.query_id));
}

QueryOutcome RunMultiPatientStoredQuery(RegistryStore& store, const ihe::AdhocQueryRequest& request,
                                        const QueryOptions& options, const QueryAccess* access) {
  return RunQuery(store, request, options, access, FindMultiPatientQuery(request.query_id),
                  RegistryError::Error(ErrorCode::kUnknownStoredQuery,
                                       "AdhocQuery id '" + request.query_id +
                                           "' is not an ITI-51 Multi-Patient Stored Query "
                                           "(FindDocumentsForMultiplePatients, FindFoldersForMultiplePatients)"));
}

}  // namespace xds::registry

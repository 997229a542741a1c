// The stored queries that fetch objects by identifier (ITI TF-2:
// 3.18.4.1.2.3.7.5 - .9 and .12; stored-queries.md §4.5 - §4.9, §4.12):
// GetDocuments, GetFolders, GetAssociations, GetDocumentsAndAssociations,
// GetSubmissionSets and GetFoldersForDocument. None filters on status: a
// consumer asking by id gets the object whatever its availabilityStatus
// (within $MetadataLevel, metadata_level.h). GetDocuments and GetFolders
// also take a logicalID (Metadata Update). The queries that return or
// follow Associations read $XDSAssociationStatus (query_catalog.h).
// The single-patient rule for their LeafClass answers is applied by the
// dispatcher (query_catalog.h).
#include <algorithm>
#include <iterator>

#include "registry/query/object_lookup.h"
#include "registry/query/query_catalog.h"
#include "registry/query/sql_builder.h"

namespace xds::registry {
namespace {

constexpr std::string_view kDeEntryUuid = "$XDSDocumentEntryEntryUUID";
constexpr std::string_view kDeUniqueId = "$XDSDocumentEntryUniqueId";

// Metadata Update adds a third member to the entryUUID/uniqueId choice:
// the logicalID, which names every version of a logical object (the
// $MetadataLevel filter then keeps the latest, or all at level 2).
// Returns true when `logical_name` was given (and handled, errors
// included), false to go on with the entryUUID/uniqueId pair.
Result<bool> LookUpByLogicalId(QueryRun& run, StoredKind kind, std::string_view logical_name,
                               std::string_view uuid_name, std::string_view unique_id_name,
                               std::vector<std::string>& out) {
  if (!run.params.Has(logical_name)) return false;
  if (run.params.Has(uuid_name) || run.params.Has(unique_id_name)) {
    run.params.AddError(ihe::ErrorCode::kStoredQueryParamNumber,
                        std::string(logical_name) + " is given with " + std::string(uuid_name) + " or " +
                            std::string(unique_id_name) + "; give exactly one of the three");
    return true;
  }
  std::vector<std::string> lids = run.params.StringList(logical_name, Presence::kRequired);
  if (!run.params.ok() || lids.empty()) return true;
  out.clear();
  // First versions by their entryUUID, later ones by lid
  // (registry_004_later_versions.sql); the list twice, so in halves.
  constexpr size_t kChunk = 256;
  for (size_t start = 0; start < lids.size(); start += kChunk) {
    const std::vector<SqlValue> chunk(lids.begin() + static_cast<std::ptrdiff_t>(start),
                                      lids.begin() + static_cast<std::ptrdiff_t>(std::min(lids.size(), start + kChunk)));
    SqlQuery q;
    q.params = {static_cast<int64_t>(kind)};
    const std::string firsts = InList(chunk, q.params);
    const std::string later = InList(chunk, q.params);
    q.sql = "SELECT entry_uuid FROM object WHERE kind = ? AND (entry_uuid IN (" + firsts + ") OR (lid IN (" + later +
            ") AND lid <> entry_uuid)) ORDER BY lid, version";
    auto found = run.txn.SelectColumn(q);
    if (!found.ok()) return found.status();
    out.insert(out.end(), std::make_move_iterator(found->begin()), std::make_move_iterator(found->end()));
  }
  return true;
}

// GetDocuments and GetDocumentsAndAssociations.
Status FindDocumentsById(QueryRun& run, bool with_associations) {
  std::vector<std::string> by_lid;
  auto logical = LookUpByLogicalId(run, StoredKind::kDocumentEntry, "$XDSDocumentEntryLogicalID", kDeEntryUuid,
                                   kDeUniqueId, by_lid);
  if (!logical.ok()) return logical.status();
  IdSelector ids;
  if (!*logical) ids = run.params.EitherOr(kDeEntryUuid, kDeUniqueId, /*multiple=*/true);
  const std::vector<Availability> association_statuses =
      with_associations ? ReadAssociationStatuses(run) : std::vector<Availability>();
  if (!run.params.ok()) return Status::Ok();
  auto documents = *logical ? Result<std::vector<std::string>>(std::move(by_lid))
                            : LookUpEntries(run.txn, StoredKind::kDocumentEntry, ids);
  if (!documents.ok()) return documents.status();
  run.result.AddAll(*documents);
  if (!with_associations) return Status::Ok();
  auto associations = AssociationsTouching(run.txn, *documents);
  if (!associations.ok()) return associations.status();
  auto kept = KeepAssociationsWithStatus(run.txn, *associations, association_statuses);
  if (!kept.ok()) return kept.status();
  run.result.AddAll(*kept);
  return Status::Ok();
}

}  // namespace

Status RunGetDocuments(QueryRun& run) { return FindDocumentsById(run, false); }

Status RunGetDocumentsAndAssociations(QueryRun& run) { return FindDocumentsById(run, true); }

Status RunGetFolders(QueryRun& run) {
  std::vector<std::string> by_lid;
  auto logical = LookUpByLogicalId(run, StoredKind::kFolder, "$XDSFolderLogicalID", "$XDSFolderEntryUUID",
                                   "$XDSFolderUniqueId", by_lid);
  if (!logical.ok()) return logical.status();
  IdSelector ids;
  if (!*logical) ids = run.params.EitherOr("$XDSFolderEntryUUID", "$XDSFolderUniqueId", true);
  if (!run.params.ok()) return Status::Ok();
  auto folders = *logical ? Result<std::vector<std::string>>(std::move(by_lid))
                          : LookUpEntries(run.txn, StoredKind::kFolder, ids);
  if (!folders.ok()) return folders.status();
  run.result.AddAll(*folders);
  return Status::Ok();
}

// Associations whose sourceObject or targetObject is in $uuid.
Status RunGetAssociations(QueryRun& run) {
  std::vector<std::string> uuids = run.params.StringList("$uuid", Presence::kRequired);
  const std::vector<Availability> statuses = ReadAssociationStatuses(run);
  if (!run.params.ok()) return Status::Ok();
  auto associations = AssociationsTouching(run.txn, uuids);
  if (!associations.ok()) return associations.status();
  auto kept = KeepAssociationsWithStatus(run.txn, *associations, statuses);
  if (!kept.ok()) return kept.status();
  run.result.AddAll(*kept);
  return Status::Ok();
}

// The SubmissionSets holding any of $uuid (DocumentEntries, Folders) by a
// HasMember, with those HasMember Associations.
Status RunGetSubmissionSets(QueryRun& run) {
  std::vector<std::string> uuids = run.params.StringList("$uuid", Presence::kRequired);
  if (!run.params.ok()) return Status::Ok();
  const std::vector<SqlValue> kinds = {static_cast<int64_t>(StoredKind::kSubmissionSet),
                                       static_cast<int64_t>(AssociationKind::kHasMember)};
  auto sets = SelectIn(run.txn,
                       "SELECT DISTINCT a.source_uuid FROM association a "
                       "JOIN object s ON s.entry_uuid = a.source_uuid AND s.kind = ? "
                       "WHERE a.type = ? AND a.target_uuid IN ({in})",
                       uuids, kinds);
  if (!sets.ok()) return sets.status();
  auto members = SelectIn(run.txn,
                          "SELECT o.entry_uuid FROM association a "
                          "JOIN object o ON o.id = a.object_id "
                          "JOIN object s ON s.entry_uuid = a.source_uuid AND s.kind = ? "
                          "WHERE a.type = ? AND a.target_uuid IN ({in})",
                          uuids, kinds);
  if (!members.ok()) return members.status();
  run.result.AddAll(*sets);
  run.result.AddAll(*members);
  return Status::Ok();
}

// The Folders that are the source of a HasMember to the DocumentEntry (of
// a status in $XDSAssociationStatus: a Deprecated membership no longer
// puts the document in the Folder).
Status RunGetFoldersForDocument(QueryRun& run) {
  IdSelector ids = run.params.EitherOr(kDeEntryUuid, kDeUniqueId, /*multiple=*/false);
  const std::vector<Availability> statuses = ReadAssociationStatuses(run);
  if (!run.params.ok()) return Status::Ok();
  if (statuses.empty()) return Status::Ok();
  auto documents = LookUpEntries(run.txn, StoredKind::kDocumentEntry, ids);
  if (!documents.ok()) return documents.status();
  std::vector<SqlValue> before = {static_cast<int64_t>(StoredKind::kFolder),
                                  static_cast<int64_t>(AssociationKind::kHasMember)};
  std::string placeholders;
  for (Availability s : statuses) {
    before.emplace_back(static_cast<int64_t>(s));
    placeholders += placeholders.empty() ? "?" : ", ?";
  }
  auto folders = SelectIn(run.txn,
                          "SELECT DISTINCT a.source_uuid FROM association a "
                          "JOIN object f ON f.entry_uuid = a.source_uuid AND f.kind = ? "
                          "WHERE a.type = ? AND a.status IN (" + placeholders + ") AND a.target_uuid IN ({in})",
                          *documents, before);
  if (!folders.ok()) return folders.status();
  run.result.AddAll(*folders);
  return Status::Ok();
}

}  // namespace xds::registry

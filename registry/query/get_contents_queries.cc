// The stored queries that return an object with what it is linked to
// (ITI TF-2: 3.18.4.1.2.3.7.10, .11 and .13; stored-queries.md §4.10,
// §4.11, §4.13): GetSubmissionSetAndContents, GetFolderAndContents and
// GetRelatedDocuments. Common rule: an Association is returned only when
// both objects it connects are returned. Each reads $XDSAssociationStatus
// (query_catalog.h): only Associations of those statuses are returned, and
// only they bring their other end.
#include "registry/query/document_filter.h"
#include "registry/query/object_lookup.h"
#include "registry/query/query_catalog.h"
#include "registry/query/sql_builder.h"

namespace xds::registry {
namespace {

constexpr int64_t kHasMember = static_cast<int64_t>(AssociationKind::kHasMember);

// What `source` holds by HasMember: the member objects and the HasMember
// Associations that link them (two sets; no pairing by position).
struct Members {
  std::vector<std::string> objects;
  std::vector<std::string> links;
};

// Runs `where` twice over "association a (HasMember from the source) ->
// object t (the member)", once selecting the members, once the links.
Result<Members> SelectMembers(QueryRun& run, const SqlWhere& where, std::string_view joins) {
  Members m;
  for (auto [column, out] :
       {std::pair{"t.entry_uuid", &m.objects}, std::pair{"o.entry_uuid", &m.links}}) {
    auto uuids = run.txn.SelectColumn(
        where.Build("SELECT " + std::string(column) +
                    " FROM association a JOIN object o ON o.id = a.object_id " + std::string(joins)));
    if (!uuids.ok()) return uuids.status();
    *out = std::move(*uuids);
  }
  return m;
}

// The DocumentEntries `source` holds, by a HasMember of one of
// `statuses`, that pass `filter`.
Result<Members> DocumentMembers(QueryRun& run, const std::string& source, const DocumentEntryFilter& filter,
                                const std::vector<Availability>& statuses) {
  if (statuses.empty()) return Members{};
  SqlWhere where;
  where.Add("a.source_uuid = ?", {source});
  where.Add("a.type = ?", {kHasMember});
  // A Deprecated membership no longer holds its member unless asked for.
  where.AddIn("a.status", ToSqlValues(statuses));
  auto possible = AddDocumentEntryConditions(run.txn, filter, where);
  if (!possible.ok()) return possible.status();
  if (!*possible) return Members{};
  return SelectMembers(run, where,
                       "JOIN object t ON t.entry_uuid = a.target_uuid "
                       "JOIN document_entry d ON d.object_id = t.id");
}

// The objects of `kind` (Folders, Associations) `source` holds by a
// HasMember of one of `statuses`.
Result<Members> MembersOfKind(QueryRun& run, const std::string& source, StoredKind kind,
                              const std::vector<Availability>& statuses) {
  if (statuses.empty()) return Members{};
  SqlWhere where;
  where.Add("a.source_uuid = ?", {source});
  where.Add("a.type = ?", {kHasMember});
  where.Add("t.kind = ?", {static_cast<int64_t>(kind)});
  where.AddIn("a.status", ToSqlValues(statuses));
  return SelectMembers(run, where, "JOIN object t ON t.entry_uuid = a.target_uuid");
}

void AddMembers(QueryRun& run, const Members& m) {
  run.result.AddAll(m.objects);
  run.result.AddAll(m.links);
}

Status SubmissionSetAndContents(QueryRun& run, const std::string& set, const DocumentEntryFilter& filter,
                                const std::vector<Availability>& statuses) {
  run.result.Add(set);
  auto documents = DocumentMembers(run, set, filter, statuses);
  if (!documents.ok()) return documents.status();
  AddMembers(run, *documents);
  auto folders = MembersOfKind(run, set, StoredKind::kFolder, statuses);
  if (!folders.ok()) return folders.status();
  AddMembers(run, *folders);

  // Associations the SubmissionSet holds (SS-HM to an FD-DE HasMember, or a
  // relationship) come with their HasMember only when both of their own
  // ends are in the answer and their own status was asked for.
  auto held = MembersOfKind(run, set, StoredKind::kAssociation, statuses);
  if (!held.ok()) return held.status();
  auto held_kept = KeepAssociationsWithStatus(run.txn, held->objects, statuses);
  if (!held_kept.ok()) return held_kept.status();
  auto edges = LoadEdges(run.txn, *held_kept);
  if (!edges.ok()) return edges.status();
  std::vector<std::string> kept;
  for (const auto& e : *edges)
    if (run.result.Contains(e.source) && run.result.Contains(e.target)) kept.push_back(e.uuid);
  if (kept.empty()) return Status::Ok();
  auto kept_links = SelectIn(run.txn,
                             "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
                             "WHERE a.source_uuid = ? AND a.type = ? AND a.target_uuid IN ({in})",
                             kept, {set, kHasMember});
  if (!kept_links.ok()) return kept_links.status();
  run.result.AddAll(kept);
  run.result.AddAll(*kept_links);
  return Status::Ok();
}

// Relationship Associations between `document` and another DocumentEntry
// of an accepted objectType, in one direction; selects `column`:
// "o.entry_uuid" (the Association) or "t.entry_uuid" (the other end).
SqlQuery RelatedSelect(std::string_view column, bool outgoing, const std::string& document,
                       const std::vector<SqlValue>& kinds, const EntryTypes& types,
                       const std::vector<Availability>& statuses) {
  SqlWhere where;
  where.Add(outgoing ? "a.source_uuid = ?" : "a.target_uuid = ?", {document});
  where.AddIn("a.type", kinds);
  where.AddIn("a.status", ToSqlValues(statuses));
  std::vector<SqlValue> on_demand;
  if (types.stable) on_demand.emplace_back(int64_t{0});
  if (types.on_demand) on_demand.emplace_back(int64_t{1});
  where.AddIn("d.on_demand", on_demand);
  return where.Build("SELECT " + std::string(column) +
                     " FROM association a JOIN object o ON o.id = a.object_id "
                     "JOIN object t ON t.entry_uuid = " +
                     (outgoing ? "a.target_uuid" : "a.source_uuid") +
                     " JOIN document_entry d ON d.object_id = t.id");
}

}  // namespace

Status RunGetSubmissionSetAndContents(QueryRun& run) {
  IdSelector ids =
      run.params.EitherOr("$XDSSubmissionSetEntryUUID", "$XDSSubmissionSetUniqueId", false);
  DocumentEntryFilter filter = ReadContentFilter(run.params);
  const std::vector<Availability> statuses = ReadAssociationStatuses(run);
  if (!run.params.ok()) return Status::Ok();
  auto sets = LookUpEntries(run.txn, StoredKind::kSubmissionSet, ids);
  if (!sets.ok()) return sets.status();
  for (const auto& set : *sets) XDS_RETURN_IF_ERROR(SubmissionSetAndContents(run, set, filter, statuses));
  return Status::Ok();
}

Status RunGetFolderAndContents(QueryRun& run) {
  IdSelector ids = run.params.EitherOr("$XDSFolderEntryUUID", "$XDSFolderUniqueId", false);
  DocumentEntryFilter filter = ReadContentFilter(run.params);
  const std::vector<Availability> statuses = ReadAssociationStatuses(run);
  if (!run.params.ok()) return Status::Ok();
  auto folders = LookUpEntries(run.txn, StoredKind::kFolder, ids);
  if (!folders.ok()) return folders.status();
  for (const auto& folder : *folders) {
    run.result.Add(folder);
    auto documents = DocumentMembers(run, folder, filter, statuses);
    if (!documents.ok()) return documents.status();
    AddMembers(run, *documents);
  }
  return Status::Ok();
}

// Associations of the given types between the DocumentEntry and other
// DocumentEntries, with those entries; the given entry comes first, and
// only when at least one Association matched.
Status RunGetRelatedDocuments(QueryRun& run) {
  IdSelector ids = run.params.EitherOr("$XDSDocumentEntryEntryUUID", "$XDSDocumentEntryUniqueId",
                                       false);
  std::vector<std::string> type_urns = run.params.StringList("$AssociationTypes", Presence::kRequired);
  EntryTypes types = run.params.DocumentEntryTypes("$XDSDocumentEntryType");
  const std::vector<Availability> statuses = ReadAssociationStatuses(run);
  if (!run.params.ok()) return Status::Ok();

  // Types the registry stores by kind; any other URN cannot be on a stored
  // relationship between two DocumentEntries and matches nothing.
  std::vector<SqlValue> kinds;
  for (const auto& urn : type_urns) {
    AssociationKind k = AssociationKindOf(urn);
    if (k != AssociationKind::kOther) kinds.emplace_back(static_cast<int64_t>(k));
  }
  if (kinds.empty() || statuses.empty()) return Status::Ok();

  auto documents = LookUpEntries(run.txn, StoredKind::kDocumentEntry, ids);
  if (!documents.ok()) return documents.status();
  for (const auto& document : *documents) {
    std::vector<std::string> related, associations;
    for (bool outgoing : {true, false}) {
      for (auto [column, out] : {std::pair{"t.entry_uuid", &related},
                                 std::pair{"o.entry_uuid", &associations}}) {
        auto rows = run.txn.SelectColumn(RelatedSelect(column, outgoing, document, kinds, types, statuses));
        if (!rows.ok()) return rows.status();
        out->insert(out->end(), rows->begin(), rows->end());
      }
    }
    if (associations.empty()) continue;
    run.result.Add(document);
    run.result.AddAll(related);
    run.result.AddAll(associations);
  }
  return Status::Ok();
}

}  // namespace xds::registry

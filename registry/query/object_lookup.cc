#include "registry/query/object_lookup.h"

#include <unordered_set>

#include "registry/query/sql_builder.h"

namespace xds::registry {
namespace {

// The per-kind table holding unique_id (schemas/sql/registry_001_init.sql).
std::string_view UniqueIdSelect(StoredKind kind) {
  switch (kind) {
    case StoredKind::kDocumentEntry:
      return "SELECT o.entry_uuid FROM document_entry t JOIN object o ON o.id = t.object_id "
             "WHERE t.unique_id IN ({in})";
    case StoredKind::kSubmissionSet:
      return "SELECT o.entry_uuid FROM submission_set t JOIN object o ON o.id = t.object_id "
             "WHERE t.unique_id IN ({in})";
    case StoredKind::kFolder:
      return "SELECT o.entry_uuid FROM folder t JOIN object o ON o.id = t.object_id "
             "WHERE t.unique_id IN ({in})";
    case StoredKind::kAssociation:
      break;
  }
  return {};
}

}  // namespace

Result<std::vector<std::string>> LookUpEntries(ReadTxn& txn, StoredKind kind, const IdSelector& ids) {
  if (ids.values.empty()) return std::vector<std::string>();
  if (!ids.by_uuid) return SelectIn(txn, UniqueIdSelect(kind), ids.values);

  auto found = SelectIn(txn, "SELECT entry_uuid FROM object WHERE kind = ? AND entry_uuid IN ({in})",
                        ids.values, {static_cast<int64_t>(kind)});
  if (!found.ok()) return found.status();
  // Answer in the order asked: consumers page through ObjectRef lists.
  std::unordered_set<std::string> present(found->begin(), found->end());
  std::vector<std::string> out;
  for (const auto& id : ids.values)
    if (present.erase(id) != 0) out.push_back(id);
  return out;
}

Result<std::vector<std::string>> AssociationsTouching(ReadTxn& txn,
                                                      const std::vector<std::string>& uuids) {
  auto from = SelectIn(txn,
                       "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
                       "WHERE a.source_uuid IN ({in})",
                       uuids);
  if (!from.ok()) return from.status();
  auto to = SelectIn(txn,
                     "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
                     "WHERE a.target_uuid IN ({in})",
                     uuids);
  if (!to.ok()) return to.status();
  std::vector<std::string> out = std::move(*from);
  out.insert(out.end(), std::make_move_iterator(to->begin()), std::make_move_iterator(to->end()));
  return out;
}

Result<std::vector<AssociationEdge>> LoadEdges(ReadTxn& txn, const std::vector<std::string>& uuids) {
  std::vector<AssociationEdge> out;
  out.reserve(uuids.size());
  for (const auto& uuid : uuids) {
    auto info = txn.FindObject(uuid);
    if (!info.ok()) return info.status();
    if (!info->has_value() || (*info)->kind != StoredKind::kAssociation) continue;
    const ObjectInfo& o = **info;
    out.push_back(AssociationEdge{uuid, o.association_kind, o.source_uuid, o.target_uuid});
  }
  return out;
}

}  // namespace xds::registry

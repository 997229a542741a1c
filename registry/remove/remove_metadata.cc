#include "registry/remove/remove_metadata.h"

#include <map>
#include <set>

#include "wire/ihe/namespaces.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryErrors;

constexpr std::string_view kDeleteAll = "urn:oasis:names:tc:ebxml-regrep:DeletionScopeType:DeleteAll";

std::string_view Noun(StoredKind kind) {
  switch (kind) {
    case StoredKind::kDocumentEntry: return "DocumentEntry";
    case StoredKind::kSubmissionSet: return "SubmissionSet";
    case StoredKind::kFolder: return "Folder";
    case StoredKind::kAssociation: return "Association";
  }
  return "object";
}

class Removal {
 public:
  Removal(WriteTxn& txn, const RemoveObjectsRequest& request, RegistryErrors& errors)
      : txn_(txn), errors_(errors), removed_(request.object_refs.begin(), request.object_refs.end()) {}

  Status Run() {
    for (const auto& id : removed_) {
      auto info = txn_.FindObject(id);
      if (!info.ok()) return info.status();
      if (!info->has_value()) {
        Fail(ErrorCode::kUnresolvedReference, "ObjectRef " + id + " names no registered object");
        continue;
      }
      objects_.emplace(id, **info);
    }
    if (ihe::HasError(errors_)) return Status::InvalidArgument("removal rejected");
    for (const auto& [id, info] : objects_) XDS_RETURN_IF_ERROR(CheckReferences(id, info));
    for (const auto& [id, info] : objects_)
      if (info.kind == StoredKind::kAssociation) XDS_RETURN_IF_ERROR(CheckStillHeld(id, info));
    if (ihe::HasError(errors_)) return Status::InvalidArgument("removal rejected");
    // Associations first, so that no stored association ever names a
    // removed object, even inside the transaction.
    for (const auto& [id, info] : objects_)
      if (info.kind == StoredKind::kAssociation) XDS_RETURN_IF_ERROR(txn_.DeleteObject(id));
    for (const auto& [id, info] : objects_)
      if (info.kind != StoredKind::kAssociation) XDS_RETURN_IF_ERROR(txn_.DeleteObject(id));
    return Status::Ok();
  }

 private:
  void Fail(ErrorCode code, std::string context) { errors_.push_back(RegistryError::Error(code, std::move(context))); }

  // Associations (any status) whose source or target is `id`.
  Result<std::vector<std::string>> AssociationsOf(const std::string& id) {
    return txn_.SelectColumn(SqlQuery{
        "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
        "WHERE a.source_uuid = ?1 OR a.target_uuid = ?1",
        {id}});
  }

  // RMD: an object goes only with every association that refers to it.
  Status CheckReferences(const std::string& id, const ObjectInfo& info) {
    auto links = AssociationsOf(id);
    if (!links.ok()) return links.status();
    for (const auto& link : *links) {
      if (removed_.contains(link)) continue;
      auto a = txn_.FindObject(link);
      if (!a.ok()) return a.status();
      std::string kind = "Association";
      if (a->has_value() && (*a)->association_kind != AssociationKind::kHasMember &&
          (*a)->association_kind != AssociationKind::kOther)
        kind = "document relationship (replacement chain) Association";
      Fail(ErrorCode::kReferencesExist, std::string(Noun(info.kind)) + " " + id + " is still referenced by " + kind +
                                            " " + link + ", which is not removed with it");
    }
    return Status::Ok();
  }

  // RMD: removing a SubmissionSet's HasMember must not leave its member,
  // which stays, without any SubmissionSet holding it.
  Status CheckStillHeld(const std::string& id, const ObjectInfo& a) {
    if (a.association_kind != AssociationKind::kHasMember) return Status::Ok();
    auto source = txn_.FindObject(a.source_uuid);
    if (!source.ok()) return source.status();
    if (!source->has_value() || (*source)->kind != StoredKind::kSubmissionSet) return Status::Ok();
    if (removed_.contains(a.target_uuid)) return Status::Ok();
    auto holders = txn_.SelectColumn(SqlQuery{
        "SELECT o.entry_uuid FROM association a JOIN object o ON o.id = a.object_id "
        "JOIN object s ON s.entry_uuid = a.source_uuid AND s.kind = 2 "
        "WHERE a.target_uuid = ? AND a.type = 1",
        {a.target_uuid}});
    if (!holders.ok()) return holders.status();
    for (const auto& h : *holders)
      if (!removed_.contains(h)) return Status::Ok();
    Fail(ErrorCode::kUnreferencedObject, "removing HasMember " + id + " would leave " + a.target_uuid +
                                             " in no SubmissionSet; remove the object with it");
    return Status::Ok();
  }

  WriteTxn& txn_;
  RegistryErrors& errors_;
  const std::set<std::string> removed_;
  std::map<std::string, ObjectInfo> objects_;
};

}  // namespace

Result<RemoveObjectsRequest> ReadRemoveObjectsRequest(const xml::XmlElement& e) {
  if (!e.Is(ns::kLcm, "RemoveObjectsRequest"))
    return Status::InvalidArgument("expected lcm:RemoveObjectsRequest, found " + std::string(e.LocalName()));
  RemoveObjectsRequest r;
  r.deletion_scope = e.Attr("deletionScope");
  r.has_query = static_cast<bool>(e.FirstChild(ns::kRim, "AdhocQuery"));
  if (xml::XmlElement list = e.FirstChild(ns::kRim, "ObjectRefList"))
    for (const auto& ref : list.Children(ns::kRim, "ObjectRef")) r.object_refs.push_back(ref.Attr("id"));
  return r;
}

RegistryErrors RemoveMetadata(RegistryStore& store, const RemoveObjectsRequest& request) {
  RegistryErrors errors;
  if (request.has_query)
    errors.push_back(RegistryError::Error(ErrorCode::kRegistryError,
                                          "RemoveObjectsRequest: removal by AdhocQuery is not supported; list the "
                                          "objects in an ObjectRefList"));
  if (!request.deletion_scope.empty() && request.deletion_scope != kDeleteAll)
    errors.push_back(RegistryError::Error(ErrorCode::kRegistryError, "RemoveObjectsRequest: deletionScope '" +
                                                                          request.deletion_scope +
                                                                          "' is not supported (only DeleteAll)"));
  if (request.object_refs.empty() && !request.has_query)
    errors.push_back(RegistryError::Error(ErrorCode::kRegistryError,
                                          "RemoveObjectsRequest: the ObjectRefList names no object"));
  for (const auto& id : request.object_refs)
    if (id.empty()) errors.push_back(RegistryError::Error(ErrorCode::kUnresolvedReference, "an ObjectRef has no id"));
  if (ihe::HasError(errors)) return errors;
  RegistryErrors found;
  Status s = store.ReadWrite([&](WriteTxn& txn) {
    found.clear();  // the store may retry the transaction
    return Removal(txn, request, found).Run();
  });
  errors.insert(errors.end(), found.begin(), found.end());
  if (!s.ok() && !ihe::HasError(found))
    errors.push_back(RegistryError::Error(s.code() == Status::Code::kBusy ? ErrorCode::kRegistryBusy : ErrorCode::kRegistryError,
                                          "the registry could not remove the objects: " + s.message()));
  return errors;
}

}  // namespace xds::registry

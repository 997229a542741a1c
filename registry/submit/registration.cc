// Registration: see registration.h. The checks against registered state
// and the writes of one submission, shared by ITI-42 (register_document_set)
// and ITI-57 (registry/update).
#include "registry/submit/registration.h"

#include <cctype>

#include "registry/submit/submission_rows.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

PreparedRows PrepareRows(const ihe::SubmitObjectsRequest& request, const std::string& now) {
  PreparedRows rows;
  for (const auto& o : request.objects) {
    switch (ihe::XdsTypeOf(o)) {
      case ihe::XdsObjectType::kDocumentEntry: rows.document_entries.push_back(DocumentEntryRowOf(o)); break;
      case ihe::XdsObjectType::kSubmissionSet: rows.submission_sets.push_back(SubmissionSetRowOf(o)); break;
      case ihe::XdsObjectType::kFolder: rows.folders.push_back(FolderRowOf(o, now)); break;
      case ihe::XdsObjectType::kAssociation: rows.associations.push_back(AssociationRowOf(o)); break;
      default: break;
    }
  }
  return rows;
}

namespace {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryErrors;
using ihe::RegistryObject;
using ihe::XdsObjectType;

// A Status that only means "errors were recorded; roll back".
Status Rejected() { return Status::InvalidArgument("submission rejected"); }

bool IsRelationship(AssociationKind k) {
  return k == AssociationKind::kRplc || k == AssociationKind::kXfrm || k == AssociationKind::kApnd ||
         k == AssociationKind::kXfrmRplc || k == AssociationKind::kSigns ||
         k == AssociationKind::kIsSnapshotOf;
}

bool Replaces(AssociationKind k) { return k == AssociationKind::kRplc || k == AssociationKind::kXfrmRplc; }

// One submission inside its write transaction.
class Registration {
 public:
  Registration(WriteTxn& txn, const ihe::SubmitObjectsRequest& request, const PreparedRows& rows,
               const std::map<std::string, std::string>& symbolic, const std::string& now,
               RegistryErrors& errors, const std::set<std::string>& new_versions)
      : txn_(txn), request_(request), rows_(rows), symbolic_(symbolic), errors_(errors), now_(now),
        new_versions_(new_versions) {
    for (const auto& o : request_.objects) {
      by_id_[o.id] = &o;
      if (ihe::XdsTypeOf(o) == XdsObjectType::kSubmissionSet) submission_set_ = &o;
    }
  }

  Status Run() {
    XDS_RETURN_IF_ERROR(CheckPatients());
    XDS_RETURN_IF_ERROR(CheckIdentifiers());
    XDS_RETURN_IF_ERROR(CheckAssociations());
    if (ihe::HasError(errors_)) return Rejected();
    XDS_RETURN_IF_ERROR(Insert());
    XDS_RETURN_IF_ERROR(ApplyReplacements());
    XDS_RETURN_IF_ERROR(TouchFolders());
    return Status::Ok();
  }

 private:
  // How the submitter named the object: "Doc01 (urn:uuid:...)" for a
  // symbolic id, the UUID otherwise.
  std::string Name(const std::string& id) const {
    auto it = symbolic_.find(id);
    return it == symbolic_.end() ? id : it->second + " (" + id + ")";
  }

  void Fail(ErrorCode code, std::string context) { errors_.push_back(RegistryError::Error(code, std::move(context))); }

  // ITI TF-3 4.2.4 rule: every patient id must be known from the identity
  // feed and not merged away (XDSUnknownPatientId).
  Status CheckPatients() {
    std::set<std::string> checked;
    for (const auto& o : request_.objects) {
      std::string pid = ihe::PatientIdOf(o);
      if (pid.empty() || !checked.insert(pid).second) continue;
      auto p = txn_.FindPatient(pid);
      if (!p.ok()) return p.status();
      if (!p->has_value())
        Fail(ErrorCode::kUnknownPatientId, "patient id " + pid + " of " + Name(o.id) + " is not known to the registry");
      else if (!(*p)->active)
        Fail(ErrorCode::kUnknownPatientId, "patient id " + pid + " of " + Name(o.id) + " was merged into " +
                                               (*p)->surviving_id);
    }
    return Status::Ok();
  }

  Status CheckIdentifiers() {
    for (const auto& o : request_.objects) {
      // An entryUUID the registry has just minted for a symbolic id (random,
      // 122 bits) cannot be registered already; only ids the submitter chose
      // are looked up. (Were one ever to collide, object.entry_uuid is
      // UNIQUE: the insert would fail and the submission roll back.)
      if (!symbolic_.contains(o.id)) {
        auto existing = txn_.FindObject(o.id);
        if (!existing.ok()) return existing.status();
        if (existing->has_value())
          Fail(ErrorCode::kRegistryMetadataError, "entryUUID " + Name(o.id) + " is already registered");
      }
      // A new version keeps the uniqueId of its logical object; registry/update
      // checks it against the previous version instead.
      if (new_versions_.contains(o.id)) continue;
      XdsObjectType type = ihe::XdsTypeOf(o);
      std::string uid = ihe::UniqueIdOf(o);
      if (type == XdsObjectType::kDocumentEntry) {
        // Same uniqueId is allowed for identical copies (ITI TF-3 4.2.4: NonIdentical*).
        auto same = txn_.FindDocumentEntriesByUniqueId(uid);
        if (!same.ok()) return same.status();
        std::string hash = o.SlotValue("hash");
        for (auto& c : hash) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string size = o.SlotValue("size");
        for (const auto& prior : *same) {
          if (!hash.empty() && !prior.hash.empty() && hash != prior.hash)
            Fail(ErrorCode::kNonIdenticalHash, "DocumentEntry " + Name(o.id) + " uniqueId " + uid +
                                                   " is registered as " + prior.entry_uuid + " with another hash");
          else if (!size.empty() && prior.size >= 0 && std::to_string(prior.size) != size)
            Fail(ErrorCode::kNonIdenticalSize, "DocumentEntry " + Name(o.id) + " uniqueId " + uid +
                                                   " is registered as " + prior.entry_uuid + " with another size");
        }
      } else if (type == XdsObjectType::kSubmissionSet || type == XdsObjectType::kFolder) {
        auto used = txn_.UniqueIdInUse(uid);
        if (!used.ok()) return used.status();
        if (*used)
          Fail(ErrorCode::kDuplicateUniqueIdInRegistry,
               std::string(type == XdsObjectType::kFolder ? "Folder " : "SubmissionSet ") + o.id +
                   " uniqueId " + uid + " is already used in the registry");
      }
    }
    return Status::Ok();
  }

  // What an association end refers to: an object of this submission or a
  // registered one.
  struct End {
    bool found = false;
    bool in_submission = false;
    XdsObjectType type = XdsObjectType::kDocumentEntry;
    std::string patient_id;
    bool approved = true;
    bool on_demand = false;
  };

  Result<End> Lookup(const std::string& id) {
    End end;
    if (auto it = by_id_.find(id); it != by_id_.end()) {
      end.found = end.in_submission = true;
      end.type = ihe::XdsTypeOf(*it->second);
      end.patient_id = ihe::PatientIdOf(*it->second);
      end.on_demand = it->second->object_type == vocab::kOnDemandDocumentEntry;
      return end;
    }
    auto info = txn_.FindObject(id);
    if (!info.ok()) return info.status();
    if (!info->has_value()) return end;
    const ObjectInfo& i = **info;
    end.found = true;
    switch (i.kind) {
      case StoredKind::kDocumentEntry: end.type = XdsObjectType::kDocumentEntry; break;
      case StoredKind::kSubmissionSet: end.type = XdsObjectType::kSubmissionSet; break;
      case StoredKind::kFolder: end.type = XdsObjectType::kFolder; break;
      case StoredKind::kAssociation: end.type = XdsObjectType::kAssociation; break;
    }
    end.patient_id = i.patient_id;
    end.approved = i.status == Availability::kApproved;
    end.on_demand = i.on_demand;
    return end;
  }

  // Patient ids compare after merges: a registered entry reports its
  // surviving id, a submitted one its own (which must be active).
  Status CheckAssociations() {
    for (const auto& a : request_.objects) {
      if (a.kind != ihe::ObjectKind::kAssociation) continue;
      AssociationKind kind = AssociationKindOf(a.association_type);
      auto source = Lookup(a.source_object);
      if (!source.ok()) return source.status();
      auto target = Lookup(a.target_object);
      if (!target.ok()) return target.status();
      if (!source->found) {
        Fail(ErrorCode::kUnresolvedReference, "Association " + Name(a.id) + " sourceObject " + Name(a.source_object) + " does not resolve");
        continue;
      }
      if (!target->found) {
        Fail(ErrorCode::kUnresolvedReference, "Association " + Name(a.id) + " targetObject " + Name(a.target_object) + " does not resolve");
        continue;
      }
      if (source->type == XdsObjectType::kSubmissionSet && !source->in_submission) {
        Fail(ErrorCode::kRegistryMetadataError, "Association " + Name(a.id) + " adds a member to SubmissionSet " +
                                                    Name(a.source_object) + " that was submitted earlier");
        continue;
      }
      if (kind == AssociationKind::kHasMember) {
        if (source->type == XdsObjectType::kFolder && target->type == XdsObjectType::kDocumentEntry) {
          // ITI TF-3 4.2.2.1.4: both ends Approved, same patient.
          if (!target->approved)
            Fail(ErrorCode::kRegistryDeprecatedDocumentError, "Association " + Name(a.id) + " puts deprecated DocumentEntry " +
                                                                   Name(a.target_object) + " into Folder " + Name(a.source_object));
          if (!source->approved)
            Fail(ErrorCode::kRegistryMetadataError, "Folder " + Name(a.source_object) + " is not Approved");
          if (source->patient_id != target->patient_id)
            Fail(ErrorCode::kPatientIdDoesNotMatch, "Folder " + Name(a.source_object) + " (patient " + source->patient_id +
                                                        ") cannot hold DocumentEntry " + Name(a.target_object) +
                                                        " (patient " + target->patient_id + ")");
          folders_touched_.insert(a.source_object);
        }
        continue;
      }
      if (!IsRelationship(kind)) continue;
      // ITI TF-3 4.2.2.2: relationship associations.
      if (!source->in_submission || source->type != XdsObjectType::kDocumentEntry) {
        Fail(ErrorCode::kUnresolvedReference, "Association " + Name(a.id) + " sourceObject " + Name(a.source_object) +
                                                  " must be a DocumentEntry of this submission");
        continue;
      }
      if (target->type != XdsObjectType::kDocumentEntry) {
        Fail(ErrorCode::kRegistryMetadataError, "Association " + Name(a.id) + " targetObject " + Name(a.target_object) +
                                                    " is not a DocumentEntry");
        continue;
      }
      if ((Replaces(kind) || kind == AssociationKind::kIsSnapshotOf) && target->in_submission) {
        Fail(ErrorCode::kUnresolvedReference, "Association " + Name(a.id) + " targetObject " + Name(a.target_object) +
                                                  " must already be registered");
        continue;
      }
      if (!target->approved)
        Fail(ErrorCode::kRegistryDeprecatedDocumentError, "Association " + Name(a.id) + " targets deprecated DocumentEntry " +
                                                              a.target_object);
      if (source->patient_id != target->patient_id)
        Fail(ErrorCode::kPatientIdDoesNotMatch, "Association " + Name(a.id) + " links DocumentEntry " + Name(a.source_object) +
                                                    " (patient " + source->patient_id + ") to " + Name(a.target_object) +
                                                    " (patient " + target->patient_id + ")");
      if (kind == AssociationKind::kIsSnapshotOf && !target->on_demand)
        Fail(ErrorCode::kRegistryMetadataError, "IsSnapshotOf " + Name(a.id) + " target " + Name(a.target_object) +
                                                    " is not an On-Demand DocumentEntry");
      if (Replaces(kind)) replaced_.push_back({a.target_object, a.source_object});
    }
    return Status::Ok();
  }

  Status Insert() {
    // Objects before associations, so every association end exists.
    for (const auto& row : rows_.document_entries) XDS_RETURN_IF_ERROR(txn_.InsertDocumentEntry(row));
    for (const auto& row : rows_.submission_sets) XDS_RETURN_IF_ERROR(txn_.InsertSubmissionSet(row));
    for (const auto& row : rows_.folders) XDS_RETURN_IF_ERROR(txn_.InsertFolder(row));
    for (const auto& row : rows_.associations) XDS_RETURN_IF_ERROR(txn_.InsertAssociation(row));
    return Status::Ok();
  }

  // ITI TF-3 4.2.2.2.1 (RPLC) and 4.2.2.2.4 (XFRM_RPLC): the replaced entry
  // and its transforms/addenda become Deprecated; Approved folders holding
  // it get the replacement as a new member, recorded by this submission.
  Status ApplyReplacements() {
    for (const auto& [old_uuid, new_uuid] : replaced_) {
      XDS_RETURN_IF_ERROR(txn_.SetAvailability(old_uuid, Availability::kDeprecated));
      auto children = txn_.SelectColumn(SqlQuery{
          "SELECT source_uuid FROM association WHERE target_uuid = ? AND type IN (3, 4) AND status = 1",
          {old_uuid}});
      if (!children.ok()) return children.status();
      for (const auto& child : *children) {
        auto info = txn_.FindObject(child);
        if (!info.ok()) return info.status();
        if (info->has_value() && (*info)->kind == StoredKind::kDocumentEntry &&
            (*info)->status == Availability::kApproved)
          XDS_RETURN_IF_ERROR(txn_.SetAvailability(child, Availability::kDeprecated));
      }
      auto folders = txn_.FoldersHolding(old_uuid);
      if (!folders.ok()) return folders.status();
      for (const auto& folder : *folders) {
        RegistryObject member;
        member.kind = ihe::ObjectKind::kAssociation;
        member.id = member.lid = NewUrnUuid();
        member.object_type = vocab::kObjectTypeAssociation;
        member.association_type = vocab::kHasMember;
        member.source_object = folder;
        member.target_object = new_uuid;
        XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(member)));
        RegistryObject recorded = member;
        recorded.id = recorded.lid = NewUrnUuid();
        recorded.source_object = submission_set_->id;
        recorded.target_object = member.id;
        XDS_RETURN_IF_ERROR(txn_.InsertAssociation(AssociationRowOf(recorded)));
        folders_touched_.insert(folder);
      }
    }
    return Status::Ok();
  }

  // ITI TF-3 4.2.3.4.4: a folder's lastUpdateTime is the time a document was
  // last added to it.
  Status TouchFolders() {
    for (const auto& folder : folders_touched_)
      XDS_RETURN_IF_ERROR(txn_.SetFolderLastUpdateTime(folder, now_));
    return Status::Ok();
  }

  WriteTxn& txn_;
  const ihe::SubmitObjectsRequest& request_;
  const PreparedRows& rows_;
  const std::map<std::string, std::string>& symbolic_;
  RegistryErrors& errors_;
  const std::string now_;
  std::map<std::string, const RegistryObject*> by_id_;
  const RegistryObject* submission_set_ = nullptr;
  std::vector<std::pair<std::string, std::string>> replaced_;  // (old, new)
  std::set<std::string> folders_touched_;
  const std::set<std::string>& new_versions_;
};

}  // namespace

Status RegisterInTransaction(WriteTxn& txn, const ihe::SubmitObjectsRequest& request, const PreparedRows& rows,
                             const std::map<std::string, std::string>& symbolic, const std::string& now,
                             ihe::RegistryErrors& errors, const std::set<std::string>& new_versions) {
  return Registration(txn, request, rows, symbolic, now, errors, new_versions).Run();
}

}  // namespace xds::registry

#include "registry/query/object_loader.h"

#include "wire/ihe/rim_codec.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_document.h"

namespace xds::registry {

Result<std::vector<StoredObject>> LoadStoredObjects(ReadTxn& txn,
                                                    const std::vector<std::string>& entry_uuids) {
  if (entry_uuids.empty()) return std::vector<StoredObject>();
  return txn.LoadObjects(entry_uuids);
}

Result<ihe::RegistryObject> ToLeafClass(const StoredObject& stored) {
  auto doc = xml::XmlDocument::Parse(stored.body);
  if (!doc.ok())
    return Status::Internal("stored body of " + stored.entry_uuid +
                            " does not parse: " + doc.status().message());
  auto object = ihe::ReadRegistryObject(doc->Root());
  if (!object.ok())
    return Status::Internal("stored body of " + stored.entry_uuid +
                            " is not a registry object: " + object.status().message());
  ihe::RegistryObject& o = *object;
  o.status = std::string(AvailabilityUrn(stored.status));
  // After a merge the object answers under the surviving patient id.
  if (stored.kind != StoredKind::kAssociation && !stored.current_patient_id.empty())
    ihe::SetPatientId(o, stored.current_patient_id);
  // Folder.lastUpdateTime is registry-maintained (ITI TF-3 4.2.3.4): the
  // stored body holds the value at registration, the store the current one.
  if (stored.kind == StoredKind::kFolder && !stored.last_update_time.empty())
    o.SetSlot("lastUpdateTime", stored.last_update_time);
  return std::move(*object);
}

bool IsSinglePatient(const std::vector<StoredObject>& objects) {
  const std::string* first = nullptr;
  for (const auto& o : objects) {
    if (o.kind == StoredKind::kAssociation) continue;
    if (first == nullptr) first = &o.current_patient_id;
    else if (o.current_patient_id != *first) return false;
  }
  return true;
}

}  // namespace xds::registry

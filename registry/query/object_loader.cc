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

namespace {

// Where the status attribute goes in `body`: just after the element's
// qname. npos when the body is not what StoredBody writes (a start tag
// without a status attribute), so that the caller takes the general path.
size_t StatusInsertionPoint(std::string_view body) {
  if (body.size() < 2 || body[0] != '<') return std::string_view::npos;
  const size_t name_end = body.find_first_of(" \t\r\n/>", 1);
  const size_t tag_end = body.find('>');
  if (name_end == std::string_view::npos || tag_end == std::string_view::npos) return std::string_view::npos;
  // Stored bodies never carry a status (registry_store.h); one that does is
  // left to the parser rather than given a second attribute.
  if (body.substr(0, tag_end).find(" status=") != std::string_view::npos) return std::string_view::npos;
  return name_end;
}

}  // namespace

Result<std::string> LeafClassXml(const StoredObject& stored) {
  if (!stored.patient_merged && stored.kind != StoredKind::kFolder) {
    const size_t at = StatusInsertionPoint(stored.body);
    if (at != std::string_view::npos) {
      const std::string_view status = AvailabilityUrn(stored.status);
      std::string out;
      out.reserve(stored.body.size() + status.size() + 10);
      out.append(stored.body, 0, at).append(" status=\"").append(status).append("\"");
      out.append(stored.body, at, std::string::npos);
      return out;
    }
  }
  auto object = ToLeafClass(stored);
  if (!object.ok()) return object.status();
  xml::XmlWriter w;
  ihe::WriteRegistryObject(w, *object, /*declare_namespaces=*/true);
  return w.Take();
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

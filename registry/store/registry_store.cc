#include "registry/store/registry_store.h"

#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {

AssociationKind AssociationKindOf(std::string_view urn) {
  if (urn == vocab::kHasMember) return AssociationKind::kHasMember;
  if (urn == vocab::kRplc) return AssociationKind::kRplc;
  if (urn == vocab::kXfrm) return AssociationKind::kXfrm;
  if (urn == vocab::kApnd) return AssociationKind::kApnd;
  if (urn == vocab::kXfrmRplc) return AssociationKind::kXfrmRplc;
  if (urn == vocab::kSigns) return AssociationKind::kSigns;
  if (urn == vocab::kIsSnapshotOf) return AssociationKind::kIsSnapshotOf;
  return AssociationKind::kOther;
}

std::string_view AvailabilityUrn(Availability a) {
  return a == Availability::kApproved ? vocab::kApproved : vocab::kDeprecated;
}

std::string PadDtm(std::string_view dtm) {
  std::string out(dtm);
  if (out.size() < 14) out.append(14 - out.size(), '0');
  return out;
}

Status RegistryStore::AddOrUpdatePatient(const PatientRecord& patient) {
  return ReadWrite([&](WriteTxn& txn) { return txn.UpsertPatient(patient); });
}

Status RegistryStore::MergePatients(const std::string& surviving, const std::string& subsumed) {
  return ReadWrite([&](WriteTxn& txn) { return txn.MergePatient(surviving, subsumed); });
}

Status RegistryStore::UnmergePatients(const std::string& surviving, const std::string& subsumed) {
  return ReadWrite([&](WriteTxn& txn) { return txn.UnmergePatient(surviving, subsumed); });
}

Result<bool> RegistryStore::IsKnownPatient(const std::string& patient_id) {
  bool known = false;
  Status s = ReadOnly([&](ReadTxn& txn) -> Status {
    auto p = txn.FindPatient(patient_id);
    if (!p.ok()) return p.status();
    known = p->has_value() && (*p)->active;
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return known;
}

}  // namespace xds::registry

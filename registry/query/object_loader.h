// Building the LeafClass answer of a stored query from stored objects.
//
// The store keeps each object's ebRIM XML as registered (without status).
// A LeafClass answer is that XML brought up to date (ITI TF-2: 3.18.4.1.3,
// ITI TF-3 Table 4.3.2.1-3, the "XDS DR" column):
//  * the status attribute: the current availabilityStatus;
//  * the patientId external identifier: the surviving patient id when the
//    object's patient was merged into another (ITI-8 A40), so a consumer
//    sees one patient;
//  * Folders: the lastUpdateTime slot, which the registry maintains.
//
// Free functions over values; no state, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/base/status.h"
#include "wire/ihe/rim.h"

namespace xds::registry {

// Loads `entry_uuids` in one batch (order kept; unknown ids skipped).
Result<std::vector<StoredObject>> LoadStoredObjects(ReadTxn& txn,
                                                    const std::vector<std::string>& entry_uuids);

// Parses the stored body and applies the current state. Internal when the
// stored XML cannot be read back (a store corruption, not a client error).
Result<ihe::RegistryObject> ToLeafClass(const StoredObject& stored);

// The same answer as XML, one complete rim:ExtrinsicObject / RegistryPackage
// / Association element (declaring the rim prefix itself), to be copied
// into a response. When only the status attribute is out of date (no
// merged patient, not a Folder: nearly every object) it is added to the
// stored text directly, which spares parsing and rewriting the body;
// otherwise this is ToLeafClass written out.
Result<std::string> LeafClassXml(const StoredObject& stored);

// True when every DocumentEntry, SubmissionSet and Folder among `objects`
// has the same current patient id (Associations have none).
bool IsSinglePatient(const std::vector<StoredObject>& objects);

}  // namespace xds::registry

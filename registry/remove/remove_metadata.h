// Remove Metadata (ITI-62, Remove Metadata and Documents profile; SOAP
// action DeleteDocumentSet): the registry's handling of one
// lcm:RemoveObjectsRequest, all or nothing.
//
// The request names objects by entryUUID (rim:ObjectRefList): any mix of
// DocumentEntries, Folders, SubmissionSets and Associations. Refused, with
// nothing removed:
//   * an id that names no registered object (UnresolvedReferenceException);
//   * an object still referenced by an Association that stays
//     (ReferencesExistException) - this is also what keeps a replacement
//     chain whole: an RPLC/XFRM_RPLC/APND/XFRM link can only go with one of
//     its DocumentEntries;
//   * removing a SubmissionSet HasMember while its DocumentEntry, Folder or
//     Association stays and no other SubmissionSet holds it
//     (XDSUnreferencedObjectException): every object keeps the record of
//     its submission;
//   * a query-based removal (rim:AdhocQuery) or any deletionScope other than
//     DeleteAll (XDSRegistryError; not supported).
//
// Thread-safe: the store serialises write transactions.
#pragma once

#include <string>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/base/status.h"
#include "wire/ihe/registry_error.h"
#include "wire/xml/xml_document.h"

namespace xds::registry {

struct RemoveObjectsRequest {
  std::vector<std::string> object_refs;  // entryUUIDs, in request order
  bool has_query = false;                // rim:AdhocQuery given
  std::string deletion_scope;            // empty: the default, DeleteAll
};

// InvalidArgument when the element is not an lcm:RemoveObjectsRequest.
Result<RemoveObjectsRequest> ReadRemoveObjectsRequest(const xml::XmlElement& element);

// Returns the errors; none means everything was removed and committed.
ihe::RegistryErrors RemoveMetadata(RegistryStore& store, const RemoveObjectsRequest& request);

}  // namespace xds::registry

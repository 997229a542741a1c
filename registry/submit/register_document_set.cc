#include "registry/submit/register_document_set.h"

#include <map>
#include <set>

#include "registry/submit/registration.h"
#include "registry/submit/submission_rows.h"
#include "registry/submit/symbolic_ids.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryErrors;

RegistryErrors RegisterDocumentSet(RegistryStore& store, ihe::SubmitObjectsRequest request,
                                   const RegisterOptions& options) {
  RegistryErrors errors = ValidateSubmission(request, options.validation);
  if (ihe::HasError(errors)) return errors;
  const std::map<std::string, std::string> symbolic = ResolveSymbolicIds(request);
  // Metadata Update: a logicalID other than the entryUUID marks a new
  // version, which only ITI-57 Update Document Set may submit.
  for (const auto& o : request.objects)
    if (o.lid != o.id)
      errors.push_back(RegistryError::Error(
          ErrorCode::kRegistryMetadataError,
          "object " + o.id + " has logicalID (lid) " + o.lid +
              ", not its own entryUUID: new versions are submitted with ITI-57 Update Document Set"));
  if (ihe::HasError(errors)) return errors;
  for (auto& o : request.objects) {
    o.status = std::string(vocab::kApproved);  // ITI TF-3 4.1.9: new entries are Approved
    // The registry numbers versions; ITI-42 registers first versions.
    // (Assigned from a std::string: GCC 12 reports a false -Wrestrict,
    // bug 105329, for the const char* assignment here.)
    o.version_name = kFirstVersionName;
  }

  const std::string now = NowDtm();
  const PreparedRows rows = PrepareRows(request, now);
  RegistryErrors found;
  Status s = store.ReadWrite([&](WriteTxn& txn) {
    found.clear();  // the store may retry the transaction
    return RegisterInTransaction(txn, request, rows, symbolic, now, found);
  });
  errors.insert(errors.end(), found.begin(), found.end());
  if (!s.ok() && !ihe::HasError(found)) {
    errors.push_back(RegistryError::Error(
        s.code() == Status::Code::kBusy ? ErrorCode::kRegistryBusy : ErrorCode::kRegistryError,
        "the registry could not store the submission: " + s.message()));
  }
  return errors;
}

}  // namespace xds::registry

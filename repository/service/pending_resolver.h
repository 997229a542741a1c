// Resolving held-back submissions. A submission whose documents are stored
// but whose registration has no known outcome (the process died while
// asking the registry, or the registry did not answer in time) is pending:
// invisible to retrieval. Once the registry can be asked, each pending
// submission is looked up there (ITI-18 GetDocuments by uniqueId): if the
// registry holds its documents they become available, as the registry
// already promises them to consumers; if not, they are removed, as the
// source was told the submission failed.
#pragma once

#include <cstdint>

#include "repository/service/registry_link.h"
#include "repository/store/document_store.h"
#include "wire/base/status.h"

namespace xds::repository {

struct ResolveReport {
  size_t published = 0;   // submissions made available
  size_t discarded = 0;   // submissions removed
  size_t unresolved = 0;  // left pending: the registry could not be asked
};

// Resolves every pending submission stored before `before` (Unix seconds).
Result<ResolveReport> ResolvePending(DocumentStore& store, RegistryLink& registry, int64_t before);

}  // namespace xds::repository

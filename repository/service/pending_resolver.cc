#include "repository/service/pending_resolver.h"

#include <spdlog/spdlog.h>

#include <map>
#include <vector>

namespace xds::repository {

Result<ResolveReport> ResolvePending(DocumentStore& store, RegistryLink& registry, int64_t before) {
  auto pending = store.index().PendingBefore(before);
  if (!pending.ok()) return pending.status();
  std::map<std::string, std::vector<std::string>> by_submission;
  for (const IndexedDocument& d : *pending) by_submission[d.submission].push_back(d.unique_id);

  ResolveReport report;
  for (const auto& [submission, unique_ids] : by_submission) {
    auto registered = registry.Registered(unique_ids);
    if (!registered.ok()) {
      spdlog::warn("repository: pending submission {} stays pending: {}", submission, registered.status().ToString());
      ++report.unresolved;
      continue;
    }
    // ITI-42 is atomic, so a submission is registered whole or not at all;
    // any registered document must be retrievable.
    if (!registered->empty()) {
      XDS_RETURN_IF_ERROR(store.Publish(submission));
      spdlog::info("repository: pending submission {} was registered; its documents are now available", submission);
      ++report.published;
    } else {
      XDS_RETURN_IF_ERROR(store.Discard(submission));
      spdlog::info("repository: pending submission {} was not registered; its documents are removed", submission);
      ++report.discarded;
    }
  }
  return report;
}

}  // namespace xds::repository

// Example data for the demo run (`xds-node --demo`): two patients of the
// demo affinity domain and one registered report, loaded through the same
// ITI-42 code path a client would use, so a new user can query at once.
#pragma once

#include "registry/registry_actor.h"

namespace xds::registry {

inline constexpr char kDemoPatientId[] = "DEMO-1^^^&1.3.6.1.4.1.21367.13.20.1000&ISO";

// Adds the demo patients; registers examples/register-document-set.xml
// unless its SubmissionSet is already there. Idempotent.
Status LoadDemoData(RegistryActor& registry, const std::string& example_path = "examples/register-document-set.xml");

}  // namespace xds::registry

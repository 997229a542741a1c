#include "registry/demo_data.h"

#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "registry/submit/register_document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/soap/envelope.h"

namespace xds::registry {

Status LoadDemoData(RegistryActor& registry, const std::string& example_path) {
  XDS_RETURN_IF_ERROR(registry.store().AddOrUpdatePatient({kDemoPatientId, "MARTIN", "Claire", "19610412", "F"}));
  XDS_RETURN_IF_ERROR(registry.store().AddOrUpdatePatient(
      {"DEMO-2^^^&1.3.6.1.4.1.21367.13.20.1000&ISO", "BERNARD", "Louis", "19480203", "M"}));

  std::ifstream in(example_path);
  if (!in) return Status::NotFound("example submission " + example_path + " not found");
  std::stringstream text;
  text << in.rdbuf();
  soap::ParseOutcome parsed = soap::ParseEnvelope(text.str());
  if (!parsed.ok) return Status::InvalidArgument(example_path + ": " + parsed.fault.reason);
  auto request = ihe::ReadSubmitObjectsRequest(parsed.envelope.body);
  if (!request.ok()) return request.status();
  ihe::RegistryErrors errors = RegisterDocumentSet(registry.store(), std::move(*request), RegisterOptions{});
  for (const auto& e : errors) {
    if (e.error_code == "XDSDuplicateUniqueIdInRegistry") return Status::Ok();  // loaded by an earlier run
    if (!e.warning) return Status::InvalidArgument(e.error_code + ": " + e.code_context);
  }
  spdlog::info("demo data loaded: patient {} with one registered report", kDemoPatientId);
  return Status::Ok();
}

}  // namespace xds::registry

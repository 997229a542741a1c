#include "registry/query/patient_scope.h"

#include <charconv>

namespace xds::registry {

Result<std::vector<int64_t>> PatientRows(QueryRun& run, std::string_view param_name,
                                         const std::string& patient_id) {
  // merged_into always points at a root (schemas/sql), so one level of
  // merged patients is the whole set.
  SqlQuery q{
      "SELECT id FROM patient WHERE patient_id = ? AND merged_into IS NULL "
      "UNION ALL "
      "SELECT m.id FROM patient m JOIN patient s ON m.merged_into = s.id "
      "WHERE s.patient_id = ? AND s.merged_into IS NULL",
      {patient_id, patient_id}};
  auto rows = run.txn.SelectColumn(q);
  if (!rows.ok()) return rows.status();
  std::vector<int64_t> ids;
  ids.reserve(rows->size());
  for (const auto& text : *rows) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size())
      return Status::Internal("patient row id '" + text + "' is not an integer");
    ids.push_back(id);
  }
  if (!ids.empty() || !run.options.unknown_patient_is_error) return ids;

  auto info = run.txn.FindPatient(patient_id);
  if (!info.ok()) return info.status();
  std::string context = std::string(param_name) + ": patient id " + patient_id;
  if (info->has_value() && !(*info)->active)
    context += " was merged into " + (*info)->surviving_id;
  else
    context += " is not known to the registry";
  run.errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kUnknownPatientId, context));
  return ids;
}

}  // namespace xds::registry

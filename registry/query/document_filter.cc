#include "registry/query/document_filter.h"

#include "registry/query/code_match.h"

namespace xds::registry {
namespace {

// document_entry_code.attribute values (schemas/sql/registry_001_init.sql).
constexpr std::string_view kEventCodeExists =
    "EXISTS (SELECT 1 FROM document_entry_code c WHERE c.object_id = d.object_id "
    "AND c.attribute = 1 AND c.code IN ({in}))";
constexpr std::string_view kConfidentialityCodeExists =
    "EXISTS (SELECT 1 FROM document_entry_code c WHERE c.object_id = d.object_id "
    "AND c.attribute = 2 AND c.code IN ({in}))";

}  // namespace

DocumentEntryFilter ReadFindDocumentsFilter(QueryParameters& p) {
  DocumentEntryFilter f;
  f.statuses = p.Statuses("$XDSDocumentEntryStatus");
  f.types = p.DocumentEntryTypes("$XDSDocumentEntryType");
  f.class_codes = p.Codes("$XDSDocumentEntryClassCode");
  f.type_codes = p.Codes("$XDSDocumentEntryTypeCode");
  f.practice_setting_codes = p.Codes("$XDSDocumentEntryPracticeSettingCode");
  f.healthcare_facility_type_codes = p.Codes("$XDSDocumentEntryHealthcareFacilityTypeCode");
  f.format_codes = p.Codes("$XDSDocumentEntryFormatCode");
  f.event_codes = p.CodesAndOr("$XDSDocumentEntryEventCodeList");
  f.confidentiality_codes = p.CodesAndOr("$XDSDocumentEntryConfidentialityCode");
  f.creation_time =
      p.Times("$XDSDocumentEntryCreationTimeFrom", "$XDSDocumentEntryCreationTimeTo");
  f.service_start_time =
      p.Times("$XDSDocumentEntryServiceStartTimeFrom", "$XDSDocumentEntryServiceStartTimeTo");
  f.service_stop_time =
      p.Times("$XDSDocumentEntryServiceStopTimeFrom", "$XDSDocumentEntryServiceStopTimeTo");
  f.author_persons = p.StringList("$XDSDocumentEntryAuthorPerson", Presence::kOptional);
  return f;
}

DocumentEntryFilter ReadContentFilter(QueryParameters& p) {
  DocumentEntryFilter f;
  f.format_codes = p.Codes("$XDSDocumentEntryFormatCode");
  f.confidentiality_codes = p.CodesAndOr("$XDSDocumentEntryConfidentialityCode");
  f.types = p.DocumentEntryTypes("$XDSDocumentEntryType");
  return f;
}

Result<bool> AddDocumentEntryConditions(ReadTxn& txn, const DocumentEntryFilter& f,
                                        SqlWhere& where) {
  if (!f.statuses.empty()) where.AddIn("d.status", ToSqlValues(f.statuses));
  // $XDSDocumentEntryType (ITI TF-2: 3.18.4.1.2.3.7.1): Stable, On-Demand or both.
  std::vector<SqlValue> on_demand;
  if (f.types.stable) on_demand.emplace_back(int64_t{0});
  if (f.types.on_demand) on_demand.emplace_back(int64_t{1});
  where.AddIn("d.on_demand", on_demand);

  struct CodeColumn {
    std::string_view column;
    const std::vector<ihe::CodedValue>& codes;
  };
  for (const CodeColumn& c : {CodeColumn{"d.class_code", f.class_codes},
                              CodeColumn{"d.type_code", f.type_codes},
                              CodeColumn{"d.practice_setting_code", f.practice_setting_codes},
                              CodeColumn{"d.healthcare_facility_type_code",
                                         f.healthcare_facility_type_codes},
                              CodeColumn{"d.format_code", f.format_codes}}) {
    auto possible = AddCodeColumnFilter(txn, where, c.column, c.codes);
    if (!possible.ok() || !*possible) return possible;
  }
  for (const auto& [exists, groups] :
       {std::pair{kEventCodeExists, &f.event_codes},
        std::pair{kConfidentialityCodeExists, &f.confidentiality_codes}}) {
    auto possible = AddCodeGroupFilter(txn, where, exists, *groups);
    if (!possible.ok() || !*possible) return possible;
  }

  // creationTime is not used for On-Demand entries, which have none
  // (ITI TF-2: 3.18.4.1.2.3.7.1); an entry without serviceStartTime or
  // serviceStopTime is not excluded by that range.
  AddTimeRange(where, "d.creation_time", f.creation_time, "d.on_demand = 1");
  AddTimeRange(where, "d.service_start_time", f.service_start_time);
  AddTimeRange(where, "d.service_stop_time", f.service_stop_time);

  // authorPerson values of the author Classifications, matched with the
  // XDS LIKE wildcards '%' and '_' (ITI TF-2: 3.18.4.1.2.3.7.1).
  if (!f.author_persons.empty()) {
    std::vector<SqlValue> patterns;
    for (const auto& a : f.author_persons) patterns.emplace_back(XdsLikeToSql(a));
    where.AddOrTemplate(
        "EXISTS (SELECT 1 FROM document_entry_author a WHERE a.object_id = d.object_id AND ({or}))",
        LikeCondition("a.author_person"), patterns);
  }
  // referenceIdList: exact match (ITI TF-2: 3.18.4.1.2.3.7.14; the safe
  // default of stored-queries.md §4.14), AND over Slots.
  for (const auto& group : f.reference_ids)
    where.AddInTemplate(
        "EXISTS (SELECT 1 FROM document_entry_reference_id r WHERE r.object_id = d.object_id "
        "AND r.reference_id IN ({in}))",
        ToSqlValues(group));
  return true;
}

}  // namespace xds::registry

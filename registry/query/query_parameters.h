// QueryParameters: reads and checks the parameters (rim:Slot elements) of
// one ITI-18 AdhocQueryRequest.
//
// Two layers:
//  * DecodeEbrsValue: the ebRS value syntax of one rim:Value
//    (ITI TF-2: 3.18.4.1.2.3; stored-queries.md §2): 'quoted strings' with
//    doubled quotes, unquoted numbers, parenthesised lists.
//  * QueryParameters: one typed accessor per kind of parameter. Each
//    accessor enforces the cardinality rules (a single-valued parameter with
//    several values, or a non-AND/OR parameter in several Slots ->
//    XDSStoredQueryParamNumber; a required one absent ->
//    XDSStoredQueryMissingParam; a malformed value -> XDSRegistryError) and
//    records an ihe::RegistryError whose codeContext names the parameter,
//    instead of stopping. A query reads every parameter it takes, then tests
//    ok(), so a request with several faults is answered with all of them.
//
// Parameters a query does not read are ignored (ebRS 3.0 §6.3.2.1: "A
// registry MUST ignore any parameters ... that do not match the parameters
// defined by the stored query"), which also covers $homeCommunityId.
//
// Ownership: QueryParameters borrows the request's slots, which must outlive
// it. Not thread-safe; one per request.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/query/time_range.h"
#include "registry/store/registry_store.h"
#include "wire/base/status.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"
#include "wire/ihe/xds_metadata.h"

namespace xds::registry {

// One item of an ebRS value: a 'quoted string' (quotes removed, doubled
// quotes undone) or an unquoted token such as a number.
struct EbrsItem {
  std::string text;
  bool quoted = false;
  bool operator==(const EbrsItem&) const = default;
};

// Decodes one rim:Value: a single item, or a list "(item, item, ...)".
// InvalidArgument (with a reason) when the text is not in that syntax.
Result<std::vector<EbrsItem>> DecodeEbrsValue(std::string_view value);

// Splits "code^^codingScheme" (ITI TF-2: 3.18.4.1.2.3, coded parameters).
// nullopt unless both parts are present and the scheme has no '^'.
std::optional<ihe::CodedValue> ParseQueryCode(std::string_view text);

enum class Presence { kOptional, kRequired };

// Which DocumentEntry objectTypes a query asks for ($XDSDocumentEntryType).
struct EntryTypes {
  bool stable = true;
  bool on_demand = false;
};

// The result of an either/or identifier pair such as
// $XDSDocumentEntryEntryUUID / $XDSDocumentEntryUniqueId.
struct IdSelector {
  bool by_uuid = true;              // false: the values are uniqueIds
  std::vector<std::string> values;  // empty when absent or in error
};

class QueryParameters {
 public:
  explicit QueryParameters(const std::vector<ihe::Slot>& slots) : slots_(slots) {}

  bool ok() const { return errors_.empty(); }
  const ihe::RegistryErrors& errors() const { return errors_; }

  // True when at least one Slot carries the name.
  bool Has(std::string_view name) const;

  // A single 'string'. nullopt when absent (or in error).
  std::optional<std::string> String(std::string_view name, Presence presence);
  // A single value, quoted or not (a number such as $MetadataLevel).
  std::optional<std::string> Token(std::string_view name, Presence presence);
  // The patient id (required, single): a CX, quoted or not (the TF samples
  // show both, stored-queries.md §2).
  std::string PatientId(std::string_view name);
  // A list of 'strings' in one Slot, OR-ed.
  std::vector<std::string> StringList(std::string_view name, Presence presence);
  // An AND/OR parameter: one inner list per Slot. Slots are AND-ed, the
  // values of one Slot OR-ed (ITI TF-2: 3.18.4.1.2.3, stored-queries.md §2).
  std::vector<std::vector<std::string>> StringListAndOr(std::string_view name, Presence presence);
  // Coded parameters, each value 'code^^scheme'.
  std::vector<ihe::CodedValue> Codes(std::string_view name);
  std::vector<std::vector<ihe::CodedValue>> CodesAndOr(std::string_view name);
  // A From/To pair of single DTM values (numbers; a quoted DTM is accepted).
  TimeRange Times(std::string_view from_name, std::string_view to_name);
  // A required status list. Values other than the Approved and Deprecated
  // URNs are ignored; when none remains the parameter counts as missing.
  std::vector<Availability> Statuses(std::string_view name);
  // $XDSAssociationStatus (Metadata Update): the availabilityStatus of the
  // Associations a query returns or follows, a list of StatusType URNs as
  // Statuses reads it; Approved only when absent.
  std::vector<Availability> AssociationStatuses(std::string_view name);
  // $XDSDocumentEntryType; Stable only when absent.
  EntryTypes DocumentEntryTypes(std::string_view name);
  // Exactly one of two identifier parameters ("O¹" in stored-queries.md §4).
  IdSelector EitherOr(std::string_view uuid_name, std::string_view unique_id_name, bool multiple);

  // Records an error found by the caller while interpreting a value.
  void AddError(ihe::ErrorCode code, std::string context);

 private:
  std::vector<const ihe::Slot*> SlotsNamed(std::string_view name) const;
  // Items of every rim:Value of `slot`; nullopt (error recorded) if malformed.
  std::optional<std::vector<EbrsItem>> Items(std::string_view name, const ihe::Slot& slot);
  // Items of a parameter that must come in one Slot; nullopt when absent or
  // in error (errors recorded, including a missing required parameter).
  std::optional<std::vector<EbrsItem>> OneSlotItems(std::string_view name, Presence presence);
  // The single item of a single-valued parameter.
  std::optional<EbrsItem> SingleItem(std::string_view name, Presence presence);
  bool RequireQuoted(std::string_view name, const EbrsItem& item);
  std::vector<ihe::CodedValue> ToCodes(std::string_view name, const std::vector<EbrsItem>& items);
  std::string PaddedTime(std::string_view name);

  const std::vector<ihe::Slot>& slots_;
  ihe::RegistryErrors errors_;
};

}  // namespace xds::registry

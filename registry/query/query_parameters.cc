#include "registry/query/query_parameters.h"

#include <cctype>

#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

bool IsDelimiter(char c) { return c == ',' || c == '(' || c == ')' || c == '\''; }

// Built by appending: GCC 12 warns (-Wrestrict, a false positive) on
// "'" + std::string(s).
std::string Quote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.append(1, '\'').append(s).append(1, '\'');
  return out;
}

}  // namespace

// ITI TF-2: 3.18.4.1.2.3 (stored-queries.md §2): strings are single-quoted
// with an embedded quote doubled; numbers are unquoted; multi-valued
// parameters are "(v1, v2, ...)".
Result<std::vector<EbrsItem>> DecodeEbrsValue(std::string_view value) {
  const size_t n = value.size();
  size_t pos = 0;
  auto skip_space = [&] {
    while (pos < n && IsSpace(value[pos])) ++pos;
  };
  skip_space();
  if (pos == n) return Status::InvalidArgument("empty value");
  const bool list = value[pos] == '(';
  if (list) ++pos;

  std::vector<EbrsItem> items;
  for (;;) {
    skip_space();
    if (pos == n) return Status::InvalidArgument(list ? "list is not closed by ')'" : "empty value");
    EbrsItem item;
    if (value[pos] == '\'') {
      item.quoted = true;
      ++pos;
      for (;;) {
        if (pos == n) return Status::InvalidArgument("quoted string is not closed");
        char c = value[pos];
        if (c == '\'') {
          if (pos + 1 < n && value[pos + 1] == '\'') {  // doubled quote
            item.text += '\'';
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        item.text += c;
        ++pos;
      }
    } else {
      const size_t start = pos;
      while (pos < n && !IsDelimiter(value[pos])) ++pos;
      size_t end = pos;
      while (end > start && IsSpace(value[end - 1])) --end;
      if (end == start)
        return Status::InvalidArgument(list && items.empty() && pos < n && value[pos] == ')'
                                           ? "empty list"
                                           : "missing value");
      item.text = std::string(value.substr(start, end - start));
    }
    items.push_back(std::move(item));
    skip_space();
    if (!list) break;
    if (pos < n && value[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < n && value[pos] == ')') {
      ++pos;
      break;
    }
    return Status::InvalidArgument("expected ',' or ')' in list");
  }
  skip_space();
  if (pos != n) return Status::InvalidArgument("unexpected text after the value");
  return items;
}

std::optional<ihe::CodedValue> ParseQueryCode(std::string_view text) {
  // Abbreviated HL7 CE: component 1 code, component 2 empty, component 3
  // coding scheme; both required (ITI TF-2: 3.18.4.1.2.3).
  const size_t sep = text.find("^^");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  std::string_view scheme = text.substr(sep + 2);
  if (scheme.empty() || scheme.find('^') != std::string_view::npos) return std::nullopt;
  return ihe::CodedValue{std::string(text.substr(0, sep)), std::string(scheme), {}};
}

void QueryParameters::AddError(ErrorCode code, std::string context) {
  errors_.push_back(ihe::RegistryError::Error(code, std::move(context)));
}

bool QueryParameters::Has(std::string_view name) const {
  for (const auto& s : slots_)
    if (s.name == name) return true;
  return false;
}

std::vector<const ihe::Slot*> QueryParameters::SlotsNamed(std::string_view name) const {
  std::vector<const ihe::Slot*> out;
  for (const auto& s : slots_)
    if (s.name == name) out.push_back(&s);
  return out;
}

std::optional<std::vector<EbrsItem>> QueryParameters::Items(std::string_view name,
                                                            const ihe::Slot& slot) {
  if (slot.values.empty()) {
    AddError(ErrorCode::kRegistryError, std::string(name) + ": the Slot has no Value");
    return std::nullopt;
  }
  // A long list may be split across several rim:Value of one Slot; the
  // pieces together are one list (ITI TF-2: 3.18.4.1.2.3).
  std::vector<EbrsItem> items;
  for (const auto& v : slot.values) {
    auto decoded = DecodeEbrsValue(v);
    if (!decoded.ok()) {
      AddError(ErrorCode::kRegistryError, std::string(name) + ": malformed value " + Quote(v) +
                                              ": " + decoded.status().message());
      return std::nullopt;
    }
    for (auto& item : *decoded) items.push_back(std::move(item));
  }
  return items;
}

std::optional<std::vector<EbrsItem>> QueryParameters::OneSlotItems(std::string_view name,
                                                                   Presence presence) {
  std::vector<const ihe::Slot*> slots = SlotsNamed(name);
  if (slots.empty()) {
    if (presence == Presence::kRequired)
      AddError(ErrorCode::kStoredQueryMissingParam,
               std::string(name) + ": required parameter is missing");
    return std::nullopt;
  }
  // Only the AND/OR parameters may be repeated (stored-queries.md §2).
  if (slots.size() > 1) {
    AddError(ErrorCode::kStoredQueryParamNumber,
             std::string(name) + ": given in " + std::to_string(slots.size()) +
                 " Slots; this parameter allows one");
    return std::nullopt;
  }
  return Items(name, *slots.front());
}

std::optional<EbrsItem> QueryParameters::SingleItem(std::string_view name, Presence presence) {
  auto items = OneSlotItems(name, presence);
  if (!items) return std::nullopt;
  if (items->size() != 1) {
    AddError(ErrorCode::kStoredQueryParamNumber,
             std::string(name) + ": " + std::to_string(items->size()) +
                 " values given; this parameter is single-valued");
    return std::nullopt;
  }
  return std::move(items->front());
}

bool QueryParameters::RequireQuoted(std::string_view name, const EbrsItem& item) {
  if (item.quoted) return true;
  AddError(ErrorCode::kRegistryError, std::string(name) + ": value " + item.text +
                                          " must be a quoted string ('...')");
  return false;
}

std::optional<std::string> QueryParameters::String(std::string_view name, Presence presence) {
  auto item = SingleItem(name, presence);
  if (!item || !RequireQuoted(name, *item)) return std::nullopt;
  return std::move(item->text);
}

std::optional<std::string> QueryParameters::Token(std::string_view name, Presence presence) {
  auto item = SingleItem(name, presence);
  if (!item) return std::nullopt;
  return std::move(item->text);
}

std::string QueryParameters::PatientId(std::string_view name) {
  auto item = SingleItem(name, Presence::kRequired);
  if (!item) return {};
  if (item->text.empty()) {
    AddError(ErrorCode::kRegistryError, std::string(name) + ": the patient id is empty");
    return {};
  }
  return std::move(item->text);
}

std::vector<std::string> QueryParameters::StringList(std::string_view name, Presence presence) {
  std::vector<std::string> out;
  auto items = OneSlotItems(name, presence);
  if (!items) return out;
  for (auto& item : *items) {
    if (!RequireQuoted(name, item)) return {};
    out.push_back(std::move(item.text));
  }
  return out;
}

std::vector<std::vector<std::string>> QueryParameters::StringListAndOr(std::string_view name,
                                                                      Presence presence) {
  std::vector<std::vector<std::string>> out;
  std::vector<const ihe::Slot*> slots = SlotsNamed(name);
  if (slots.empty() && presence == Presence::kRequired)
    AddError(ErrorCode::kStoredQueryMissingParam,
             std::string(name) + ": required parameter is missing");
  for (const ihe::Slot* slot : slots) {
    auto items = Items(name, *slot);
    if (!items) return {};
    std::vector<std::string> group;
    for (auto& item : *items) {
      if (!RequireQuoted(name, item)) return {};
      group.push_back(std::move(item.text));
    }
    out.push_back(std::move(group));
  }
  return out;
}

std::vector<ihe::CodedValue> QueryParameters::ToCodes(std::string_view name,
                                                      const std::vector<EbrsItem>& items) {
  std::vector<ihe::CodedValue> out;
  for (const auto& item : items) {
    if (!RequireQuoted(name, item)) return {};
    auto code = ParseQueryCode(item.text);
    if (!code) {
      AddError(ErrorCode::kRegistryError, std::string(name) + ": value " + Quote(item.text) +
                                              " is not code^^codingScheme");
      return {};
    }
    out.push_back(std::move(*code));
  }
  return out;
}

std::vector<ihe::CodedValue> QueryParameters::Codes(std::string_view name) {
  auto items = OneSlotItems(name, Presence::kOptional);
  if (!items) return {};
  return ToCodes(name, *items);
}

std::vector<std::vector<ihe::CodedValue>> QueryParameters::CodesAndOr(std::string_view name) {
  std::vector<std::vector<ihe::CodedValue>> out;
  for (const ihe::Slot* slot : SlotsNamed(name)) {
    auto items = Items(name, *slot);
    if (!items) return {};
    std::vector<ihe::CodedValue> group = ToCodes(name, *items);
    if (group.empty()) return {};  // error recorded
    out.push_back(std::move(group));
  }
  return out;
}

std::string QueryParameters::PaddedTime(std::string_view name) {
  auto item = SingleItem(name, Presence::kOptional);
  if (!item) return {};
  // Numbers are unquoted (ITI TF-2: 3.18.4.1.2.3); a quoted DTM is taken
  // too, since it is unambiguous and some consumers send one.
  if (!IsValidDtm(item->text)) {
    AddError(ErrorCode::kRegistryError,
             std::string(name) + ": " + Quote(item->text) +
                 " is not a DTM (YYYY[MM[DD[hh[mm[ss]]]]], 4 to 14 digits)");
    return {};
  }
  return PadDtm(item->text);
}

TimeRange QueryParameters::Times(std::string_view from_name, std::string_view to_name) {
  TimeRange range;
  range.from = PaddedTime(from_name);
  range.to = PaddedTime(to_name);
  return range;
}

std::vector<Availability> QueryParameters::Statuses(std::string_view name) {
  std::vector<Availability> out;
  auto items = OneSlotItems(name, Presence::kRequired);
  if (!items) return out;
  bool approved = false, deprecated = false;
  for (const auto& item : *items) {
    if (!RequireQuoted(name, item)) return {};
    // Unknown values (e.g. ebRS "Submitted", or a value without the
    // StatusType URN prefix) are ignored (stored-queries.md §2).
    if (item.text == vocab::kApproved) approved = true;
    else if (item.text == vocab::kDeprecated) deprecated = true;
  }
  if (approved) out.push_back(Availability::kApproved);
  if (deprecated) out.push_back(Availability::kDeprecated);
  if (out.empty())
    AddError(ErrorCode::kStoredQueryMissingParam,
             std::string(name) + ": no known status value (expected " +
                 std::string(vocab::kApproved) + " and/or " + std::string(vocab::kDeprecated) + ")");
  return out;
}

std::vector<Availability> QueryParameters::AssociationStatuses(std::string_view name) {
  // Absent: Approved, so that a Deprecated membership or relationship is
  // only seen by a consumer that asks for it.
  if (!Has(name)) return {Availability::kApproved};
  return Statuses(name);
}

EntryTypes QueryParameters::DocumentEntryTypes(std::string_view name) {
  EntryTypes types;  // absent: Stable only (ITI TF-2: 3.18.4.1.2.3.7.1)
  if (!Has(name)) return types;
  std::vector<std::string> values = StringList(name, Presence::kOptional);
  if (values.empty()) return types;  // error recorded
  types.stable = false;
  for (const auto& v : values) {
    if (v == vocab::kStableDocumentEntry) {
      types.stable = true;
    } else if (v == vocab::kOnDemandDocumentEntry) {
      types.on_demand = true;
    } else {
      AddError(ErrorCode::kRegistryError,
               std::string(name) + ": " + Quote(v) +
                   " is neither the Stable nor the On-Demand DocumentEntry objectType");
      return EntryTypes{};
    }
  }
  return types;
}

IdSelector QueryParameters::EitherOr(std::string_view uuid_name, std::string_view unique_id_name,
                                     bool multiple) {
  IdSelector out;
  const bool has_uuid = Has(uuid_name);
  const bool has_unique_id = Has(unique_id_name);
  const std::string pair = std::string(uuid_name) + " / " + std::string(unique_id_name);
  if (has_uuid && has_unique_id) {
    AddError(ErrorCode::kStoredQueryParamNumber,
             pair + ": both given; exactly one of the two is allowed");
    return out;
  }
  if (!has_uuid && !has_unique_id) {
    AddError(ErrorCode::kStoredQueryMissingParam, pair + ": one of the two is required");
    return out;
  }
  out.by_uuid = has_uuid;
  std::string_view name = has_uuid ? uuid_name : unique_id_name;
  if (multiple) {
    out.values = StringList(name, Presence::kRequired);
  } else if (auto v = String(name, Presence::kRequired)) {
    out.values.push_back(std::move(*v));
  }
  return out;
}

}  // namespace xds::registry

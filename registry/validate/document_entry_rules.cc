// DocumentEntry rules: ITI TF-3 4.2.3.2 (attributes) and the DR column of
// Table 4.3.1-3 (which of them a registry requires in ITI-42), for Stable and
// On-Demand entries.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>

#include "registry/validate/hl7_types.h"
#include "registry/validate/rules.h"
#include "wire/base/ids.h"
#include "wire/ihe/vocabulary.h"

namespace xds::registry {
namespace {

using ihe::ErrorCode;
using ihe::RegistryObject;

constexpr SlotRule kSlots[] = {
    {"creationTime", Multiplicity::kSingle},
    {"hash", Multiplicity::kSingle},
    {"size", Multiplicity::kSingle},
    {"repositoryUniqueId", Multiplicity::kSingle},
    {"sourcePatientId", Multiplicity::kSingle},
    {"sourcePatientInfo", Multiplicity::kMulti},
    {"serviceStartTime", Multiplicity::kSingle},
    {"serviceStopTime", Multiplicity::kSingle},
    {"languageCode", Multiplicity::kSingle},
    {"legalAuthenticator", Multiplicity::kSingle},
    {"URI", Multiplicity::kSingle},
    {vocab::kSlotReferenceIdList, Multiplicity::kMulti},
    // Metadata Update: Online/Offline; accepted so an updated entry that is
    // re-registered is not mistaken for bad extra metadata.
    {"documentAvailability", Multiplicity::kSingle},
};

// Required counts are the DR column: author R2 (0..n), classCode R (1),
// confidentialityCode R (1..n), eventCodeList O, formatCode,
// healthcareFacilityTypeCode, practiceSettingCode, typeCode R (1).
constexpr CodeRule kCodes[] = {
    {vocab::kDeAuthor, "author", 0, -1, /*author=*/true},
    {vocab::kDeClassCode, "classCode", 1, 1},
    {vocab::kDeConfidentialityCode, "confidentialityCode", 1, -1},
    {vocab::kDeEventCode, "eventCodeList", 0, -1},
    {vocab::kDeFormatCode, "formatCode", 1, 1},
    {vocab::kDeHealthcareFacilityTypeCode, "healthcareFacilityTypeCode", 1, 1},
    {vocab::kDePracticeSettingCode, "practiceSettingCode", 1, 1},
    {vocab::kDeTypeCode, "typeCode", 1, 1},
};

constexpr IdentifierRule kIdentifiers[] = {
    {vocab::kDePatientId, "patientId"},
    {vocab::kDeUniqueId, "uniqueId"},
};

// RFC 2045 token: printable ASCII except space and tspecials.
bool IsMimeToken(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f) return false;
    if (std::string_view("()<>@,;:\\\"/[]?=").find(ch) != std::string_view::npos) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "type/subtype" with optional "; attribute=value" parameters (RFC 2045
// 5.1). Returns the lower-case "type/subtype", or empty when malformed.
std::string MimeEssence(std::string_view mime) {
  std::string_view essence = mime.substr(0, mime.find(';'));
  while (!essence.empty() && essence.back() == ' ') essence.remove_suffix(1);
  size_t slash = essence.find('/');
  if (slash == std::string_view::npos) return {};
  if (!IsMimeToken(essence.substr(0, slash)) || !IsMimeToken(essence.substr(slash + 1))) return {};
  std::string_view params = mime.substr(essence.size());
  while (!params.empty()) {
    size_t start = params.find_first_not_of("; ");
    if (start == std::string_view::npos) break;
    params.remove_prefix(start);
    std::string_view param = params.substr(0, params.find(';'));
    size_t eq = param.find('=');
    if (eq == std::string_view::npos || !IsMimeToken(param.substr(0, eq)) || eq + 1 == param.size())
      return {};
    params.remove_prefix(param.size());
  }
  return Lower(essence);
}

// RFC 5646 shape: subtags of 1..8 alphanumerics separated by "-"; the first
// is alphabetic and at least 2 letters, or the "x"/"i" singletons.
bool IsLanguageTag(std::string_view tag) {
  bool first = true;
  size_t start = 0;
  for (size_t i = 0; i <= tag.size(); ++i) {
    if (i < tag.size() && tag[i] != '-') continue;
    std::string_view sub = tag.substr(start, i - start);
    if (sub.empty() || sub.size() > 8) return false;
    for (char ch : sub) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (first ? !std::isalpha(c) : !std::isalnum(c)) return false;
    }
    if (first && sub.size() == 1 && sub != "x" && sub != "X" && sub != "i" && sub != "I")
      return false;
    first = false;
    start = i + 1;
  }
  return true;
}

bool IsSha1Hex(std::string_view s) {
  return s.size() == 40 && std::all_of(s.begin(), s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

bool IsOctetCount(std::string_view s) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  // The store keeps sizes as signed 64-bit integers (SQLite INTEGER).
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// Runs `check` on every value of slot `name`, reporting failures.
template <typename Check>
void CheckValues(ValidationContext& ctx, const RegistryObject& entry, std::string_view name,
                 Check check) {
  if (const ihe::Slot* slot = entry.FindSlot(name))
    for (const std::string& v : slot->values)
      if (Status s = check(v); !s.ok())
        ctx.Error(ErrorCode::kRegistryMetadataError, entry, name, s.message());
}

Status Expect(bool ok, std::string_view what, std::string_view value) {
  if (ok) return Status::Ok();
  // Built by appending: GCC 12 at -O3 warns (-Wrestrict, a false positive,
  // GCC bug 105329) on the operator+ chain.
  std::string message = "'";
  message.append(value).append("' is not ").append(what);
  return Status::InvalidArgument(message);
}

void CheckSlotFormats(ValidationContext& ctx, const RegistryObject& entry) {
  for (std::string_view name : {"creationTime", "serviceStartTime", "serviceStopTime"})
    CheckValues(ctx, entry, name, CheckDtm);
  CheckValues(ctx, entry, "hash", [](std::string_view v) {
    return Expect(IsSha1Hex(v), "a SHA-1 of 40 hexadecimal digits", v);
  });
  CheckValues(ctx, entry, "size", [](std::string_view v) {
    return Expect(IsOctetCount(v), "a non-negative integer", v);
  });
  CheckValues(ctx, entry, "repositoryUniqueId",
              [](std::string_view v) { return Expect(IsOid(v), "an OID", v); });
  CheckValues(ctx, entry, "languageCode", [](std::string_view v) {
    return Expect(IsLanguageTag(v), "an RFC 5646 language tag", v);
  });
  CheckValues(ctx, entry, "sourcePatientId", CheckCx);
  CheckValues(ctx, entry, "legalAuthenticator", CheckXcn);
  CheckValues(ctx, entry, "sourcePatientInfo", CheckSourcePatientInfoValue);
  CheckValues(ctx, entry, vocab::kSlotReferenceIdList, CheckCxi);
  CheckValues(ctx, entry, "documentAvailability", [](std::string_view v) {
    return Expect(v == "urn:ihe:iti:2010:DocumentAvailability:Online" ||
                      v == "urn:ihe:iti:2010:DocumentAvailability:Offline",
                  "a DocumentAvailability URN", v);
  });

  // ITI TF-3 4.2.3.2 sourcePatientInfo: at most one PID-7 (birth date) and
  // one PID-8 (sex); the others may repeat.
  if (const ihe::Slot* info = entry.FindSlot("sourcePatientInfo")) {
    for (int field : {7, 8}) {
      auto n = std::count_if(info->values.begin(), info->values.end(),
                             [&](const std::string& v) { return PidFieldNumber(v) == field; });
      if (n > 1)
        ctx.Error(ErrorCode::kRegistryMetadataError, entry, "sourcePatientInfo",
                  "PID-" + std::to_string(field) + " given " + std::to_string(n) +
                      " times; at most once allowed");
    }
  }

  // TF ITI-42 registry rule: serviceStartTime <= serviceStopTime. Times of
  // different precision are compared on the digits both have.
  std::string start = entry.SlotValue("serviceStartTime");
  std::string stop = entry.SlotValue("serviceStopTime");
  if (IsDtm(start) && IsDtm(stop)) {
    size_t n = std::min(start.size(), stop.size());
    if (start.compare(0, n, stop, 0, n) > 0)
      ctx.Error(ErrorCode::kRegistryMetadataError, entry, "serviceStartTime",
                "serviceStartTime " + start + " is after serviceStopTime " + stop);
  }
}

void CheckMimeType(ValidationContext& ctx, const RegistryObject& entry) {
  if (entry.mime_type.empty()) {
    ctx.Error(ErrorCode::kRegistryMetadataError, entry, "mimeType",
              "required attribute is missing");
    return;
  }
  std::string essence = MimeEssence(entry.mime_type);
  if (essence.empty()) {
    ctx.Error(ErrorCode::kRegistryMetadataError, entry, "mimeType",
              "'" + entry.mime_type + "' is not a type/subtype MIME type");
    return;
  }
  // TF ITI-42 registry rule: the affinity domain may restrict mimeType.
  const auto& allowed = ctx.options().allowed_mime_types;
  if (!allowed.empty() && std::none_of(allowed.begin(), allowed.end(),
                                       [&](const std::string& a) { return Lower(a) == essence; }))
    ctx.Error(ErrorCode::kRegistryMetadataError, entry, "mimeType",
              "'" + entry.mime_type + "' is not accepted in this affinity domain");
}

}  // namespace

void CheckDocumentEntry(ValidationContext& ctx, const RegistryObject& entry) {
  // ITI TF-3 4.2.3.2 objectType: Stable or On-Demand, R in every column.
  bool on_demand = entry.object_type == vocab::kOnDemandDocumentEntry;
  if (entry.object_type.empty())
    ctx.Error(ErrorCode::kRegistryMetadataError, entry, "objectType",
              "required attribute is missing");
  else if (!on_demand && entry.object_type != vocab::kStableDocumentEntry)
    ctx.Error(
        ErrorCode::kRegistryMetadataError, entry, "objectType",
        "'" + entry.object_type + "' is neither the Stable nor the On-Demand DocumentEntry type");

  CheckSlots(ctx, entry, kSlots);
  CheckClassifications(ctx, entry, kCodes, /*label_node=*/{});
  CheckExternalIdentifiers(ctx, entry, kIdentifiers);
  CheckHome(ctx, entry);
  CheckMimeType(ctx, entry);

  // Table 4.3.1-3, DR column.
  RequireSlot(ctx, entry, "languageCode");
  RequireSlot(ctx, entry, "sourcePatientId");
  if (on_demand) {
    // OD column: an On-Demand entry has no fixed content, so creationTime,
    // hash and size are X; repositoryUniqueId stays R.
    constexpr std::string_view kWhy = "prohibited for an On-Demand DocumentEntry";
    ProhibitSlot(ctx, entry, "creationTime", kWhy);
    ProhibitSlot(ctx, entry, "hash", kWhy);
    ProhibitSlot(ctx, entry, "size", kWhy);
    RequireSlot(ctx, entry, "repositoryUniqueId");
  } else {
    RequireSlot(ctx, entry, "creationTime");
    if (ctx.options().repository_fields_required) {
      // The repository computed these from the bytes before ITI-42.
      RequireSlot(ctx, entry, "hash");
      RequireSlot(ctx, entry, "size");
      RequireSlot(ctx, entry, "repositoryUniqueId");
    }
  }

  CheckSlotFormats(ctx, entry);
  std::string patient = entry.ExternalIdentifierValue(vocab::kDePatientId);
  if (!patient.empty())
    if (Status s = CheckCx(patient); !s.ok())
      ctx.Error(ErrorCode::kRegistryMetadataError, entry, "patientId", s.message());
}

}  // namespace xds::registry

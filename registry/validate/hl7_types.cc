#include "registry/validate/hl7_types.h"

#include <string>
#include <vector>

#include "wire/base/ids.h"

namespace xds::registry {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

// "Trailing delimiters are ignored" (Table 4.2.3.1.7-2, XCN/XON/XTN rows):
// "Doe^John^^^" reads as "Doe^John".
std::string_view StripTrailing(std::string_view s, char sep) {
  while (!s.empty() && s.back() == sep) s.remove_suffix(1);
  return s;
}

// Component n (1-based) or empty when absent.
std::string_view At(const std::vector<std::string_view>& components, size_t n) {
  return n <= components.size() ? components[n - 1] : std::string_view();
}

Status Invalid(std::string_view type, std::string_view value, std::string_view why) {
  return Status::InvalidArgument(std::string(type) + " '" + std::string(value) +
                                 "': " + std::string(why));
}

// One slot value holds one repetition of one field, so neither the field
// separator nor the repetition separator may appear unescaped.
Status CheckSingleField(std::string_view type, std::string_view value) {
  if (value.find_first_of("|~") != std::string_view::npos)
    return Invalid(type, value, "contains an unescaped '|' or '~'");
  return CheckEscapes(value);
}

// An HD that names an ISO OID authority: "<namespace>&<OID>&ISO". In CX and
// XCN.9 the namespace id must be empty (Table 4.2.3.1.7-2).
Status CheckIsoAuthority(std::string_view type, std::string_view value, std::string_view hd,
                         bool require_empty_namespace) {
  std::vector<std::string_view> sub = Split(hd, '&');
  if (sub.size() != 3) return Invalid(type, value, "assigning authority must be '&<OID>&ISO'");
  if (require_empty_namespace && !sub[0].empty())
    return Invalid(type, value, "assigning authority namespace id must be empty");
  if (!IsOid(sub[1])) return Invalid(type, value, "assigning authority universal id is not an OID");
  if (sub[2] != "ISO")
    return Invalid(type, value, "assigning authority universal id type must be 'ISO'");
  return Status::Ok();
}

// "X^^^&OID&ISO" with exactly four components: CX and Coded String share it.
Status CheckIdWithIsoAuthority(std::string_view type, std::string_view value) {
  XDS_RETURN_IF_ERROR(CheckSingleField(type, value));
  std::vector<std::string_view> c = Split(value, '^');
  if (c.size() != 4) return Invalid(type, value, "must have the form 'Id^^^&<OID>&ISO'");
  if (c[0].empty()) return Invalid(type, value, "component 1 is empty");
  if (c[0].find('&') != std::string_view::npos)
    return Invalid(type, value, "component 1 contains a sub-component separator");
  if (!c[1].empty() || !c[2].empty())
    return Invalid(type, value, "components 2 and 3 must be empty");
  return CheckIsoAuthority(type, value, c[3], /*require_empty_namespace=*/true);
}

}  // namespace

Status CheckDtm(std::string_view value) {
  if (IsDtm(value)) return Status::Ok();
  return Invalid("DTM", value,
                 "not a UTC time of 4, 6, 8, 10, 12 or 14 digits (YYYY[MM[DD[hh[mm[ss]]]]])");
}

Status CheckCx(std::string_view value) { return CheckIdWithIsoAuthority("CX", value); }

Status CheckCodedString(std::string_view value) {
  return CheckIdWithIsoAuthority("Coded String", value);
}

Status CheckStringOrCodedString(std::string_view value) {
  if (value.find('^') != std::string_view::npos) return CheckCodedString(value);
  if (value.empty()) return Invalid("String", value, "is empty");
  return CheckSingleField("String", value);
}

Status CheckCxi(std::string_view value) {
  XDS_RETURN_IF_ERROR(CheckSingleField("CXi", value));
  std::vector<std::string_view> c = Split(value, '^');
  if (At(c, 1).empty()) return Invalid("CXi", value, "CXi.1 (id) is empty");
  if (!At(c, 2).empty() || !At(c, 3).empty())
    return Invalid("CXi", value, "CXi.2 and CXi.3 must be empty");
  if (!At(c, 4).empty())
    XDS_RETURN_IF_ERROR(
        CheckIsoAuthority("CXi", value, At(c, 4), /*require_empty_namespace=*/false));
  if (At(c, 5).empty()) return Invalid("CXi", value, "CXi.5 (identifier type code) is empty");
  return Status::Ok();
}

Status CheckXcn(std::string_view value) {
  XDS_RETURN_IF_ERROR(CheckSingleField("XCN", value));
  std::vector<std::string_view> c = Split(StripTrailing(value, '^'), '^');
  // An empty component means "unspecified"; a person needs an id or a name.
  if (At(c, 1).empty() && At(c, 2).empty())
    return Invalid("XCN", value, "neither XCN.1 (id) nor XCN.2 (family name) is present");
  if (!At(c, 9).empty())
    XDS_RETURN_IF_ERROR(
        CheckIsoAuthority("XCN", value, At(c, 9), /*require_empty_namespace=*/true));
  return Status::Ok();
}

Status CheckXon(std::string_view value) {
  XDS_RETURN_IF_ERROR(CheckSingleField("XON", value));
  std::vector<std::string_view> c = Split(StripTrailing(value, '^'), '^');
  if (At(c, 1).empty()) return Invalid("XON", value, "XON.1 (organization name) is empty");
  if (c.size() > 10) return Invalid("XON", value, "components after XON.10 are not allowed");
  for (size_t n : {2, 3, 4, 5, 7, 8, 9})
    if (!At(c, n).empty())
      return Invalid("XON", value, "only XON.1, XON.6 and XON.10 may be valued");
  std::string_view authority = At(c, 6);
  std::string_view org_id = At(c, 10);
  if (!authority.empty()) {
    std::vector<std::string_view> sub = Split(authority, '&');
    if (sub.size() < 3 || !IsOid(sub[1]) || sub[2] != "ISO")
      return Invalid("XON", value, "XON.6 must carry an OID in XON.6.2 and 'ISO' in XON.6.3");
  } else if (!org_id.empty() && !IsOid(org_id)) {
    return Invalid("XON", value,
                   "XON.10 is not an OID, so XON.6 (assigning authority) is required");
  }
  return Status::Ok();
}

Status CheckXtn(std::string_view value) {
  XDS_RETURN_IF_ERROR(CheckSingleField("XTN", value));
  std::vector<std::string_view> c = Split(StripTrailing(value, '^'), '^');
  std::string_view equipment = At(c, 3);
  if (equipment.empty()) return Invalid("XTN", value, "XTN.3 (equipment type) is empty");
  if (equipment == "Internet" || equipment == "X.400") {
    if (At(c, 4).empty()) return Invalid("XTN", value, "XTN.4 (address) is empty");
  } else if (At(c, 7).empty() && At(c, 12).empty()) {
    return Invalid("XTN", value, "XTN.7 (telephone number) is empty");
  }
  return Status::Ok();
}

Status CheckEscapes(std::string_view value) {
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\') continue;
    size_t end = value.find('\\', i + 1);
    if (end == std::string_view::npos)
      return Invalid("HL7 value", value, "unterminated escape sequence");
    std::string_view body = value.substr(i + 1, end - i - 1);
    if (body != "F" && body != "S" && body != "T" && body != "R" && body != "E")
      return Invalid(
          "HL7 value", value,
          "escape \\" + std::string(body) + "\\ is not one of \\F\\ \\S\\ \\T\\ \\R\\ \\E\\");
    i = end;
  }
  return Status::Ok();
}

int PidFieldNumber(std::string_view value) {
  constexpr std::string_view kPrefix = "PID-";
  if (value.substr(0, kPrefix.size()) != kPrefix) return -1;
  size_t bar = value.find('|');
  if (bar == std::string_view::npos) return -1;
  std::string_view digits = value.substr(kPrefix.size(), bar - kPrefix.size());
  if (digits.empty() || digits.size() > 2) return -1;
  int n = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return -1;
    n = n * 10 + (ch - '0');
  }
  // HL7 v2.5 PID has fields 1..39.
  return n >= 1 && n <= 39 ? n : -1;
}

Status CheckSourcePatientInfoValue(std::string_view value) {
  if (PidFieldNumber(value) < 0)
    return Invalid("sourcePatientInfo", value, "must have the form 'PID-<n>|<field>'");
  return CheckEscapes(value.substr(value.find('|') + 1));
}

Status CheckIntendedRecipient(std::string_view value) {
  std::vector<std::string_view> parts = Split(value, '|');
  if (parts.size() > 3)
    return Invalid("intendedRecipient", value, "must have the form 'XON|XCN|XTN'");
  bool any = false;
  if (!At(parts, 1).empty()) {
    any = true;
    XDS_RETURN_IF_ERROR(CheckXon(At(parts, 1)));
  }
  if (!At(parts, 2).empty()) {
    any = true;
    XDS_RETURN_IF_ERROR(CheckXcn(At(parts, 2)));
  }
  if (!At(parts, 3).empty()) {
    any = true;
    XDS_RETURN_IF_ERROR(CheckXtn(At(parts, 3)));
  }
  if (!any) return Invalid("intendedRecipient", value, "names no organization, person or address");
  return Status::Ok();
}

}  // namespace xds::registry

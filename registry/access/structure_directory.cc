#include "registry/access/structure_directory.h"

namespace xds::registry {
namespace {

// True when `oid` is `root` or lies below it ("1.2.3.4" under "1.2.3").
bool UnderOid(std::string_view oid, std::string_view root) {
  if (root.empty() || oid.size() < root.size() || oid.compare(0, root.size(), root) != 0) return false;
  return oid.size() == root.size() || oid[root.size()] == '.';
}

constexpr std::string_view kOrg = "org:";
constexpr std::string_view kCertCn = "cert-cn:";
constexpr std::string_view kCertSubject = "cert-subject:";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

StructureDirectory::StructureDirectory(std::vector<Structure> structures) : structures_(std::move(structures)) {}

Result<StructureDirectory> StructureDirectory::FromConfig(const Config& config) {
  std::vector<Structure> structures;
  for (const std::string& id : config.Keys("access.structures")) {
    const std::string base = "access.structures." + id + ".";
    Structure s;
    s.id = id;
    s.name = config.String(base + "name", id);
    s.source_ids = config.Strings(base + "source_ids");
    s.institution_ids = config.Strings(base + "institution_ids");
    s.requesters = config.Strings(base + "requesters");
    for (const auto& r : s.requesters)
      if (!StartsWith(r, kOrg) && !StartsWith(r, kCertCn) && !StartsWith(r, kCertSubject))
        return Status::InvalidArgument(base + "requesters: '" + r +
                                       "' must start with org:, cert-cn: or cert-subject:");
    structures.push_back(std::move(s));
  }
  return StructureDirectory(std::move(structures));
}

bool StructureDirectory::Knows(std::string_view structure_id) const {
  for (const auto& s : structures_)
    if (s.id == structure_id) return true;
  return false;
}

std::optional<std::string> StructureDirectory::OfSource(std::string_view source_id) const {
  // The most specific root wins: a practice's OID may sit below its
  // hospital group's.
  const Structure* best = nullptr;
  size_t best_length = 0;
  std::string_view oid = security::StripOidUrn(source_id);
  for (const auto& s : structures_)
    for (const auto& root : s.source_ids)
      if (UnderOid(oid, security::StripOidUrn(root)) && root.size() > best_length) {
        best = &s;
        best_length = root.size();
      }
  if (!best) return std::nullopt;
  return best->id;
}

std::optional<std::string> StructureDirectory::OfInstitution(std::string_view institution_id) const {
  std::string_view id = security::StripOidUrn(institution_id);
  for (const auto& s : structures_)
    for (const auto& known : s.institution_ids)
      if (security::StripOidUrn(known) == id) return s.id;
  return std::nullopt;
}

std::optional<std::string> StructureDirectory::OfRequester(const security::Requester& requester) const {
  if (requester.assertion && !requester.assertion->organization_id.empty()) {
    for (const auto& s : structures_)
      for (const auto& r : s.requesters)
        if (StartsWith(r, kOrg) && security::Matches(requester, r)) return s.id;
    // A user of an organization the region does not know gets no
    // structure, not the one of the system that carried the request (a
    // regional portal's certificate must not lend its rights to anyone).
    return std::nullopt;
  }
  if (requester.certificate)
    for (const auto& s : structures_)
      for (const auto& r : s.requesters)
        if (!StartsWith(r, kOrg) && security::Matches(requester, r)) return s.id;
  return std::nullopt;
}

}  // namespace xds::registry

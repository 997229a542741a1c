// StructureDirectory: the structures of the region (hospitals, practices,
// nursing homes) and how each is recognised, from the configuration:
//
//   [access.structures.chu-nord]
//   name = "CHU Nord"
//   source_ids = ["1.2.250.1.1"]            submission sets it sends (sourceId, or an OID below it)
//   institution_ids = ["1.2.250.1.1.100"]   authorInstitution ids (XON.10) of its documents
//   requesters = ["cert-cn:chu-nord-pacs", "org:urn:oid:1.2.250.1.1"]
//
// Documents: a document belongs to the structure that sent it (the sourceId
// of the submission set that first registered it); when no structure claims
// that sourceId (a shared regional sender), to the structure of its
// authorInstitution.
//
// Requesters: the organization-id of a verified XUA assertion ("org:<id>")
// names the user's structure; otherwise the verified client certificate
// ("cert-cn:<CN>", "cert-subject:<DN>"). An assertion naming an
// organization no structure lists gives no structure at all. A requester that proves neither
// belongs to no structure. Nothing unverified (an IP address, a header) is
// ever used.
//
// Immutable after construction; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wire/config/config.h"
#include "wire/security/requester.h"

namespace xds::registry {

struct Structure {
  std::string id;
  std::string name;
  std::vector<std::string> source_ids;
  std::vector<std::string> institution_ids;
  std::vector<std::string> requesters;
};

class StructureDirectory {
 public:
  StructureDirectory() = default;
  explicit StructureDirectory(std::vector<Structure> structures);
  // [access.structures.*]; InvalidArgument on an entry it cannot read.
  static Result<StructureDirectory> FromConfig(const Config& config);

  bool Knows(std::string_view structure_id) const;
  // The structure whose source_ids hold `source_id` or an OID above it.
  std::optional<std::string> OfSource(std::string_view source_id) const;
  // The structure whose institution_ids hold `institution_id`.
  std::optional<std::string> OfInstitution(std::string_view institution_id) const;
  // The requester's structure (see above).
  std::optional<std::string> OfRequester(const security::Requester& requester) const;

 private:
  std::vector<Structure> structures_;
};

}  // namespace xds::registry

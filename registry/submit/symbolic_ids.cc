#include "registry/submit/symbolic_ids.h"

#include <map>

#include "wire/base/ids.h"

namespace xds::registry {
namespace {

class IdMap {
 public:
  // The same symbolic id always maps to the same new UUID.
  std::string Resolve(const std::string& id) {
    if (id.empty() || id.rfind("urn:uuid:", 0) == 0) return id;
    auto [it, inserted] = map_.emplace(id, std::string());
    if (inserted) it->second = NewUrnUuid();
    return it->second;
  }
  // Only ids declared in this submission are replaced in references; a
  // reference to an unknown symbolic id is left as is and reported later.
  std::string Reference(const std::string& id) const {
    auto it = map_.find(id);
    return it == map_.end() ? id : it->second;
  }
  std::map<std::string, std::string> Reversed() const {
    std::map<std::string, std::string> out;
    for (const auto& [symbolic, uuid] : map_) out.emplace(uuid, symbolic);
    return out;
  }

 private:
  std::map<std::string, std::string> map_;
};

}  // namespace

std::map<std::string, std::string> ResolveSymbolicIds(ihe::SubmitObjectsRequest& request) {
  IdMap ids;
  for (auto& o : request.objects) o.id = ids.Resolve(o.id);
  for (auto& o : request.objects) {
    if (o.lid.empty()) o.lid = o.id; else o.lid = ids.Reference(o.lid);
    if (o.kind == ihe::ObjectKind::kAssociation) {
      o.source_object = ids.Reference(o.source_object);
      o.target_object = ids.Reference(o.target_object);
    }
    for (auto& c : o.classifications) {
      c.id = c.id.empty() || c.id.rfind("urn:uuid:", 0) != 0 ? NewUrnUuid() : c.id;
      c.classified_object = o.id;
    }
    for (auto& x : o.external_identifiers) {
      x.id = x.id.empty() || x.id.rfind("urn:uuid:", 0) != 0 ? NewUrnUuid() : x.id;
      x.registry_object = o.id;
    }
  }
  for (auto& ref : request.object_refs) ref = ids.Reference(ref);
  return ids.Reversed();
}

}  // namespace xds::registry

#include "registry/access/access_policy.h"

#include <algorithm>

#include "wire/soap/soap_endpoint.h"

namespace xds::registry {
namespace {

// A rule's valid_until is its last instant: a date alone covers that whole
// day, so the missing digits are filled with 9s, not 0s.
std::string LastInstant(const std::string& dtm) {
  std::string out = dtm;
  out.resize(14, '9');
  return out;
}

}  // namespace

Result<AccessOptions> AccessOptions::FromConfig(const Config& config) {
  AccessOptions o;
  o.sealing = config.Bool("access.sealing", false);
  auto structures = StructureDirectory::FromConfig(config);
  if (!structures.ok()) return structures.status();
  o.structures = std::move(*structures);
  auto consent = ConsentOptions::FromConfig(config);
  if (!consent.ok()) return consent.status();
  o.consent = std::move(*consent);
  o.administrators = config.Strings("access.administrators");
  o.enforcement_points = config.Strings("access.enforcement_points");
  return o;
}

AccessCheck::AccessCheck(const AccessOptions& options, const security::Requester& requester, ReadTxn& txn,
                         std::string now)
    : options_(options), requester_(requester), txn_(txn), now_(std::move(now)),
      structure_(options.structures.OfRequester(requester)),
      unrestricted_(!options.sealing || requester.address == soap::kInProcessAddress ||
                    security::Listed(requester, options.enforcement_points)) {}

Status AccessCheck::LoadFacts(const std::vector<std::string>& entry_uuids) {
  std::vector<std::string> missing;
  for (const auto& uuid : entry_uuids)
    if (!facts_.count(uuid)) missing.push_back(uuid);
  if (missing.empty()) return Status::Ok();
  auto facts = LoadObjectFacts(txn_, missing);
  if (!facts.ok()) return facts.status();
  for (auto& f : *facts) facts_.emplace(f.entry_uuid, std::move(f));
  return Status::Ok();
}

Result<std::vector<std::string>> AccessCheck::KeepVisible(const std::vector<std::string>& entry_uuids) {
  if (unrestricted_) return entry_uuids;
  std::vector<std::string> out;
  if (!structure_) return out;  // proves no structure: everything is sealed
  XDS_RETURN_IF_ERROR(LoadFacts(entry_uuids));
  for (const auto& uuid : entry_uuids) {
    auto visible = Visible(uuid, 0);
    if (!visible.ok()) return visible.status();
    if (*visible) out.push_back(uuid);
  }
  return out;
}

Result<bool> AccessCheck::Visible(const std::string& entry_uuid, int depth) {
  if (auto known = visible_.find(entry_uuid); known != visible_.end()) return known->second;
  XDS_RETURN_IF_ERROR(LoadFacts({entry_uuid}));
  auto it = facts_.find(entry_uuid);
  bool visible = false;
  if (it != facts_.end()) {
    const ObjectFacts facts = it->second;  // a copy: Visible() below may insert into facts_
    switch (facts.kind) {
      case StoredKind::kDocumentEntry: {
        auto v = DocumentVisible(facts);
        if (!v.ok()) return v.status();
        visible = *v;
        break;
      }
      case StoredKind::kSubmissionSet:
      case StoredKind::kFolder: {
        auto owner = OwnerOf(facts);
        if (!owner.ok()) return owner.status();
        if (*owner == *structure_) {
          visible = true;
          break;
        }
        // Another structure sees a package only through what it may see
        // inside it, and then only that much of it (the members it cannot
        // see are filtered like any other object).
        auto members = MemberDocumentEntries(txn_, facts.entry_uuid);
        if (!members.ok()) return members.status();
        XDS_RETURN_IF_ERROR(LoadFacts(*members));
        for (const auto& member : *members) {
          auto v = Visible(member, depth + 1);
          if (!v.ok()) return v.status();
          if (*v) {
            visible = true;
            break;
          }
        }
        break;
      }
      case StoredKind::kAssociation: {
        // An association discloses both ends; associations between
        // associations are not followed further than this.
        if (depth > 2) break;
        auto source = Visible(facts.association_source, depth + 1);
        if (!source.ok()) return source.status();
        if (!*source) break;
        auto target = Visible(facts.association_target, depth + 1);
        if (!target.ok()) return target.status();
        visible = *target;
        break;
      }
    }
  }
  visible_[entry_uuid] = visible;
  return visible;
}

Result<std::string> AccessCheck::OwnerOf(const ObjectFacts& facts) {
  if (auto owner = options_.structures.OfSource(facts.source_id)) return *owner;
  if (facts.kind == StoredKind::kDocumentEntry) {
    auto institutions = AuthorInstitutionIds(txn_, facts.entry_uuid);
    if (!institutions.ok()) return institutions.status();
    for (const auto& id : *institutions)
      if (auto owner = options_.structures.OfInstitution(id)) return *owner;
  }
  return std::string();  // no structure claims it: sealed from everyone
}

Result<ConsentState> AccessCheck::ConsentOf(const std::string& patient_id) {
  if (auto it = consent_.find(patient_id); it != consent_.end()) return it->second;
  auto state = CurrentConsent(txn_, patient_id, options_.consent, now_);
  if (!state.ok()) return state.status();
  consent_[patient_id] = *state;
  return *state;
}

Result<bool> AccessCheck::DocumentVisible(const ObjectFacts& facts) {
  auto owner = OwnerOf(facts);
  if (!owner.ok()) return owner.status();
  if (owner->empty()) return false;
  if (*owner == *structure_) return true;
  // Consent first: an opt-out overrides every sharing rule.
  auto consent = ConsentOf(facts.patient_id);
  if (!consent.ok()) return consent.status();
  if (*consent != ConsentState::kOptIn) return false;
  if (!rules_) {
    auto rules = LoadSharingRules(txn_);
    if (!rules.ok()) return rules.status();
    rules_ = std::move(*rules);
  }
  return RuleGrants(*owner, facts.class_code);
}

bool AccessCheck::RuleGrants(const std::string& owner, const std::string& class_code) {
  for (const access::SharingRule& rule : *rules_) {
    if (rule.revoked || rule.owner != owner) continue;
    if (!rule.valid_until.empty() && now_ > LastInstant(rule.valid_until)) continue;
    const auto& g = rule.grantees;
    if (std::find(g.begin(), g.end(), "*") == g.end() && std::find(g.begin(), g.end(), *structure_) == g.end())
      continue;
    if (!rule.class_codes.empty() &&
        std::find(rule.class_codes.begin(), rule.class_codes.end(), class_code) == rule.class_codes.end())
      continue;
    if (!rule.purposes_of_use.empty()) {
      bool purpose = false;
      if (requester_.assertion)
        for (const auto& p : requester_.assertion->purposes_of_use)
          purpose = purpose || std::find(rule.purposes_of_use.begin(), rule.purposes_of_use.end(), p.code) !=
                                   rule.purposes_of_use.end();
      if (!purpose) continue;
    }
    return true;
  }
  return false;
}

Result<std::vector<std::string>> AccessCheck::VisibleDocuments(const std::vector<std::string>& unique_ids) {
  if (unrestricted_) return unique_ids;
  std::vector<std::string> out;
  if (!structure_) return out;
  auto entries = DocumentEntriesByUniqueId(txn_, unique_ids);
  if (!entries.ok()) return entries.status();
  std::set<std::string> allowed;
  for (const auto& [unique_id, uuid] : *entries) {
    auto v = Visible(uuid, 0);
    if (!v.ok()) return v.status();
    if (*v) allowed.insert(unique_id);
  }
  for (const auto& id : unique_ids)
    if (allowed.count(id)) out.push_back(id);
  return out;
}

Result<std::vector<std::string>> AccessCheck::VisibleStudies(const std::vector<std::string>& study_uids) {
  if (unrestricted_) return study_uids;
  std::vector<std::string> out;
  if (!structure_) return out;
  for (const auto& study : study_uids) {
    auto manifests = ManifestsOfStudy(txn_, study);
    if (!manifests.ok()) return manifests.status();
    XDS_RETURN_IF_ERROR(LoadFacts(*manifests));
    for (const auto& uuid : *manifests) {
      auto v = Visible(uuid, 0);
      if (!v.ok()) return v.status();
      if (*v) {
        out.push_back(study);
        break;
      }
    }
  }
  return out;
}

Result<std::vector<std::string>> AccessCheck::SubmissionRefusals(const access::SubmissionClaim& claim) {
  std::vector<std::string> refusals;
  if (!options_.sealing || requester_.address == soap::kInProcessAddress) return refusals;
  if (!structure_) {
    // A region's repository registers what it checked itself (it asked this
    // question for its own requester). A node that is both an enforcement
    // point and a structure's (a site's imaging source) registers as that
    // structure, below.
    if (security::Listed(requester_, options_.enforcement_points)) return refusals;
    refusals.push_back("the requester proves no structure of the region (client certificate or assertion "
                       "organization), so it may not register documents while sealing is on");
    return refusals;
  }
  std::optional<std::string> sender;
  for (const auto& source_id : claim.source_ids)
    if ((sender = options_.structures.OfSource(source_id))) break;
  if (sender && *sender != *structure_ && claim.document_entries.empty())
    refusals.push_back("the submission set's sourceId is not one of structure " + *structure_ + "'s");
  for (const auto& entry : claim.document_entries) {
    std::optional<std::string> owner = sender;
    for (size_t i = 0; !owner && i < entry.institution_ids.size(); ++i)
      owner = options_.structures.OfInstitution(entry.institution_ids[i]);
    if (!owner)
      refusals.push_back("DocumentEntry " + entry.id + " would belong to no structure: neither its submission "
                         "set's sourceId nor its authorInstitution is one of structure " + *structure_ + "'s");
    else if (*owner != *structure_)
      refusals.push_back("DocumentEntry " + entry.id + " would belong to another structure (by its submission "
                         "set's sourceId or authorInstitution), not to " + *structure_);
  }
  // An association touched (its status changed by ITI-57) is judged by its
  // two ends.
  std::vector<std::string> touched = claim.registered_objects;
  XDS_RETURN_IF_ERROR(LoadFacts(touched));
  for (const auto& id : claim.registered_objects)
    if (auto it = facts_.find(id); it != facts_.end() && it->second.kind == StoredKind::kAssociation) {
      touched.push_back(it->second.association_source);
      touched.push_back(it->second.association_target);
    }
  XDS_RETURN_IF_ERROR(LoadFacts(touched));
  for (const auto& id : touched) {
    auto it = facts_.find(id);
    if (it == facts_.end() || it->second.kind == StoredKind::kAssociation) continue;  // unknown: registration says
    const ObjectFacts facts = it->second;
    auto owner = OwnerOf(facts);
    if (!owner.ok()) return owner.status();
    if (*owner != *structure_)
      refusals.push_back("registered object " + id + " is not structure " + *structure_ +
                         "'s: a structure may replace, append to, transform, version or file only its own");
  }
  return refusals;
}

}  // namespace xds::registry

// The access-control messages the nodes of the region exchange, and their
// JSON form (the only place the project reads or writes JSON on the wire):
//
//   SharingRule     a structure's written, versioned grant of access to its
//                   documents (issue 7), kept by the registry and managed
//                   with `xds admin sharing-rule ...`;
//   AccessQuestion  what a policy enforcement point (the repository before
//   AccessAnswer    an ITI-43, the imaging source before RAD-69 / WADO) asks
//                   the registry, which holds the metadata, the consents and
//                   the rules, and its answer.
//
// The registry decides (registry/access); enforcement points only ask. They
// send the requester's verified evidence (security::Requester), never a
// structure name of their own choosing, so there is one mapping from
// evidence to structure in the region.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/security/requester.h"

namespace xds::access {

struct SharingRule {
  // Chosen by the owner; a new version of the same id replaces the rule.
  std::string id;
  int64_t version = 0;  // assigned by the registry: 1, 2, ...
  std::string owner;    // the structure whose documents the rule shares
  // Structures granted access; "*" grants every structure of the region.
  std::vector<std::string> grantees;
  // Document classCodes shared, "code^codingScheme"; empty: every class.
  std::vector<std::string> class_codes;
  // Purposes of use (assertion PurposeOfUse codes) it is granted for;
  // empty: any purpose. A request with no assertion has no purpose.
  std::vector<std::string> purposes_of_use;
  // Last instant of validity, DTM UTC (YYYYMMDDhhmmss); empty: no end.
  std::string valid_until;
  bool revoked = false;
  // Filled in by the registry when it records the version.
  std::string recorded_time;
  std::string recorded_by;
};

// What a submission (ITI-41, ITI-42, ITI-57) says about who will own what
// it registers, read from its metadata by SubmissionClaimOf(): the
// registry decides whether the requester may register it (a structure
// registers only what it will own, and associates only with what it owns).
struct SubmissionClaim {
  std::vector<std::string> source_ids;  // of its SubmissionSets
  struct Entry {
    std::string id;                            // entryUUID or symbolic id
    std::vector<std::string> institution_ids;  // authorInstitution XON.10 ids
  };
  std::vector<Entry> document_entries;
  // Registered objects it touches: association ends outside the submission
  // (replaced, appended, transformed, filed into a folder) and the logical
  // objects it versions (ITI-57 lid).
  std::vector<std::string> registered_objects;
};

struct AccessQuestion {
  security::Requester requester;
  std::vector<std::string> document_unique_ids;  // DocumentEntry uniqueIds (ITI-43)
  std::vector<std::string> study_instance_uids;  // studies (RAD-69, WADO)
  std::optional<SubmissionClaim> submission;     // may it register this (ITI-41)?
};

struct AccessAnswer {
  // The subsets of the question's lists the requester may retrieve.
  std::vector<std::string> document_unique_ids;
  std::vector<std::string> study_instance_uids;
  // Why the submission may not be registered; empty: it may.
  std::vector<std::string> submission_refusals;
};

std::string ToJson(const SharingRule& rule);
std::string ToJson(const std::vector<SharingRule>& rules);
std::string ToJson(const AccessQuestion& question);
std::string ToJson(const AccessAnswer& answer);

// InvalidArgument naming the offending field on malformed input.
Result<SharingRule> SharingRuleFromJson(std::string_view json);
Result<std::vector<SharingRule>> SharingRulesFromJson(std::string_view json);
Result<AccessQuestion> AccessQuestionFromJson(std::string_view json);
Result<AccessAnswer> AccessAnswerFromJson(std::string_view json);

}  // namespace xds::access

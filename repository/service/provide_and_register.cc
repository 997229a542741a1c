#include "repository/service/provide_and_register.h"

#include <spdlog/spdlog.h>

#include <map>
#include <set>
#include <strings.h>

#include "wire/access/submission_claim.h"
#include "wire/base/ids.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_writer.h"

namespace xds::repository {
namespace {

using ihe::ErrorCode;
using ihe::RegistryError;
using ihe::RegistryErrors;

soap::SoapReply Reply(const RegistryErrors& errors) {
  xml::XmlWriter w;
  ihe::WriteRegistryResponse(w, errors);
  return soap::SoapReply(std::string(vocab::kActionProvideAndRegisterResponse), w.Take());
}

soap::SoapReply Failure(ErrorCode code, std::string context, std::string location = {}) {
  return Reply({RegistryError::Error(code, std::move(context), std::move(location))});
}

// A DocumentEntry of the request and the bytes sent for it.
struct EntryWithBytes {
  ihe::RegistryObject* entry;
  std::string unique_id;
  mime::ReceivedPart* part;
};

std::string Describe(const ihe::RegistryObject& entry, const std::string& unique_id) {
  return "DocumentEntry " + entry.id + (unique_id.empty() ? "" : " (uniqueId " + unique_id + ")");
}

// Step 2: the received bytes against the hash and size the source sent,
// and the repositoryUniqueId against ours.
void CheckSentAttributes(const EntryWithBytes& e, const std::string& repository_unique_id, RegistryErrors& errors) {
  std::string who = Describe(*e.entry, e.unique_id);
  if (const ihe::Slot* hash = e.entry->FindSlot("hash"); hash && !hash->values.empty()) {
    if (strcasecmp(hash->values.front().c_str(), e.part->sha1_hex().c_str()) != 0)
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            who + ": hash " + hash->values.front() +
                                                " does not match the received document (SHA-1 " +
                                                e.part->sha1_hex() + ")",
                                            e.unique_id));
  }
  if (const ihe::Slot* size = e.entry->FindSlot("size"); size && !size->values.empty()) {
    if (size->values.front() != std::to_string(e.part->size()))
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            who + ": size " + size->values.front() +
                                                " does not match the received document (" +
                                                std::to_string(e.part->size()) + " bytes)",
                                            e.unique_id));
  }
  if (const ihe::Slot* repo = e.entry->FindSlot("repositoryUniqueId"); repo && !repo->values.empty()) {
    if (repo->values.front() != repository_unique_id)
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            who + ": repositoryUniqueId " + repo->values.front() +
                                                " is not this repository (" + repository_unique_id + ")",
                                            e.unique_id));
  }
}

}  // namespace

Result<soap::SoapReply> ProvideAndRegister::Handle(const soap::SoapRequest& request) {
  auto parsed = ihe::ReadProvideAndRegisterRequest(request.envelope.body);
  if (!parsed.ok()) {
    if (!request.envelope.body.Is(ns::kXdsB, "ProvideAndRegisterDocumentSetRequest")) return parsed.status();
    return Failure(ErrorCode::kRepositoryMetadataError, parsed.status().message());
  }
  ihe::ProvideAndRegisterRequest& message = *parsed;
  RegistryErrors errors;

  // Step 1: pair entries and documents.
  std::map<std::string, ihe::ProvidedDocument*> documents;
  for (ihe::ProvidedDocument& d : message.documents) {
    if (!documents.emplace(d.id, &d).second)
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            "two xdsb:Document elements have the id " + d.id));
  }
  std::map<std::string, mime::ReceivedPart> inline_parts;
  std::vector<EntryWithBytes> entries;
  std::set<std::string> entry_ids;
  std::set<std::string> unique_ids;
  for (ihe::RegistryObject& o : message.metadata.objects) {
    if (ihe::XdsTypeOf(o) != ihe::XdsObjectType::kDocumentEntry) continue;
    std::string unique_id = ihe::UniqueIdOf(o);
    entry_ids.insert(o.id);
    if (o.object_type == vocab::kOnDemandDocumentEntry) {
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            Describe(o, unique_id) +
                                                " is On-Demand; ITI-41 provides stable documents only",
                                            unique_id));
      continue;
    }
    if (unique_id.empty()) {
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryMetadataError,
                                            Describe(o, unique_id) + " has no uniqueId"));
      continue;
    }
    if (!unique_ids.insert(unique_id).second) {
      errors.push_back(RegistryError::Error(ErrorCode::kRepositoryDuplicateUniqueIdInMessage,
                                            "uniqueId " + unique_id + " is used by two DocumentEntries", unique_id));
      continue;
    }
    auto doc = documents.find(o.id);
    if (doc == documents.end()) {
      errors.push_back(RegistryError::Error(ErrorCode::kMissingDocument,
                                            Describe(o, unique_id) + " has no xdsb:Document", unique_id));
      continue;
    }
    mime::ReceivedPart* part = nullptr;
    if (doc->second->is_inline) {
      part = &(inline_parts[o.id] = mime::ReceivedPart::InMemory(o.mime_type, std::move(doc->second->inline_bytes)));
    } else if (auto att = request.attachments.find(doc->second->content_id); att != request.attachments.end()) {
      part = &att->second;
    } else {
      errors.push_back(RegistryError::Error(ErrorCode::kMissingDocument,
                                            "the xdsb:Document of " + Describe(o, unique_id) + " refers to MIME part <" +
                                                doc->second->content_id + ">, which is not in the request",
                                            unique_id));
      continue;
    }
    entries.push_back({&o, unique_id, part});
  }
  for (const ihe::ProvidedDocument& d : message.documents)
    if (!entry_ids.count(d.id))
      errors.push_back(RegistryError::Error(ErrorCode::kMissingDocumentMetadata,
                                            "xdsb:Document " + d.id + " has no DocumentEntry with that id"));

  // Step 2: attributes the source sent, then the ones the repository sets.
  for (const EntryWithBytes& e : entries) CheckSentAttributes(e, repository_unique_id_, errors);
  if (ihe::HasError(errors)) return Reply(errors);

  // Step 3: may this requester register it? Asked before anything is kept;
  // no decision is a refusal (fail closed).
  if (access_) {
    access::AccessQuestion question;
    question.requester = request.requester;
    question.submission = access::SubmissionClaimOf(message.metadata);
    auto answer = access_->Decide(question);
    if (!answer.ok()) {
      spdlog::error("repository: no access decision for a submission: {}", answer.status().ToString());
      return Failure(ErrorCode::kRepositoryError, "the region's access policy could not be consulted");
    }
    if (!answer->submission_refusals.empty()) {
      spdlog::warn("repository: submission from {} refused by the access policy: {}",
                   security::Describe(request.requester), answer->submission_refusals.front());
      for (const auto& why : answer->submission_refusals)
        errors.push_back(
            RegistryError::Error(ErrorCode::kRepositoryError, "refused by the region's access policy: " + why));
      return Reply(errors);
    }
  }
  for (const EntryWithBytes& e : entries) {
    e.entry->SetSlot("hash", e.part->sha1_hex());
    e.entry->SetSlot("size", std::to_string(e.part->size()));
    e.entry->SetSlot("repositoryUniqueId", repository_unique_id_);
  }

  // Step 4: keep, register, publish or discard.
  std::string submission = NewUuid();
  std::vector<NewDocument> keep;
  for (const EntryWithBytes& e : entries) keep.push_back({e.unique_id, e.entry->mime_type, e.part});
  if (Status kept = store_.KeepPending(submission, keep); !kept.ok()) {
    if (kept.code() != Status::Code::kAlreadyExists) {
      spdlog::error("repository: cannot store submission: {}", kept.ToString());
      return Failure(ErrorCode::kRepositoryError, "the repository could not store the documents");
    }
    const std::string& unique_id = kept.message();
    auto existing = store_.index().Find(unique_id);
    bool pending = existing.ok() && *existing && !(*existing)->available;
    if (pending)
      return Failure(ErrorCode::kRepositoryBusy,
                     "a submission of document " + unique_id + " is still awaiting the registry's answer", unique_id);
    return Failure(ErrorCode::kDuplicateUniqueIdInRegistry,
                   "document " + unique_id + " is already stored in this repository", unique_id);
  }

  auto registered = registry_.Register(message.metadata);
  if (!registered.ok()) {
    if (registered.status().code() == Status::Code::kOutcomeUnknown) {
      // The registry may yet register it: hold the documents back (not
      // retrievable) until it can tell (pending_resolver.h).
      spdlog::warn("repository: submission {} held back: {}", submission, registered.status().ToString());
      return Failure(ErrorCode::kRegistryNotAvailable,
                     "the registry (" + registry_.Describe() + ") did not answer in time; the documents are held back "
                     "and will be kept only if the registry confirms it registered them");
    }
    if (Status s = store_.Discard(submission); !s.ok())
      spdlog::error("repository: cannot remove refused submission {}: {}", submission, s.ToString());
    return Failure(ErrorCode::kRegistryNotAvailable,
                   "the registry (" + registry_.Describe() + ") cannot be reached: " + registered.status().message());
  }
  if (!registered->success()) {
    if (Status s = store_.Discard(submission); !s.ok())
      spdlog::error("repository: cannot remove refused submission {}: {}", submission, s.ToString());
    // The registry's own errors, as it gave them (ITI TF-2b 3.41.4.1.3).
    return Reply(registered->errors);
  }
  if (Status s = store_.Publish(submission); !s.ok()) {
    // Registered but not yet marked: the resolver will publish it.
    spdlog::error("repository: submission {} registered but not published: {}", submission, s.ToString());
    return Failure(ErrorCode::kRepositoryError, "the documents were registered but the repository could not record it");
  }
  return Reply(registered->errors);  // warnings, if the registry gave any
}

}  // namespace xds::repository

#include "imaging-source/service/rad69_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <set>

#include "imaging-source/dicom/transcoder.h"
#include "imaging-source/service/cache_prefetch.h"
#include "imaging-source/service/instance_delivery.h"
#include "imaging-source/service/transfer_audit.h"
#include "imaging-source/service/study_access.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/mime/mtom.h"
#include "wire/mime/mtom_writer.h"
#include "wire/xml/xml_writer.h"

namespace xds::imaging {
namespace {

// Instances per prefetch C-GET (UID list, PS3.4 C.2.2.2.2): the first
// batch small, so the first attachment waits for few others; then doubling,
// so a large study costs the PACS few lookups and round trips.
constexpr size_t kFirstPrefetchBatch = 8;
constexpr size_t kMaxPrefetchBatch = 128;
// Associations fetching batches at once: the PACS looks up the next batch
// while the current one streams (bench/README.md imaging_bench).
constexpr size_t kPrefetchAssociations = 2;

// An instance the reply will carry.
struct Planned {
  std::string study_uid, series_uid, sop_instance_uid, sop_class_uid;
  std::string home_community_id, content_id;
};

// What the attachments of one reply share: the PACS session, opened at the
// first attachment and closed when the reply is done (the last copy of the
// shared_ptr goes with the HTTP response's stream).
struct ReplyState {
  PacsClient* pacs = nullptr;
  InstanceCache* cache = nullptr;  // optional
  std::vector<std::string> sop_classes;
  std::vector<std::string> transfer_syntaxes;
  std::unique_ptr<RetrieveSession> session;
  // With a cache: what it lacked when the envelope was settled, fetched one
  // C-GET per series by `prefetch`, started at the first attachment.
  std::vector<RetrieveRequest> to_fetch;
  std::unique_ptr<CachePrefetch> prefetch;  // uses *pacs and *cache, which outlive the reply
  // The order of the attachments (NextAttachment): those ready from the
  // start (cached, or no cache) in envelope order, then the prefetched
  // ones as they arrive, by SOP Instance UID (a UID requested twice has
  // two indices).
  std::deque<size_t> ready;
  std::map<std::string, std::deque<size_t>> awaited;
};

void StartPrefetch(ReplyState& state) {
  if (!state.prefetch && !state.to_fetch.empty())
    state.prefetch =
        std::make_unique<CachePrefetch>(*state.pacs, *state.cache, std::move(state.to_fetch), kPrefetchAssociations);
}

// The index of the attachment to write next (SoapReply::next_attachment).
// Once the prefetch is over, the rest in any order: each is then fetched on
// its own (StreamInstance).
size_t NextAttachment(ReplyState& state) {
  if (!state.ready.empty()) {
    size_t i = state.ready.front();
    state.ready.pop_front();
    return i;
  }
  if (state.awaited.empty()) return SIZE_MAX;  // asked once too often: the writer stops
  StartPrefetch(state);
  auto it = state.awaited.end();
  // Arrivals in order until one the reply still awaits (a UID is handed
  // out once: the other indices of a UID requested twice go to `ready`).
  while (state.prefetch && it == state.awaited.end()) {
    auto arrived = state.prefetch->NextArrived();
    if (!arrived) break;
    it = state.awaited.find(*arrived);
  }
  if (it == state.awaited.end()) it = state.awaited.begin();  // prefetch over: the rest in any order
  size_t i = it->second.front();
  it->second.pop_front();
  state.ready.insert(state.ready.end(), it->second.begin(), it->second.end());
  state.awaited.erase(it);
  return i;
}

// Streams one planned instance into `sink`: from the cache when it holds
// it, else C-GET (storing it in the cache), convert if needed, write.
bool StreamInstance(ReplyState& state, const Planned& p, const http::ChunkSink& sink) {
  if (state.cache != nullptr) {
    auto cached = state.cache->Get(p.sop_instance_uid);
    if (!cached) StartPrefetch(state);
    if (!cached && state.prefetch) {
      state.prefetch->WaitFor(p.sop_instance_uid);
      cached = state.cache->Get(p.sop_instance_uid);
    }
    if (cached) {
      if (WriteCached(*cached, state.transfer_syntaxes, sink)) return true;
      spdlog::warn("RAD-69: cached instance {} could not be sent after the envelope", p.sop_instance_uid);
      return false;
    }
    // Not prefetched (evicted already, or the prefetch failed): on its own.
  }
  if (!state.session) {
    auto session = state.pacs->OpenSession(state.sop_classes);
    if (!session.ok()) {
      spdlog::error("RAD-69: cannot reach the PACS mid-reply: {}", session.status().ToString());
      return false;
    }
    state.session = std::move(*session);
  }
  RetrieveRequest r;
  r.level = QueryLevel::kInstance;
  r.study_instance_uid = p.study_uid;
  r.series_instance_uid = p.series_uid;
  r.sop_instance_uids = {p.sop_instance_uid};
  AsFiles(state.cache, r);
  bool written = false;
  auto summary = state.session->Fetch(r, [&](RetrievedInstance&& instance) -> Status {
    if (instance.sop_instance_uid != p.sop_instance_uid) return Status::Internal("the PACS sent another instance");
    auto kept = Keep(state.cache, std::move(instance));
    if (!kept.ok()) return kept.status();
    // Streamed from its file, converted first if the consumer needs it.
    if (!WriteCached(*kept, state.transfer_syntaxes, sink)) return Status::Unavailable("RAD-69 reply broke off");
    written = true;
    return Status::Ok();
  });
  if (!summary.ok() || !written) {
    // The envelope promised this instance: abort the package.
    spdlog::warn("RAD-69: instance {} could not be sent after the envelope: {}", p.sop_instance_uid,
                 summary.ok() ? std::string("not delivered") : summary.status().ToString());
    state.session.reset();
    return false;
  }
  return true;
}

std::string WriteResponseBody(const std::vector<Planned>& planned, const std::string& repository_unique_id,
                              const ihe::RegistryErrors& errors) {
  xml::XmlWriter w;
  w.Open("xds:RetrieveDocumentSetResponse").Attr("xmlns:xds", ns::kXdsB).Attr("xmlns:xop", ns::kXop);
  w.Open("rs:RegistryResponse").Attr("xmlns:rs", ns::kRs).Attr("status", ihe::ResponseStatus(errors, !planned.empty()));
  ihe::WriteRegistryErrorList(w, errors);
  w.Close();
  // ITI TF-2 3.43.4.2.2 element order: HomeCommunityId, RepositoryUniqueId,
  // DocumentUniqueId, mimeType, Document.
  for (const auto& p : planned) {
    w.Open("xds:DocumentResponse");
    if (!p.home_community_id.empty()) w.Element("xds:HomeCommunityId", p.home_community_id);
    w.Element("xds:RepositoryUniqueId", repository_unique_id);
    w.Element("xds:DocumentUniqueId", p.sop_instance_uid);
    w.Element("xds:mimeType", "application/dicom");
    w.Open("xds:Document").Open("xop:Include").Attr("href", mime::HrefFromCid(p.content_id)).Close().Close();
    w.Close();
  }
  w.Close();
  return w.Take();
}

}  // namespace

void Rad69Service::Bind(soap::SoapEndpoint& endpoint) {
  endpoint.On(kActionRad69, [this](const soap::SoapRequest& r) { return Retrieve(r); });
}

void Rad69Service::NotePatients(const soap::SoapRequest& request, const Rad69Request& req) const {
  // The SOAP record names the studies; their patient is the PACS's to say
  // (one STUDY-level C-FIND each). A PACS that cannot answer leaves the
  // record without it: the retrieval itself will report the failure.
  for (const auto& study : req.studies) {
    StudyQuery q;
    q.study_instance_uid = study.study_instance_uid;
    auto found = pacs_.FindStudies(q);
    if (!found.ok() || found->empty()) continue;
    auditor_->AddPatient(request.http, AuditedPatientId(patient_rules_, found->front().patient_id,
                                                        found->front().issuer_of_patient_id));
  }
}

Result<soap::SoapReply> Rad69Service::Retrieve(const soap::SoapRequest& request) {
  // A body that is not a well-formed RAD-69 request is a Sender fault.
  auto parsed = ReadRad69Request(request.envelope.body);
  if (!parsed.ok()) return parsed.status();
  const Rad69Request& req = *parsed;
  if (auditor_ != nullptr) NotePatients(request, req);

  ihe::RegistryErrors errors;
  std::vector<Planned> planned;
  bool producible = false;
  for (const auto& ts : req.transfer_syntaxes) producible = producible || CanProduce(ts);
  std::set<std::string> classes;
  std::vector<RetrieveRequest> to_fetch;  // with a cache: what it lacks, per series
  std::set<std::string> prefetched;       // the SOP Instance UIDs to_fetch brings
  std::set<std::string> allowed;
  if (access_ != nullptr) {
    std::vector<std::string> studies;
    for (const auto& study : req.studies) studies.push_back(study.study_instance_uid);
    for (auto& s : AllowedStudies(access_, request.requester, std::move(studies))) allowed.insert(std::move(s));
  }

  for (const auto& study : req.studies) {
    const bool sealed = access_ != nullptr && !allowed.count(study.study_instance_uid);
    for (const auto& series : study.series) {
      std::vector<const Rad69DocumentRequest*> ours;
      for (const auto& d : series.documents) {
        if (d.repository_unique_id == repository_unique_id_ && sealed) {
          // Worded as for an instance the PACS does not hold.
          errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kDocumentUniqueIdError,
                                                     "no instance " + d.document_unique_id + " in series " +
                                                         series.series_instance_uid + " of study " +
                                                         study.study_instance_uid,
                                                     d.document_unique_id));
        } else if (d.repository_unique_id != repository_unique_id_) {
          // Another Imaging Document Source's instance (RAD TF-3 4.69.4.1.3).
          errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kUnknownRepositoryId,
                                                     "repository " + d.repository_unique_id + " is not this imaging source",
                                                     d.document_unique_id));
        } else if (!producible) {
          errors.push_back(ihe::RegistryError::Error(
              ihe::ErrorCode::kRepositoryError,
              "no acceptable transfer syntax: none of the requested syntaxes can be produced", d.document_unique_id));
        } else {
          ours.push_back(&d);
        }
      }
      if (ours.empty()) continue;
      // Instances the cache holds for this study and series are settled
      // without the PACS; C-FIND only for the others.
      std::vector<const Rad69DocumentRequest*> uncached;
      for (const auto* d : ours) {
        auto cached = PeekIn(cache_, study.study_instance_uid, series.series_instance_uid, d->document_unique_id);
        if (!cached) {
          uncached.push_back(d);
          continue;
        }
        if (!cached->sop_class_uid.empty()) classes.insert(cached->sop_class_uid);
        planned.push_back({study.study_instance_uid, series.series_instance_uid, d->document_unique_id,
                           cached->sop_class_uid, d->home_community_id, mime::MtomWriter::NewContentId()});
      }
      ours = std::move(uncached);
      if (ours.empty()) continue;
      auto present = pacs_.FindInstances(study.study_instance_uid, series.series_instance_uid);
      if (!present.ok()) {
        for (const auto* d : ours)
          errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kRepositoryError,
                                                     "the PACS cannot be queried: " + present.status().message(),
                                                     d->document_unique_id));
        continue;
      }
      std::map<std::string, std::string> class_of;
      for (const auto& i : *present) class_of[i.sop_instance_uid] = i.sop_class_uid;
      RetrieveRequest fetch;
      fetch.level = QueryLevel::kInstance;
      fetch.study_instance_uid = study.study_instance_uid;
      fetch.series_instance_uid = series.series_instance_uid;
      for (const auto* d : ours) {
        auto it = class_of.find(d->document_unique_id);
        if (it == class_of.end()) {
          // Unknown, or not in this study and series (xds-i.md §5).
          errors.push_back(ihe::RegistryError::Error(ihe::ErrorCode::kDocumentUniqueIdError,
                                                     "no instance " + d->document_unique_id + " in series " +
                                                         series.series_instance_uid + " of study " + study.study_instance_uid,
                                                     d->document_unique_id));
          continue;
        }
        if (!it->second.empty()) classes.insert(it->second);
        planned.push_back({study.study_instance_uid, series.series_instance_uid, d->document_unique_id, it->second,
                           d->home_community_id, mime::MtomWriter::NewContentId()});
        fetch.sop_instance_uids.push_back(d->document_unique_id);
      }
      if (cache_ == nullptr || fetch.sop_instance_uids.empty()) continue;
      // The whole series asked for (the usual request: every instance of a
      // manifest's series): one series-level C-GET, as WADO-RS fetches it,
      // which the PACS streams without a lookup per UID; the attachments
      // follow the PACS's order (NextAttachment).
      const std::set<std::string> distinct(fetch.sop_instance_uids.begin(), fetch.sop_instance_uids.end());
      if (distinct.size() == present->size()) {
        RetrieveRequest whole = fetch;
        whole.level = QueryLevel::kSeries;
        whole.sop_instance_uids.clear();
        to_fetch.push_back(std::move(whole));
        prefetched.insert(distinct.begin(), distinct.end());
        continue;
      }
      // Some of the series: UID-list batches in envelope order, the first
      // small, so that the first attachment does not wait for the lookup of
      // a long list.
      const std::vector<std::string>& uids = fetch.sop_instance_uids;
      for (size_t at = 0, size = kFirstPrefetchBatch; at < uids.size(); at += size, size = std::min(2 * size, kMaxPrefetchBatch)) {
        RetrieveRequest batch = fetch;
        batch.sop_instance_uids.assign(uids.begin() + at, uids.begin() + std::min(at + size, uids.size()));
        prefetched.insert(batch.sop_instance_uids.begin(), batch.sop_instance_uids.end());
        to_fetch.push_back(std::move(batch));
      }
    }
  }

  spdlog::info("RAD-69 message_id={} requested={} sending={} errors={}", request.envelope.message_id,
               req.DocumentCount(), planned.size(), errors.size());
  soap::SoapReply reply;
  reply.action = std::string(vocab::kActionRetrieveResponse);
  reply.body_xml = WriteResponseBody(planned, repository_unique_id_, errors);
  auto state = std::make_shared<ReplyState>();
  state->pacs = &pacs_;
  state->cache = cache_;
  // Storage is negotiated for the classes found (all of them known from
  // C-FIND), else the default list (a PACS that does not return SOP Class
  // UID at IMAGE level, like dcmqrscp).
  bool all_known = true;
  for (const auto& p : planned) all_known = all_known && !p.sop_class_uid.empty();
  if (all_known) state->sop_classes.assign(classes.begin(), classes.end());
  for (auto& f : to_fetch) f.sop_class_uids = state->sop_classes;
  state->to_fetch = std::move(to_fetch);
  state->transfer_syntaxes = req.transfer_syntaxes;
  for (size_t i = 0; i < planned.size(); ++i) {
    if (prefetched.count(planned[i].sop_instance_uid))
      state->awaited[planned[i].sop_instance_uid].push_back(i);
    else
      state->ready.push_back(i);
  }
  // Each attachment as soon as it is there, not in envelope order (XOP
  // 1.0 §4.1): a PACS sends a batch in its own order.
  reply.next_attachment = [state] { return NextAttachment(*state); };
  for (const auto& p : planned) {
    soap::OutgoingPart part;
    part.content_id = p.content_id;
    part.content_type = "application/dicom";
    part.write = [state, p](const http::ChunkSink& sink) { return StreamInstance(*state, p, sink); };
    reply.attachments.push_back(std::move(part));
  }
  return reply;
}

}  // namespace xds::imaging

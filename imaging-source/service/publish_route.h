// PublishRoute: RAD-68 on request. An operator (`xds publish-study`) or a
// site script asks the running imaging source to publish one study's
// manifest from the site PACS:
//
//   POST {imaging_source.path}/publish     ["/xds/imaging/publish"]
//   {"studyInstanceUid": "1.2.840..."}
//
// answered with the PublishOutcome as JSON (PublishOutcomeToJson) or, on
// failure, {"error": "..."}:
//   200  published (Original, Replaced) or unchanged
//   400  malformed body, or not a UID
//   403  the caller is not on imaging_source.publishers
//   404  the PACS does not hold the study
//   422  the repository refused the submission (its errors in the message)
//   502  the PACS or the repository could not be reached, or gave no answer
//   503  no repository_url: this imaging source publishes nothing
//   500  the publication log failed (IoError)
//
// Who may call it: imaging_source.publishers, entries as in
// wire/security/requester.h ("ip:", "cert-cn:", "cert-subject:"). An empty
// list lets only loopback callers publish (kLoopbackPublishers): a
// publication sends documents to the region on the site's behalf, so it is
// never open to the network by default, and an operator on the node's own
// machine needs no configuration.
//
// No audit record of its own: the StudyPublisher records each RAD-68 sent
// (an Export, ITI-20), which is the event that matters.
//
// Thread-safe: immutable after construction; the publisher serialises
// publications itself.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "imaging-source/publish/study_publisher.h"
#include "wire/base/status.h"
#include "wire/http/http_server.h"

namespace xds::imaging {

// The default of imaging_source.publishers: this machine only.
inline const std::vector<std::string> kLoopbackPublishers = {"ip:127.0.0.1", "ip:::1"};

class PublishRoute {
 public:
  // `publisher` (borrowed, may be null when no repository_url is set: every
  // request then gets 503) must outlive the route. `publishers`: the
  // allow-list; empty means kLoopbackPublishers.
  PublishRoute(StudyPublisher* publisher, std::vector<std::string> publishers);

  // Registers POST `path` on `server` (not yet started).
  void Mount(http::HttpServer& server, const std::string& path);

  http::HttpResponse Handle(const http::HttpRequest& request) const;

 private:
  StudyPublisher* const publisher_;
  const std::vector<std::string> publishers_;
};

// The route's JSON, written and read here only (the route answers with it,
// `xds publish-study` reads it).
std::string PublishRequestJson(const std::string& study_uid);
// The study UID of a request body; InvalidArgument for anything else.
Result<std::string> StudyUidFromPublishRequest(std::string_view body);
// {"kind": "original"|"replaced"|"unchanged", "studyInstanceUid",
//  "entryUUID", "uniqueId", "replacedEntryUUID", "series", "instances"}
std::string PublishOutcomeToJson(const PublishOutcome& outcome);
Result<PublishOutcome> PublishOutcomeFromJson(std::string_view body);
// The "error" of a failure's body ("" when it has none).
std::string PublishErrorFromJson(std::string_view body);

// The HTTP status of a failed publication, by the publisher's error code.
int PublishFailureStatus(const Status& status);

}  // namespace xds::imaging

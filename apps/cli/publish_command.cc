// `xds publish-study`: asks a running Imaging Document Source to publish
// one study's manifest from the site PACS (RAD-68), through its publish
// route (imaging-source/service/publish_route.h, POST <path>/publish). The
// imaging source does the work (C-FIND, KOS, ITI-41 to the repository) and
// answers with what it did; its JSON is read by the route's own codec.
#include <algorithm>
#include <cstdio>

#include "apps/cli/commands.h"
#include "imaging-source/service/publish_route.h"
#include "wire/base/ids.h"
#include "wire/http/http_client.h"

namespace xds::cli {
namespace {

// The imaging source's default RAD-69 path (imaging_source.path), for a
// URL given without one.
constexpr char kDefaultImagingPath[] = "/xds/imaging";

// A publication waits for the PACS queries and the repository's answer
// (itself bounded by imaging_source.repository_timeout_seconds, 60 s by
// default) before the imaging source replies.
constexpr int kPublishTimeoutSeconds = 300;

// "published Original manifest 2.25.. for study 1.2.. (3 series, 40 instances)"
void PrintOutcome(const imaging::PublishOutcome& o) {
  const std::string counts = "(" + std::to_string(o.series) + " series, " + std::to_string(o.instances) + " instances)";
  switch (o.kind) {
    case imaging::PublishKind::kOriginal:
      std::printf("published Original manifest %s for study %s %s\n", o.document_unique_id.c_str(),
                  o.study_instance_uid.c_str(), counts.c_str());
      break;
    case imaging::PublishKind::kReplaced:
      std::printf("published Replacement manifest %s for study %s %s, replacing entry %s\n",
                  o.document_unique_id.c_str(), o.study_instance_uid.c_str(), counts.c_str(),
                  o.replaced_entry_uuid.c_str());
      break;
    case imaging::PublishKind::kUnchanged:
      std::printf("unchanged: manifest %s for study %s is current %s\n", o.document_unique_id.c_str(),
                  o.study_instance_uid.c_str(), counts.c_str());
      break;
  }
}

}  // namespace

int PublishStudy(const soap::SoapClientOptions& client_options, const std::string& imaging_source_url,
                 const std::string& study_uid, bool json) {
  if (!IsOid(study_uid)) {
    std::fprintf(stderr, "'%s' is not a Study Instance UID (digits and dots, at most 64)\n", study_uid.c_str());
    return kUsage;
  }
  auto url = http::SplitUrl(imaging_source_url);
  if (!url.ok()) {
    std::fprintf(stderr, "bad --imaging-source URL: %s\n", url.status().message().c_str());
    return kUsage;
  }
  std::string path = url->path == "/" ? kDefaultImagingPath : url->path;
  if (path.back() == '/') path.pop_back();
  path += "/publish";

  http::HttpClientOptions options = client_options.http;
  options.read_timeout_seconds = std::max(options.read_timeout_seconds, kPublishTimeoutSeconds);
  http::HttpClient client(url->base, options);
  auto reply = client.Post(path, "application/json", imaging::PublishRequestJson(study_uid));
  if (!reply.ok()) {
    if (reply.status().code() == Status::Code::kOutcomeUnknown)
      std::fprintf(stderr, "no answer from the imaging source at %s: %s (the publication may still complete)\n",
                   imaging_source_url.c_str(), reply.status().message().c_str());
    else
      std::fprintf(stderr, "imaging source at %s unreachable: %s\n", imaging_source_url.c_str(),
                   reply.status().message().c_str());
    return kUnreachable;
  }
  if (reply->status != 200) {
    std::string why = imaging::PublishErrorFromJson(reply->body);
    if (why.empty()) why = reply->body;
    // 502/503: the imaging source is up but could not reach the PACS or
    // the repository (or cannot publish at all): unreachable, for scripts.
    const bool upstream = reply->status == 502 || reply->status == 503 || reply->status == 504;
    std::fprintf(stderr, "%s (HTTP %d): %s\n", upstream ? "the imaging source could not publish" : "the imaging source refused",
                 reply->status, why.c_str());
    return upstream ? kUnreachable : kRefused;
  }
  auto outcome = imaging::PublishOutcomeFromJson(reply->body);
  if (!outcome.ok()) {
    std::fprintf(stderr, "unexpected answer from the imaging source: %s\n", outcome.status().message().c_str());
    return kRefused;
  }
  if (json)
    std::printf("%s\n", reply->body.c_str());
  else
    PrintOutcome(*outcome);
  return kOk;
}

}  // namespace xds::cli

// `xds retrieve-study`: an Imaging Document Consumer's retrieve. The KOS
// manifest comes from the repository (ITI-43); its evidence lists every
// series and instance; the images come from the imaging source by RAD-69
// (one request per series, parts streamed to files) or by WADO-RS (one GET
// per instance). Each instance lands as <out>/<SOP Instance UID>.dcm.
// The manifest is read by the imaging source's own KOS code (xds_imaging),
// so DICOM parsing stays in imaging-source/dicom.
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "apps/cli/commands.h"
#include "imaging-source/dicom/kos.h"
#include "imaging-source/service/rad69_request.h"
#include "imaging-source/service/rad69_service.h"
#include "wire/base/durable_file.h"
#include "wire/http/http_client.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_writer.h"

namespace xds::cli {
namespace {

constexpr char kExplicitLittleEndian[] = "1.2.840.10008.1.2.1";

// A UID is digits and dots; anything else must not reach a file name.
bool IsUid(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (!(c == '.' || (c >= '0' && c <= '9'))) return false;
  return true;
}

class Counter {
 public:
  Counter(size_t total, bool shown) : total_(total), shown_(shown) {}
  void Add(size_t n) {
    done_ += n;
    if (shown_) std::fprintf(stderr, "\rretrieved %zu of %zu instances", done_, total_);
    if (shown_ && done_ >= total_) std::fprintf(stderr, "\n");
  }
  size_t done() const { return done_; }

 private:
  size_t total_, done_ = 0;
  bool shown_;
};

Result<imaging::KosDocument> FetchManifest(const soap::SoapClientOptions& client_options,
                                           const StudyRetrieveOptions& o) {
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetRequest(w, {{"", o.repository_unique_id, o.manifest_unique_id}});
  soap::SoapClient client(o.repository_url, client_options);
  auto reply = client.Call(std::string(vocab::kActionRetrieve), w.Take());
  if (!reply.ok()) return Status::Unavailable("cannot reach the repository at " + o.repository_url + ": " +
                                              reply.status().message());
  if (reply->is_fault) return Status::InvalidArgument("the repository answered with a SOAP fault: " + reply->fault.reason);
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  if (!response.ok()) return response.status();
  for (const auto& e : response->errors)
    std::fprintf(stderr, "error %s: %s\n", e.error_code.c_str(), e.code_context.c_str());
  if (response->documents.empty()) return Status::NotFound("the repository did not return manifest " + o.manifest_unique_id);
  auto part = reply->attachments.find(response->documents.front().content_id);
  if (part == reply->attachments.end()) return Status::InvalidArgument("the manifest's MIME part is missing");
  auto bytes = part->second.Read(64u << 20);
  if (!bytes.ok()) return bytes.status();
  return imaging::ReadKos(*bytes);
}

// RAD-69, one series per request; returns the instances written.
int ByRad69(const soap::SoapClientOptions& client_options, const StudyRetrieveOptions& o,
            const imaging::KosDocument& kos, Counter& counter) {
  int failures = 0;
  for (const auto& series : kos.series) {
    imaging::Rad69Request request;
    imaging::Rad69StudyRequest study{kos.study.study_instance_uid, {{series.series_instance_uid, {}}}};
    std::string repository = o.imaging_source_id.empty() ? series.retrieve_location_uid : o.imaging_source_id;
    for (const auto& i : series.instances)
      study.series.front().documents.push_back({"", repository, i.sop_instance_uid});
    request.studies.push_back(std::move(study));
    request.transfer_syntaxes = {kExplicitLittleEndian};
    soap::SoapClientOptions options = client_options;
    options.attachments.directory = o.out_dir;  // instances stream to disk
    options.attachments.compute_sha1 = false;
    soap::SoapClient client(o.imaging_source_url, options);
    auto reply = client.Call(imaging::kActionRad69, imaging::WriteRad69Request(request));
    if (int failed = FailedExchange(reply, "imaging source", o.imaging_source_url)) return failed;
    auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
    if (!response.ok()) {
      std::fprintf(stderr, "unreadable RAD-69 answer: %s\n", response.status().message().c_str());
      return kRefused;
    }
    for (const auto& e : response->errors) {
      std::fprintf(stderr, "error %s: %s\n", e.error_code.c_str(), e.code_context.c_str());
      failures += !e.warning;
    }
    for (const auto& d : response->documents) {
      auto part = reply->attachments.find(d.content_id);
      if (part == reply->attachments.end() || !IsUid(d.document_unique_id)) {
        ++failures;
        continue;
      }
      std::string path = o.out_dir + "/" + d.document_unique_id + ".dcm";
      if (Status s = part->second.MoveTo(path); !s.ok()) {
        std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), s.message().c_str());
        return kUsage;
      }
      counter.Add(1);
    }
  }
  return failures ? kPartial : kOk;
}

// WADO-RS, one GET per instance (PS3.18 10.4): exact file names, bounded memory.
int ByWadoRs(const http::HttpClientOptions& http_options, const StudyRetrieveOptions& o,
             const imaging::KosDocument& kos, Counter& counter) {
  auto url = http::SplitUrl(o.wado_rs_url);
  if (!url.ok()) {
    std::fprintf(stderr, "bad --wado-rs URL: %s\n", url.status().message().c_str());
    return kUsage;
  }
  http::HttpClient client(url->base, http_options);
  int failures = 0;
  for (const auto& series : kos.series)
    for (const auto& i : series.instances) {
      if (!IsUid(i.sop_instance_uid)) continue;
      std::string path = url->path + "/studies/" + kos.study.study_instance_uid + "/series/" +
                         series.series_instance_uid + "/instances/" + i.sop_instance_uid;
      auto got = client.Get(path);
      if (!got.ok()) {
        std::fprintf(stderr, "cannot reach the WADO-RS service at %s: %s\n", o.wado_rs_url.c_str(),
                     got.status().message().c_str());
        return kUnreachable;
      }
      if (got->status != 200) {
        std::fprintf(stderr, "instance %s: HTTP %d %s\n", i.sop_instance_uid.c_str(), got->status, got->body.c_str());
        ++failures;
        continue;
      }
      // multipart/related; type="application/dicom": the one part's body
      // lies between the first blank line and the closing delimiter.
      const std::string& body = got->body;
      size_t start = body.find("\r\n\r\n");
      size_t boundary_end = body.find("\r\n");
      std::string delimiter = "\r\n" + body.substr(0, boundary_end);
      size_t end = body.find(delimiter, start == std::string::npos ? 0 : start + 4);
      if (start == std::string::npos || end == std::string::npos) {
        std::fprintf(stderr, "instance %s: not a multipart answer\n", i.sop_instance_uid.c_str());
        ++failures;
        continue;
      }
      std::ofstream(o.out_dir + "/" + i.sop_instance_uid + ".dcm", std::ios::binary)
          .write(body.data() + start + 4, static_cast<std::streamsize>(end - start - 4));
      counter.Add(1);
    }
  return failures ? (counter.done() ? kPartial : kRefused) : kOk;
}

}  // namespace

int RetrieveStudy(const soap::SoapClientOptions& client_options, const StudyRetrieveOptions& o) {
  if (o.imaging_source_url.empty() == o.wado_rs_url.empty()) {
    std::fprintf(stderr, "give exactly one of --imaging-source (RAD-69) and --wado-rs\n");
    return kUsage;
  }
  if (Status s = MakeDirectories(o.out_dir); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return kUsage;
  }
  auto kos = FetchManifest(client_options, o);
  if (!kos.ok()) {
    std::fprintf(stderr, "manifest %s: %s\n", o.manifest_unique_id.c_str(), kos.status().message().c_str());
    return kos.status().code() == Status::Code::kUnavailable ? kUnreachable : kRefused;
  }
  size_t total = 0;
  for (const auto& s : kos->series) total += s.instances.size();
  Counter counter(total, o.progress || isatty(2));
  int code = o.imaging_source_url.empty() ? ByWadoRs(client_options.http, o, *kos, counter)
                                          : ByRad69(client_options, o, *kos, counter);
  std::printf("study %s: %zu of %zu instances in %s\n", kos->study.study_instance_uid.c_str(), counter.done(), total,
              o.out_dir.c_str());
  return code;
}

}  // namespace xds::cli

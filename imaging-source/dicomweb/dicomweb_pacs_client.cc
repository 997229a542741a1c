// PacsClient over DICOMweb: QIDO-RS (PS3.18 10.6) and WADO-RS (PS3.18 10.4)
// through wire/http's client, one HTTP connection per call.
#include "imaging-source/dicomweb/dicomweb_pacs_client.h"

#include <algorithm>

#include "imaging-source/dicomweb/qido_json.h"
#include "imaging-source/dicomweb/wado_multipart_reader.h"
#include "wire/http/http_client.h"

namespace xds::imaging {
namespace {

// PS3.18 8.7.3.5.2 / 8.7.6: "*" asks for the instances as stored, bit for
// bit (no transcoding by the PACS), as C-GET's stored-syntax contexts do.
constexpr char kAcceptInstances[] = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
constexpr char kAcceptJson[] = "application/dicom+json";
// How much of an error answer's body goes into the message.
constexpr size_t kErrorBodyChars = 300;
// Cap on a QIDO-RS answer (STYLE.md: cap untrusted input before parsing).
// Orthanc sends about 1 KiB per match: room for some 60,000 instances in
// a series, far beyond a real one.
constexpr size_t kMaxQidoBytes = 64 << 20;

// UIDs go into URL paths: only digits and dots (PS3.5 9.1), so that a
// hostile request cannot name another resource.
bool IsUid(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// RFC 3986 percent-encoding of a query value.
std::string QueryEscape(const std::string& value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The service root split into what HttpClient connects to and the path
// every request starts with (no trailing slash).
struct Root {
  std::string base;
  std::string path;
};

Root RootOf(const std::string& url) {
  Root r;
  auto parts = http::SplitUrl(url);
  if (!parts.ok()) return r;
  r.base = parts->base;
  r.path = parts->path;
  while (!r.path.empty() && r.path.back() == '/') r.path.pop_back();
  return r;
}

std::unique_ptr<http::HttpClient> Connect(const PacsConfig& config, const Root& root) {
  http::HttpClientOptions o;
  o.connect_timeout_seconds = config.connect_timeout_seconds;
  o.read_timeout_seconds = config.dicomweb_timeout_seconds;
  o.tls = config.dicomweb_tls;
  return std::make_unique<http::HttpClient>(root.base, o);
}

// A failed exchange as the PacsClient interface reports it. A GET changes
// nothing at the PACS, so "outcome unknown" (no answer in time) is simply
// Unavailable here.
Status TransportFailure(const Status& s, const std::string& what) {
  if (s.code() == Status::Code::kInvalidArgument) return Status::InvalidArgument(what + ": " + s.message());
  if (s.code() == Status::Code::kOutcomeUnknown)
    return Status::Unavailable(what + ": the PACS did not answer in time (" + s.message() + ")");
  return Status::Unavailable(what + ": the PACS cannot be reached (" + s.message() + ")");
}

// `s` with `what` in front of its message; a broken or unreadable answer
// keeps its kind (InvalidArgument, IoError), anything else is Unavailable.
Status WithContext(const Status& s, const std::string& what) {
  const std::string message = what + ": " + s.message();
  if (s.code() == Status::Code::kInvalidArgument) return Status::InvalidArgument(message);
  if (s.code() == Status::Code::kIoError) return Status::IoError(message);
  return Status::Unavailable(message);
}

Status AnswerFailure(int status, const std::string& body, const std::string& what) {
  std::string message = what + " answered HTTP " + std::to_string(status);
  if (!body.empty()) message += ": " + body.substr(0, kErrorBodyChars);
  if (status == 404) return Status::NotFound(message);
  return Status::Unavailable(message);
}

// One WADO-RS GET whose instances go to `on_instance` as they arrive.
// Returns how many arrived; NotFound when the PACS has none there.
Result<int> FetchOne(http::HttpClient& client, const std::string& path, const std::string& files_dir,
                     const InstanceCallback& on_instance) {
  const std::string what = "WADO-RS " + path;
  dicomweb::WadoMultipartReader reader(files_dir, on_instance);
  std::string error_body;
  Status started;
  bool answering = false;  // a 200 head came: a failure from here on is a broken answer
  auto head = client.GetStreaming(path, {{"Accept", kAcceptInstances}}, [&](const http::HttpResponse& h) {
    answering = h.status == 200;
    if (h.status != 200) {
      return http::ChunkSink([&error_body](std::string_view b) {
        if (error_body.size() < kErrorBodyChars) error_body.append(b.substr(0, kErrorBodyChars - error_body.size()));
        return true;
      });
    }
    started = reader.Start(h.content_type);
    if (!started.ok()) return http::ChunkSink();
    return http::ChunkSink([&reader](std::string_view b) { return reader.Feed(b); });
  });
  // What stopped the transfer, most specific first: the callback, a part
  // we could not take, the answer's framing, the connection.
  if (!reader.stopped_by_callback().ok()) return reader.stopped_by_callback();
  if (!started.ok()) return Status::Unavailable(what + ": " + started.message());
  if (!reader.status().ok()) return WithContext(reader.status(), what);
  if (!head.ok()) {
    if (answering)
      return Status::Unavailable(what + ": the answer broke off after " + std::to_string(reader.delivered()) +
                                 " instance(s) (" + head.status().message() + ")");
    return TransportFailure(head.status(), what);
  }
  if (head->status == 204) return Status::NotFound(what + ": the PACS holds nothing there");
  if (head->status != 200) return AnswerFailure(head->status, error_body, what);
  Status finished = reader.Finish();
  if (!finished.ok()) return Status::Unavailable(what + ": " + finished.message());
  if (reader.delivered() == 0) return Status::NotFound(what + ": the PACS answered no instance");
  return reader.delivered();
}

// PS3.18 10.4.1: study, series and instance resources. WADO-RS has no
// instance list; instance-level requests fetch one instance per GET, on
// the same connection.
Result<RetrieveSummary> Fetch(http::HttpClient& client, const PacsConfig& config, const Root& root,
                              const RetrieveRequest& request, const InstanceCallback& on_instance) {
  if (!IsUid(request.study_instance_uid) ||
      (request.level != QueryLevel::kStudy && !IsUid(request.series_instance_uid)))
    return Status::InvalidArgument("WADO-RS: study and series must be DICOM UIDs");
  const std::string study = root.path + "/studies/" + request.study_instance_uid;
  const std::string series = study + "/series/" + request.series_instance_uid;
  std::vector<std::string> paths;
  if (request.level == QueryLevel::kStudy) {
    paths.push_back(study);
  } else if (request.level == QueryLevel::kSeries || request.sop_instance_uids.empty()) {
    // An empty UID list matches the whole series, as in C-GET (PS3.4 C.2.2.2.3).
    paths.push_back(series);
  } else {
    for (const auto& uid : request.sop_instance_uids) {
      if (!IsUid(uid)) return Status::InvalidArgument("WADO-RS: '" + uid + "' is not a DICOM UID");
      paths.push_back(series + "/instances/" + uid);
    }
  }
  const std::string files_dir = !request.as_files ? "" : request.files_dir.empty() ? config.spool_dir : request.files_dir;
  RetrieveSummary summary;
  for (const auto& path : paths) {
    auto got = FetchOne(client, path, files_dir, on_instance);
    // One missing instance of several is a failed sub-operation, as in
    // C-GET; anything else ends the retrieval.
    if (!got.ok() && !(got.status().code() == Status::Code::kNotFound && paths.size() > 1)) return got.status();
    if (got.ok()) {
      summary.delivered += *got;
    } else {
      ++summary.failed;
    }
  }
  if (summary.delivered == 0)
    return Status::NotFound("the PACS holds nothing that matches study " + request.study_instance_uid);
  summary.completed = summary.delivered;
  summary.final_status = summary.failed == 0 ? 0x0000 : 0xB000;  // PS3.4 C.4.3.1.4: Warning, some failed
  return summary;
}

// One connection for several fetches (RAD-69 asks instance by instance).
class DicomWebSession : public RetrieveSession {
 public:
  DicomWebSession(const PacsConfig& config, const Root& root)
      : config_(config), root_(root), client_(Connect(config, root)) {}
  Result<RetrieveSummary> Fetch(const RetrieveRequest& request, const InstanceCallback& on_instance) override {
    return imaging::Fetch(*client_, config_, root_, request, on_instance);
  }

 private:
  const PacsConfig& config_;  // the client's, which outlives its sessions
  Root root_;
  std::unique_ptr<http::HttpClient> client_;
};

class DicomWebPacsClient : public PacsClient {
 public:
  explicit DicomWebPacsClient(PacsConfig config) : config_(std::move(config)), root_(RootOf(config_.dicomweb_url)) {}

  Status Echo() override {
    // The cheapest QIDO-RS request there is; a 404 means a wrong root.
    auto r = Query(root_.path + "/studies?limit=1", /*absent_is_empty=*/false);
    return r.ok() ? Status::Ok() : r.status();
  }

  Result<std::vector<StudyInfo>> FindStudies(const StudyQuery& q) override {
    // PS3.18 10.6.1.2: matching keys as query parameters; includefield for
    // the return keys beyond the default set (Table 10.6.3-3), named
    // explicitly so that every PACS returns what C-FIND asks for.
    std::string path = root_.path + "/studies?includefield=00100021&includefield=00081030"
                                    "&includefield=00100030&includefield=00100040&includefield=00200010"
                                    "&includefield=00080090&includefield=00080020&includefield=00080030";
    auto add = [&path](const char* key, const std::string& value) {
      if (!value.empty()) path += std::string("&") + key + "=" + QueryEscape(value);
    };
    add("StudyInstanceUID", q.study_instance_uid);
    if (!q.study_date_from.empty() || !q.study_date_to.empty())
      add("StudyDate", q.study_date_from + "-" + q.study_date_to);
    add("PatientID", q.patient_id);
    add("AccessionNumber", q.accession_number);
    auto body = Query(path, /*absent_is_empty=*/false);
    if (!body.ok()) return body.status();
    return dicomweb::ParseStudies(*body);
  }

  Result<std::vector<SeriesInfo>> FindSeries(const std::string& study_uid) override {
    if (!IsUid(study_uid)) return Status::InvalidArgument("QIDO-RS: study must be a DICOM UID");
    auto body = Query(root_.path + "/studies/" + study_uid +
                          "/series?includefield=0008103E&includefield=00180015&includefield=00200011",
                      /*absent_is_empty=*/true);
    if (!body.ok()) return body.status();
    return dicomweb::ParseSeries(*body);
  }

  Result<std::vector<InstanceInfo>> FindInstances(const std::string& study_uid,
                                                  const std::string& series_uid) override {
    if (!IsUid(study_uid) || !IsUid(series_uid))
      return Status::InvalidArgument("QIDO-RS: study and series must be DICOM UIDs");
    auto body = Query(root_.path + "/studies/" + study_uid + "/series/" + series_uid +
                          "/instances?includefield=00200013",
                      /*absent_is_empty=*/true);
    if (!body.ok()) return body.status();
    return dicomweb::ParseInstances(*body);
  }

  Result<RetrieveSummary> Retrieve(const RetrieveRequest& request, const InstanceCallback& on_instance) override {
    auto client = Connect(config_, root_);
    return imaging::Fetch(*client, config_, root_, request, on_instance);
  }

  Result<std::unique_ptr<RetrieveSession>> OpenSession(const std::vector<std::string>&) override {
    // No negotiation in DICOMweb: the connection opens with the first fetch.
    return std::unique_ptr<RetrieveSession>(new DicomWebSession(config_, root_));
  }

 private:
  // A QIDO-RS GET. The body of a 200; empty for 204 (no match) and, when
  // `absent_is_empty`, for 404 (a study or series the PACS does not know:
  // no match, as C-FIND would say).
  Result<std::string> Query(const std::string& path, bool absent_is_empty) {
    const std::string what = "QIDO-RS " + config_.dicomweb_url;
    if (root_.base.empty()) return Status::InvalidArgument("dicomweb_url '" + config_.dicomweb_url + "' is not a URL");
    auto client = Connect(config_, root_);
    std::string body;
    bool too_large = false;
    auto r = client->GetStreaming(path, {{"Accept", kAcceptJson}}, [&](const http::HttpResponse&) {
      return http::ChunkSink([&](std::string_view b) {
        too_large = body.size() + b.size() > kMaxQidoBytes;
        if (!too_large) body.append(b);
        return !too_large;
      });
    });
    if (too_large)
      return Status::TooLarge(what + ": the answer exceeds " + std::to_string(kMaxQidoBytes >> 20) + " MiB");
    if (!r.ok()) return TransportFailure(r.status(), what);
    if (r->status == 204 || (r->status == 404 && absent_is_empty)) return std::string();
    if (r->status != 200) {
      Status s = AnswerFailure(r->status, body, what + path.substr(root_.path.size()));
      return Status::Unavailable(s.message());  // a wrong root, not a missing study
    }
    return body;
  }

  PacsConfig config_;
  Root root_;
};

}  // namespace

std::unique_ptr<PacsClient> NewDicomWebPacsClient(PacsConfig config) {
  return std::make_unique<DicomWebPacsClient>(std::move(config));
}

}  // namespace xds::imaging

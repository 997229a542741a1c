#include <unistd.h>

#include <cstdio>
#include <memory>

#include "apps/cli/commands.h"
#include "wire/base/file_source.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/xml/xml_writer.h"
#include "wire/soap/soap_client.h"

namespace xds::cli {
namespace {

// Counts bytes as they go out and reports every 5% on stderr (when it is a
// terminal or --progress asked for it).
class Progress {
 public:
  Progress(uint64_t total, bool shown) : total_(total), shown_(shown) {}
  void Add(size_t n) {
    sent_ += n;
    int percent = total_ ? static_cast<int>(sent_ * 100 / total_) : 100;
    if (shown_ && percent >= next_) {
      std::fprintf(stderr, "\rsent %3d%% (%llu of %llu bytes)", percent, static_cast<unsigned long long>(sent_),
                   static_cast<unsigned long long>(total_));
      if (percent >= 100) std::fprintf(stderr, "\n");
      next_ = percent + 5;
    }
  }

 private:
  uint64_t total_;
  uint64_t sent_ = 0;
  bool shown_;
  int next_ = 0;
};

}  // namespace

int Submit(const soap::SoapClientOptions& client_options, const std::string& repository_url,
           const SubmitOptions& options, const std::vector<std::string>& paths, bool progress_wanted) {
  std::vector<SubmittedFile> files;
  std::vector<std::shared_ptr<FileSource>> sources;
  uint64_t total = 0;
  for (const std::string& path : paths) {
    auto source = FileSource::Open(path);
    if (!source.ok()) {
      std::fprintf(stderr, "%s\n", source.status().message().c_str());
      return kUsage;
    }
    total += (*source)->size();
    sources.push_back(std::move(*source));
    files.push_back({path, {}, {}, {}});
  }
  auto metadata = BuildSubmission(options, files);
  if (!metadata.ok()) {
    std::fprintf(stderr, "%s\n", metadata.status().message().c_str());
    return kUsage;
  }
  auto progress = std::make_shared<Progress>(total, progress_wanted || isatty(2));
  std::vector<ihe::ProvidedDocument> documents;
  std::vector<soap::OutgoingPart> parts;
  for (size_t i = 0; i < files.size(); ++i) {
    ihe::ProvidedDocument d;
    d.id = files[i].entry_id;
    d.content_id = files[i].entry_id + "@xds-cli";
    documents.push_back(d);
    std::shared_ptr<FileSource> source = sources[i];
    parts.push_back({d.content_id, files[i].mime_type, source->size(), [source, progress](const http::ChunkSink& sink) {
                       return source->WriteTo([&](std::string_view chunk) {
                         progress->Add(chunk.size());
                         return sink(chunk);
                       });
                     }});
  }
  xml::XmlWriter w;
  ihe::WriteProvideAndRegisterRequest(w, *metadata, documents);
  soap::SoapClient client(repository_url, client_options);
  auto reply = client.Call(std::string(vocab::kActionProvideAndRegister), w.Take(), parts);
  if (int failed = FailedExchange(reply, "repository", repository_url)) return failed;
  auto response = ihe::ReadRegistryResponse(reply->body);
  if (!response.ok()) {
    std::fprintf(stderr, "unreadable answer: %s\n", response.status().message().c_str());
    return kRefused;
  }
  PrintErrors(response->errors);
  if (!response->success()) {
    std::fprintf(stderr, "submission refused (%s)\n", response->status.c_str());
    return kRefused;
  }
  for (const SubmittedFile& f : files)
    std::printf("%s\t%s\t%s\n", f.unique_id.c_str(), f.mime_type.c_str(), f.path.c_str());
  if (!options.folder_title.empty()) std::printf("folder\t%s\n", options.folder_title.c_str());
  return kOk;
}

}  // namespace xds::cli

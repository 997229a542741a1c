#include "bench/repository_transfers.h"

#include <cstring>
#include <optional>

#include "tests/support/repository_calls.h"
#include "tests/support/submission_builder.h"
#include "wire/base/digest.h"
#include "wire/base/durable_file.h"
#include "wire/base/file_source.h"
#include "wire/base/ids.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/xml/xml_writer.h"

namespace xds::bench {
namespace {

// splitmix64: fast, and its output does not compress.
uint64_t NextRandom(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::string FirstError(const ihe::RegistryResponse& r) {
  if (r.errors.empty()) return r.status;
  return r.errors.front().error_code + ": " + r.errors.front().code_context;
}

soap::SoapClientOptions ClientOptions(const std::string& spool_dir, int timeout_seconds, bool hash_replies) {
  soap::SoapClientOptions o;
  o.http.read_timeout_seconds = timeout_seconds;
  o.attachments.directory = spool_dir;
  o.attachments.compute_sha1 = hash_replies;
  return o;
}

http::HttpClientOptions HttpOptions(int timeout_seconds) {
  http::HttpClientOptions o;
  o.read_timeout_seconds = timeout_seconds;
  return o;
}

}  // namespace

Result<SourceFile> MakeSourceFile(const std::string& path, uint64_t size, uint64_t seed) {
  auto out = FileWriter::Create(path);
  if (!out.ok()) return out.status();
  Sha1 sha1;
  std::string buffer(1 << 20, '\0');
  uint64_t state = seed;
  for (uint64_t written = 0; written < size;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(buffer.size(), size - written));
    for (size_t i = 0; i < n; i += 8) {
      uint64_t r = NextRandom(state);
      std::memcpy(buffer.data() + i, &r, std::min<size_t>(8, n - i));
    }
    std::string_view chunk(buffer.data(), n);
    sha1.Update(chunk);
    XDS_RETURN_IF_ERROR(out->Write(chunk));
    written += n;
  }
  // Kept under its name: fsync here only so that later fsyncs of the server
  // do not also pay for these pages.
  XDS_RETURN_IF_ERROR(out->Close());
  return SourceFile{path, size, sha1.FinishHex()};
}

RepositoryClient::RepositoryClient(const std::string& url, std::string repository_unique_id, std::string patient_id,
                                   const std::string& spool_dir, int timeout_seconds, bool hash_replies)
    : url_(url),
      repository_unique_id_(std::move(repository_unique_id)),
      patient_id_(std::move(patient_id)),
      client_(url, ClientOptions(spool_dir, timeout_seconds, hash_replies)) {}

PreparedProvide RepositoryClient::Prepare() const {
  testing::SubmissionBuilder builder(patient_id_);
  testing::DocumentOptions options;
  options.mime_type = "application/octet-stream";
  builder.AddDocument("Document01", options);
  testing::OmitRepositoryAttributes(builder, "Document01");
  PreparedProvide p;
  p.unique_id = ihe::UniqueIdOf(builder.Object("Document01"));
  testing::ProvideRequest request = testing::BuildProvide(builder.Build(), {{"Document01", "", false}});
  p.body_xml = std::move(request.body_xml);
  p.content_id = request.attachments.at(0).content_id;
  return p;
}

Status RepositoryClient::Provide(const PreparedProvide& request, const SourceFile& file) {
  auto source = FileSource::Open(file.path);
  if (!source.ok()) return source.status();
  std::shared_ptr<FileSource> from = *source;
  std::vector<soap::OutgoingPart> parts{{request.content_id, "application/octet-stream", file.size,
                                         [from](const http::ChunkSink& sink) { return from->WriteTo(sink); }}};
  auto reply = client_.Call(std::string(vocab::kActionProvideAndRegister), request.body_xml, parts);
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::Internal("ITI-41 fault: " + reply->fault.reason);
  auto response = ihe::ReadRegistryResponse(reply->body);
  if (!response.ok()) return response.status();
  if (!response->success()) return Status::Internal("ITI-41 refused: " + FirstError(*response));
  return Status::Ok();
}

Status RepositoryClient::Retrieve(const std::string& unique_id, const SourceFile& expected, bool check_hash) {
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetRequest(w, {{"", repository_unique_id_, unique_id}});
  auto reply = client_.Call(std::string(vocab::kActionRetrieve), w.Take());
  if (!reply.ok()) return reply.status();
  if (reply->is_fault) return Status::Internal("ITI-43 fault: " + reply->fault.reason);
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  if (!response.ok()) return response.status();
  if (response->documents.size() != 1) return Status::Internal("ITI-43 status " + response->status);
  auto part = reply->attachments.find(response->documents.front().content_id);
  if (part == reply->attachments.end()) return Status::Internal("ITI-43 reply lacks its attachment");
  if (part->second.size() != expected.size)
    return Status::Internal("ITI-43 returned " + std::to_string(part->second.size()) + " bytes, not " +
                            std::to_string(expected.size));
  if (check_hash && part->second.sha1_hex() != expected.sha1_hex)
    return Status::Internal("ITI-43 returned other bytes (SHA-1 " + part->second.sha1_hex() + ")");
  return Status::Ok();  // the spool file goes with `reply`
}

PlainClient::PlainClient(const std::string& base_url, const std::string& spool_dir, int timeout_seconds)
    : spool_dir_(spool_dir), client_(base_url, HttpOptions(timeout_seconds)) {}

Status PlainClient::Put(const std::string& name, const SourceFile& file) {
  auto source = FileSource::Open(file.path);
  if (!source.ok()) return source.status();
  std::shared_ptr<FileSource> from = *source;
  int status = 0;
  auto sent = client_.SendStreaming(
      "PUT", "/upload/" + name, "application/octet-stream", file.size,
      [from](const http::ChunkSink& sink) { return from->WriteTo(sink); },
      [&status](const http::HttpResponse& head) -> http::ChunkSink {
        status = head.status;
        return [](std::string_view) { return true; };
      });
  if (!sent.ok()) return sent.status();
  if (status != 201 && status != 204) return Status::Internal("PUT answered HTTP " + std::to_string(status));
  return Status::Ok();
}

Status PlainClient::Get(const std::string& name, uint64_t size) {
  auto file = FileWriter::Create(spool_dir_ + "/" + NewUuid() + ".get");
  if (!file.ok()) return file.status();
  int status = 0;
  Status written;
  auto got = client_.SendStreaming(
      "GET", "/files/" + name, "", std::nullopt, nullptr, [&](const http::HttpResponse& head) -> http::ChunkSink {
        status = head.status;
        return [&](std::string_view chunk) { return (written = file->Write(chunk)).ok(); };
      });
  XDS_RETURN_IF_ERROR(written);
  if (!got.ok()) return got.status();
  if (status != 200) return Status::Internal("GET answered HTTP " + std::to_string(status));
  if (file->size() != size)
    return Status::Internal("GET returned " + std::to_string(file->size()) + " bytes, not " + std::to_string(size));
  return Status::Ok();  // the FileWriter removes the file: it was never committed
}

}  // namespace xds::bench

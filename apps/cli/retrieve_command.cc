#include <cctype>
#include <cstdio>
#include <map>

#include "apps/cli/commands.h"
#include "wire/base/durable_file.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/vocabulary.h"
#include "wire/soap/soap_client.h"
#include "wire/xml/xml_writer.h"

namespace xds::cli {
namespace {

std::string ExtensionFor(const std::string& mime_type) {
  static const std::map<std::string, std::string> kExtensions = {
      {"application/pdf", ".pdf"}, {"text/xml", ".xml"},   {"text/plain", ".txt"},        {"text/html", ".html"},
      {"image/jpeg", ".jpg"},      {"image/png", ".png"},  {"image/tiff", ".tif"},        {"video/mp4", ".mp4"},
      {"application/dicom", ".dcm"}, {"text/rtf", ".rtf"}, {"application/json", ".json"}};
  auto it = kExtensions.find(mime_type);
  return it == kExtensions.end() ? ".bin" : it->second;
}

// uniqueIds are OIDs, but a file name must not let a hostile answer climb
// out of the output folder.
std::string SafeName(const std::string& unique_id) {
  std::string out;
  for (char c : unique_id) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-') ? c : '_';
  if (out.empty() || out[0] == '.') out = "_" + out;
  return out;
}

}  // namespace

int Retrieve(const soap::SoapClientOptions& client_options, const std::string& repository_url,
             const std::string& repository_unique_id, const std::vector<std::string>& unique_ids,
             const std::string& out_dir) {
  if (Status s = MakeDirectories(out_dir); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return kUsage;
  }
  std::vector<ihe::DocumentRequest> requests;
  for (const std::string& id : unique_ids) requests.push_back({"", repository_unique_id, id});
  xml::XmlWriter w;
  ihe::WriteRetrieveDocumentSetRequest(w, requests);
  soap::SoapClientOptions options = client_options;
  options.attachments.directory = out_dir;  // documents stream to disk, then get their names
  soap::SoapClient client(repository_url, options);
  auto reply = client.Call(std::string(vocab::kActionRetrieve), w.Take());
  if (int failed = FailedExchange(reply, "repository", repository_url)) return failed;
  auto response = ihe::ReadRetrieveDocumentSetResponse(reply->body);
  if (!response.ok()) {
    std::fprintf(stderr, "unreadable answer: %s\n", response.status().message().c_str());
    return kRefused;
  }
  for (const auto& e : response->errors)
    std::fprintf(stderr, "error %s: %s\n", e.error_code.c_str(), e.code_context.c_str());
  for (const ihe::DocumentResponse& d : response->documents) {
    auto part = reply->attachments.find(d.content_id);
    if (part == reply->attachments.end()) {
      std::fprintf(stderr, "document %s: its MIME part is missing from the answer\n", d.document_unique_id.c_str());
      continue;
    }
    std::string path = out_dir + "/" + SafeName(d.document_unique_id) + ExtensionFor(d.mime_type);
    if (Status s = part->second.MoveTo(path); !s.ok()) {
      std::fprintf(stderr, "cannot write %s: %s\n", path.c_str(), s.message().c_str());
      return kUsage;
    }
    std::printf("%s\t%s\t%s\n", d.document_unique_id.c_str(), d.mime_type.c_str(), path.c_str());
  }
  if (response->documents.empty()) return kRefused;
  return response->errors.empty() ? kOk : kPartial;
}

}  // namespace xds::cli

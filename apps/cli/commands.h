// The subcommands of `xds`, the project's command-line client, as a
// Document Source and Document Consumer would use it. Each prints what
// happened and returns the process exit code:
//   0 success, 1 the actor refused (IHE errors or a SOAP fault), 2 bad
//   command-line input, 3 the actor could not be reached, 4 partial success.
#pragma once

#include <string>
#include <vector>

#include "apps/cli/document_metadata.h"
#include "wire/soap/soap_client.h"

namespace xds::cli {

enum ExitCode { kOk = 0, kRefused = 1, kUsage = 2, kUnreachable = 3, kPartial = 4 };

// After a SOAP exchange with `actor` (e.g. "repository") at `url`: 0 when a
// normal reply came back; otherwise prints why on stderr and returns the
// exit code (kUnreachable, or kRefused for a SOAP fault).
int FailedExchange(const Result<soap::SoapResponse>& reply, const char* actor, const std::string& url);

// ITI-41: sends `paths` with metadata from `options` to a repository. The
// files stream from disk (MTOM), with progress on stderr for large ones.
int Submit(const std::string& repository_url, const SubmitOptions& options, const std::vector<std::string>& paths);

// ITI-43: retrieves documents into `out_dir`, one file per uniqueId (with
// an extension from its mimeType), streamed to disk.
int Retrieve(const std::string& repository_url, const std::string& repository_unique_id,
             const std::vector<std::string>& unique_ids, const std::string& out_dir);

// ITI-18 FindDocuments for a patient; prints a table, JSON or the raw
// ebXML response. `statuses` are "approved"/"deprecated" (default approved).
enum class OutputFormat { kTable, kJson, kRaw };
int FindDocuments(const std::string& registry_url, const std::string& patient_id,
                  const std::vector<std::string>& statuses, OutputFormat format);

}  // namespace xds::cli

// The subcommands of `xds`, the project's command-line client, as a
// Document Source, Document Consumer and Imaging Document Consumer would
// use it. Each prints what happened and returns the process exit code,
// stable for scripts (README "Command-line client"):
//   0 success
//   1 the actor refused: IHE errors (RegistryErrorList), a SOAP fault, an
//     HL7 AE/AR acknowledgement
//   2 bad command-line input (unknown option, malformed code, missing file)
//   3 the actor could not be reached (connection refused, timeout)
//   4 partial success (some documents or instances came back, not all)
#pragma once

#include <string>
#include <vector>

#include "apps/cli/document_metadata.h"
#include "wire/access/access_messages.h"
#include "wire/ihe/registry_error.h"
#include "wire/soap/soap_client.h"

namespace xds::cli {

enum class OutputFormat { kTable, kJson, kRaw };

enum ExitCode { kOk = 0, kRefused = 1, kUsage = 2, kUnreachable = 3, kPartial = 4 };

// The global options of `xds`: how it reaches the actors. For https://
// URLs, --ca names whom it trusts and --cert/--key the certificate it shows
// (mutual TLS, ATNA ITI-19); --assertion is a file holding the user's signed
// SAML 2.0 assertion, sent in a wsse:Security header of every SOAP request
// (XUA, ITI-40).
struct Connection {
  std::string ca_file;
  std::string certificate_file;
  std::string private_key_file;
  std::string assertion_file;
};

// Fills `out` (TLS settings, header blocks) from `connection`; kOk, or
// kUsage after saying why on stderr (unreadable or non-SAML assertion file,
// --cert without --key).
int ClientOptions(const Connection& connection, soap::SoapClientOptions& out);

// After a SOAP exchange with `actor` (e.g. "repository") at `url`: 0 when a
// normal reply came back; otherwise prints why on stderr and returns the
// exit code (kUnreachable, or kRefused for a SOAP fault).
int FailedExchange(const Result<soap::SoapResponse>& reply, const char* actor, const std::string& url);

// Prints each RegistryError on stderr as "error|warning CODE: codeContext".
void PrintErrors(const ihe::RegistryErrors& errors);

// ITI-41: sends `paths` with metadata from `options` to a repository. The
// files stream from disk (MTOM), with progress on stderr when it is a
// terminal or `progress` is set. With no path, submits the folder alone.
// Every command takes the `client` options ClientOptions() made.
int Submit(const soap::SoapClientOptions& client, const std::string& repository_url, const SubmitOptions& options,
           const std::vector<std::string>& paths, bool progress = false);

// ITI-43: retrieves documents into `out_dir`, one file per uniqueId (with
// an extension from its mimeType), streamed to disk.
int Retrieve(const soap::SoapClientOptions& client, const std::string& repository_url,
             const std::string& repository_unique_id, const std::vector<std::string>& unique_ids,
             const std::string& out_dir);

// ITI-18 FindDocuments for a patient; prints a table, JSON or the raw
// ebXML response. `statuses` are "approved"/"deprecated" (default approved).
int FindDocuments(const soap::SoapClientOptions& client, const std::string& registry_url,
                  const std::string& patient_id, const std::vector<std::string>& statuses, OutputFormat format);

// Any ITI-18 stored query by its name (StoredQueryNames()).
struct QueryOptions {
  std::string query = "FindDocuments";
  std::string patient_id;                      // the query's patient parameter
  std::vector<std::string> statuses;           // approved / deprecated (default approved)
  std::vector<std::string> uuids;              // entryUUID parameter
  std::vector<std::string> unique_ids;         // uniqueId parameter
  std::vector<std::string> association_types;  // RPLC, APND, ... or full URNs
  std::vector<std::string> raw_params;         // "$Name=value text" as ebRS writes it
  bool object_refs = false;                    // returnType ObjectRef
  OutputFormat format = OutputFormat::kTable;
};
std::vector<std::string> StoredQueryNames();
int StoredQueryCommand(const soap::SoapClientOptions& client, const std::string& registry_url,
                       const QueryOptions& options);

// ITI-8: registers a patient by an ADT^A04 over MLLP (host:port).
int AddPatient(const std::string& mllp, const std::string& patient_id, const std::string& family,
               const std::string& given);

// A study's images through its KOS manifest: ITI-43 for the manifest, then
// RAD-69 (imaging_source_url) or WADO-RS (wado_rs_url) into out_dir.
struct StudyRetrieveOptions {
  std::string repository_url;
  std::string repository_unique_id;
  std::string manifest_unique_id;
  std::string imaging_source_url;
  std::string imaging_source_id;  // RAD-69 RepositoryUniqueId (default: the KOS Retrieve Location UID)
  std::string wado_rs_url;
  std::string out_dir = ".";
  bool progress = false;
};
int RetrieveStudy(const soap::SoapClientOptions& client, const StudyRetrieveOptions& options);

// RAD-68 on request: asks the imaging source at `imaging_source_url` (its
// RAD-69 endpoint, e.g. http://host:8080/xds/imaging; POST <it>/publish) to
// publish the manifest of `study_uid` from its PACS (publish_command.cc).
// Prints what it did, or its JSON with `json`. kRefused for 403 (not on
// imaging_source.publishers), 404 (study not on the PACS) and 422 (the
// repository refused); kUnreachable when the imaging source, or the PACS
// or repository behind it (502, 503), could not be reached.
int PublishStudy(const soap::SoapClientOptions& client, const std::string& imaging_source_url,
                 const std::string& study_uid, bool json);

// The region's sharing rules at the registry (sharing_rule_command.cc):
// "add" records a new version of `rule`, "revoke" the next version of the
// rule `rule.id` marked revoked, "list" the rules in force the caller may
// manage, "history" every version of `rule.id`. Printed as a table, or as
// the registry's JSON with `json`.
struct SharingRuleOptions {
  std::string action;
  access::SharingRule rule;
  bool json = false;
};
int SharingRuleCommand(const soap::SoapClientOptions& client, const std::string& registry_base_url,
                       const SharingRuleOptions& options);

}  // namespace xds::cli

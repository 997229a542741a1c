// xds: the project's command-line client, as a Document Source and a
// Document Consumer use it (see apps/cli/commands.h for exit codes).
//
//   xds submit   --repository URL --patient CX [metadata options] FILE...
//   xds retrieve --repository URL --repository-id OID [--out DIR] UNIQUE_ID...
//   xds find     --registry URL --patient CX [--status approved|deprecated]... [--json|--raw]
#include <CLI/CLI.hpp>

#include "apps/cli/commands.h"

int main(int argc, char** argv) {
  CLI::App cli{"xds: submit, find and retrieve documents over IHE XDS.b"};
  cli.require_subcommand(1);

  xds::cli::SubmitOptions submit_options;
  std::string repository_url = "http://127.0.0.1:8080/xds/repository";
  std::string registry_url = "http://127.0.0.1:8080/xds/registry";
  std::vector<std::string> paths;
  auto* submit = cli.add_subcommand("submit", "ITI-41: send files with their metadata to a repository");
  submit->add_option("--repository", repository_url, "repository SOAP endpoint")->capture_default_str();
  submit->add_option("--patient", submit_options.patient_id, "patient id in the affinity domain (CX)")->required();
  submit->add_option("--source-patient", submit_options.source_patient_id, "the site's own patient id (CX)");
  submit->add_option("--source-id", submit_options.source_id, "the Document Source's OID")->capture_default_str();
  submit->add_option("--title", submit_options.title, "document title (default: the file name)");
  submit->add_option("--mime-type", submit_options.mime_type, "mimeType (default: from the file extension)");
  submit->add_option("--class-code", submit_options.class_code, "code^scheme^display")->capture_default_str();
  submit->add_option("--type-code", submit_options.type_code, "code^scheme^display")->capture_default_str();
  submit->add_option("--format-code", submit_options.format_code, "code^scheme^display")->capture_default_str();
  submit->add_option("--facility-type-code", submit_options.facility_type_code, "code^scheme^display")
      ->capture_default_str();
  submit->add_option("--practice-setting-code", submit_options.practice_setting_code, "code^scheme^display")
      ->capture_default_str();
  submit->add_option("--confidentiality-code", submit_options.confidentiality_code, "code^scheme^display")
      ->capture_default_str();
  submit->add_option("--content-type-code", submit_options.content_type_code, "code^scheme^display (SubmissionSet)")
      ->capture_default_str();
  submit->add_option("--event-code", submit_options.event_codes, "code^scheme^display, repeatable")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  submit->add_option("--language", submit_options.language)->capture_default_str();
  submit->add_option("--author", submit_options.author_person, "author person (XCN)");
  submit->add_option("--author-institution", submit_options.author_institution, "author institution (XON)");
  submit->add_option("--creation-time", submit_options.creation_time, "DTM (default: now)");
  std::string replaces, appends, transforms;
  submit->add_option("--replaces", replaces, "entryUUID of the document this one replaces (RPLC)");
  submit->add_option("--appends", appends, "entryUUID of the document this one appends to (APND)");
  submit->add_option("--transforms", transforms, "entryUUID of the document this one transforms (XFRM)");
  submit->add_option("files", paths, "files to submit")->required()->check(CLI::ExistingFile);

  std::string repository_unique_id, out_dir = ".";
  std::vector<std::string> unique_ids;
  auto* retrieve = cli.add_subcommand("retrieve", "ITI-43: fetch documents from a repository into files");
  retrieve->add_option("--repository", repository_url, "repository SOAP endpoint")->capture_default_str();
  retrieve->add_option("--repository-id", repository_unique_id, "the repository's repositoryUniqueId")->required();
  retrieve->add_option("--out", out_dir, "output folder")->capture_default_str();
  retrieve->add_option("unique_ids", unique_ids, "document uniqueIds")->required();

  std::string patient;
  std::vector<std::string> statuses;
  bool json = false, raw = false;
  auto* find = cli.add_subcommand("find", "ITI-18 FindDocuments: a patient's documents");
  find->add_option("--registry", registry_url, "registry SOAP endpoint")->capture_default_str();
  find->add_option("--patient", patient, "patient id (CX)")->required();
  find->add_option("--status", statuses, "approved or deprecated, repeatable")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->check(CLI::IsMember({"approved", "deprecated"}));
  auto* json_flag = find->add_flag("--json", json, "print JSON");
  find->add_flag("--raw", raw, "print the ebXML response")->excludes(json_flag);

  CLI11_PARSE(cli, argc, argv);

  if (submit->parsed()) {
    int relations = !replaces.empty() + !appends.empty() + !transforms.empty();
    if (relations > 1) {
      std::fprintf(stderr, "give at most one of --replaces, --appends, --transforms\n");
      return xds::cli::kUsage;
    }
    if (!replaces.empty()) submit_options.relation = "RPLC", submit_options.related_entry_uuid = replaces;
    if (!appends.empty()) submit_options.relation = "APND", submit_options.related_entry_uuid = appends;
    if (!transforms.empty()) submit_options.relation = "XFRM", submit_options.related_entry_uuid = transforms;
    return xds::cli::Submit(repository_url, submit_options, paths);
  }
  if (retrieve->parsed()) return xds::cli::Retrieve(repository_url, repository_unique_id, unique_ids, out_dir);
  auto format = json ? xds::cli::OutputFormat::kJson : raw ? xds::cli::OutputFormat::kRaw : xds::cli::OutputFormat::kTable;
  return xds::cli::FindDocuments(registry_url, patient, statuses, format);
}

// xds: the project's command-line client, as a Document Source, a Document
// Consumer and an Imaging Document Consumer use it. Exit codes are in
// apps/cli/commands.h and the README ("Command-line client").
//
//   xds submit    --repository URL --patient CX [metadata options | --metadata FILE.json]
//                 [--replaces|--appends|--transforms|--transform-replaces ENTRYUUID]
//                 [--folder-title T [--folder-code C]... | --folder ENTRYUUID] FILE...
//   xds folder    --repository URL --patient CX --title T [--code C]... [--document ENTRYUUID]...
//   xds retrieve  --repository URL --repository-id OID [--out DIR] UNIQUE_ID...
//   xds retrieve-study --repository URL --repository-id OID --manifest UNIQUE_ID
//                 (--imaging-source URL | --wado-rs URL) [--out DIR]
//   xds publish-study --imaging-source URL STUDY_UID [--json]
//   xds find      --registry URL --patient CX [--status S]... [--json|--raw]
//   xds query     --registry URL QUERY_NAME [--patient CX] [--status S]... [--uuid U]...
//                 [--unique-id U]... [--association-type T]... [--param '$Name=value']...
//                 [--object-refs] [--format table|json|ebxml]
//   xds patient   --mllp HOST:PORT PATIENT_CX [--family F --given G]
//   xds sharing-rule add|revoke|list|history --registry URL [--id ID] [--owner S]
//                 [--grantee S]... [--class-code C]... [--purpose P]... [--until DATE] [--json]
//
// Global options (before or after the subcommand), for https:// URLs and
// XUA: --ca FILE, --cert FILE --key FILE (mutual TLS), --assertion FILE (a
// signed SAML 2.0 assertion sent in wsse:Security with every SOAP request).
#include <CLI/CLI.hpp>

#include <csignal>

#include "apps/cli/commands.h"
#include "wire/http/http_client.h"

namespace {

// Repeatable option taking one value per occurrence.
template <typename T>
CLI::Option* Repeatable(CLI::App* app, const std::string& name, T& into, const std::string& help) {
  return app->add_option(name, into, help)
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void AddMetadataOptions(CLI::App* sub, xds::cli::SubmitOptions& o) {
  sub->add_option("--patient", o.patient_id, "patient id in the affinity domain (CX)");
  sub->add_option("--source-patient", o.source_patient_id, "the site's own patient id (CX)");
  sub->add_option("--source-id", o.source_id, "the Document Source's OID")->capture_default_str();
  sub->add_option("--title", o.title, "document title (default: the file name)");
  sub->add_option("--mime-type", o.mime_type, "mimeType (default: from the file extension)");
  sub->add_option("--class-code", o.class_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--type-code", o.type_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--format-code", o.format_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--facility-type-code", o.facility_type_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--practice-setting-code", o.practice_setting_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--confidentiality-code", o.confidentiality_code, "code^scheme^display")->capture_default_str();
  sub->add_option("--content-type-code", o.content_type_code, "code^scheme^display (SubmissionSet)")
      ->capture_default_str();
  Repeatable(sub, "--event-code", o.event_codes, "code^scheme^display, repeatable");
  sub->add_option("--language", o.language)->capture_default_str();
  sub->add_option("--author", o.author_person, "author person (XCN)");
  sub->add_option("--author-institution", o.author_institution, "author institution (XON)");
  sub->add_option("--creation-time", o.creation_time, "DTM (default: now)");
}

xds::cli::OutputFormat FormatOf(const std::string& name) {
  using xds::cli::OutputFormat;
  return name == "json" ? OutputFormat::kJson : name == "ebxml" ? OutputFormat::kRaw : OutputFormat::kTable;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace xds::cli;
  // A server that drops the connection (a TLS node refusing our certificate
  // mid-request) must give a write error and a message, not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App cli{"xds: XDS.b / XDS-I.b client: submit, query, retrieve documents and studies, feed patients"};
  cli.require_subcommand(1);
  int exit_code = kOk;
  std::string repository_url = "http://127.0.0.1:8080/xds/repository";
  std::string registry_url = "http://127.0.0.1:8080/xds/registry";
  bool progress = false;

  // How to reach the actors (every subcommand but `patient`, which speaks
  // MLLP). Subcommands let them fall through, so they may come anywhere.
  Connection connection;
  cli.fallthrough();
  cli.add_option("--ca", connection.ca_file, "PEM: the CAs (or certificates) trusted for https:// actors")
      ->check(CLI::ExistingFile);
  cli.add_option("--cert", connection.certificate_file, "PEM: the client certificate shown over mutual TLS")
      ->check(CLI::ExistingFile);
  cli.add_option("--key", connection.private_key_file, "PEM: its private key")->check(CLI::ExistingFile);
  cli.add_option("--assertion", connection.assertion_file,
                 "file holding the user's signed SAML 2.0 assertion (XUA), sent with every SOAP request")
      ->check(CLI::ExistingFile);

  // submit
  SubmitOptions submit_options;
  std::vector<std::string> paths;
  std::string metadata_file, replaces, appends, transforms, transform_replaces;
  auto* submit = cli.add_subcommand("submit", "ITI-41: send files with their metadata to a repository");
  submit->add_option("--repository", repository_url, "repository SOAP endpoint")->capture_default_str();
  submit->add_option("--metadata", metadata_file, "JSON file of metadata (keys: the option names); options win")
      ->check(CLI::ExistingFile);
  AddMetadataOptions(submit, submit_options);
  submit->add_option("--replaces", replaces, "entryUUID of the document this one replaces (RPLC)");
  submit->add_option("--appends", appends, "entryUUID of the document this one appends to (APND)");
  submit->add_option("--transforms", transforms, "entryUUID of the document this one transforms (XFRM)");
  submit->add_option("--transform-replaces", transform_replaces, "entryUUID it transforms and replaces (XFRM_RPLC)");
  submit->add_option("--folder-title", submit_options.folder_title, "put the files in a new Folder with this title");
  Repeatable(submit, "--folder-code", submit_options.folder_codes, "the new Folder's codeList entry, repeatable");
  submit->add_option("--folder", submit_options.existing_folder, "entryUUID of a registered Folder to put them in");
  submit->add_flag("--progress", progress, "show transfer progress even when stderr is not a terminal");
  submit->add_option("files", paths, "files to submit")->required()->check(CLI::ExistingFile);

  // folder
  SubmitOptions folder_options;
  auto* folder = cli.add_subcommand("folder", "ITI-41: create a Folder, optionally holding registered documents");
  folder->add_option("--repository", repository_url, "repository SOAP endpoint")->capture_default_str();
  folder->add_option("--patient", folder_options.patient_id, "patient id (CX)")->required();
  folder->add_option("--title", folder_options.folder_title, "Folder title")->required();
  Repeatable(folder, "--code", folder_options.folder_codes, "codeList entry code^scheme^display, repeatable");
  Repeatable(folder, "--document", folder_options.folder_members, "entryUUID of a registered document, repeatable");
  folder->add_option("--source-id", folder_options.source_id, "the Document Source's OID")->capture_default_str();

  // retrieve
  std::string repository_unique_id, out_dir = ".";
  std::vector<std::string> unique_ids;
  auto* retrieve = cli.add_subcommand("retrieve", "ITI-43: fetch documents from a repository into files");
  retrieve->add_option("--repository", repository_url, "repository SOAP endpoint")->capture_default_str();
  retrieve->add_option("--repository-id", repository_unique_id, "the repository's repositoryUniqueId")->required();
  retrieve->add_option("--out", out_dir, "output folder")->capture_default_str();
  retrieve->add_option("unique_ids", unique_ids, "document uniqueIds")->required();

  // retrieve-study
  StudyRetrieveOptions study;
  auto* retrieve_study = cli.add_subcommand(
      "retrieve-study", "a study's images through its KOS manifest (ITI-43, then RAD-69 or WADO-RS)");
  retrieve_study->add_option("--repository", study.repository_url, "repository holding the manifest")->required();
  retrieve_study->add_option("--repository-id", study.repository_unique_id, "its repositoryUniqueId")->required();
  retrieve_study->add_option("--manifest", study.manifest_unique_id, "the manifest's uniqueId")->required();
  retrieve_study->add_option("--imaging-source", study.imaging_source_url, "RAD-69 endpoint of the imaging source");
  retrieve_study->add_option("--imaging-source-id", study.imaging_source_id,
                             "its repositoryUniqueId (default: from the manifest)");
  retrieve_study->add_option("--wado-rs", study.wado_rs_url, "WADO-RS base URL instead of RAD-69");
  retrieve_study->add_option("--out", study.out_dir, "folder for the DICOM files")->capture_default_str();
  retrieve_study->add_flag("--progress", study.progress, "show progress even when stderr is not a terminal");

  // publish-study
  std::string publish_url, publish_study_uid;
  bool publish_json = false;
  auto* publish_study = cli.add_subcommand(
      "publish-study", "RAD-68: have an imaging source publish a study's manifest from its PACS");
  publish_study->add_option("--imaging-source", publish_url, "RAD-69 endpoint of the imaging source")->required();
  publish_study->add_option("study_instance_uid", publish_study_uid, "the study's Study Instance UID")->required();
  publish_study->add_flag("--json", publish_json, "print the imaging source's JSON answer");

  // find (FindDocuments shortcut)
  std::string patient;
  std::vector<std::string> statuses;
  bool json = false, raw = false;
  auto* find = cli.add_subcommand("find", "ITI-18 FindDocuments: a patient's documents");
  find->add_option("--registry", registry_url, "registry SOAP endpoint")->capture_default_str();
  find->add_option("--patient", patient, "patient id (CX)")->required();
  Repeatable(find, "--status", statuses, "approved or deprecated, repeatable")
      ->check(CLI::IsMember({"approved", "deprecated"}));
  auto* json_flag = find->add_flag("--json", json, "print JSON");
  find->add_flag("--raw", raw, "print the ebXML response")->excludes(json_flag);

  // query (every stored query)
  QueryOptions query;
  std::string format = "table";
  auto* query_cmd = cli.add_subcommand("query", "ITI-18: any stored query, by name");
  query_cmd->add_option("--registry", registry_url, "registry SOAP endpoint")->capture_default_str();
  query_cmd->add_option("query", query.query, "stored query name")->required()->check(CLI::IsMember(StoredQueryNames()));
  query_cmd->add_option("--patient", query.patient_id, "patient id (CX), for the Find* queries and GetAll");
  Repeatable(query_cmd, "--status", query.statuses, "approved or deprecated, repeatable")
      ->check(CLI::IsMember({"approved", "deprecated"}));
  Repeatable(query_cmd, "--uuid", query.uuids, "entryUUID for the Get* queries, repeatable");
  Repeatable(query_cmd, "--unique-id", query.unique_ids, "uniqueId for the Get* queries, repeatable");
  Repeatable(query_cmd, "--association-type", query.association_types, "RPLC, APND, XFRM, XFRM_RPLC, signs ...");
  Repeatable(query_cmd, "--param", query.raw_params, "'$Name=value' as ebRS writes it, e.g. \"$XDSDocumentEntryClassCode=('C^^S')\"");
  query_cmd->add_flag("--object-refs", query.object_refs, "returnType ObjectRef instead of LeafClass");
  query_cmd->add_option("--format", format, "table, json or ebxml")->check(CLI::IsMember({"table", "json", "ebxml"}));

  // patient
  std::string mllp = "127.0.0.1:2575", patient_id, family = "UNKNOWN", given;
  auto* patient_cmd = cli.add_subcommand("patient", "ITI-8: register a patient with the registry (ADT^A04 over MLLP)");
  patient_cmd->add_option("--mllp", mllp, "the registry's patient identity feed host:port")->capture_default_str();
  patient_cmd->add_option("patient_id", patient_id, "CX: id^^^&assigning-authority-OID&ISO")->required();
  patient_cmd->add_option("--family", family, "family name")->capture_default_str();
  patient_cmd->add_option("--given", given, "given name");

  // sharing-rule
  SharingRuleOptions rule_options;
  auto* rule_cmd = cli.add_subcommand(
      "sharing-rule", "the region's sharing rules at the registry (administrators, or the owning structure)");
  rule_cmd->add_option("action", rule_options.action, "add, revoke, list or history")
      ->required()
      ->check(CLI::IsMember({"add", "revoke", "list", "history"}));
  rule_cmd->add_option("--registry", registry_url, "the registry (its SOAP URL, or just https://host:port)")
      ->capture_default_str();
  rule_cmd->add_option("--id", rule_options.rule.id, "the rule's id (add, revoke, history)");
  rule_cmd->add_option("--owner", rule_options.rule.owner, "the structure whose documents it shares (add)");
  Repeatable(rule_cmd, "--grantee", rule_options.rule.grantees, "a structure granted access, or '*'; repeatable");
  Repeatable(rule_cmd, "--class-code", rule_options.rule.class_codes,
             "a classCode shared, code^codingScheme; repeatable (none: every class)");
  Repeatable(rule_cmd, "--purpose", rule_options.rule.purposes_of_use,
             "a PurposeOfUse code it is granted for; repeatable (none: any purpose)");
  rule_cmd->add_option("--until", rule_options.rule.valid_until, "last day of validity, YYYYMMDD[hhmmss]");
  rule_cmd->add_flag("--json", rule_options.json, "print the registry's JSON");

  try {
    cli.parse(argc, argv);
    if (submit->parsed() && !metadata_file.empty()) {
      // The file gives the defaults; options on the command line win, so
      // parse again over what the file set.
      SubmitOptions from_file;
      if (xds::Status s = LoadMetadataFile(metadata_file, from_file); !s.ok()) {
        std::fprintf(stderr, "%s\n", s.message().c_str());
        return kUsage;
      }
      submit_options = from_file;
      paths.clear();
      cli.parse(argc, argv);
    }
  } catch (const CLI::ParseError& e) {
    int code = cli.exit(e);
    return code == 0 ? kOk : kUsage;  // --help is success; anything else is bad input
  }

  xds::soap::SoapClientOptions client;
  if (int bad = ClientOptions(connection, client)) return bad;

  if (submit->parsed()) {
    if (submit_options.patient_id.empty()) {
      std::fprintf(stderr, "a patient id is required (--patient, or \"patient\" in the metadata file)\n");
      return kUsage;
    }
    int relations = !replaces.empty() + !appends.empty() + !transforms.empty() + !transform_replaces.empty();
    if (relations > 1) {
      std::fprintf(stderr, "give at most one of --replaces, --appends, --transforms, --transform-replaces\n");
      return kUsage;
    }
    for (const auto& [type, uuid] : {std::pair{"RPLC", &replaces}, std::pair{"APND", &appends},
                                     std::pair{"XFRM", &transforms}, std::pair{"XFRM_RPLC", &transform_replaces}})
      if (!uuid->empty()) submit_options.relation = type, submit_options.related_entry_uuid = *uuid;
    exit_code = Submit(client, repository_url, submit_options, paths, progress);
  } else if (folder->parsed()) {
    exit_code = Submit(client, repository_url, folder_options, {}, false);
  } else if (retrieve->parsed()) {
    exit_code = Retrieve(client, repository_url, repository_unique_id, unique_ids, out_dir);
  } else if (retrieve_study->parsed()) {
    exit_code = RetrieveStudy(client, study);
  } else if (publish_study->parsed()) {
    exit_code = PublishStudy(client, publish_url, publish_study_uid, publish_json);
  } else if (find->parsed()) {
    exit_code = FindDocuments(client, registry_url, patient, statuses,
                              json ? OutputFormat::kJson : raw ? OutputFormat::kRaw : OutputFormat::kTable);
  } else if (query_cmd->parsed()) {
    query.format = FormatOf(format);
    exit_code = StoredQueryCommand(client, registry_url, query);
  } else if (patient_cmd->parsed()) {
    exit_code = AddPatient(mllp, patient_id, family, given);
  } else if (rule_cmd->parsed()) {
    auto parts = xds::http::SplitUrl(registry_url);
    if (!parts.ok()) {
      std::fprintf(stderr, "--registry: %s\n", parts.status().message().c_str());
      return kUsage;
    }
    exit_code = SharingRuleCommand(client, parts->base, rule_options);
  }
  // A node with mutual TLS drops a client that shows no certificate, which
  // the client only sees as a broken exchange: say what may be missing.
  bool https = false;
  for (const std::string* url : {&repository_url, &registry_url, &study.repository_url, &study.imaging_source_url,
                                 &study.wado_rs_url, &publish_url})
    https = https || url->rfind("https://", 0) == 0;
  if (exit_code == kUnreachable && https && connection.certificate_file.empty())
    std::fprintf(stderr, "(if the node requires mutual TLS, give your certificate with --cert and --key%s)\n",
                 connection.ca_file.empty() ? ", and --ca for its CA" : "");
  return exit_code;
}

// The metadata file of `xds submit --metadata FILE`: one JSON object whose
// keys are the long option names of `xds submit` (without "--"), e.g.
//   {"patient": "4711^^^&1.3.6.1.4.1.21367.13.20.1000&ISO",
//    "class-code": "REPORTS^1.3.6.1.4.1.19376.1.2.6.1^Reports",
//    "event-code": ["CT^1.2.840.10008.2.16.4^CT"], "author": "^DUPONT^Jean"}
// JSON rather than TOML: the same shape a portal's API already produces.
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "apps/cli/document_metadata.h"

namespace xds::cli {

Status LoadMetadataFile(const std::string& path, SubmitOptions& o) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read metadata file " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Status::InvalidArgument(path + " is not a JSON object");
  const std::map<std::string, std::string*> kStrings = {
      {"patient", &o.patient_id},
      {"source-patient", &o.source_patient_id},
      {"source-id", &o.source_id},
      {"title", &o.title},
      {"mime-type", &o.mime_type},
      {"class-code", &o.class_code},
      {"type-code", &o.type_code},
      {"format-code", &o.format_code},
      {"facility-type-code", &o.facility_type_code},
      {"practice-setting-code", &o.practice_setting_code},
      {"confidentiality-code", &o.confidentiality_code},
      {"content-type-code", &o.content_type_code},
      {"language", &o.language},
      {"author", &o.author_person},
      {"author-institution", &o.author_institution},
      {"creation-time", &o.creation_time},
      {"folder-title", &o.folder_title},
      {"folder", &o.existing_folder}};
  const std::map<std::string, std::vector<std::string>*> kLists = {
      {"event-code", &o.event_codes}, {"folder-code", &o.folder_codes}};
  for (const auto& [key, value] : j.items()) {
    if (auto s = kStrings.find(key); s != kStrings.end()) {
      if (!value.is_string()) return Status::InvalidArgument(path + ": \"" + key + "\" must be a string");
      *s->second = value.get<std::string>();
    } else if (auto l = kLists.find(key); l != kLists.end()) {
      if (!value.is_array()) return Status::InvalidArgument(path + ": \"" + key + "\" must be a list of strings");
      l->second->clear();
      for (const auto& item : value) {
        if (!item.is_string()) return Status::InvalidArgument(path + ": \"" + key + "\" must be a list of strings");
        l->second->push_back(item.get<std::string>());
      }
    } else {
      return Status::InvalidArgument(path + ": unknown key \"" + key + "\"");
    }
  }
  return Status::Ok();
}

}  // namespace xds::cli

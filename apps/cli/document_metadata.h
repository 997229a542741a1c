// DocumentMetadata: the XDS.b metadata a Document Source sends with its
// files (ITI TF-3 4.2.3), built from command-line options: one
// SubmissionSet, one DocumentEntry per file, and their HasMember
// associations, with every attribute the registry requires. Codes are
// given as "code^codingScheme^display".
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/ihe/rim.h"

namespace xds::cli {

struct SubmitOptions {
  std::string patient_id;         // affinity-domain CX, required
  std::string source_patient_id;  // the site's own CX; defaults to patient_id
  std::string source_id = "1.3.6.1.4.1.21367.13.80.1";  // the Document Source's OID
  std::string title;              // default: the file name
  std::string mime_type;          // default: from the file extension
  std::string class_code = "REPORTS^1.3.6.1.4.1.19376.1.2.6.1^Reports";
  std::string type_code = "18748-4^2.16.840.1.113883.6.1^Diagnostic imaging study";
  std::string format_code = "urn:ihe:iti:xds:2017:mimeTypeSufficient^1.3.6.1.4.1.19376.1.2.3^Format from mimeType";
  std::string facility_type_code = "RADDX^2.16.840.1.113883.5.11^Radiology diagnostics";
  std::string practice_setting_code = "394914008^2.16.840.1.113883.6.96^Radiology";
  std::string confidentiality_code = "N^2.16.840.1.113883.5.25^Normal";
  std::string content_type_code = "18748-4^2.16.840.1.113883.6.1^Diagnostic imaging study";
  std::vector<std::string> event_codes;  // each "code^scheme^display"
  std::string language = "en-US";
  std::string author_person;        // XCN, optional
  std::string author_institution;   // XON, optional
  std::string creation_time;        // DTM; default: now
  // Relation to a registered DocumentEntry (by its entryUUID): "RPLC",
  // "APND", "XFRM" or "XFRM_RPLC"; applies to the first file.
  std::string relation;
  std::string related_entry_uuid;
  // A new Folder holding the submitted documents (and `folder_members`,
  // entryUUIDs of registered entries), when folder_title is set
  // (ITI TF-3 4.2.3.4); or an existing Folder (its entryUUID) they join.
  std::string folder_title;
  std::vector<std::string> folder_codes;  // each "code^scheme^display"
  std::vector<std::string> folder_members;
  std::string existing_folder;
};

// One file to submit: its id in the metadata and what the entry says.
struct SubmittedFile {
  std::string path;
  std::string entry_id;   // symbolic id, "Document01" ...
  std::string unique_id;  // minted
  std::string mime_type;
};

// The mimeType for a file name's extension (application/octet-stream when
// unknown).
std::string MimeTypeOf(const std::string& path);

// Builds the metadata; fills `files[i].entry_id/unique_id/mime_type`.
// InvalidArgument for a malformed code option, a missing patient id, or
// nothing to submit (no file and no folder).
Result<ihe::SubmitObjectsRequest> BuildSubmission(const SubmitOptions& options, std::vector<SubmittedFile>& files);

// Reads a metadata file (JSON, see README "Command-line client") over the
// defaults in `options`; command-line options given explicitly win, so
// call this before applying them. InvalidArgument names the bad key.
Status LoadMetadataFile(const std::string& path, SubmitOptions& options);

}  // namespace xds::cli

// The conformance suite's vocabulary: the endpoints under test, one case of
// the catalogue as a small declarative record, the request it sends, the
// outcome it expects and what the runner saw.
//
// A Case names the rule it checks (e.g. "ITI TF-3 4.2.3.2.11
// XDSDocumentEntry.hash"), builds its request from the metadata template
// (suite/metadata_template.h) with fresh ids and a fresh patient, and says
// what must come back: a status, error codes, and for queries and retrieves
// the exact set of objects. Cases never depend on each other.
//
// Plain values; the functions they hold are pure builders.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/ihe/rim.h"

namespace xds::conformance {

class CaseContext;

// Everything the runner may talk to. Anyone's endpoints: nothing here
// assumes our own actors.
struct Endpoints {
  std::string registry_url;          // ITI-42 Register, ITI-18 Stored Query
  std::string registry_query_url;    // ITI-18 when on another endpoint (default: registry_url)
  std::string repository_url;        // ITI-41 Provide and Register, ITI-43 Retrieve
  std::string repository_unique_id;  // the repository's OID (ITI-43, ITI-42 metadata)
  std::string imaging_source_url;    // RAD-69
  std::string imaging_source_id;     // its repositoryUniqueId (KOS Retrieve Location UID)
  std::string wado_rs_url;           // WADO-RS base, e.g. http://host:port/wado-rs
  // uniqueId of a KOS manifest the repository holds for a study the imaging
  // source serves: the image retrieval cases read the study from it.
  std::string imaging_manifest;
  std::string mllp;                          // ITI-8 patient feed, host:port
  std::vector<std::string> patients;         // pre-registered patient ids (CX) instead of a feed
  std::string assigning_authority = "1.3.6.1.4.1.21367.13.20.3000";  // of fed patients
};

enum class Actor { kRegistry, kRepository, kImagingSource };
const char* ActorName(Actor actor);

enum class Transaction {
  kIti42, kIti41, kIti18, kIti43, kRad69, kWadoRs,
  // The metadata lifecycle: Update Document Set, Remove Metadata (registry),
  // Remove Documents (repository), Multi-Patient Stored Query (registry).
  kIti57, kIti62, kIti86, kIti51,
};
const char* TransactionName(Transaction t);

struct Attachment {
  std::string content_id;
  std::string content_type;
  std::string bytes;
};

// One request as it goes on the wire: a SOAP body (and its MTOM parts), or
// for WADO-RS a path under the WADO-RS base URL.
struct Request {
  Transaction transaction = Transaction::kIti42;
  std::string body_xml;
  std::vector<Attachment> attachments;
  std::string http_path;
};

enum class Outcome { kSuccess, kPartialSuccess, kFailure, kHttpOk, kHttpNotFound };
const char* OutcomeName(Outcome o);

// What came back, reduced to what expectations compare.
struct Answer {
  std::string status;                     // short: Success / PartialSuccess / Failure
  std::vector<std::string> error_codes;   // errors and warnings, in order
  std::vector<std::string> error_texts;   // "code: codeContext"
  std::vector<std::string> object_ids;    // ITI-18: LeafClass ids and ObjectRefs
  std::vector<std::string> object_types;  // parallel to object_ids ("DocumentEntry" ...)
  std::vector<ihe::RegistryObject> objects;  // ITI-18 LeafClass objects, for checks on attributes
  // ITI-43 / RAD-69: uniqueId -> bytes; WADO-RS: one entry per part.
  std::vector<std::pair<std::string, std::string>> documents;
  std::vector<std::string> document_mime_types;
  int http_status = 0;
  bool fault = false;
  std::string fault_reason;
};

struct Expected {
  Outcome outcome = Outcome::kSuccess;
  // Each must be among the answer's error codes.
  std::vector<std::string> error_codes;
  // ITI-18: the exact set of returned object ids, as labels of objects the
  // case created (CaseContext::Id). ITI-43/RAD-69: the returned documents'
  // uniqueIds as labels (CaseContext::Uid), bytes compared with what was sent.
  std::optional<std::vector<std::string>> objects;
  // Further checks; returns "" when satisfied, else why not.
  std::function<std::string(CaseContext&, const Answer&)> check;
  std::string check_text;  // what `check` verifies, for the report
};

struct Case {
  std::string id;
  std::string title;
  std::string rule;  // the profile rule it checks, e.g. "ITI TF-2a 3.18.4.1.2.3.7.1"
  Actor actor = Actor::kRegistry;
  // Earlier steps the case stands on (registrations); must succeed.
  std::function<Status(CaseContext&)> setup;
  std::function<Request(CaseContext&)> request;
  Expected expected;
  // Needs an imaging manifest (image retrieval cases).
  bool needs_manifest = false;
};

// Shorthands for expectations.
Expected Succeeds();
Expected FailsWith(std::string error_code);
Expected Returns(std::vector<std::string> labels);
Expected PartiallyWith(std::string error_code, std::vector<std::string> labels);

}  // namespace xds::conformance

// AuditMessage: one ATNA audit record (ITI-20) in the DICOM audit message
// format (DICOM PS3.15 A.5.1; the RFC 3881 format is retired), and its XML.
//
// Plain data: builders in audit_events.h fill it for each IHE transaction;
// ToXml writes the schema's element order, with no namespace, coded values
// as csd-code/codeSystemName/originalText, and ParticipantObjectQuery /
// ParticipantObjectDetail@value base64-encoded as the schema types them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace xds::audit {

// A coded value (CodedValueType): EV(code, codeSystemName, originalText).
struct Code {
  std::string code;
  std::string system_name;
  std::string display;  // written as originalText (required by the schema)
};

// EventOutcomeIndicator.
enum class Outcome : int {
  kSuccess = 0,
  kMinorFailure = 4,    // partial success, warnings
  kSeriousFailure = 8,  // the request failed (error, fault, refusal)
  kMajorFailure = 12,
};

struct ActiveParticipant {
  std::string user_id;
  std::string alternative_user_id;  // process id when the participant is this process
  std::string user_name;
  bool is_requestor = false;
  std::string network_access_point_id;
  int network_access_point_type = 0;  // 1 machine name, 2 IP address, 5 URI; 0: none
  std::vector<Code> roles;            // RoleIDCode
};

struct ParticipantObject {
  std::string id;                   // ParticipantObjectID
  int type_code = 2;                // 1 person, 2 system object, 3 organization, 4 other
  int type_code_role = 0;           // 1 patient, 3 report, 20 job, 24 query ...; 0: none
  int data_life_cycle = 0;          // 0: none
  Code id_type;                     // ParticipantObjectIDTypeCode
  std::string name;                 // ParticipantObjectName (exclusive with query)
  std::string query;                // raw bytes; written base64 (ParticipantObjectQuery)
  // ParticipantObjectDetail (type, raw value; the value is written base64).
  std::vector<std::pair<std::string, std::string>> details;
};

struct AuditMessage {
  // EventIdentification.
  Code event_id;
  char action = 'E';        // C, R, U, D, E
  std::string event_time;   // xs:dateTime, UTC with Z
  Outcome outcome = Outcome::kSuccess;
  std::string outcome_description;
  std::vector<Code> event_types;
  std::vector<Code> purposes_of_use;  // from a XUA assertion (ITI-40)

  std::vector<ActiveParticipant> participants;

  // AuditSourceIdentification.
  std::string audit_source_id;
  std::string audit_enterprise_site_id;
  std::vector<Code> audit_source_types;

  std::vector<ParticipantObject> objects;
};

// The AuditMessage element (no XML declaration, no newline).
std::string ToXml(const AuditMessage& message);

// Now as xs:dateTime in UTC with milliseconds ("2026-12-01T07:15:30.123Z").
std::string UtcNow();

}  // namespace xds::audit

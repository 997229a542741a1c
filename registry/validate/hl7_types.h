// Validators for the HL7 v2 data types that XDS metadata carries in slot and
// ExternalIdentifier values, as profiled by ITI TF-3 Table 4.2.3.1.7-2.
//
// Each function checks one value of one type and returns OK, or
// InvalidArgument whose message says what is wrong (the submission validator
// copies it into the codeContext of an XDSRegistryMetadataError). The values
// are the raw slot text: HL7 separators are the defaults (| ^ ~ \ &) and
// escape sequences are still escaped. HL7 length limits are not enforced
// (TF-3 4.2.3.1.7).
//
// Stateless free functions; safe to call from any number of threads.
#pragma once

#include <string_view>

#include "wire/base/status.h"

namespace xds::registry {

// DTM: UTC "YYYY[MM[DD[hh[mm[ss]]]]]" (4, 6, 8, 10, 12 or 14 digits), no time
// zone, no fraction (Table 4.2.3.1.7-2 "DTM"). Reuses xds::IsDtm.
Status CheckDtm(std::string_view value);

// CX as used for patientId and sourcePatientId: "IdNumber^^^&OID&ISO" and
// nothing else. CX.1 is required, CX.2 and CX.3 are empty, CX.4 is an HD whose
// namespace id is empty, universal id is an OID and universal id type is
// literally "ISO"; no component after CX.4 (Table 4.2.3.1.7-2 "CX").
Status CheckCx(std::string_view value);

// CXi, the referenceIdList value: CXi.1 id (required), CXi.2/.3 empty,
// CXi.4 optional assigning authority (when present "&OID&ISO"), CXi.5
// identifier type code (required) (Table 4.2.3.1.7-2 "CXi"). The type code is
// not checked against a list, because other profiles define further codes.
Status CheckCxi(std::string_view value);

// XCN (authorPerson, legalAuthenticator, the XCN part of intendedRecipient):
// "id^family^given^further^suffix^prefix^^^&AA-OID&ISO". At least XCN.1 or
// XCN.2 is present; when XCN.9 (assigning authority) is present it is
// "&OID&ISO" (Table 4.2.3.1.7-2 "XCN"). Trailing delimiters are ignored.
Status CheckXcn(std::string_view value);

// XON (authorInstitution, the XON part of intendedRecipient): only XON.1
// (organization name, required), XON.6 (assigning authority "&OID&ISO") and
// XON.10 (organization identifier) are used. XON.6 is required when XON.10 is
// present and is not itself an OID (Table 4.2.3.1.7-2 "XON").
Status CheckXon(std::string_view value);

// XTN (authorTelecommunication, the XTN part of intendedRecipient): XTN.3
// equipment type is required; for "Internet" XTN.4 (address) is required,
// otherwise a telephone number in XTN.7 (or the unformatted XTN.12) is
// required (Table 4.2.3.1.7-2 "XTN").
Status CheckXtn(std::string_view value);

// Coded String (authorRole, authorSpecialty when coded): "Code^^^&OID&ISO",
// i.e. the CX shape with a code in component 1 (Table 4.2.3.1.7-2 "Coded
// String").
Status CheckCodedString(std::string_view value);

// authorRole / authorSpecialty: either a plain String (no component
// separator) or a Coded String (TF-3 4.2.3.1.4).
Status CheckStringOrCodedString(std::string_view value);

// HL7 escape sequences in a value: only \F\ \S\ \T\ \R\ \E\ are allowed;
// formatting and local escapes (\H\ \N\ \Zdddd\ ...) and a lone "\" are not
// (Table 4.2.3.1.7-2, introduction).
Status CheckEscapes(std::string_view value);

// One sourcePatientInfo value: "PID-<n>|<field>", with n a PID field number
// (TF-3 4.2.3.2, sourcePatientInfo). The field text is checked for escapes
// only. Cardinality across values (one PID-7, one PID-8) is the caller's.
Status CheckSourcePatientInfoValue(std::string_view value);

// The PID field number of a sourcePatientInfo value ("PID-7|..." -> 7), or
// -1 when the value is not of that form.
int PidFieldNumber(std::string_view value);

// One intendedRecipient value: "XON|XCN|XTN"; trailing parts may be omitted,
// leading empty parts are kept, at least one part is present
// (TF-3 4.2.3.3, intendedRecipient).
Status CheckIntendedRecipient(std::string_view value);

}  // namespace xds::registry

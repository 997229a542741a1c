// XDS.b vocabulary: object types, classification and identification schemes,
// association types, status values and SOAP actions (ITI TF-3 4.2.5,
// ITI TF-2 3.18.4.1.2.4, ITI TF-2 Appendix V). Values cross-checked in
// ../shared/ihe/metadata.md.
#pragma once

#include <string_view>

namespace xds::vocab {

// ebRIM object types.
inline constexpr std::string_view kStableDocumentEntry = "urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1";
inline constexpr std::string_view kOnDemandDocumentEntry = "urn:uuid:34268e47-fdf5-41a6-ba33-82133c465248";
inline constexpr std::string_view kSubmissionSetNode = "urn:uuid:a54d6aa5-d40d-43f9-88c5-b4633d873bdd";
inline constexpr std::string_view kFolderNode = "urn:uuid:d9d542f3-6cc4-48b6-8870-ea235fbc94c2";
inline constexpr std::string_view kLimitedMetadataDe = "urn:uuid:ab9b591b-83ab-4d03-8f5d-f93b1fb92e85";
inline constexpr std::string_view kLimitedMetadataSs = "urn:uuid:5003a9db-8d8d-49e6-bf0c-990e34ac7707";
inline constexpr std::string_view kLimitedMetadataFd = "urn:uuid:2c144a76-29a9-4b7c-af54-b25409fe7d03";
inline constexpr std::string_view kObjectTypeClassification =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Classification";
inline constexpr std::string_view kObjectTypeExternalIdentifier =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:ExternalIdentifier";
inline constexpr std::string_view kObjectTypeAssociation =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:Association";
inline constexpr std::string_view kObjectTypeRegistryPackage =
    "urn:oasis:names:tc:ebxml-regrep:ObjectType:RegistryObject:RegistryPackage";

// Classification schemes.
inline constexpr std::string_view kDeAuthor = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d";
inline constexpr std::string_view kDeClassCode = "urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a";
inline constexpr std::string_view kDeConfidentialityCode = "urn:uuid:f4f85eac-e6cb-4883-b524-f2705394840f";
inline constexpr std::string_view kDeEventCode = "urn:uuid:2c6b8cb7-8b2a-4051-b291-b1ae6a575ef4";
inline constexpr std::string_view kDeFormatCode = "urn:uuid:a09d5840-386c-46f2-b5ad-9c3699a4309d";
inline constexpr std::string_view kDeHealthcareFacilityTypeCode = "urn:uuid:f33fb8ac-18af-42cc-ae0e-ed0b0bdb91e1";
inline constexpr std::string_view kDePracticeSettingCode = "urn:uuid:cccf5598-8b07-4b77-a05e-ae952c785ead";
inline constexpr std::string_view kDeTypeCode = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
inline constexpr std::string_view kSsAuthor = "urn:uuid:a7058bb9-b4e4-4307-ba5b-e3f0ab85e12d";
inline constexpr std::string_view kSsContentTypeCode = "urn:uuid:aa543740-bdda-424e-8c96-df4873be8500";
inline constexpr std::string_view kFdCodeList = "urn:uuid:1ba97051-7806-41a8-a48b-8fce7af683c5";
inline constexpr std::string_view kAssociationDocumentation = "urn:uuid:abd807a3-4432-4053-87b4-fd82c643d1f3";

// External identifier schemes.
inline constexpr std::string_view kDePatientId = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
inline constexpr std::string_view kDeUniqueId = "urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab";
inline constexpr std::string_view kSsPatientId = "urn:uuid:6b5aea1a-874d-4603-a4bc-96a0a7b38446";
inline constexpr std::string_view kSsUniqueId = "urn:uuid:96fdda7c-d067-4183-912e-bf5ee74998a8";
inline constexpr std::string_view kSsSourceId = "urn:uuid:554ac39e-e3fe-47fe-b233-965d2a147832";
inline constexpr std::string_view kFdPatientId = "urn:uuid:f64ffdf0-4b97-4e06-b79f-a52b38ec2f8a";
inline constexpr std::string_view kFdUniqueId = "urn:uuid:75df8f67-9973-4fbe-a900-df66cefecc5a";

// Association types.
inline constexpr std::string_view kHasMember = "urn:oasis:names:tc:ebxml-regrep:AssociationType:HasMember";
inline constexpr std::string_view kRplc = "urn:ihe:iti:2007:AssociationType:RPLC";
inline constexpr std::string_view kXfrm = "urn:ihe:iti:2007:AssociationType:XFRM";
inline constexpr std::string_view kApnd = "urn:ihe:iti:2007:AssociationType:APND";
inline constexpr std::string_view kXfrmRplc = "urn:ihe:iti:2007:AssociationType:XFRM_RPLC";
inline constexpr std::string_view kSigns = "urn:ihe:iti:2007:AssociationType:signs";
inline constexpr std::string_view kIsSnapshotOf = "urn:ihe:iti:2010:AssociationType:IsSnapshotOf";
// Metadata Update (ITI-57): a SubmissionSet changes the availabilityStatus
// of its target (slots OriginalStatus, NewStatus).
inline constexpr std::string_view kUpdateAvailabilityStatus =
    "urn:ihe:iti:2010:AssociationType:UpdateAvailabilityStatus";
inline constexpr std::string_view kSubmitAssociation = "urn:ihe:iti:2010:AssociationType:SubmitAssociation";

// Status values.
inline constexpr std::string_view kApproved = "urn:oasis:names:tc:ebxml-regrep:StatusType:Approved";
inline constexpr std::string_view kDeprecated = "urn:oasis:names:tc:ebxml-regrep:StatusType:Deprecated";

// Response status and error severity.
inline constexpr std::string_view kResponseSuccess = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success";
inline constexpr std::string_view kResponseFailure = "urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Failure";
inline constexpr std::string_view kResponsePartialSuccess = "urn:ihe:iti:2007:ResponseStatusType:PartialSuccess";
inline constexpr std::string_view kSeverityError = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error";
inline constexpr std::string_view kSeverityWarning = "urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning";

// SOAP actions (wsa:Action).
inline constexpr std::string_view kActionRegister = "urn:ihe:iti:2007:RegisterDocumentSet-b";
inline constexpr std::string_view kActionRegisterResponse = "urn:ihe:iti:2007:RegisterDocumentSet-bResponse";
inline constexpr std::string_view kActionStoredQuery = "urn:ihe:iti:2007:RegistryStoredQuery";
inline constexpr std::string_view kActionStoredQueryResponse = "urn:ihe:iti:2007:RegistryStoredQueryResponse";
inline constexpr std::string_view kActionProvideAndRegister = "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b";
inline constexpr std::string_view kActionProvideAndRegisterResponse =
    "urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse";
// Metadata lifecycle (ITI-57, ITI-62, ITI-92) and Multi-Patient Query (ITI-51).
inline constexpr std::string_view kActionUpdateDocumentSet = "urn:ihe:iti:2010:UpdateDocumentSet";
inline constexpr std::string_view kActionUpdateDocumentSetResponse = "urn:ihe:iti:2010:UpdateDocumentSetResponse";
inline constexpr std::string_view kActionDeleteDocumentSet = "urn:ihe:iti:2010:DeleteDocumentSet";
inline constexpr std::string_view kActionDeleteDocumentSetResponse = "urn:ihe:iti:2010:DeleteDocumentSetResponse";
inline constexpr std::string_view kActionRestrictedUpdateDocumentSet = "urn:ihe:iti:2018:RestrictedUpdateDocumentSet";
inline constexpr std::string_view kActionRestrictedUpdateDocumentSetResponse =
    "urn:ihe:iti:2018:RestrictedUpdateDocumentSetResponse";
inline constexpr std::string_view kActionMultiPatientQuery = "urn:ihe:iti:2009:MultiPatientStoredQuery";
inline constexpr std::string_view kActionMultiPatientQueryResponse = "urn:ihe:iti:2009:MultiPatientStoredQueryResponse";
inline constexpr std::string_view kActionRetrieve = "urn:ihe:iti:2007:RetrieveDocumentSet";
inline constexpr std::string_view kActionRetrieveResponse = "urn:ihe:iti:2007:RetrieveDocumentSetResponse";
// Remove Documents (ITI-86), Document Administrator -> Document Repository.
inline constexpr std::string_view kActionRemoveDocuments = "urn:ihe:iti:2017:RemoveDocuments";
inline constexpr std::string_view kActionRemoveDocumentsResponse = "urn:ihe:iti:2017:RemoveDocumentsResponse";

// Slot names.
inline constexpr std::string_view kSlotSubmissionSetStatus = "SubmissionSetStatus";
inline constexpr std::string_view kSlotReferenceIdList = "urn:ihe:iti:xds:2013:referenceIdList";
// Metadata Update slots (ITI-57).
inline constexpr std::string_view kSlotPreviousVersion = "PreviousVersion";
inline constexpr std::string_view kSlotAssociationPropagation = "AssociationPropagation";
inline constexpr std::string_view kSlotOriginalStatus = "OriginalStatus";
inline constexpr std::string_view kSlotNewStatus = "NewStatus";
inline constexpr std::string_view kSlotDocumentAvailability = "documentAvailability";
inline constexpr std::string_view kDocumentAvailabilityOffline = "urn:ihe:iti:2010:DocumentAvailability:Offline";

}  // namespace xds::vocab

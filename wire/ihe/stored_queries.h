// The AdhocQuery ids of the ITI-18 Registry Stored Queries (ITI TF-2a
// 3.18.4.1.2.4) and of the ITI-51 Multi-Patient Queries, written once for
// the registry that serves them and every client that sends them.
#pragma once

namespace xds::ihe::query_id {

inline constexpr char kFindDocuments[] = "urn:uuid:14d4debf-8f97-4251-9a74-a90016b0af0d";
inline constexpr char kFindSubmissionSets[] = "urn:uuid:f26abbcb-ac74-4422-8a30-edb644bbc1a9";
inline constexpr char kFindFolders[] = "urn:uuid:958f3006-baad-4929-a4de-ff1114824431";
inline constexpr char kGetAll[] = "urn:uuid:10b545ea-725c-446d-9b95-8aeb444eddf3";
inline constexpr char kGetDocuments[] = "urn:uuid:5c4f972b-d56b-40ac-a5fc-c8ca9b40b9d4";
inline constexpr char kGetFolders[] = "urn:uuid:5737b14c-8a1a-4539-b659-e03a34a5e1e4";
inline constexpr char kGetAssociations[] = "urn:uuid:a7ae438b-4bc2-4642-93e9-be891f7bb155";
inline constexpr char kGetDocumentsAndAssociations[] = "urn:uuid:bab9529a-4a10-40b3-a01f-f68a615d247a";
inline constexpr char kGetSubmissionSets[] = "urn:uuid:51224314-5390-4169-9b91-b1980040715a";
inline constexpr char kGetSubmissionSetAndContents[] = "urn:uuid:e8e3cb2c-e39c-46b9-99e4-c12f57260b83";
inline constexpr char kGetFolderAndContents[] = "urn:uuid:b909a503-523d-4517-8acf-8e5834dfc4c7";
inline constexpr char kGetFoldersForDocument[] = "urn:uuid:10cae35a-c7f9-4cf5-b61e-fc3278ffb578";
inline constexpr char kGetRelatedDocuments[] = "urn:uuid:d90e5407-b356-4d91-a89f-873917b4b0e6";
// Reference ID option.
inline constexpr char kFindDocumentsByReferenceId[] = "urn:uuid:12941a89-e02e-4be5-967c-ce4bfc8fe492";
// ITI-51 Multi-Patient Stored Query.
inline constexpr char kFindDocumentsForMultiplePatients[] = "urn:uuid:3d1bdb10-39a2-11de-89c2-2f44d94eaa9f";
inline constexpr char kFindFoldersForMultiplePatients[] = "urn:uuid:50d3f5ac-39a2-11de-a1ca-b366239e58df";

}  // namespace xds::ihe::query_id

// The ebRIM 3.0 object model as XDS.b uses it (ITI TF-3 4.1-4.2): a generic,
// faithful representation of what arrives in a SubmitObjectsRequest and what
// leaves in an AdhocQueryResponse. Nothing here knows XDS rules; the typed
// reading of these objects (DocumentEntry fields, codes) is in xds_metadata.h
// and the rules are the registry's.
//
// Plain values: copy and move freely; no thread-safety concerns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace xds::ihe {

struct Slot {
  std::string name;
  std::vector<std::string> values;
};

struct Classification {
  std::string id;
  std::string classification_scheme;  // coded attribute or author scheme
  std::string classification_node;    // SubmissionSet / Folder label
  std::string classified_object;
  std::string node_representation;    // the code value
  std::string name;                   // display name (first LocalizedString)
  std::vector<Slot> slots;            // codingScheme, authorPerson ...
  std::string object_type;

  std::string SlotValue(std::string_view slot_name) const;
  const Slot* FindSlot(std::string_view slot_name) const;
};

struct ExternalIdentifier {
  std::string id;
  std::string identification_scheme;
  std::string registry_object;
  std::string value;
  std::string name;
  std::string object_type;
};

enum class ObjectKind { kExtrinsicObject, kRegistryPackage, kAssociation };

struct RegistryObject {
  ObjectKind kind = ObjectKind::kExtrinsicObject;
  std::string id;           // entryUUID (or a symbolic id inside a submission)
  std::string lid;          // logicalID (Metadata Update)
  std::string object_type;
  std::string status;
  std::string home;         // homeCommunityId
  std::string mime_type;    // ExtrinsicObject only
  bool has_name = false;
  std::string name;         // title
  bool has_description = false;
  std::string description;  // comments
  std::string version_name;
  std::vector<Slot> slots;
  std::vector<Classification> classifications;
  std::vector<ExternalIdentifier> external_identifiers;
  // Association only.
  std::string association_type;
  std::string source_object;
  std::string target_object;

  const Slot* FindSlot(std::string_view slot_name) const;
  Slot* FindSlot(std::string_view slot_name);
  // First value of a slot; empty when absent.
  std::string SlotValue(std::string_view slot_name) const;
  // Replaces (or adds) a single-valued slot.
  void SetSlot(std::string_view slot_name, std::string value);
  const ExternalIdentifier* FindExternalIdentifier(std::string_view scheme) const;
  std::string ExternalIdentifierValue(std::string_view scheme) const;
  std::vector<const Classification*> ClassificationsWithScheme(std::string_view scheme) const;
  bool HasClassificationNode(std::string_view node) const;
};

// lcm:SubmitObjectsRequest (ITI-42, and the metadata part of ITI-41).
struct SubmitObjectsRequest {
  std::vector<RegistryObject> objects;  // in document order
  std::vector<std::string> object_refs; // rim:ObjectRef ids listed in the request
};

// query:AdhocQueryRequest (ITI-18). Parameters keep their raw ebRS value
// text; the registry's query layer decodes them.
struct AdhocQueryRequest {
  std::string return_type = "LeafClass";
  std::string query_id;
  std::string home;
  std::vector<Slot> parameters;  // one entry per rim:Slot, in order
};

}  // namespace xds::ihe

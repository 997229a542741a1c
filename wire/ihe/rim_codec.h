// Reading and writing the ebRIM/ebRS 3.0 messages of the XDS.b profile.
//
// Readers take an element of a document parsed by wire/xml (so the hardened
// parser has already run) and return plain values from rim.h; no libxml2
// type leaves this folder. Writers append to an xml::XmlWriter.
#pragma once

#include <string>
#include <vector>

#include "wire/base/status.h"
#include "wire/ihe/registry_error.h"
#include "wire/ihe/rim.h"
#include "wire/xml/xml_document.h"
#include "wire/xml/xml_writer.h"

namespace xds::ihe {

// rim:ExtrinsicObject, rim:RegistryPackage or rim:Association.
Result<RegistryObject> ReadRegistryObject(const xml::XmlElement& element);

// lcm:SubmitObjectsRequest. Free-standing rim:Classification elements in the
// list (the SubmissionSet/Folder labels may be siblings) are attached to the
// object they classify, so callers see one shape.
Result<SubmitObjectsRequest> ReadSubmitObjectsRequest(const xml::XmlElement& element);

// query:AdhocQueryRequest.
Result<AdhocQueryRequest> ReadAdhocQueryRequest(const xml::XmlElement& element);

// rs:RegistryResponse, as a client (repository, tests) receives it.
struct RegistryResponse {
  std::string status;
  RegistryErrors errors;
  bool success() const;
};
Result<RegistryResponse> ReadRegistryResponse(const xml::XmlElement& element);

// query:AdhocQueryResponse, as a client receives it.
struct AdhocQueryResponse {
  std::string status;
  std::vector<RegistryObject> objects;
  std::vector<std::string> object_refs;
  RegistryErrors errors;
};
Result<AdhocQueryResponse> ReadAdhocQueryResponse(const xml::XmlElement& element);

// Writers. `declare_namespaces` puts xmlns:rim on the element itself so that
// the fragment stands alone (used when the registry stores object bodies).
void WriteRegistryObject(xml::XmlWriter& w, const RegistryObject& object,
                         bool declare_namespaces = false);
// The same with every choice spelled out. `omit_status` leaves the status
// attribute out whatever object.status holds: the registry stores bodies
// without it (the status changes and is kept apart), and writing them this
// way spares copying the object to clear it.
struct RegistryObjectWriteOptions {
  bool declare_namespaces = false;
  bool omit_status = false;
};
void WriteRegistryObject(xml::XmlWriter& w, const RegistryObject& object,
                         const RegistryObjectWriteOptions& options);
void WriteSubmitObjectsRequest(xml::XmlWriter& w, const SubmitObjectsRequest& request);
void WriteAdhocQueryRequest(xml::XmlWriter& w, const AdhocQueryRequest& request);
// query:AdhocQueryResponse: LeafClass objects or ObjectRefs, and errors.
// Status: Success, PartialSuccess (results and errors) or Failure.
void WriteAdhocQueryResponse(xml::XmlWriter& w, const std::vector<RegistryObject>& objects,
                             const std::vector<std::string>& object_refs, const RegistryErrors& errors);
// The same with the LeafClass objects already written: each of `object_xml`
// is one complete, well-formed rim:ExtrinsicObject / RegistryPackage /
// Association element (declaring the namespaces it uses), copied as it is.
void WriteAdhocQueryResponseXml(xml::XmlWriter& w, const std::vector<std::string>& object_xml,
                                const std::vector<std::string>& object_refs, const RegistryErrors& errors);
// Status is derived: Success without errors; with errors, PartialSuccess
// when `partly_done` (ITI-86 removed some documents), else Failure.
void WriteRegistryResponse(xml::XmlWriter& w, const RegistryErrors& errors, bool partly_done = false);
void WriteRegistryErrorList(xml::XmlWriter& w, const RegistryErrors& errors);

// Overall status of a response carrying `errors`: Failure when an error is
// present and nothing was returned, PartialSuccess when both, else Success.
std::string_view ResponseStatus(const RegistryErrors& errors, bool returned_something);

}  // namespace xds::ihe

// Writes ebRIM 3.0 objects and ebRS messages. Element order follows the
// ebRIM 3.0 schema: Slot*, Name?, Description?, VersionInfo?,
// Classification*, ExternalIdentifier*.
#include "wire/ihe/namespaces.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::ihe {
namespace {

using xml::XmlWriter;

void WriteSlot(XmlWriter& w, const Slot& slot) {
  w.Open("rim:Slot").Attr("name", slot.name).Open("rim:ValueList");
  for (const auto& v : slot.values) w.Element("rim:Value", v);
  w.Close().Close();
}

void WriteInternational(XmlWriter& w, std::string_view qname, const std::string& value) {
  w.Open(qname).Open("rim:LocalizedString").Attr("value", value).Close().Close();
}

void WriteClassification(XmlWriter& w, const Classification& c) {
  w.Open("rim:Classification");
  if (!c.classification_scheme.empty()) w.Attr("classificationScheme", c.classification_scheme);
  if (!c.classification_node.empty()) w.Attr("classificationNode", c.classification_node);
  w.Attr("classifiedObject", c.classified_object).Attr("id", c.id);
  if (!c.classification_scheme.empty()) w.Attr("nodeRepresentation", c.node_representation);
  w.Attr("objectType", vocab::kObjectTypeClassification);
  for (const auto& s : c.slots) WriteSlot(w, s);
  if (!c.name.empty()) WriteInternational(w, "rim:Name", c.name);
  w.Close();
}

void WriteExternalIdentifier(XmlWriter& w, const ExternalIdentifier& x) {
  w.Open("rim:ExternalIdentifier")
      .Attr("id", x.id)
      .Attr("identificationScheme", x.identification_scheme)
      .Attr("objectType", vocab::kObjectTypeExternalIdentifier)
      .Attr("registryObject", x.registry_object)
      .Attr("value", x.value);
  if (!x.name.empty()) WriteInternational(w, "rim:Name", x.name);
  w.Close();
}

void DeclareNamespaces(XmlWriter& w, bool rim, bool rs, bool query, bool lcm) {
  if (rim) w.Attr("xmlns:rim", ns::kRim);
  if (rs) w.Attr("xmlns:rs", ns::kRs);
  if (query) w.Attr("xmlns:query", ns::kQuery);
  if (lcm) w.Attr("xmlns:lcm", ns::kLcm);
}

}  // namespace

void WriteRegistryObject(XmlWriter& w, const RegistryObject& o, bool declare_namespaces) {
  WriteRegistryObject(w, o, RegistryObjectWriteOptions{declare_namespaces, false});
}

void WriteRegistryObject(XmlWriter& w, const RegistryObject& o, const RegistryObjectWriteOptions& options) {
  switch (o.kind) {
    case ObjectKind::kExtrinsicObject: w.Open("rim:ExtrinsicObject"); break;
    case ObjectKind::kRegistryPackage: w.Open("rim:RegistryPackage"); break;
    case ObjectKind::kAssociation: w.Open("rim:Association"); break;
  }
  if (options.declare_namespaces) DeclareNamespaces(w, true, false, false, false);
  w.Attr("id", o.id);
  if (!o.lid.empty()) w.Attr("lid", o.lid);
  if (!o.home.empty()) w.Attr("home", o.home);
  if (!o.object_type.empty()) w.Attr("objectType", o.object_type);
  if (!o.status.empty() && !options.omit_status) w.Attr("status", o.status);
  if (o.kind == ObjectKind::kExtrinsicObject) w.Attr("mimeType", o.mime_type);
  if (o.kind == ObjectKind::kAssociation) {
    w.Attr("associationType", o.association_type)
        .Attr("sourceObject", o.source_object)
        .Attr("targetObject", o.target_object);
  }
  for (const auto& s : o.slots) WriteSlot(w, s);
  if (o.has_name) WriteInternational(w, "rim:Name", o.name);
  if (o.has_description) WriteInternational(w, "rim:Description", o.description);
  if (!o.version_name.empty()) w.Open("rim:VersionInfo").Attr("versionName", o.version_name).Close();
  for (const auto& c : o.classifications) WriteClassification(w, c);
  for (const auto& x : o.external_identifiers) WriteExternalIdentifier(w, x);
  w.Close();
}

void WriteSubmitObjectsRequest(XmlWriter& w, const SubmitObjectsRequest& request) {
  w.Open("lcm:SubmitObjectsRequest");
  DeclareNamespaces(w, true, false, false, true);
  w.Open("rim:RegistryObjectList");
  for (const auto& o : request.objects) WriteRegistryObject(w, o);
  for (const auto& id : request.object_refs) w.Open("rim:ObjectRef").Attr("id", id).Close();
  w.Close().Close();
}

void WriteAdhocQueryRequest(XmlWriter& w, const AdhocQueryRequest& request) {
  w.Open("query:AdhocQueryRequest");
  DeclareNamespaces(w, true, false, true, false);
  w.Open("query:ResponseOption")
      .Attr("returnComposedObjects", "true")
      .Attr("returnType", request.return_type)
      .Close();
  w.Open("rim:AdhocQuery").Attr("id", request.query_id);
  if (!request.home.empty()) w.Attr("home", request.home);
  for (const auto& p : request.parameters) WriteSlot(w, p);
  w.Close().Close();
}

void WriteRegistryErrorList(XmlWriter& w, const RegistryErrors& errors) {
  if (errors.empty()) return;
  w.Open("rs:RegistryErrorList")
      .Attr("highestSeverity", HasError(errors) ? vocab::kSeverityError : vocab::kSeverityWarning);
  for (const auto& e : errors) {
    w.Open("rs:RegistryError")
        .Attr("codeContext", e.code_context)
        .Attr("errorCode", e.error_code)
        .Attr("location", e.location)
        .Attr("severity", e.warning ? vocab::kSeverityWarning : vocab::kSeverityError)
        .Close();
  }
  w.Close();
}

void WriteRegistryResponse(XmlWriter& w, const RegistryErrors& errors, bool partly_done) {
  w.Open("rs:RegistryResponse");
  DeclareNamespaces(w, false, true, false, false);
  w.Attr("status", ResponseStatus(errors, partly_done));
  WriteRegistryErrorList(w, errors);
  w.Close();
}

namespace {

// Both forms of WriteAdhocQueryResponse; `write_objects` writes the
// LeafClass objects into the open rim:RegistryObjectList.
template <typename WriteObjects>
void WriteQueryResponse(XmlWriter& w, bool has_objects, const std::vector<std::string>& object_refs,
                        const RegistryErrors& errors, const WriteObjects& write_objects) {
  const bool returned = has_objects || !object_refs.empty();
  w.Open("query:AdhocQueryResponse");
  DeclareNamespaces(w, true, true, true, false);
  w.Attr("status", ResponseStatus(errors, returned));
  // ebRS 3.0: AdhocQueryResponse extends RegistryResponseType, so the
  // inherited RegistryErrorList comes before the RegistryObjectList, which
  // is required (empty on Failure, ITI TF-2 3.18.4.1.3).
  WriteRegistryErrorList(w, errors);
  w.Open("rim:RegistryObjectList");
  write_objects();
  for (const auto& id : object_refs) w.Open("rim:ObjectRef").Attr("id", id).Close();
  w.Close();
  w.Close();
}

}  // namespace

void WriteAdhocQueryResponse(XmlWriter& w, const std::vector<RegistryObject>& objects,
                             const std::vector<std::string>& object_refs, const RegistryErrors& errors) {
  WriteQueryResponse(w, !objects.empty(), object_refs, errors, [&] {
    for (const auto& o : objects) WriteRegistryObject(w, o);
  });
}

void WriteAdhocQueryResponseXml(XmlWriter& w, const std::vector<std::string>& object_xml,
                                const std::vector<std::string>& object_refs, const RegistryErrors& errors) {
  WriteQueryResponse(w, !object_xml.empty(), object_refs, errors, [&] {
    for (const auto& xml : object_xml) w.Raw(xml);
  });
}

std::string_view ResponseStatus(const RegistryErrors& errors, bool returned_something) {
  if (!HasError(errors)) return vocab::kResponseSuccess;
  return returned_something ? vocab::kResponsePartialSuccess : vocab::kResponseFailure;
}

}  // namespace xds::ihe

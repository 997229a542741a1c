// Reads ebRIM 3.0 objects and ebRS messages from parsed XML. Children are
// walked in place (FirstChildElement / NextSiblingElement) rather than
// collected into vectors: a submission has hundreds of elements.
#include <map>

#include "wire/ihe/namespaces.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"

namespace xds::ihe {
namespace {

using xml::XmlElement;

std::string FirstLocalizedString(const XmlElement& international_string) {
  XmlElement ls = international_string.FirstChild(ns::kRim, "LocalizedString");
  return ls ? ls.Attr("value") : std::string();
}

Slot ReadSlot(const XmlElement& e) {
  Slot slot;
  slot.name = e.Attr("name");
  if (XmlElement list = e.FirstChild(ns::kRim, "ValueList"))
    for (XmlElement v = list.FirstChildElement(); v; v = v.NextSiblingElement())
      if (v.Is(ns::kRim, "Value")) slot.values.push_back(v.Text());
  return slot;
}

Result<Classification> ReadClassification(const XmlElement& e) {
  Classification c;
  c.id = e.Attr("id");
  c.classification_scheme = e.Attr("classificationScheme");
  c.classification_node = e.Attr("classificationNode");
  c.classified_object = e.Attr("classifiedObject");
  c.node_representation = e.Attr("nodeRepresentation");
  c.object_type = e.Attr("objectType");
  for (XmlElement child = e.FirstChildElement(); child; child = child.NextSiblingElement()) {
    if (child.Is(ns::kRim, "Slot")) c.slots.push_back(ReadSlot(child));
    else if (child.Is(ns::kRim, "Name")) c.name = FirstLocalizedString(child);
  }
  return c;
}

ExternalIdentifier ReadExternalIdentifier(const XmlElement& e) {
  ExternalIdentifier x;
  x.id = e.Attr("id");
  x.identification_scheme = e.Attr("identificationScheme");
  x.registry_object = e.Attr("registryObject");
  x.value = e.Attr("value");
  x.object_type = e.Attr("objectType");
  if (XmlElement name = e.FirstChild(ns::kRim, "Name")) x.name = FirstLocalizedString(name);
  return x;
}

RegistryErrors ReadErrorList(const XmlElement& response) {
  RegistryErrors errors;
  XmlElement list = response.FirstChild(ns::kRs, "RegistryErrorList");
  if (!list) return errors;
  for (const auto& e : list.Children(ns::kRs, "RegistryError")) {
    RegistryError err;
    err.error_code = e.Attr("errorCode");
    err.code_context = e.Attr("codeContext");
    err.location = e.Attr("location");
    err.warning = e.Attr("severity") == vocab::kSeverityWarning;
    errors.push_back(std::move(err));
  }
  return errors;
}

}  // namespace

Result<RegistryObject> ReadRegistryObject(const XmlElement& e) {
  RegistryObject o;
  if (e.Is(ns::kRim, "ExtrinsicObject")) o.kind = ObjectKind::kExtrinsicObject;
  else if (e.Is(ns::kRim, "RegistryPackage")) o.kind = ObjectKind::kRegistryPackage;
  else if (e.Is(ns::kRim, "Association")) o.kind = ObjectKind::kAssociation;
  else return Status::InvalidArgument("unexpected element " + std::string(e.LocalName()));

  o.id = e.Attr("id");
  o.lid = e.Attr("lid");
  o.object_type = e.Attr("objectType");
  o.status = e.Attr("status");
  o.home = e.Attr("home");
  o.mime_type = e.Attr("mimeType");
  o.association_type = e.Attr("associationType");
  o.source_object = e.Attr("sourceObject");
  o.target_object = e.Attr("targetObject");
  for (XmlElement child = e.FirstChildElement(); child; child = child.NextSiblingElement()) {
    if (child.NamespaceUri() != ns::kRim) continue;
    std::string_view n = child.LocalName();
    if (n == "Slot") {
      o.slots.push_back(ReadSlot(child));
    } else if (n == "Name") {
      o.has_name = true;
      o.name = FirstLocalizedString(child);
    } else if (n == "Description") {
      o.has_description = true;
      o.description = FirstLocalizedString(child);
    } else if (n == "VersionInfo") {
      o.version_name = child.Attr("versionName");
    } else if (n == "Classification") {
      auto c = ReadClassification(child);
      if (!c.ok()) return c.status();
      o.classifications.push_back(std::move(*c));
    } else if (n == "ExternalIdentifier") {
      o.external_identifiers.push_back(ReadExternalIdentifier(child));
    }
  }
  return o;
}

Result<SubmitObjectsRequest> ReadSubmitObjectsRequest(const XmlElement& e) {
  if (!e.Is(ns::kLcm, "SubmitObjectsRequest"))
    return Status::InvalidArgument("expected lcm:SubmitObjectsRequest, found " +
                                   std::string(e.LocalName()));
  XmlElement list = e.FirstChild(ns::kRim, "RegistryObjectList");
  if (!list) return Status::InvalidArgument("SubmitObjectsRequest has no rim:RegistryObjectList");

  SubmitObjectsRequest request;
  std::vector<Classification> free_classifications;
  for (XmlElement child = list.FirstChildElement(); child; child = child.NextSiblingElement()) {
    if (child.Is(ns::kRim, "Classification")) {
      auto c = ReadClassification(child);
      if (!c.ok()) return c.status();
      free_classifications.push_back(std::move(*c));
    } else if (child.Is(ns::kRim, "ObjectRef")) {
      request.object_refs.push_back(child.Attr("id"));
    } else if (child.Is(ns::kRim, "ExtrinsicObject") || child.Is(ns::kRim, "RegistryPackage") ||
               child.Is(ns::kRim, "Association")) {
      auto o = ReadRegistryObject(child);
      if (!o.ok()) return o.status();
      request.objects.push_back(std::move(*o));
    } else {
      return Status::InvalidArgument("unsupported element in RegistryObjectList: " +
                                     std::string(child.LocalName()));
    }
  }
  std::map<std::string, size_t> by_id;
  for (size_t i = 0; i < request.objects.size(); ++i) by_id.emplace(request.objects[i].id, i);
  for (auto& c : free_classifications) {
    auto it = by_id.find(c.classified_object);
    if (it == by_id.end())
      return Status::NotFound("Classification " + c.id + " classifies unknown object '" +
                              c.classified_object + "'");
    request.objects[it->second].classifications.push_back(std::move(c));
  }
  return request;
}

Result<AdhocQueryRequest> ReadAdhocQueryRequest(const XmlElement& e) {
  if (!e.Is(ns::kQuery, "AdhocQueryRequest"))
    return Status::InvalidArgument("expected query:AdhocQueryRequest, found " +
                                   std::string(e.LocalName()));
  AdhocQueryRequest request;
  if (XmlElement option = e.FirstChild(ns::kQuery, "ResponseOption"))
    if (option.HasAttr("returnType")) request.return_type = option.Attr("returnType");
  XmlElement query = e.FirstChild(ns::kRim, "AdhocQuery");
  if (!query) return Status::InvalidArgument("AdhocQueryRequest has no rim:AdhocQuery");
  request.query_id = query.Attr("id");
  request.home = query.Attr("home");
  for (const auto& slot : query.Children(ns::kRim, "Slot")) request.parameters.push_back(ReadSlot(slot));
  return request;
}

bool RegistryResponse::success() const { return status == vocab::kResponseSuccess; }

Result<RegistryResponse> ReadRegistryResponse(const XmlElement& e) {
  if (!e.Is(ns::kRs, "RegistryResponse"))
    return Status::InvalidArgument("expected rs:RegistryResponse, found " + std::string(e.LocalName()));
  RegistryResponse r;
  r.status = e.Attr("status");
  r.errors = ReadErrorList(e);
  return r;
}

Result<AdhocQueryResponse> ReadAdhocQueryResponse(const XmlElement& e) {
  if (!e.Is(ns::kQuery, "AdhocQueryResponse"))
    return Status::InvalidArgument("expected query:AdhocQueryResponse, found " +
                                   std::string(e.LocalName()));
  AdhocQueryResponse r;
  r.status = e.Attr("status");
  r.errors = ReadErrorList(e);
  if (XmlElement list = e.FirstChild(ns::kRim, "RegistryObjectList")) {
    for (const auto& child : list.Children()) {
      if (child.Is(ns::kRim, "ObjectRef")) {
        r.object_refs.push_back(child.Attr("id"));
        continue;
      }
      auto o = ReadRegistryObject(child);
      if (!o.ok()) return o.status();
      r.objects.push_back(std::move(*o));
    }
  }
  return r;
}

}  // namespace xds::ihe

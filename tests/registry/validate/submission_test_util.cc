#include "tests/registry/validate/submission_test_util.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/xml/xml_document.h"

#ifndef XDS_TESTDATA_DIR
#error "XDS_TESTDATA_DIR must be defined (tests/CMakeLists.txt xds_add_test)"
#endif

namespace xds::registry::testing {

ihe::SubmitObjectsRequest LoadSubmission(std::string_view file_name) {
  std::string path = std::string(XDS_TESTDATA_DIR) + "/submissions/" + std::string(file_name);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto doc = xml::XmlDocument::Parse(bytes.str());
  if (!doc.ok()) throw std::runtime_error(path + ": " + doc.status().ToString());
  auto request = ihe::ReadSubmitObjectsRequest(doc->Root());
  if (!request.ok()) throw std::runtime_error(path + ": " + request.status().ToString());
  return std::move(request).value();
}

ihe::RegistryObject& Object(ihe::SubmitObjectsRequest& request, std::string_view id) {
  for (auto& o : request.objects)
    if (o.id == id) return o;
  throw std::runtime_error("no object " + std::string(id));
}

ihe::Slot& SlotOf(ihe::RegistryObject& object, std::string_view name) {
  if (ihe::Slot* s = object.FindSlot(name)) return *s;
  throw std::runtime_error(object.id + " has no slot " + std::string(name));
}

ihe::Classification& CodeOf(ihe::RegistryObject& object, std::string_view scheme) {
  for (auto& c : object.classifications)
    if (c.classification_scheme == scheme) return c;
  throw std::runtime_error(object.id + " has no classification " + std::string(scheme));
}

ihe::ExternalIdentifier& IdentifierOf(ihe::RegistryObject& object, std::string_view scheme) {
  for (auto& x : object.external_identifiers)
    if (x.identification_scheme == scheme) return x;
  throw std::runtime_error(object.id + " has no identifier " + std::string(scheme));
}

void RemoveSlot(ihe::RegistryObject& object, std::string_view name) {
  std::erase_if(object.slots, [&](const ihe::Slot& s) { return s.name == name; });
}

void RemoveClassifications(ihe::RegistryObject& object, std::string_view scheme_or_node) {
  std::erase_if(object.classifications, [&](const ihe::Classification& c) {
    return c.classification_scheme == scheme_or_node || c.classification_node == scheme_or_node;
  });
}

void RemoveIdentifier(ihe::RegistryObject& object, std::string_view scheme) {
  std::erase_if(object.external_identifiers, [&](const ihe::ExternalIdentifier& x) {
    return x.identification_scheme == scheme;
  });
}

void RemoveObject(ihe::SubmitObjectsRequest& request, std::string_view id) {
  std::erase_if(request.objects, [&](const ihe::RegistryObject& o) { return o.id == id; });
}

void RenameObject(ihe::SubmitObjectsRequest& request, std::string_view from, std::string_view to) {
  auto fix = [&](std::string& ref) {
    if (ref == from) ref = std::string(to);
  };
  for (auto& o : request.objects) {
    fix(o.id);
    fix(o.source_object);
    fix(o.target_object);
    for (auto& c : o.classifications) fix(c.classified_object);
    for (auto& x : o.external_identifiers) fix(x.registry_object);
  }
}

void MakeOnDemand(ihe::RegistryObject& entry) {
  entry.object_type = std::string(vocab::kOnDemandDocumentEntry);
  RemoveSlot(entry, "creationTime");
  RemoveSlot(entry, "hash");
  RemoveSlot(entry, "size");
}

ihe::RegistryObject Association(std::string_view id, std::string_view type, std::string_view source,
                                std::string_view target) {
  ihe::RegistryObject a;
  a.kind = ihe::ObjectKind::kAssociation;
  a.id = std::string(id);
  a.association_type = std::string(type);
  a.source_object = std::string(source);
  a.target_object = std::string(target);
  return a;
}

ihe::Classification CodedValue(std::string_view id, std::string_view scheme,
                               std::string_view classified_object, std::string_view code,
                               std::string_view coding_scheme) {
  ihe::Classification c;
  c.id = std::string(id);
  c.classification_scheme = std::string(scheme);
  c.classified_object = std::string(classified_object);
  c.node_representation = std::string(code);
  c.name = "display";
  c.slots.push_back(ihe::Slot{"codingScheme", {std::string(coding_scheme)}});
  return c;
}

std::string Dump(const ihe::RegistryErrors& errors) {
  std::string out;
  for (const auto& e : errors) out += "\n  " + e.error_code + ": " + e.code_context;
  return errors.empty() ? std::string(" (no errors)") : out;
}

namespace {

bool Matches(const ihe::RegistryError& e, ihe::ErrorCode code,
             std::initializer_list<std::string_view> parts) {
  if (e.error_code != ihe::ErrorCodeName(code) || e.warning) return false;
  return std::all_of(parts.begin(), parts.end(), [&](std::string_view p) {
    return e.code_context.find(p) != std::string::npos;
  });
}

std::string Describe(ihe::ErrorCode code, std::initializer_list<std::string_view> parts) {
  std::string out(ihe::ErrorCodeName(code));
  out += " mentioning";
  for (std::string_view p : parts) out += " '" + std::string(p) + "'";
  return out;
}

}  // namespace

::testing::AssertionResult OnlyError(const ihe::RegistryErrors& errors, ihe::ErrorCode code,
                                     std::initializer_list<std::string_view> parts) {
  if (errors.size() == 1 && Matches(errors.front(), code, parts))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected only " << Describe(code, parts) << "; got" << Dump(errors);
}

::testing::AssertionResult HasError(const ihe::RegistryErrors& errors, ihe::ErrorCode code,
                                    std::initializer_list<std::string_view> parts) {
  for (const auto& e : errors)
    if (Matches(e, code, parts)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "expected " << Describe(code, parts) << "; got" << Dump(errors);
}

}  // namespace xds::registry::testing

// Helpers shared by the wire/ihe tests: reading testdata, parsing a fragment,
// and a field-by-field dump of RegistryObject for comparisons with a
// readable diff.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "wire/ihe/rim.h"
#include "wire/xml/xml_document.h"

#ifndef XDS_TESTDATA_DIR
#error "XDS_TESTDATA_DIR must be defined (tests/CMakeLists.txt xds_add_test)"
#endif

namespace xds::ihe::testutil {

inline std::string ReadTestdata(std::string_view relative) {
  std::ifstream in(std::string(XDS_TESTDATA_DIR) + "/" + std::string(relative), std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open testdata " << relative;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Parses text that must be well-formed; the returned document owns the tree.
inline xml::XmlDocument MustParse(const std::string& text) {
  auto doc = xml::XmlDocument::Parse(text);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString() << "\n" << text;
  return doc.ok() ? std::move(*doc) : xml::XmlDocument();
}

inline void DumpSlots(std::ostringstream& out, const std::vector<Slot>& slots, const char* indent) {
  for (const auto& s : slots) {
    out << indent << "slot " << s.name << " =";
    for (const auto& v : s.values) out << " [" << v << "]";
    out << "\n";
  }
}

// Every field of the object, one per line.
inline std::string Dump(const RegistryObject& o) {
  std::ostringstream out;
  out << "kind=" << static_cast<int>(o.kind) << "\nid=" << o.id << "\nlid=" << o.lid
      << "\nobjectType=" << o.object_type << "\nstatus=" << o.status << "\nhome=" << o.home
      << "\nmimeType=" << o.mime_type << "\nhas_name=" << o.has_name << " name=" << o.name
      << "\nhas_description=" << o.has_description << " description=" << o.description
      << "\nversionName=" << o.version_name << "\nassociationType=" << o.association_type
      << "\nsource=" << o.source_object << "\ntarget=" << o.target_object << "\n";
  DumpSlots(out, o.slots, "");
  for (const auto& c : o.classifications) {
    out << "classification id=" << c.id << " scheme=" << c.classification_scheme
        << " node=" << c.classification_node << " object=" << c.classified_object
        << " rep=" << c.node_representation << " name=" << c.name << " type=" << c.object_type << "\n";
    DumpSlots(out, c.slots, "  ");
  }
  for (const auto& x : o.external_identifiers)
    out << "externalIdentifier id=" << x.id << " scheme=" << x.identification_scheme
        << " object=" << x.registry_object << " value=" << x.value << " name=" << x.name
        << " type=" << x.object_type << "\n";
  return out.str();
}

}  // namespace xds::ihe::testutil

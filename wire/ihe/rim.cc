#include "wire/ihe/rim.h"

namespace xds::ihe {

const Slot* Classification::FindSlot(std::string_view slot_name) const {
  for (const auto& s : slots)
    if (s.name == slot_name) return &s;
  return nullptr;
}

std::string Classification::SlotValue(std::string_view slot_name) const {
  const Slot* s = FindSlot(slot_name);
  return s != nullptr && !s->values.empty() ? s->values.front() : std::string();
}

const Slot* RegistryObject::FindSlot(std::string_view slot_name) const {
  for (const auto& s : slots)
    if (s.name == slot_name) return &s;
  return nullptr;
}

Slot* RegistryObject::FindSlot(std::string_view slot_name) {
  for (auto& s : slots)
    if (s.name == slot_name) return &s;
  return nullptr;
}

std::string RegistryObject::SlotValue(std::string_view slot_name) const {
  const Slot* s = FindSlot(slot_name);
  return s != nullptr && !s->values.empty() ? s->values.front() : std::string();
}

void RegistryObject::SetSlot(std::string_view slot_name, std::string value) {
  if (Slot* s = FindSlot(slot_name)) {
    s->values = {std::move(value)};
    return;
  }
  slots.push_back(Slot{std::string(slot_name), {std::move(value)}});
}

const ExternalIdentifier* RegistryObject::FindExternalIdentifier(std::string_view scheme) const {
  for (const auto& e : external_identifiers)
    if (e.identification_scheme == scheme) return &e;
  return nullptr;
}

std::string RegistryObject::ExternalIdentifierValue(std::string_view scheme) const {
  const ExternalIdentifier* e = FindExternalIdentifier(scheme);
  return e != nullptr ? e->value : std::string();
}

std::vector<const Classification*> RegistryObject::ClassificationsWithScheme(
    std::string_view scheme) const {
  std::vector<const Classification*> out;
  for (const auto& c : classifications)
    if (c.classification_scheme == scheme) out.push_back(&c);
  return out;
}

bool RegistryObject::HasClassificationNode(std::string_view node) const {
  for (const auto& c : classifications)
    if (c.classification_node == node) return true;
  return false;
}

}  // namespace xds::ihe

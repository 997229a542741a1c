#include "wire/config/config.h"

#include <toml++/toml.h>

namespace xds {

struct Config::Impl {
  toml::table table;
};

Config::Config() : impl_(std::make_unique<Impl>()) {}
Config::~Config() = default;
Config::Config(Config&&) noexcept = default;
Config& Config::operator=(Config&&) noexcept = default;

Result<Config> Config::Parse(const std::string& toml_text) {
  try {
    Config c;
    c.impl_->table = toml::parse(toml_text);
    return c;
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(std::string("configuration: ") + std::string(e.description()) +
                                   " at line " + std::to_string(e.source().begin.line));
  }
}

Result<Config> Config::LoadFile(const std::string& path) {
  try {
    Config c;
    c.impl_->table = toml::parse_file(path);
    return c;
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ": " + std::string(e.description()) + " at line " +
                                   std::to_string(e.source().begin.line));
  }
}

bool Config::Has(const std::string& key) const {
  return static_cast<bool>(impl_->table.at_path(key));
}

std::string Config::String(const std::string& key, const std::string& fallback) const {
  return impl_->table.at_path(key).value_or(fallback);
}

int64_t Config::Int(const std::string& key, int64_t fallback) const {
  return impl_->table.at_path(key).value_or(fallback);
}

bool Config::Bool(const std::string& key, bool fallback) const {
  return impl_->table.at_path(key).value_or(fallback);
}

std::vector<std::string> Config::Strings(const std::string& key) const {
  std::vector<std::string> out;
  if (const toml::array* arr = impl_->table.at_path(key).as_array())
    for (const auto& v : *arr)
      if (auto s = v.value<std::string>()) out.push_back(*s);
  return out;
}

std::vector<std::string> Config::Keys(const std::string& key) const {
  std::vector<std::string> out;
  if (const toml::table* t = impl_->table.at_path(key).as_table())
    for (const auto& [k, v] : *t) out.emplace_back(k.str());
  return out;
}

}  // namespace xds

// Config: the one configuration file (TOML) from which every actor reads its
// settings, so that all actors can run in one process from one file or each
// on its own host from its own file.
//
// Keys are dotted paths ("registry.database"). Values missing from the file
// take the caller's default. Immutable after loading; thread-safe to read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "wire/base/status.h"

namespace xds {

class Config {
 public:
  static Result<Config> LoadFile(const std::string& path);
  static Result<Config> Parse(const std::string& toml_text);

  Config();
  ~Config();
  Config(Config&&) noexcept;
  Config& operator=(Config&&) noexcept;

  bool Has(const std::string& key) const;
  std::string String(const std::string& key, const std::string& fallback = {}) const;
  int64_t Int(const std::string& key, int64_t fallback) const;
  bool Bool(const std::string& key, bool fallback) const;
  std::vector<std::string> Strings(const std::string& key) const;
  // The keys of the table at `key` ("access.structures" → the ids of
  // [access.structures.<id>] tables), in file order; empty if none.
  std::vector<std::string> Keys(const std::string& key) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xds

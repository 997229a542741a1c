// TempDir: a fresh directory under $TMPDIR removed (recursively) when the
// object goes out of scope. For test databases and spools.
#pragma once

#include <string>

namespace xds::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace xds::testing

// Report: the bench's result table, one line per figure with its target
// and PASS/MISS when it has one, printed to stdout at the end.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace xds::bench {

class Report {
 public:
  void Section(const std::string& title);
  // A figure without a target.
  void Row(const std::string& figure, const std::string& value, const std::string& note = "");
  // A figure with a target: `pass` decides PASS/MISS.
  void Check(const std::string& figure, const std::string& value, const std::string& target, bool pass);
  void Print(std::FILE* out) const;

 private:
  struct Line {
    bool section = false;
    std::string figure, value, target, verdict;
  };
  std::vector<Line> lines_;
};

// printf into a std::string.
std::string Format(const char* format, ...) __attribute__((format(printf, 1, 2)));

}  // namespace xds::bench

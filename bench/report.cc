#include "bench/report.h"

#include <algorithm>
#include <cstdarg>

namespace xds::bench {

std::string Format(const char* format, ...) {
  char buf[512];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buf, sizeof buf, format, args);
  va_end(args);
  return buf;
}

void Report::Section(const std::string& title) { lines_.push_back({true, title, "", "", ""}); }

void Report::Row(const std::string& figure, const std::string& value, const std::string& note) {
  lines_.push_back({false, figure, value, note, ""});
}

void Report::Check(const std::string& figure, const std::string& value, const std::string& target, bool pass) {
  lines_.push_back({false, figure, value, target, pass ? "PASS" : "MISS"});
}

void Report::Print(std::FILE* out) const {
  size_t w_figure = 6, w_value = 5, w_target = 6;
  for (const auto& l : lines_) {
    if (l.section) continue;
    w_figure = std::max(w_figure, l.figure.size());
    w_value = std::max(w_value, l.value.size());
    w_target = std::max(w_target, l.target.size());
  }
  const int f = static_cast<int>(w_figure), v = static_cast<int>(w_value), t = static_cast<int>(w_target);
  std::fprintf(out, "%-*s  %*s  %-*s  %s\n", f + 2, "figure", v, "value", t, "target", "result");
  std::fprintf(out, "%s\n", std::string(w_figure + w_value + w_target + 14, '-').c_str());
  for (const auto& l : lines_) {
    if (l.section) {
      std::fprintf(out, "[%s]\n", l.figure.c_str());
      continue;
    }
    std::fprintf(out, "  %-*s  %*s  %-*s  %s\n", f, l.figure.c_str(), v, l.value.c_str(), t,
                 l.target.c_str(), l.verdict.c_str());
  }
}

}  // namespace xds::bench

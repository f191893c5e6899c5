#pragma once
// Progress of long work on stderr: a redrawn bar on a terminal, periodic
// plain lines otherwise (log files, CI), nothing when the log level is above
// info (`--log-level warn`).
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace ssb::core {

class Progress {
 public:
  enum class Style { Auto, Bar, Lines, Silent };

  // `total` units of work; `out` defaults to stderr.
  Progress(std::string label, std::uint64_t total, Style style = Style::Auto,
           std::ostream* out = nullptr);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Report that `done` units are complete (monotone; may be called often:
  // output is throttled).
  void update(std::uint64_t done);
  void advance(std::uint64_t units = 1) { update(done_ + units); }
  void finish();

  Style style() const { return style_; }
  // Percent (0-100) last printed, for tests.
  int lastPrintedPercent() const { return lastPercent_; }

 private:
  void print(bool final);

  std::string label_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  Style style_;
  std::ostream* out_;
  std::chrono::steady_clock::time_point start_, lastPrint_;
  int lastPercent_ = -1;
  bool finished_ = false;
};

}  // namespace ssb::core

#include "core/Progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "core/Log.hpp"

namespace ssb::core {

Progress::Progress(std::string label, std::uint64_t total, Style style, std::ostream* out)
    : label_(std::move(label)), total_(std::max<std::uint64_t>(total, 1)), style_(style),
      out_(out ? out : &std::cerr) {
  if (style_ == Style::Auto) {
    if (!logEnabled(spdlog::level::info))
      style_ = Style::Silent;
    else
      style_ = isatty(STDERR_FILENO) ? Style::Bar : Style::Lines;
  }
  start_ = lastPrint_ = std::chrono::steady_clock::now();
}

Progress::~Progress() {
  if (!finished_ && style_ == Style::Bar && lastPercent_ >= 0) *out_ << "\n" << std::flush;
}

void Progress::update(std::uint64_t done) {
  done_ = std::min(std::max(done, done_), total_);
  if (style_ == Style::Silent || finished_) return;
  const int percent = static_cast<int>(100 * done_ / total_);
  const auto now = std::chrono::steady_clock::now();
  const double sinceLast = std::chrono::duration<double>(now - lastPrint_).count();
  // A bar redraws at most 10 times a second; lines come every 10 % or 30 s.
  const bool due = style_ == Style::Bar
                       ? (percent != lastPercent_ && sinceLast > 0.1)
                       : (percent / 10 != lastPercent_ / 10 || sinceLast > 30.0);
  if (due || lastPercent_ < 0) {
    lastPercent_ = percent;
    lastPrint_ = now;
    print(false);
  }
}

void Progress::finish() {
  if (finished_) return;
  done_ = total_;
  if (style_ != Style::Silent && !(style_ == Style::Lines && lastPercent_ == 100)) {
    lastPercent_ = 100;
    print(true);
  }
  finished_ = true;
}

void Progress::print(bool final) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::ostringstream line;
  if (style_ == Style::Bar) {
    constexpr int kWidth = 30;
    const int filled = lastPercent_ * kWidth / 100;
    line << "\r" << label_ << " [" << std::string(filled, '#') << std::string(kWidth - filled, ' ')
         << "] " << std::setw(3) << lastPercent_ << "% " << std::fixed << std::setprecision(1)
         << elapsed << " s";
    if (final) line << "\n";
  } else {
    line << label_ << ": " << lastPercent_ << "% (" << done_ << "/" << total_ << ") "
         << std::fixed << std::setprecision(1) << elapsed << " s\n";
  }
  *out_ << line.str() << std::flush;
}

}  // namespace ssb::core

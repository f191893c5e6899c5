#include "core/Log.hpp"

#include <spdlog/sinks/stdout_sinks.h>

#include "core/Error.hpp"

namespace ssb::core {

spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = std::make_shared<spdlog::logger>(
        "ssbvox", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    l->set_pattern("ssbvox: %l: %v");
    l->set_level(spdlog::level::info);
    return l;
  }();
  return *logger;
}

void setLogLevel(const std::string& level) {
  static const char* kNames[] = {"trace", "debug", "info", "warn", "error", "off"};
  static const spdlog::level::level_enum kLevels[] = {
      spdlog::level::trace, spdlog::level::debug, spdlog::level::info,
      spdlog::level::warn,  spdlog::level::err,   spdlog::level::off};
  for (int i = 0; i < 6; ++i) {
    if (level == kNames[i]) {
      log().set_level(kLevels[i]);
      return;
    }
  }
  throw InputError("--log-level: '" + level +
                   "' is not one of trace, debug, info, warn, error, off");
}

void setLogToolName(const std::string& tool) { log().set_pattern(tool + ": %l: %v"); }

bool logEnabled(spdlog::level::level_enum level) { return log().should_log(level); }

}  // namespace ssb::core

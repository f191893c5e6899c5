#pragma once
// Logging for all tools: one spdlog logger writing to stderr, so stdout stays
// free for data (`-o -`) and JSON (`--json -`).
#include <spdlog/spdlog.h>

#include <string>

namespace ssb::core {

// The shared logger ("ssbvox"); created on first use.
spdlog::logger& log();

// Sets the level from "trace", "debug", "info", "warn", "error" or "off";
// throws InputError naming --log-level otherwise.
void setLogLevel(const std::string& level);

// Prefix every message with the tool's name, e.g. "voxconvert: ".
void setLogToolName(const std::string& tool);

bool logEnabled(spdlog::level::level_enum level);

}  // namespace ssb::core

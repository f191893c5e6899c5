#pragma once
// `--sides periodic|bounded`, the one vocabulary of every tool that has
// lateral sides (core/Sides.hpp). The words of the previous release,
// segment's `open` and effcond's `insulated`, are still read as `bounded`,
// with a warning, for one release.
#include <CLI/CLI.hpp>

#include "core/Sides.hpp"

namespace ssb::cli {

CLI::Option* addSidesOption(CLI::App& app, core::Sides& sides, const std::string& description);

}  // namespace ssb::cli

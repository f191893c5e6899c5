#include "cli/SidesOption.hpp"

#include "core/Log.hpp"

namespace ssb::cli {

CLI::Option* addSidesOption(CLI::App& app, core::Sides& sides, const std::string& description) {
  return app
      .add_option_function<std::string>(
          "--sides",
          [&sides](const std::string& word) {
            sides = word == "periodic" ? core::Sides::Periodic : core::Sides::Bounded;
            if (word == "open" || word == "insulated")
              core::log().warn("--sides {}: the previous release's word, read as 'bounded' (it goes in the next)",
                               word);
          },
          description + " (periodic or bounded)")
      ->check(CLI::IsMember({"periodic", "bounded", "open", "insulated"}))
      ->default_str(std::string(core::sidesName(sides)));
}

}  // namespace ssb::cli

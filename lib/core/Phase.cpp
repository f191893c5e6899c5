#include "core/Phase.hpp"

#include <cctype>
#include <string>

namespace ssb::core {

std::optional<std::uint8_t> parsePhase(std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < kPhaseCount; ++i)
    if (lower == kPhaseNames[i] || lower == std::to_string(i)) return static_cast<std::uint8_t>(i);
  return std::nullopt;
}

}  // namespace ssb::core
